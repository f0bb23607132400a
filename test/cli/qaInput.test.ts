/**
 * The QA engineer's findings on reading input and options (each fixed as a kind of fault, so
 * each is tried on more than the one file QA gave): rows with more fields than the header,
 * option values out of range, misleading encoding advice, huge cells in messages, Excel's
 * `sep=;` line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "../support/expect";
import { runCli as run } from "../support/runCli";
import { EXIT, parseArguments, reportForFile } from "../../src/cli/main";
import { decodeText, readTableFile, TableFileError } from "../../src/cli/readTable";
import { scoreEncodings } from "../../src/cli/encoding";
import { raggedCause, raggedRows } from "../../src/cli/rowWidths";
import { clipList, clipText, clipWords } from "../../src/cli/clip";

const dir = mkdtempSync(path.join(os.tmpdir(), "crm-qa-"));
let count = 0;
function file(content: string | Uint8Array, ext = "csv"): string {
  const target = path.join(dir, `f${++count}.${ext}`);
  writeFileSync(target, content);
  return target;
}

const out = () => path.join(dir, `out${++count}.xlsx`);

describe("QA 1: a row must have the header's number of fields", () => {
  // QA: an unquoted US thousands separator must not be cut silently (1,234.50 read as 1).
  it("refuses 1,234.50 unquoted in a comma file by line (exit 4), naming the thousands separator", async () => {
    const csv = file(
      "customer_id,date,amount\nA,2024-01-05,1,234.50\nB,2024-01-06,99.00\nA,2024-02-06,2,000.00\nC,2024-02-07,15.00\n"
    );
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("2 of 4 rows do not have as many fields as the header");
    expect(result.stderr).toContain("line 2 has 4 fields where the header has 3");
    expect(result.stderr).toContain("line 4 has 4 fields where the header has 3");
    expect(result.stderr).toContain("thousands separator");
    expect(result.stderr).toContain('"1,234.50"');
  });

  // QA round 2: a header ending in a delimiter gave the cut-off "234" an unnamed column of its own.
  it("refuses 1,234 under a header with a trailing delimiter, the unnamed column empty elsewhere", async () => {
    const csv = file(
      "customer_id,date,amount,\nA,2024-01-05,1,234\nB,2024-01-06,20,\nB,2024-02-06,20,\n"
    );
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("line 2 has 4 fields where the header has 3");
    expect(result.stderr).toContain("thousands separator");
  });

  it("keeps an unnamed trailing column that most rows fill (a column without a header name)", async () => {
    const csv = file(
      "customer_id,date,amount,\nA,2024-01-05,10,x\nB,2024-01-06,20,y\nB,2024-02-06,20,z\n"
    );
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.ok);
  });

  // QA: a decimal comma in a comma-separated file must not be cut silently (12,50 read as 12).
  it("refuses 12,50 unquoted in a comma file, naming the decimal comma", async () => {
    const csv = file("id,date,amount\nA,2024-01-05,12,50\nB,2024-01-06,20\nA,2024-02-06,7,25\n");
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("line 2 has 4 fields where the header has 3");
    expect(result.stderr).toContain("decimal comma");
  });

  // QA: a comma inside an unquoted name must not be cut silently ("Smith, John" read as "Smith").
  it("refuses Smith, John unquoted, naming the comma inside a text, in three languages", async () => {
    const csv = file(
      "date,amount,customer\n2024-01-05,10,Smith, John\n2024-01-06,20,Lee\n2024-02-06,30,Smith, Jane\n"
    );
    const en = await run([csv, "--quiet", "-o", out()]);
    expect(en.code).toBe(EXIT.badRows);
    expect(en.stderr).toContain("line 2 has 4 fields where the header has 3");
    expect(en.stderr).toContain("line 4 has 4 fields");
    expect(en.stderr).toContain("inside a text such as a name");
    const cn = await run([csv, "--quiet", "-o", out(), "--lang", "zh-CN"]);
    expect(cn.stderr).toContain("第 2 行有 4 个字段，而标题行有 3 个");
    const tw = await run([csv, "--quiet", "-o", out(), "--lang", "zh-TW"]);
    expect(tw.stderr).toContain("第 2 列有 4 個欄位，而標題列有 3 個");
  });

  it("leaves such rows out with --skip-bad-rows and says how many", async () => {
    const csv = file(
      "date,amount,customer\n2024-01-05,10,Smith, John\n2024-01-06,20,Lee\n2024-02-06,30,Lee\n"
    );
    const result = await run([csv, "--quiet", "--skip-bad-rows", "-o", out()]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain("1 row with more or fewer fields than the header was left out");
    const report = await reportForFile(parseArguments([csv, "--skip-bad-rows"]));
    expect(report.raggedRowsLeftOut).toBe(1);
    expect(report.data.dataRows).toBe(2); // the header, then Lee's two rows
  });

  it("reports the line a row starts on, counting blank lines and quoted line breaks", async () => {
    const csv = file('id,date,amount\n\n"A\nB",2024-01-05,10\nC,2024-01-06,1,5\n');
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.stderr).toContain("line 5 has 4 fields");
  });

  it("accepts trailing empty fields, and short rows that miss only unused columns", async () => {
    const csv = file(
      "id,date,amount,note\nA,2024-01-05,10,,\nB,2024-01-06,20\nA,2024-02-06,30,x\n"
    );
    expect((await run([csv, "--quiet", "-o", out()])).code).toBe(EXIT.ok);
  });

  it("refuses a short row that misses a column the report reads", async () => {
    const csv = file("id,date,amount\nA,2024-01-05,10\nB,2024-01-06\nA,2024-02-06,30\n");
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("line 3 has 2 fields where the header has 3");
  });

  it("without a header, holds rows to the file's common width", () => {
    const rows = [
      ["A", "2024-01-05", "10"],
      ["B", "2024-01-06", "1", "234.50"],
      ["C", "2024-01-07", "30"],
    ];
    expect(raggedRows(rows, false, [0, 1, 2], ",")).toEqual({
      expected: 3,
      rows: [{ index: 1, fields: 4, expected: 3, cause: "thousands" }],
    });
  });

  it("names the likely cause from the fields", () => {
    expect(raggedCause(["A", "2024-01-05", "$1", "234"], ",")).toBe("thousands");
    expect(raggedCause(["A", "2024-01-05", "-12", "5"], ",")).toBe("decimalComma");
    expect(raggedCause(["2024-01-05", "10", "Smith", " John"], ",")).toBe("insideText");
    expect(raggedCause(["2024-01-05", "10", "Smith", " John"], ";")).toBe("insideText");
    // a semicolon file does not split numbers at commas, so no number hint there
    expect(raggedCause(["A", "2024-01-05", "1", "234"], ";")).toBe("generic");
  });

  it("reads a semicolon file with decimal commas (consistent widths under ';')", async () => {
    const csv = file("id;date;amount\nA;2024-01-05;12,50\nB;2024-01-06;20\nA;2024-02-06;7,25\n");
    const table = await readTableFile(csv);
    expect(table.delimiter).toBe(";");
    expect((await run([csv, "--quiet", "-o", out()])).code).toBe(EXIT.ok);
  });

  it("detects the delimiter under which the widths agree, and refuses rows that still disagree", async () => {
    // commas inside names: under "," the widths are 1, 2, 2, 1; under ";" all 3
    const semicolon =
      "id;name;date;amount\n1;Smith, John;2024-01-05;10\n2;Lee, Ann;2024-01-06;20\n3;Wu;2024-01-07;30\n";
    expect((await readTableFile(file(semicolon))).delimiter).toBe(";");
    // a delimiter given on the command line is held to the same rule
    const given = await run([file(semicolon), "--delimiter", ",", "--quiet", "-o", out()]);
    expect(given.code).not.toBe(EXIT.ok);
  });

  it("does not apply to .xlsx sheets, whose rows have their cells in place", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    sheet.addRow(["id", "date", "amount"]);
    sheet.addRow(["A", "2024-01-05", 10, "extra"]);
    sheet.addRow(["B", "2024-01-06", 20]);
    const xlsx = file(new Uint8Array(await workbook.xlsx.writeBuffer()), "xlsx");
    expect((await run([xlsx, "--quiet", "-o", out()])).code).toBe(EXIT.ok);
  });
});

describe("QA 2: option values are checked and refused naming the option (exit 2)", () => {
  // QA: --margin 1.5 etc. gave exit 5 naming lifespan_years, horizon_months, discount_rate.
  const cases: [string[], string][] = [
    [["--margin", "1.5"], '--margin must be a fraction from 0 to 1 (0.3 for 30%), got "1.5"'],
    [["--margin", "-0.1"], "--margin must be a fraction from 0 to 1"],
    [
      ["--discount-rate", "10"],
      '--discount-rate must be a fraction from 0 to 1 (0.3 for 30%), got "10"',
    ],
    [
      ["--inactive-days", "0"],
      '--inactive-days must be a whole number of days from 1 to 3650, got "0"',
    ],
    [["--inactive-days", "2.5"], "--inactive-days must be a whole number of days"],
    [["--lifespan", "-1"], '--lifespan must be a whole number of years from 1 to 100, got "-1"'],
    [["--lifespan", "1.5"], "--lifespan must be a whole number of years"],
    [["--horizon", "2.5"], '--horizon must be a whole number of months from 1 to 120, got "2.5"'],
    [["--horizon", "1e400"], "--horizon must be a whole number of months"],
    [["--horizon", "0x10"], "--horizon must be a whole number of months"],
    // QA round 2: --horizon 100000 ran for minutes; refused before any work
    [["--horizon", "121"], '--horizon must be a whole number of months from 1 to 120, got "121"'],
    [["--lifespan", "101"], "--lifespan must be a whole number of years from 1 to 100"],
    [["--inactive-days", "3651"], "--inactive-days must be a whole number of days from 1 to 3650"],
    [["--margin", "Infinity"], "--margin must be a fraction from 0 to 1"],
    [["--margin", ""], "--margin must be a fraction from 0 to 1"],
    [["--period", "week"], '--period must be month, quarter or year, got "week"'],
    [["--alert-thresholds", "10,30,60/0.3,0.5"], "--alert-thresholds must be R1,R2,R3/F1,F2/M1,M2"],
    [["--alert-thresholds", "60,30,10/0.3,0.5/0.3,0.5"], "e.g. 10,30,60/0.3,0.5/0.3,0.5"],
    [["--alert-thresholds", "10,30,60/0.5,0.3/0.3,0.5"], "--alert-thresholds must be"],
    [["--grade-thresholds", "1,2,3"], "--grade-thresholds must be A,B,C"],
    [["--grade-thresholds", "3,2"], "e.g. 3,2,1"],
  ];
  for (const [option, message] of cases) {
    it(`${option.join(" ")}`, async () => {
      const result = await run(["x.csv", ...option]);
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(
        /lifespan_years|horizon_months|discount_rate|must be a number/
      );
    });
  }

  it("says the rule in Chinese too, not 'does not fit the data'", async () => {
    const cn = await run(["x.csv", "--margin", "1.5", "--lang", "zh-CN"]);
    expect(cn).toMatchObject({ code: EXIT.usage });
    expect(cn.stderr).toContain("--margin 必须是0 到 1 之间的小数");
    expect(cn.stderr).not.toContain("与数据不符");
    const tw = await run(["x.csv", "--lifespan", "-1", "--lang", "zh-TW"]);
    expect(tw.stderr).toContain("--lifespan 必須是1 到 100 之間的整數年數");
    const period = await run(["x.csv", "--period", "week", "--lang", "zh-CN"]);
    expect(period.stderr).toContain("--period 必须是month（月）、quarter（季）或 year（年）");
  });

  it("takes the worksheet functions' period words (src/functions/adapter.ts PERIOD_WORDS)", () => {
    const period = (word: string) => parseArguments(["f.csv", "--period", word]).period;
    expect(["month", "Month", "月", "月度", "monthly"].map(period)).toEqual(Array(5).fill("month"));
    expect(["quarter", "季", "季度", "Q"].map(period)).toEqual(Array(4).fill("quarter"));
    expect(["year", "年", "年度", "annual"].map(period)).toEqual(Array(4).fill("year"));
  });

  it("takes fractions as 0.3 or 30%, and the edges 0 and 1", () => {
    expect(parseArguments(["f.csv", "--margin", "30%"]).margin).toBeCloseTo(0.3, 12);
    expect(parseArguments(["f.csv", "--margin", "1", "--discount-rate", "0"])).toMatchObject({
      margin: 1,
      discountRate: 0,
    });
    expect(parseArguments(["f.csv", "--inactive-days", "90.0"]).inactiveDays).toBe(90);
  });
});

describe("QA 3: encoding advice fits the file", () => {
  const latin = Buffer.concat([
    Buffer.from("customer_id,date,amount\nM"),
    Buffer.from([0xfc]), // ü in Latin-1 / Windows-1252
    Buffer.from("ller,2024-01-05,10\nJos"),
    Buffer.from([0xe9]), // é
    Buffer.from(",2024-01-06,20\nM"),
    Buffer.from([0xfc]),
    Buffer.from("ller,2024-02-06,30\n"),
  ]);

  // QA: a Latin-1 file was offered as "utf-16be or utf-16le … e.g. --encoding utf-16be".
  it("refuses a Latin-1 file as not valid UTF-8, with line and byte offset, and says what to do", async () => {
    const result = await run([file(latin), "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.input);
    // "customer_id,date,amount\n" is 24 bytes, "M" the 25th: the ü is byte 25 (0-based) of line 2
    expect(result.stderr).toContain("not valid UTF-8 text (line 2, byte offset 25)");
    expect(result.stderr).toContain("Re-save it as UTF-8");
    expect(result.stderr).toContain("--encoding windows-1252");
    expect(result.stderr).not.toMatch(/utf-16/i);
    const cn = await run([file(latin), "--quiet", "-o", out(), "--lang", "zh-CN"]);
    expect(cn.stderr).toContain("文件不是有效的 UTF-8 文本（第 2 行，字节偏移 25）");
  });

  // QA: ASCII with one stray 0xFF byte was offered as UTF-16 too (Node's Big5 reads it as U+F8F8).
  it("refuses ASCII with one stray byte, at that byte, whatever the byte's position", async () => {
    for (const [before, after] of [
      ["id,date,amount\nA,2024-01-05,1", "0\nB,2024-01-06,20\n"],
      ["id,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n", ""],
      ["id,date,amount\nA,2024-01-05,10\nB,2024-01-06,20", "\n"],
    ] as const) {
      const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);
      try {
        decodeText(bytes);
        throw new Error("decoded");
      } catch (error) {
        expect(error).toBeInstanceOf(TableFileError);
        expect((error as TableFileError).reason).toMatchObject({
          kind: "invalidEncoding",
          encoding: "utf-8",
          offset: before.length,
          line: before.split("\n").length,
        });
      }
    }
  });

  it("scores UTF-16 far below on 8-bit text (no ASCII code units, odd length)", () => {
    const scores = scoreEncodings(latin);
    const utf16 = scores.filter((s) => s.encoding.startsWith("utf-16"));
    const best8bit = Math.max(
      ...scores.filter((s) => !s.encoding.startsWith("utf-16")).map((s) => s.score)
    );
    for (const s of utf16) expect(s.score).toBeLessThan(best8bit - 1);
  });

  it("reads a Latin-1 file with --encoding latin1, windows-1252 or cp1252", async () => {
    for (const name of ["latin1", "windows-1252", "cp1252", "ISO-8859-1"]) {
      expect(parseArguments(["f.csv", "--encoding", name]).encoding).toBe("windows-1252");
    }
    const table = await readTableFile(file(latin), { encoding: "windows-1252" });
    expect(table.rows[1]![0]).toBe("Müller");
    expect(table.rows[2]![0]).toBe("José");
    const result = await run([file(latin), "--encoding", "latin1", "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.ok);
  });

  it("still reads real UTF-16 without a byte-order mark", () => {
    const text = "客户ID,交易日期,消费金额\n1001,2024-01-05,120\n1002,2024-01-12,80\n";
    expect(decodeText(Buffer.from(text, "utf16le")).encoding).toBe("utf-16le");
    expect(decodeText(Buffer.from(text, "utf16le").swap16()).encoding).toBe("utf-16be");
  });
});

describe("QA 4: messages show a cell, a value or a list in brief", () => {
  // QA: a 5,000,000-digit amount came back whole in the one-line error.
  it("shows a huge cell up to 40 characters and …", async () => {
    const huge = "9".repeat(5_000_000);
    const csv = file(`id,date,amount\nA,2024-01-05,10\nB,2024-01-06,x${huge}\n`);
    const result = await run([csv, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain(`"x${"9".repeat(39)}…"`);
    expect(result.stderr.length).toBeLessThan(1000);
  });

  // QA: a 20,000-column file listed every column name.
  it("lists the first 10 columns and 'and N more'", async () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(",");
    const row = Array.from({ length: 20_000 }, () => "x").join(",");
    const result = await run([file(`${header}\n${row}\n${row}\n`), "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.input);
    // (the names are "c0"… or, when the first row is not taken for a header, "Column A"…)
    expect(result.stderr).toMatch(/Columns: (?:[^,]+, ){9}[^,]+ and 19990 more\./);
    expect(result.stderr.length).toBeLessThan(1000);
    const cn = await run([file(`${header}\n${row}\n`), "--quiet", "-o", out(), "--lang", "zh-CN"]);
    expect(cn.stderr).toMatch(/等（另有 19990 个）/);
  });

  it("clips option values and column option names too", async () => {
    const long = "z".repeat(10_000);
    const value = await run(["x.csv", "--margin", long]);
    expect(value.stderr).toContain(`"${"z".repeat(40)}…"`);
    expect(value.stderr.length).toBeLessThan(500);
    const column = await run([file("id,date,amount\nA,2024-01-05,10\n"), "--amount-column", long]);
    expect(column.stderr).toContain(`no column "${"z".repeat(40)}…"`);
  });

  it("lists the first 10 sheets of a workbook when --sheet names none", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    for (let i = 1; i <= 15; i++) workbook.addWorksheet(`S${i}`).addRow(["x"]);
    const xlsx = file(new Uint8Array(await workbook.xlsx.writeBuffer()), "xlsx");
    const result = await run([xlsx, "--sheet", "nope", "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("(sheets: S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, … (+5))");
  });

  it("clipText counts characters, never splitting one", () => {
    expect(clipText("short")).toBe("short");
    expect(clipText("x".repeat(40))).toBe("x".repeat(40));
    expect(clipText("😀".repeat(41))).toBe(`${"😀".repeat(40)}…`);
    expect(clipText("😀".repeat(30))).toBe("😀".repeat(30)); // 60 UTF-16 units, 30 characters
    expect(clipList(["a", "b", "c"], (s, n) => `${s} and ${n} more`, 2)).toBe("a, b and 1 more");
    expect(clipWords(`bad ${"1".repeat(100)} value`)).toBe(`bad ${"1".repeat(40)}… value`);
  });
});

describe("QA 5: Excel's sep= first line", () => {
  // QA: sep.csv (`sep=;` then a semicolon file) exited 3 "no date column".
  it("takes the delimiter from sep=; and skips the line", async () => {
    const csv = file(
      "sep=;\nid;date;amount\nA;2024-01-05;10,5\nB;2024-01-06;20\nA;2024-02-06;30\n"
    );
    const table = await readTableFile(csv);
    expect(table.delimiter).toBe(";");
    expect(table.rows[0]).toEqual(["id", "date", "amount"]);
    expect(table.lines.slice(0, 2)).toEqual([2, 3]); // line numbers still count the sep= line
    expect((await run([csv, "--quiet", "-o", out()])).code).toBe(EXIT.ok);
  });

  it("counts the sep= line in messages, takes CRLF, tab and comma, and yields to --delimiter", async () => {
    const bad = file("sep=,\r\nid,date,amount\r\nA,2024-01-05,10\r\nB,2024-01-06,ten\r\n");
    const result = await run([bad, "--quiet", "-o", out()]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("line 4, amount");
    const tab = await readTableFile(file("SEP=\t\nid\tdate\tamount\nA\t2024-01-05\t10\n"));
    expect(tab.rows[1]).toEqual(["A", "2024-01-05", "10"]);
    const given = await readTableFile(file("sep=;\nid|date|amount\nA|2024-01-05|10\n"), {
      delimiter: "|",
    });
    expect(given.rows[0]).toEqual(["id", "date", "amount"]);
  });

  it("is only a sep= line when it is the whole first line", async () => {
    const table = await readTableFile(file("sep=;x,date,amount\nA,2024-01-05,10\n"));
    expect(table.delimiter).toBe(",");
    expect(table.rows[0]![0]).toBe("sep=;x");
  });
});
