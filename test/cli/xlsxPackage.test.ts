/**
 * The package writer (src/cli/xlsxPackage.ts): parts given as text, bytes or text in pieces
 * come out as one zip archive, in their order, each read back as given; a failing piece
 * rejects instead of leaving a half-written archive.
 */
import JSZip from "jszip";
import { expect } from "../support/expect";
import { zipPackage } from "../../src/cli/xlsxPackage";

describe("zipPackage", () => {
  it("writes text, bytes and pieces as deflated parts, in order", async () => {
    function* pieces(): Generator<string> {
      for (let i = 0; i < 20_000; i++) yield `<row r="${i + 1}"><c><v>${i / 7}</v></c></row>`;
    }
    const expected = [...pieces()].join("");
    const bytes = await zipPackage([
      { name: "[Content_Types].xml", content: "<Types/>" },
      { name: "xl/media/a.bin", content: new Uint8Array([0, 1, 2, 255]) },
      { name: "xl/worksheets/sheet1.xml", content: pieces },
      { name: "xl/客户.xml", content: "<t>客户</t>" },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual([
      "[Content_Types].xml",
      "xl/media/a.bin",
      "xl/worksheets/sheet1.xml",
      "xl/客户.xml",
    ]);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toBe("<Types/>");
    expect([...(await zip.file("xl/media/a.bin")!.async("uint8array"))]).toEqual([0, 1, 2, 255]);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(expected);
    expect(await zip.file("xl/客户.xml")!.async("string")).toBe("<t>客户</t>");
    // deflated: far smaller than the text
    expect(bytes.length).toBeLessThan(expected.length / 3);
  });

  it("rejects with the error of a part's pieces", async () => {
    function* failing(): Generator<string> {
      yield "<sheetData>";
      throw new Error("row 5 failed");
    }
    await expect(
      zipPackage([
        { name: "a.xml", content: "<a/>" },
        { name: "b.xml", content: failing },
      ])
    ).rejects.toThrow("row 5 failed");
  });
});
