/**
 * The part of archiver's API (https://www.archiverjs.com, v5) the package writer uses
 * (xlsxPackage.ts); archiver ships no types of its own and @types/archiver is not a dependency.
 */
declare module "archiver" {
  import type { Readable } from "node:stream";

  interface ZipOptions {
    /** passed to zlib.createDeflateRaw: `level` 0–9 (archiver's default: 1) */
    readonly zlib?: { readonly level?: number };
  }

  interface EntryData {
    readonly name: string;
    readonly date?: Date;
    /** stored without compression */
    readonly store?: boolean;
  }

  /** A zip archive as a readable stream of its bytes. */
  interface Archiver extends Readable {
    append(source: Readable | Buffer | string, data: EntryData): this;
    /** ends the archive; resolves when every entry is written, rejects on an error */
    finalize(): Promise<void>;
  }

  function archiver(format: "zip", options?: ZipOptions): Archiver;
  export = archiver;
}
