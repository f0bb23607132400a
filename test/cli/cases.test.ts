/**
 * The command line on the files of ../shared/cases (read by their relative path from the
 * project), and the kinds of input they stand for: encodings told apart by score, number
 * conventions inferred per column, RFC 4180 quoting in delimiter detection. Each expected value
 * is the one the cases README computes by hand from SPEC §2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { runCli as run } from "../support/runCli";
import { EXIT, parseArguments, reportForFile, type FileReport } from "../../src/cli/main";
import { readTableFile } from "../../src/cli/readTable";

const CASES = "../shared/cases";
const dir = mkdtempSync(path.join(os.tmpdir(), "crm-cases-"));

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

/** A KPI of the report's summary cards (the workbook's first sheet): the value under its label. */
function kpi(report: FileReport, label: string): unknown {
  for (const block of report.model.sheets[0]!.blocks) {
    for (let r = 0; r + 1 < block.values.length; r++) {
      const c = block.values[r]!.indexOf(label);
      if (c >= 0) return block.values[r + 1]![c];
    }
  }
  return undefined;
}

async function report(...argv: string[]): Promise<FileReport> {
  return reportForFile(parseArguments([...argv, "--quiet", "--lang", "en"]));
}

describe("shared/cases big5-traditional.csv", () => {
  it("is detected as Big5: its headers are recognised, 3 customers, repeat rate 2/3, average order value 95.1", async () => {
    const result = await report(`${CASES}/big5-traditional.csv`);
    expect(result.table.encoding).toBe("big5");
    // shared/cases README: columns 會員編號 / 交易日期 / 消費金額 recognised by name
    expect(result.columnNames).toEqual(["會員編號", "交易日期", "消費金額"]);
    expect(result.mapping).toMatchObject({ customerId: 0, date: 1, amount: 2 });
    expect(result.data.audit.transactions.customerIds).toEqual(["客戶甲", "客戶乙", "客戶丙"]);
    // shared/cases README (SPEC §2): repeat rate 2/3; AOV (120+80+45.5+200+30) ÷ 5 days = 95.1
    expect(kpi(result, "Repeat rate")).toBeCloseTo(2 / 3, 12);
    expect(kpi(result, "Avg order value")).toBeCloseTo(95.1, 12);
  });
});

