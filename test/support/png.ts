/**
 * Reads a PNG's pixel size from its IHDR chunk (PNG spec §11.2.2), enough to check that an
 * icon the manifest names is the size the manifest claims.
 */
import fs from "node:fs";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngSize {
  width: number;
  height: number;
}

/** The width and height of the PNG at `file`; throws if the file is not a PNG. */
export function pngSize(file: string): PngSize {
  const bytes = fs.readFileSync(file);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error(`${file} is not a PNG file`);
  }
  // The first chunk must be IHDR: length (4 bytes), type (4), then width and height.
  if (bytes.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} does not start with an IHDR chunk`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
