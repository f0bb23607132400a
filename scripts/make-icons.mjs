#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-<size>.png): a rounded teal square with three rising
 * white bars. Written with node's zlib alone, so the icons can be regenerated anywhere:
 *
 *   node scripts/make-icons.mjs
 *
 * The design sits on a 16 × 16 grid, so every edge falls on a pixel boundary at each size
 * (all multiples of 16) and only the rounded corners need anti-aliasing.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../assets");

/** Office's teal (Fluent "teal" shared colour). */
const TEAL = [0x03, 0x83, 0x87];
const WHITE = [0xff, 0xff, 0xff];

const GRID = 16;
const CORNER_RADIUS = 3;
/** The bars in grid units: [left, top, right, bottom], rising left to right. */
const BARS = [
  [3, 9, 5, 13],
  [7, 6, 9, 13],
  [11, 3, 13, 13],
];
/** Samples per pixel side for anti-aliasing. */
const SUPERSAMPLING = 8;

function insideRoundedSquare(x, y) {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(x, r), GRID - r);
  const cy = Math.min(Math.max(y, r), GRID - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insideBar(x, y) {
  return BARS.some(
    ([left, top, right, bottom]) => x >= left && x < right && y >= top && y < bottom
  );
}

/** RGBA pixels, row by row, of the icon at `size` × `size`. */
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLING * SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let bar = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const x = ((px + (sx + 0.5) / SUPERSAMPLING) * GRID) / size;
          const y = ((py + (sy + 0.5) / SUPERSAMPLING) * GRID) / size;
          if (!insideRoundedSquare(x, y)) continue;
          if (insideBar(x, y)) bar++;
          else background++;
        }
      }
      const covered = background + bar;
      const offset = (py * size + px) * 4;
      if (covered === 0) continue; // transparent
      for (let channel = 0; channel < 3; channel++) {
        const mix = (TEAL[channel] * background + WHITE[channel] * bar) / covered;
        pixels[offset + channel] = Math.round(mix);
      }
      pixels[offset + 3] = Math.round((255 * covered) / samples);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG (8-bit RGBA, no interlace) of `size` × `size` pixels. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // interlace: none
  const stride = size * 4;
  const scanlines = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    scanlines[y * (stride + 1)] = 0; // filter type: none
    rgba.copy(scanlines, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(scanlines, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = path.join(OUT_DIR, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, drawIcon(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