describe("shared/cases decimal-comma-semicolon.csv", () => {
  it("reads the amount column as decimal-comma: 12.5, 1234, 7.25, 100, 2000; total 3353.75", async () => {
    const result = await report(`${CASES}/decimal-comma-semicolon.csv`);
    expect(result.table.delimiter).toBe(";");
    // shared/cases README: 12,50 7,25 100,00 show the convention, so 1.234 is 1234, 2.000 is 2000
    const amounts = Array.from(result.data.audit.transactions.amounts!);
    expect(amounts).toEqual([12.5, 1234, 7.25, 100, 2000]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(3353.75);
    expect(result.data.audit.problemCount).toBe(0);
  });

  it("refuses, by line and column, values a column gives no evidence for (exit 4), never guessing", async () => {
    const csv = file(
      "no-evidence.csv",
      "customer_id;date;amount\nA;2024-01-05;1.234\nB;2024-01-06;12\n\nC;2024-01-07;2.500\n"
    );
    const result = await run([csv, "--quiet", "-o", path.join(dir, "no-evidence.xlsx")]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("2 of 3 rows have unreadable cells:");
    // line 5: the blank line 4 is skipped but counted
    expect(result.stderr).toContain('line 2, amount: "1.234" reads as 1.234 or 1234');
    expect(result.stderr).toContain('line 5, amount: "2.500" reads as 2.5 or 2500');
    const skipped = await run([
      csv,
      "--quiet",
      "--skip-bad-rows",
      "-o",
      path.join(dir, "no-evidence.xlsx"),
    ]);
    expect(skipped.code).toBe(EXIT.ok);
    expect(skipped.stderr).toContain("2 rows with unreadable cells were left out");
  });
});

describe("shared/cases quoted-newline-id.csv", () => {
  it("is read as the comma-separated file it is: 3 customers, 5 rows", async () => {
    const table = await readTableFile(`${CASES}/quoted-newline-id.csv`);
    expect(table.delimiter).toBe(",");
    expect(table.rows).toHaveLength(5); // header + 4 records, one of them over two lines
    expect(table.rows[1]![0]).toBe("multi\nline");
    expect(table.lines).toEqual([1, 2, 4, 5, 6]);
    const result = await report(`${CASES}/quoted-newline-id.csv`);
    expect(result.data.audit.transactions.customerIds).toHaveLength(3);
    expect(result.data.audit.transactions.days).toHaveLength(4);
  });

  it("reports a quote that is never closed, with the line it opens on (exit 3)", async () => {
    const csv = file(
      "unclosed.csv",
      'customer_id,date,amount\nA,2024-01-05,10\n"B,2024-01-06,12\n'
    );
    const result = await run([csv, "--quiet"]);
    expect(result).toMatchObject({
      code: EXIT.input,
      stderr: "crm-report: the quoted field that opens on line 3 is never closed.\n",
    });
  });
});

describe("shared/cases refund-day.csv", () => {
  it("prints the audit's return-row count", async () => {
    const result = await run([`${CASES}/refund-day.csv`, "-o", path.join(dir, "refund.xlsx")]);
    expect(result.code).toBe(EXIT.ok);
    // shared/cases README: the data-quality report counts 1 return row
    expect(result.stderr).toContain("Returns: 1 row with a negative amount");
  });
});

describe("encodings", () => {
  const text =
    "客户ID,交易日期,消费金额\n张三,2024-01-05,10\n李四,2024-02-05,20\n张三,2024-03-05,30\n";

  for (const testCase of each([
    ["utf-16le", Buffer.from(text, "utf16le")],
    ["utf-16be", Buffer.from(text, "utf16le").swap16()],
    ["utf-8", Buffer.from(text)],
  ])) {
    it(
      testCase.name("reads %s without a byte-order mark"),
      testCase.run(async (encoding, bytes) => {
        const table = await readTableFile(file(`nobom-${encoding}.csv`, bytes));
        expect(table.encoding).toBe(encoding);
        expect(table.rows[1]).toEqual(["张三", "2024-01-05", "10"]);
      })
    );
  }

  for (const testCase of each([
    [
      "gb18030",
      "582cc8d5c6da2c592cb1b8d7a20ad5c5ceb02c323032342d30312d30352c31302cc6d5cda8b5c4b6a9b5a5b1b8d7a2a3acbfcdbba7badcc2fad2e20a",
      "张伟",
    ],
    [
      "big5",
      "582ca4e9b4c12c592cb3c6b5f90ab3afa46aa4e52c323032342d30312d30352c31302cb4b6b371aabaad71b3e6b3c6b5f9a141abc8a4e1abdcbaa1b74e0a",
      "陳大文",
    ],
  ])) {
    it(
      testCase.name("tells %s from the other Chinese encoding by its characters"),
      testCase.run(async (encoding, hex, id) => {
        // X,日期,Y,备注 / 张伟,2024-01-05,10,普通的订单备注，客户很满意 (and its Traditional twin)
        const table = await readTableFile(file(`${encoding}-notes.csv`, Buffer.from(hex, "hex")));
        expect(table.encoding).toBe(encoding);
        expect(table.rows[1]![0]).toBe(id);
      })
    );
  }

  it("judges a long file by its first text that is not ASCII, however late it comes", async () => {
    const big5 = readFileSync(`${CASES}/big5-traditional.csv`);
    const rows = big5.subarray(big5.indexOf(0x0a) + 1); // the Big5 rows without their header
    const ascii = "id,date,amount\r\n" + "A0001,2024/1/5,120\r\n".repeat(20_000); // ~400 KB
    const table = await readTableFile(
      file("late-big5.csv", Buffer.concat([Buffer.from(ascii), rows]))
    );
    expect(table.encoding).toBe("big5");
    expect(table.rows.at(-1)).toEqual(["客戶乙", "2024/3/28", "30"]);
  });

  it("reads UTF-16 BE with its byte-order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    const table = await readTableFile(file("bom-be.csv", bytes));
    expect(table.encoding).toBe("utf-16be");
    expect(table.rows[0]).toEqual(["客户ID", "交易日期", "消费金额"]);
  });

  it("asks for --encoding when the file reads equally well two ways (exit 3), and reads it when given", async () => {
    // B0 A1 is 啊 in GB18030 and 陛 in Big5: both common characters, no header to tell
    const bytes = Buffer.concat([
      Buffer.from("id,date,amount\n"),
      Buffer.from([0xb0, 0xa1]),
      Buffer.from(",2024-01-05,10\n"),
    ]);
    const csv = file("either.csv", bytes);
    const result = await run([csv, "--quiet"]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("cannot tell the file's encoding");
    expect(result.stderr).toContain("--encoding");
    const zh = await run([csv, "--quiet", "--lang", "zh-CN"]);
    expect(zh.stderr).toContain("无法确定文件编码");
    const given = await readTableFile(csv, { encoding: "gb18030" });
    expect(given.rows[1]![0]).toBe("啊");
    expect((await readTableFile(csv, { encoding: "big5" })).rows[1]![0]).toBe("陛");
  });

  it("refuses bytes that are not valid in the encoding given, naming the line", async () => {
    const csv = file("bad-utf8.csv", Buffer.from([...Buffer.from("a,b\n1,2\n"), 0xff, 0x0a]));
    const result = await run([csv, "--encoding", "utf-8", "--quiet"]);
    expect(result).toMatchObject({ code: EXIT.input });
    // 0xFF is byte 8 (0-based) of the file: QA asked for the byte offset beside the line.
    expect(result.stderr).toContain("not valid UTF-8 text (line 3, byte offset 8)");
  });

  it("takes only the documented encodings with --encoding (exit 2)", async () => {
    expect(parseArguments(["f.csv", "--encoding", "BIG5"]).encoding).toBe("big5");
    expect(parseArguments(["f.csv", "--encoding", "gbk"]).encoding).toBe("gb18030");
    const result = await run(["f.csv", "--encoding", "latin-9"]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(
      "--encoding must be one of utf-8, utf-16le, utf-16be, gb18030, big5"
    );
  });
});

describe("--help documents encodings, conventions, --encoding, --force and the exit codes", () => {
  for (const testCase of each(["en", "zh-CN", "zh-TW"])) {
    it(
      testCase.name("%s"),
      testCase.run(async (lang) => {
        const { stdout } = await run(["--help", "--lang", lang]);
        for (const text of [
          "--encoding",
          "utf-16le",
          "utf-16be",
          "gb18030",
          "big5",
          "--force",
          "1.234",
          "12,50",
          "130",
        ])
          expect(stdout).toContain(text);
        expect(stdout).toMatch(/6 (the output cannot be written|无法\s*写入输出|無法\s*寫入輸出)/);
      })
    );
  }
});
