/**
 * The .xlsx package (a zip archive) from its parts, written with archiver (archiverjs, the zip
 * library ExcelJS's own streaming writer uses): each part deflated by Node's zlib as it comes,
 * so a part given as a sequence of text pieces (a sheet of 200,000 rows, bulkRows.ts) is never
 * held whole; zlib compresses on its thread pool while the pieces are being made. (archiver
 * computes each part's CRC-32 in JavaScript on the main thread: ~0.2 s of the 1,000,000-row
 * report's ~1.4 s there, where Node's zlib.crc32 would take ~0.05 s.)
 */
import { Readable } from "node:stream";
import archiver from "archiver";

/**
 * zlib's level for the package: 1, its fastest. On the report's XML level 6 saves a fifth of
 * the file (20.3 MB instead of 25.0 MB for the 1,000,000-row report's two large sheets) for
 * twice the compression time (bench/xlsxWriterCases.ts).
 */
export const PACKAGE_DEFLATE_LEVEL = 1;

/** One part: its path in the package and its text or bytes, or its text in pieces. */
export interface PackagePart {
  readonly name: string;
  readonly content: string | Uint8Array | (() => Iterable<string>);
}

/** Bytes of each buffer {@link utf8} yields (at most; a longer piece is yielded alone). */
const UTF8_BATCH_BYTES = 1 << 18;

/**
 * The UTF-8 bytes of `pieces`, several small pieces to a buffer of up to
 * {@link UTF8_BATCH_BYTES} (one zlib call each): the pieces can then be small strings that die
 * young, instead of long ones that reach V8's old generation and raise the peak memory.
 */
function* utf8(pieces: Iterable<string>): Generator<Buffer> {
  let batch = Buffer.allocUnsafe(UTF8_BATCH_BYTES);
  let used = 0;
  for (const piece of pieces) {
    // at most 3 bytes per UTF-16 code unit
    if (used + piece.length * 3 > UTF8_BATCH_BYTES) {
      if (used > 0) {
        yield batch.subarray(0, used);
        batch = Buffer.allocUnsafe(UTF8_BATCH_BYTES);
        used = 0;
      }
      if (piece.length * 3 > UTF8_BATCH_BYTES) {
        yield Buffer.from(piece, "utf8");
        continue;
      }
    }
    used += batch.write(piece, used, "utf8");
  }
  if (used > 0) yield batch.subarray(0, used);
}

/**
 * The zip archive of `parts`, in their order, deflated at `level`. Rejects with the first error
 * of a part's pieces (or of the archive). Memory: the archive's bytes, plus about a megabyte
 * of each streamed part at a time.
 */
export async function zipPackage(
  parts: readonly PackagePart[],
  level: number = PACKAGE_DEFLATE_LEVEL
): Promise<Buffer> {
  return Buffer.concat(await zipPackageChunks(parts, level));
}

/**
 * The zip archive of `parts` as {@link zipPackage} makes it, as the chunks archiver gave, in
 * order (not copied into one buffer: a file can be written from them, fs.writevSync, without
 * holding the archive twice).
 */
export async function zipPackageChunks(
  parts: readonly PackagePart[],
  level: number = PACKAGE_DEFLATE_LEVEL
): Promise<Buffer[]> {
  const zip = archiver("zip", { zlib: { level } });
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    zip.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.on("warning", reject);
  });
  for (const part of parts) {
    const { content } = part;
    const source =
      typeof content === "function"
        ? Readable.from(utf8(content()), { objectMode: false, highWaterMark: 1 << 20 })
        : Buffer.from(typeof content === "string" ? Buffer.from(content, "utf8") : content);
    zip.append(source, { name: part.name });
  }
  await Promise.all([zip.finalize(), ended]);
  return chunks;
}
