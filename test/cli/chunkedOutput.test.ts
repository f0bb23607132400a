/**
 * The workbook's bytes in chunks (issue 14, peak memory): the package writer's chunks
 * (src/cli/xlsxPackage.ts zipPackageChunks) are the archive zipPackage gives, byte for byte;
 * text in pieces of any size, including pieces longer than one UTF-8 batch and characters of
 * 2 to 4 bytes, reads back as given; and writeFileAtomically (src/cli/safeOutput.ts) writes
 * chunks as the one buffer they make, refusing an existing file without `force` as before.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { expect } from "../support/expect";
import { zipPackage, zipPackageChunks, type PackagePart } from "../../src/cli/xlsxPackage";
import { OutputError, writeFileAtomically } from "../../src/cli/safeOutput";

const dir = mkdtempSync(path.join(os.tmpdir(), "crm-chunked-"));

/** Small pieces, then one of ~600,000 characters (past a 256 KiB batch), then small ones. */
function* pieces(): Generator<string> {
  for (let i = 0; i < 30_000; i++) yield `<row r="${i + 1}"><c><v>${i / 7}</v></c></row>`;
  yield `<t>${"客户é😀x".repeat(100_000)}</t>`;
  for (let i = 0; i < 3; i++) yield "客".repeat(90_000); // each nearly one batch
  for (let i = 0; i < 5_000; i++) yield `<t>é${i}</t>`;
}

const parts = (): PackagePart[] => [
  { name: "[Content_Types].xml", content: "<Types/>" },
  { name: "xl/worksheets/sheet1.xml", content: pieces },
  { name: "xl/media/a.bin", content: new Uint8Array([0, 1, 2, 255]) },
];

describe("zipPackageChunks", () => {
  it("gives the archive zipPackage gives, in chunks, with every piece read back as given", async () => {
    const chunks = await zipPackageChunks(parts());
    const whole = await zipPackage(parts());
    expect(chunks.length).toBeGreaterThan(1);
    // the same archive but for the parts' times (archiver stamps each part with the clock):
    // deflate's output does not depend on how its input was cut, so the same length
    expect(Buffer.concat(chunks).length).toBe(whole.length);
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(
      [...pieces()].join("")
    );
    expect([...(await zip.file("xl/media/a.bin")!.async("uint8array"))]).toEqual([0, 1, 2, 255]);
  });
});

describe("writeFileAtomically with chunks", () => {
  it("writes the chunks one after the other, and refuses an existing file without force", () => {
    const target = path.join(dir, "chunks.bin");
    const chunks = [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array(70_000).fill(7)];
    writeFileAtomically(target, chunks, false);
    expect(readFileSync(target).equals(Buffer.concat(chunks))).toBe(true);
    expect(() => writeFileAtomically(target, [new Uint8Array([4])], false)).toThrow(OutputError);
    writeFileAtomically(target, [new Uint8Array([4]), new Uint8Array([5])], true);
    expect([...readFileSync(target)]).toEqual([4, 5]);
  });
});
