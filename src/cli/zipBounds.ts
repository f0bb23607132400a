/**
 * Bounds on what an .xlsx file (a zip archive) may unpack to, checked before ExcelJS inflates
 * it, so that a small file that unpacks to gigabytes (a "zip bomb") is refused within seconds
 * instead of exhausting memory.
 *
 * Two checks, both against one budget of unpacked bytes:
 * - declared: the sizes the central directory gives for every part, each and in sum;
 * - actual: every compressed part is inflated as a stream, counting bytes and keeping none,
 *   and stopped as soon as it passes its declared size (a size that lies) or the budget.
 */
import { createInflateRaw } from "node:zlib";

/** Unpacked bytes an .xlsx may hold by default: 512 MiB (a 1,000,000-row sheet is ~150 MiB). */
export const DEFAULT_MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/** Why an archive is refused. */
export type ZipProblem =
  | { readonly kind: "notZip" }
  | { readonly kind: "tooLarge"; readonly entry: string; readonly limit: number };

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const MAX_32 = 0xffffffff;

/** A 64-bit little-endian size or offset as a number (exact up to 2^53). */
function readUInt64(zip: Buffer, at: number): number {
  return zip.readUInt32LE(at) + zip.readUInt32LE(at + 4) * 2 ** 32;
}

/** Where the central directory starts and how many entries it has (zip64 records read). */
function directoryOf(zip: Buffer, eocd: number): { offset: number; count: number } | undefined {
  const count = zip.readUInt16LE(eocd + 10);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count !== 0xffff && offset !== MAX_32) return { offset, count };
  const locator = eocd - 20;
  if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  const record = readUInt64(zip, locator + 8);
  if (record + 56 > zip.length || zip.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE)
    return undefined;
  return { offset: readUInt64(zip, record + 48), count: readUInt64(zip, record + 32) };
}

/** The central directory's entries, or undefined when the bytes are no zip archive. */
function centralDirectory(zip: Buffer): ZipEntry[] | undefined {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const directory = directoryOf(zip, eocd);
  if (directory === undefined) return undefined;
  let { offset } = directory;
  const entries: ZipEntry[] = [];
  for (let k = 0; k < directory.count; k++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE)
      return undefined;
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let compressedSize = zip.readUInt32LE(offset + 20);
    let declaredSize = zip.readUInt32LE(offset + 24);
    let localHeaderOffset = zip.readUInt32LE(offset + 42);
    // Zip64: sizes and offset of 0xFFFFFFFF are in the extra field 0x0001, in this order.
    const extraStart = offset + 46 + nameLength;
    for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
      const id = zip.readUInt16LE(at);
      const size = zip.readUInt16LE(at + 2);
      if (id === 0x0001) {
        let field = at + 4;
        if (declaredSize === MAX_32) {
          declaredSize = readUInt64(zip, field);
          field += 8;
        }
        if (compressedSize === MAX_32) {
          compressedSize = readUInt64(zip, field);
          field += 8;
        }
        if (localHeaderOffset === MAX_32) localHeaderOffset = readUInt64(zip, field);
      }
      at += 4 + size;
    }
    entries.push({
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates `data` as a stream, keeping nothing; resolves its size, or `max + 1` once past `max`. */
function inflatedSize(data: Buffer, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let size = 0;
    let settled = false;
    inflater.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max && !settled) {
        settled = true;
        inflater.destroy();
        resolve(max + 1);
      }
    });
    inflater.on("end", () => {
      if (!settled) resolve(size);
    });
    inflater.on("error", (error) => {
      if (!settled) reject(error);
    });
    inflater.end(data);
  });
}

/**
 * Checks an .xlsx file's bytes against a budget of unpacked bytes (see the module comment).
 * Resolves undefined when the archive is within bounds, else the problem: `notZip` for bytes
 * that are no readable zip archive, `tooLarge` naming the first part past the budget or past
 * its own declared size. Cost: one inflation of every part, O(unpacked bytes ≤ budget).
 */
export async function checkZipBounds(
  zip: Buffer,
  maxUnpackedBytes: number = DEFAULT_MAX_UNPACKED_BYTES
): Promise<ZipProblem | undefined> {
  if (zip.length < 22) return { kind: "notZip" };
  const entries = centralDirectory(zip);
  if (entries === undefined) return { kind: "notZip" };
  let declaredTotal = 0;
  for (const entry of entries) {
    declaredTotal += entry.declaredSize;
    if (declaredTotal > maxUnpackedBytes)
      return { kind: "tooLarge", entry: entry.name, limit: maxUnpackedBytes };
  }
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) return { kind: "notZip" };
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > zip.length) return { kind: "notZip" };
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.declaredSize) return { kind: "notZip" };
      continue;
    }
    if (entry.method !== 8) return { kind: "notZip" };
    let actual: number;
    try {
      actual = await inflatedSize(zip.subarray(start, end), entry.declaredSize);
    } catch {
      return { kind: "notZip" };
    }
    // More than declared: the directory lies; the whole budget is already spent on declared sizes.
    if (actual > entry.declaredSize)
      return { kind: "tooLarge", entry: entry.name, limit: maxUnpackedBytes };
  }
  return undefined;
}
