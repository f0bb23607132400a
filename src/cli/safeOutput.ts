/**
 * Writing the report file without harming any other file (SPEC §5):
 * - the input file is never overwritten, even with `--force` (same file: same device and
 *   inode, or the same real path compared case-insensitively on Windows and macOS, whose file
 *   systems usually ignore case);
 * - an existing file is overwritten only with `--force`;
 * - the bytes go to a temporary file in the target folder, which then takes the target's name
 *   (a hard link that fails if the name was taken meanwhile, or a rename with `--force`), so a
 *   failure or Ctrl+C (see {@link removePendingTempFiles}) leaves no half-written workbook.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";

/** Why the report cannot be written where asked. */
export type OutputProblem =
  | { readonly kind: "sameAsInput"; readonly file: string }
  | { readonly kind: "exists"; readonly file: string }
  | { readonly kind: "isDirectory"; readonly file: string }
  | { readonly kind: "noFolder"; readonly folder: string }
  | { readonly kind: "cannotWrite"; readonly file: string; readonly code: string };

export class OutputError extends Error {
  constructor(readonly problem: OutputProblem) {
    super(`${problem.kind}: ${"file" in problem ? problem.file : problem.folder}`);
    this.name = "OutputError";
  }
}

/** Temporary files being written, removed by {@link removePendingTempFiles} on Ctrl+C. */
const pendingTempFiles = new Set<string>();

/** Removes the temporary files of writes under way (the SIGINT handler of the command). */
export function removePendingTempFiles(): void {
  for (const file of pendingTempFiles) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  pendingTempFiles.clear();
}

const caseInsensitive = process.platform === "win32" || process.platform === "darwin";

function realPath(file: string): string | undefined {
  try {
    const real = realpathSync.native(file);
    return caseInsensitive ? real.toLowerCase() : real;
  } catch {
    return undefined;
  }
}

/**
 * Checks that `output` may be written (see the module comment); throws {@link OutputError}
 * `sameAsInput`, `isDirectory`, `exists` (without `force`) or `noFolder`.
 */
export function checkOutput(output: string, input: string | undefined, force: boolean): void {
  const target = statSync(output, { throwIfNoEntry: false });
  if (target?.isDirectory()) throw new OutputError({ kind: "isDirectory", file: output });
  if (target && input !== undefined) {
    const source = statSync(input, { throwIfNoEntry: false });
    const sameInode =
      source !== undefined &&
      source.ino !== 0 &&
      source.dev === target.dev &&
      source.ino === target.ino;
    const outputReal = realPath(output);
    if (sameInode || (outputReal !== undefined && outputReal === realPath(input)))
      throw new OutputError({ kind: "sameAsInput", file: output });
  }
  if (target && !force) throw new OutputError({ kind: "exists", file: output });
  const folder = path.dirname(path.resolve(output));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new OutputError({ kind: "noFolder", folder: path.dirname(output) });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/**
 * Writes `bytes` (one buffer, or chunks one after the other) to `output` through a temporary file in its folder (see the module comment).
 * Without `force`, a file that appeared at `output` meanwhile is not replaced (`exists`).
 *
 * @throws OutputError `exists` or `cannotWrite` (with the system's error code).
 */
export function writeFileAtomically(
  output: string,
  bytes: Uint8Array | readonly Uint8Array[],
  force: boolean
): void {
  const folder = path.dirname(path.resolve(output));
  const temp = path.join(
    folder,
    `.${path.basename(output)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  pendingTempFiles.add(temp);
  try {
    if (bytes instanceof Uint8Array) writeFileSync(temp, bytes, { flag: "wx" });
    else writeChunks(temp, bytes);
    if (force) {
      renameSync(temp, output);
    } else {
      try {
        linkSync(temp, output); // fails if the name is taken: nothing is replaced
      } catch (error) {
        if (codeOf(error) === "EEXIST") throw new OutputError({ kind: "exists", file: output });
        // File systems without hard links: rename, after checking once more.
        if (statSync(output, { throwIfNoEntry: false }))
          throw new OutputError({ kind: "exists", file: output });
        renameSync(temp, output);
      }
    }
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError({ kind: "cannotWrite", file: output, code: codeOf(error) });
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // renamed, or never written
    }
    pendingTempFiles.delete(temp);
  }
}

/** A new file (`wx`) of `chunks`, one after the other. */
function writeChunks(file: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(file, "wx");
  try {
    for (const chunk of chunks)
      for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
  } finally {
    closeSync(fd);
  }
}
