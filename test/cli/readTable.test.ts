import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "../support/expect";
import { each } from "../support/each";
import {
  decodeText,
  detectDelimiter,
  parseDelimited,
  readTableFile,
  TableFileError,
} from "../../src/cli/readTable";

const dir = mkdtempSync(path.join(os.tmpdir(), "crm-read-"));
function file(name: string, content: string | Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** 客户ID,日期,金额 in GB18030 (GBK) bytes, as Chinese Excel saves "CSV". */
const GB_HEADER = [
  0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee,
];

describe("parseDelimited", () => {
  it("reads quoted fields holding delimiters, quotes and line breaks", () => {
    const text = 'id,note,amount\r\n"00123","says ""hi"", twice",12.5\r\n7,"two\nlines",3\r\n';
    expect(parseDelimited(text, ",")).toEqual([
      ["id", "note", "amount"],
      ["00123", 'says "hi", twice', "12.5"],
      ["7", "two\nlines", "3"],
    ]);
  });

  it("skips blank lines and keeps empty fields", () => {
    expect(parseDelimited("a,b,c\n\n1,,3\n\r\n,,\n4,5,6", ",")).toEqual([
      ["a", "b", "c"],
      ["1", "", "3"],
      ["", "", ""],
      ["4", "5", "6"],
    ]);
  });

  it("keeps thousands separators inside quotes for the input layer to read", () => {
    expect(parseDelimited('id,amount\n1,"1,234.50"\n2,"¥2,000"', ",")).toEqual([
      ["id", "amount"],
      ["1", "1,234.50"],
      ["2", "¥2,000"],
    ]);
  });

  it("splits on runs of spaces for whitespace-separated files like CDNOW_master.txt", () => {
    expect(
      parseDelimited(
        " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n",
        "whitespace"
      )
    ).toEqual([
      ["customer_id", "date", "number_of_cds", "dollar_value"],
      ["00001", "19970101", "1", "11.77"],
    ]);
  });

  it("refuses a quote that is never closed", () => {
    expect(() => parseDelimited('a,b\n"1,2\n', ",")).toThrow(TableFileError);
  });
});

describe("detectDelimiter", () => {
  for (const testCase of each([
    ["a,b,c\n1,2,3\n", ","],
    ["a;b;c\n1;2,5;3\n", ";"],
    ["a\tb\tc\n1\t2\t3\n", "\t"],
    ["a|b\n1|2\n", "|"],
    ["a b c\n1 2 3\n", "whitespace"],
    ['id,"x;y"\n1,"2;3"\n', ","],
  ])) {
    it(
      testCase.name("%j → %j"),
      testCase.run((text, delimiter) => {
        expect(detectDelimiter(text)).toBe(delimiter);
      })
    );
  }
});

describe("decodeText", () => {
  it("drops a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("客户ID,日期")]);
    expect(decodeText(bytes)).toEqual({ text: "客户ID,日期", encoding: "utf-8 (BOM)" });
  });

  it("reads GB18030 when the bytes are not UTF-8", () => {
    expect(decodeText(new Uint8Array(GB_HEADER))).toEqual({
      text: "客户ID,日期,金额",
      encoding: "gb18030",
    });
  });

  it("reads UTF-16 with its byte-order mark", () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("會員編號,金額", "utf16le"),
    ]);
    expect(decodeText(utf16).text).toBe("會員編號,金額");
  });

  it("uses a given encoding, and says when the bytes do not fit it", () => {
    expect(decodeText(new Uint8Array(GB_HEADER), "gbk").text).toBe("客户ID,日期,金额");
    expect(() => decodeText(new Uint8Array(GB_HEADER), "utf-8")).toThrow(/not valid utf-8/);
    expect(() => decodeText(new Uint8Array([65]), "klingon")).toThrow(/unknown encoding/);
  });
});

describe("readTableFile", () => {
  it("reads a GB18030 CSV with Chinese headers", async () => {
    const rows = Buffer.concat([
      Buffer.from(GB_HEADER),
      Buffer.from('\r\nA1,2024/3/1,"1,200.00"\r\n'),
    ]);
    const table = await readTableFile(file("gb.csv", rows));
    expect(table).toMatchObject({ encoding: "gb18030", delimiter: ",", sheetName: "gb" });
    expect(table.rows).toEqual([
      ["客户ID", "日期", "金额"],
      ["A1", "2024/3/1", "1,200.00"],
    ]);
  });

  it("says which file it cannot read", async () => {
    await expect(readTableFile(path.join(dir, "missing.csv"))).rejects.toThrow(/ENOENT/);
    await expect(readTableFile(file("old.xls", "x"))).rejects.toThrow(/\.xlsx or CSV/);
  });
});

describe("detectDelimiter parses each candidate (RFC 4180)", () => {
  for (const testCase of each([
    // shared/cases quoted-newline-id.csv: a line break inside quotes
    ['customer_id,date,amount\n"multi\nline",2024-01-05,10\nC1,2024-01-06,20\n', ","],
    // semicolons inside quoted fields of a comma file
    ['id,note,amount\n1,"a;b;c",2\n2,"d;e",3\n', ","],
    // commas as decimal separators in a semicolon file
    ["id;amount;date\n1;12,50;2024-01-05\n2;1.234,5;2024-01-06\n", ";"],
  ])) {
    it(
      testCase.name("%j → %j"),
      testCase.run((text, delimiter) => {
        expect(detectDelimiter(text)).toBe(delimiter);
      })
    );
  }

  it("names the line an unclosed quote opens on", () => {
    expect(() => parseDelimited('a,b\n1,2\n"3,4\n5,6\n', ",")).toThrow(
      expect.objectContaining({ reason: { kind: "unclosedQuote", line: 3 } })
    );
  });
});
