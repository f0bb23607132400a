/**
 * The command line never harms a file and never fails with a stack trace: real calendar dates
 * for date options; the input never overwritten, other files only with --force, writes through
 * a temporary file; damaged, foreign and oversized (zip bomb) .xlsx input refused with exit 3;
 * sheet names Excel refuses avoided; cell text over Excel's 32,767 characters cut with a
 * warning naming the row; messages wholly in the user's language.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { runCli as run } from "../support/runCli";
import { EXIT } from "../../src/cli/main";
import { readTableFile, TableFileError } from "../../src/cli/readTable";
import { checkOutput, OutputError, writeFileAtomically } from "../../src/cli/safeOutput";
import { checkZipBounds } from "../../src/cli/zipBounds";
import { reportWorkbookBuffer, SheetNameError, sheetNameProblem } from "../../src/cli/xlsxWriter";
import { sampleReport } from "../support/sampleReport";

const dir = mkdtempSync(path.join(os.tmpdir(), "crm-safety-"));

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(dir, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}

const SALES = `customer_id,date,amount
A,2024-01-05,10
B,2024-01-06,20
A,2024-02-05,30
`;

describe("date options", () => {
  for (const testCase of each(["2024-02-30", "2024-13-45", "2023-02-29"])) {
    it(
      testCase.name("--as-of %s is no calendar date: exit 2 naming the option, not rolled over"),
      testCase.run(async (date) => {
        const result = await run([file("d.csv", SALES), "--as-of", date]);
        expect(result.code).toBe(EXIT.usage);
        expect(result.stderr).toContain(`--as-of: ${date} is not a date on the calendar.`);
      })
    );
  }

  it("a leap day of a leap year is a date", async () => {
    const result = await run([
      file("leap.csv", SALES),
      "--as-of",
      "2024-02-29",
      "--quiet",
      "-o",
      path.join(dir, "leap.xlsx"),
    ]);
    expect(result.code).toBe(EXIT.ok);
  });
});

describe("the output never harms a file", () => {
  it("never overwrites the input, even with --force, however the path is spelled (exit 2)", async () => {
    const input = file("data.csv", SALES);
    for (const output of [input, path.join(dir, "sub", "..", "data.csv")]) {
      const result = await run([input, "-o", output, "--force", "--quiet"]);
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toContain("is the input file; choose another output with -o.");
    }
    expect(readFileSync(input, "utf8")).toBe(SALES);
  });

  it("never overwrites an existing file unless --force is given (exit 2 naming the file)", async () => {
    const input = file("keep.csv", SALES);
    const output = file("keep.xlsx", "precious");
    const refused = await run([input, "-o", output, "--quiet"]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toBe(
      `crm-report: ${output} already exists; give --force to replace it, or choose another file with -o.\n`
    );
    expect(readFileSync(output, "utf8")).toBe("precious");
    const forced = await run([input, "-o", output, "--quiet", "--force"]);
    expect(forced.code).toBe(EXIT.ok);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets[0]!.name).toBe("Retention summary");
  });

  it("says so when the output folder is missing or the output is a folder (exit 6)", async () => {
    const input = file("o.csv", SALES);
    const missing = await run([input, "-o", path.join(dir, "nowhere", "r.xlsx"), "--quiet"]);
    expect(missing.code).toBe(EXIT.output);
    expect(missing.stderr).toContain("does not exist.");
    const folder = await run([input, "-o", dir, "--quiet", "--force"]);
    expect(folder.code).toBe(EXIT.output);
    expect(folder.stderr).toContain("is a folder; give a file name with -o.");
  });

  it("writes through a temporary file and leaves none behind", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "crm-atomic-"));
    const target = path.join(folder, "r.xlsx");
    writeFileAtomically(target, new Uint8Array([1, 2, 3]), false);
    expect(() => writeFileAtomically(target, new Uint8Array([4]), false)).toThrow(OutputError);
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    writeFileAtomically(target, new Uint8Array([4]), true);
    expect([...readFileSync(target)]).toEqual([4]);
    expect(readdirSync(folder)).toEqual(["r.xlsx"]);
    expect(() => checkOutput(path.join(folder, "x", "y.xlsx"), undefined, false)).toThrow(
      OutputError
    );
  });
});

describe(".xlsx input is bounded and checked", () => {
  /** A zip whose sheet part is `size` bytes of zeros: a few KB packed. */
  async function zipOfZeros(size: number): Promise<Buffer> {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(size));
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("refuses a part whose declared size passes the limit, before inflating it", async () => {
    const bomb = await zipOfZeros(8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    const xlsx = file("bomb.xlsx", bomb);
    const started = Date.now();
    await expect(readTableFile(xlsx, { maxUnpackedBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: { kind: "xlsxTooLarge", entry: "xl/worksheets/sheet1.xml" },
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a part that inflates past the size its directory declares (a lie), exit 3", async () => {
    const bomb = await zipOfZeros(8 * 1024 * 1024);
    // Declare 100 bytes for the sheet part, in the central directory and the local header.
    for (const [signature, sizeAt] of [
      [0x02014b50, 24],
      [0x04034b50, 22],
    ] as const) {
      for (let i = 0; i + 4 <= bomb.length; i++) {
        if (bomb.readUInt32LE(i) !== signature) continue;
        const nameAt = signature === 0x02014b50 ? 46 : 30;
        const nameLength = bomb.readUInt16LE(i + (signature === 0x02014b50 ? 28 : 26));
        if (
          bomb.toString("utf8", i + nameAt, i + nameAt + nameLength) === "xl/worksheets/sheet1.xml"
        )
          bomb.writeUInt32LE(100, i + sizeAt);
      }
    }
    expect(await checkZipBounds(bomb)).toEqual({
      kind: "tooLarge",
      entry: "xl/worksheets/sheet1.xml",
      limit: 512 * 1024 * 1024,
    });
    const result = await run([file("liar.xlsx", bomb), "--quiet"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("xl/worksheets/sheet1.xml unpacks to more than");
  });

  it("refuses a file that is no workbook, or a damaged one, in one line (exit 3)", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("S").addRow(["id", "date", "amount"]);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    for (const [name, bytes] of [
      ["text.xlsx", Buffer.from(SALES)],
      ["cut.xlsx", good.subarray(0, Math.floor(good.length / 2))],
    ] as const) {
      const result = await run([file(name, bytes), "--quiet"]);
      expect(result).toMatchObject({
        code: EXIT.input,
        stderr:
          "crm-report: the file is not a readable .xlsx workbook (damaged, or another kind of file).\n",
      });
    }
    await expect(readTableFile(file("t2.xlsx", "zip?"))).rejects.toBeInstanceOf(TableFileError);
  });
});

describe("sheet names and cell text Excel refuses", () => {
  it("knows the names Excel refuses", () => {
    expect(sheetNameProblem("History")).toBe("reserved");
    expect(sheetNameProblem("history")).toBe("reserved");
    expect(sheetNameProblem("x".repeat(32))).toBe("tooLong");
    for (const ch of ["[", "]", ":", "*", "?", "/", "\\"])
      expect(sheetNameProblem(`a${ch}b`)).toBe("badCharacter");
    expect(sheetNameProblem("Sales 2024")).toBeUndefined();
  });

  it("the writer refuses a sheet name Excel refuses before writing anything", async () => {
    const model = sampleReport();
    for (const name of ["History", "a".repeat(32), "Q1/Q2"])
      await expect(reportWorkbookBuffer({ ...model, sheetName: name })).rejects.toBeInstanceOf(
        SheetNameError
      );
  });

  it("copies a file named History.csv to a sheet Excel accepts (--formulas)", async () => {
    const output = path.join(dir, "history.xlsx");
    const result = await run([file("History.csv", SALES), "--formulas", "--quiet", "-o", output]);
    expect(result.code).toBe(EXIT.ok);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toContain("History (2)");
  });

  it("cuts cell text over 32,767 characters with a warning naming the line (--formulas)", async () => {
    const long = "x".repeat(40_000);
    const csv = file(
      "long.csv",
      `customer_id,date,amount,note\nA,2024-01-05,10,\nB,2024-01-06,20,${long}\n`
    );
    const output = path.join(dir, "long.xlsx");
    const result = await run([csv, "--formulas", "--quiet", "-o", output]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain(
      'warning: sheet "long", row 3, column 4: the text has 40000 characters, more than Excel\'s 32,767'
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(String(workbook.getWorksheet("long")!.getCell("D3").value)).toHaveLength(32_767);
  });
});

describe("messages in Chinese", () => {
  const CN = "客户ID,交易日期,消费金额\n甲,2024-01-05,1.234\n乙,3月初,12\n丙,2024-01-07,2.500\n";

  it("are wholly translated and give each row number once", async () => {
    const result = await run([file("cn.csv", CN), "--quiet", "--lang", "zh-CN"]);
    expect(result.code).toBe(EXIT.badRows);
    const text = result.stderr.replaceAll("crm-report", "");
    expect(text).not.toMatch(/[A-Za-z]{2,}/);
    expect(text).toContain("第 2 行，消费金额：“1.234”可读作 1.234 或 1234");
    expect(text).toContain("第 3 行，交易日期：“3月初”不是日期");
    expect(text.split("第 2 行")).toHaveLength(2);
    const tw = await run([file("tw.csv", CN), "--quiet", "--lang", "zh-TW"]);
    expect(tw.stderr.replaceAll("crm-report", "")).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("translate file and output problems", async () => {
    const refused = await run([file("cn2.csv", SALES), "-o", dir, "--lang", "zh-TW", "--quiet"]);
    expect(refused.stderr).toContain("是資料夾；請用 -o 指定檔名。");
    const date = await run([file("cn3.csv", SALES), "--as-of", "2024-02-30", "--lang", "zh-CN"]);
    expect(date.stderr).toContain("--as-of：2024-02-30 不是日历上存在的日期。");
    const early = await run([file("cn4.csv", SALES), "--as-of", "2020-01-01", "--lang", "zh-CN"]);
    expect(early.code).toBe(EXIT.compute);
    expect(early.stderr).toContain("无法生成报告：--as-of 的值与数据不符。");
  });
});

describe("input options", () => {
  it("a --delimiter that is not one character is a command-line error (exit 2)", async () => {
    const result = await run(["f.csv", "--delimiter", ";;"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain("--delimiter must be one character");
  });

  it("a declared size of gigabytes is refused at once (exit 3)", async () => {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", "<worksheet/>");
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(3 * 1024 ** 3, central + 24); // declares 3 GiB
    const result = await run([file("giga.xlsx", bytes), "--quiet"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("unpacks to more than 536870912 bytes");
  });
});
