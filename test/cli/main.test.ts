/**
 * The crm-report command, run in-process through main() (what bin/crm-report.mjs runs): help in
 * three languages, clear errors with exit codes, the CDNOW master end to end, and the model it
 * writes being the very model the task pane would apply for the same choices.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect } from "../support/expect";
import { runCli as run } from "../support/runCli";
import { EXIT, parseArguments, reportForFile } from "../../src/cli/main";
import { readTableFile } from "../../src/cli/readTable";
import { detectColumns } from "../../src/core/input/mapping";
import { buildReport, defaultReportOptions, prepareReportData } from "../../src/core/report";
import { serialFromYmd } from "../../src/core/input/dates";
import { CDNOW_DIR } from "../support/cdnowCells";

const dir = mkdtempSync(path.join(os.tmpdir(), "crm-cli-"));
const MASTER = path.join(CDNOW_DIR, "CDNOW_master.txt");

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const SALES = `客户ID,交易日期,消费金额,备注
1001,2024-01-05,120,
1002,2024-01-12,80,
1001,2024-02-03,60,
1003,2024-02-15,"1,200.00",大单
1002,2024-03-01,40,
1004,2024-03-10,90,
1001,2024-04-20,150,
1003,2024-05-02,70,
1005,2024-05-18,30,
1004,2024-06-25,110,
1001,2024-06-28,50,
`;

describe("crm-report --help", () => {
  it("speaks English, Simplified and Traditional Chinese", async () => {
    expect((await run(["--help"])).stdout).toMatch(/^crm-report: the retention summary/);
    expect((await run(["--help", "--lang", "zh-CN"])).stdout).toContain(
      "根据交易文件生成客户留存分析摘要"
    );
    expect((await run(["-h"], { LANG: "zh_TW.UTF-8" })).stdout).toContain(
      "依交易檔案產生顧客留存分析摘要"
    );
  });
});

describe("command-line errors", () => {
  it("rejects unknown options and bad values with exit code 2", async () => {
    expect(await run(["--frobnicate"])).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining("unknown option --frobnicate"),
    });
    expect((await run(["x.csv", "--margin", "lots"])).stderr).toContain(
      '--margin must be a fraction from 0 to 1 (0.3 for 30%), got "lots"'
    );
    expect((await run(["x.csv", "--as-of", "June"])).stderr).toContain("--as-of must be a date");
    expect((await run([])).stderr).toContain("give the transactions file");
  });

  it("names the columns it found when a required one is missing (exit 3)", async () => {
    const result = await run([
      file("no-amount.csv", "客户ID,交易日期\n1,2024-01-05\n2,2024-01-06\n"),
      "--lang",
      "en",
    ]);
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toContain("no amount column was found. Columns: 客户ID, 交易日期");
  });

  it("names the line and column of unreadable cells (exit 4), or skips them when asked", async () => {
    const bad = file("bad.csv", SALES.replace("2024-03-01", "3月初").replace(",90,", ",ninety,"));
    const result = await run([bad, "-o", path.join(dir, "bad.xlsx")]);
    expect(result.code).toBe(EXIT.badRows);
    expect(result.stderr).toContain("2 of 11 rows have unreadable cells:");
    expect(result.stderr).toMatch(/line 6, 交易日期: /);
    expect(result.stderr).toMatch(/line 7, 消费金额: /);
    const skipped = await run([
      bad,
      "--skip-bad-rows",
      "--quiet",
      "-o",
      path.join(dir, "bad.xlsx"),
    ]);
    expect(skipped.code).toBe(EXIT.ok);
    expect(skipped.stderr).toContain("2 rows with unreadable cells were left out");
  });

  it("says when a column option names no column", async () => {
    const result = await run([file("s.csv", SALES), "--amount-column", "Betrag"]);
    expect(result).toMatchObject({
      code: EXIT.input,
      stderr: expect.stringContaining('--amount-column: there is no column "Betrag"'),
    });
  });

  it("reports options that do not fit the data (exit 5)", async () => {
    const result = await run([file("s2.csv", SALES), "--as-of", "2020-01-01", "--quiet"]);
    // QA: the core's argument (as_of) is named as the option the user typed.
    expect(result).toMatchObject({
      code: EXIT.compute,
      stderr: expect.stringContaining("--as-of: "),
    });
    expect(result.stderr).not.toContain("as_of");
  });
});

describe("parseArguments", () => {
  it("reads every report option", () => {
    const args = parseArguments([
      "f.csv",
      "--as-of=2024-06-30",
      "--period",
      "quarter",
      "--inactive-days",
      "45",
      "--margin",
      "0.4",
      "--discount-rate",
      "0.08",
      "--lifespan",
      "5",
      "--horizon",
      "24",
      "--alert-thresholds",
      "7,21,45/0.2,0.4/0.25,0.5",
      "--grade-thresholds",
      "4,2,1",
      "--id-column",
      "B",
      "--formulas",
      "--no-header",
    ]);
    expect(args).toMatchObject({
      file: "f.csv",
      asOf: serialFromYmd(2024, 6, 30),
      period: "quarter",
      inactiveDays: 45,
      margin: 0.4,
      discountRate: 0.08,
      lifespanYears: 5,
      horizonMonths: 24,
      alertThresholds: {
        recencyDays: [7, 21, 45],
        frequencyDecline: [0.2, 0.4],
        monetaryDecline: [0.25, 0.5],
      },
      gradeThresholds: { a: 4, b: 2, c: 1 },
      columns: { customerId: "B" },
      formulas: true,
      header: false,
    });
  });
});

describe("a small Chinese CSV", () => {
  it("maps the Chinese headers, reads the quoted thousands and writes the Chinese sheet", async () => {
    const output = path.join(dir, "sales.xlsx");
    const result = await run([
      file("sales.csv", SALES),
      "-o",
      output,
      "--lang",
      "zh-CN",
      "--quiet",
      "--period",
      "quarter",
      "--inactive-days",
      "45",
    ]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe(
      `已写入 ${output}（工作表“留存分析摘要”、“需跟进的客户”、“客户价值”、“模型”）。\n`
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet("留存分析摘要")!;
    expect(sheet.getCell("A1").value).toBe("客户留存分析摘要");
  });

  it("reads an .xlsx file the same way, dates as Excel serials", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("订单");
    sheet.addRow(["會員編號", "訂單日期", "金額"]);
    sheet.addRow(["A", new Date(Date.UTC(2024, 2, 1)), 12.5]);
    sheet.addRow(["B", new Date(Date.UTC(2024, 2, 2)), { formula: "10+5", result: 15 }]);
    const input = path.join(dir, "orders.xlsx");
    await workbook.xlsx.writeFile(input);
    const table = await readTableFile(input);
    expect(table.rows).toEqual([
      ["會員編號", "訂單日期", "金額"],
      ["A", serialFromYmd(2024, 3, 1), 12.5],
      ["B", serialFromYmd(2024, 3, 2), 15],
    ]);
    expect(table.source).toBe("orders.xlsx!订单");
  });
});

describe("CDNOW_master.txt end to end", () => {
  it("is the same report model the task pane would write for the same choices", async () => {
    const now = new Date(2026, 10, 23, 9, 30);
    const args = parseArguments([MASTER, "--quiet"]);
    const cli = await reportForFile(args, undefined, now);

    // the wizard's way: the same cells, detectColumns, prepareReportData, its defaults
    const rows = (await readTableFile(MASTER)).rows;
    const detected = detectColumns(rows);
    expect(detected.columnNames[detected.mapping.amount!]).toBe("dollar_value");
    const data = prepareReportData({
      rows,
      hasHeader: detected.hasHeader,
      columnNames: detected.columnNames,
      mapping: detected.mapping,
      location: cli.data.source.location!,
    });
    const model = buildReport(data, {
      ...defaultReportOptions(data, "en"),
      generatedAt: "2026-11-23 09:30",
    });
    expect(cli.model).toEqual(model);
    expect(cli.options.asOf).toBe(serialFromYmd(1998, 6, 30));
  });

  it("writes a workbook with the report, and progress on stderr", async function () {
    this.timeout(60_000);
    const output = path.join(dir, "cdnow.xlsx");
    const result = await run([MASTER, "-o", output]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toContain("reading…\n");
    expect(result.stderr).toContain("writing…\n");
    expect(result.stderr).toContain(
      "Columns: customer id = customer_id, date = date, amount = dollar_value."
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet("Retention summary")!;
    const values = sheet
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null);
    expect(values).toContain("Customers");
    expect(values).toContain(23570);
  });
});
