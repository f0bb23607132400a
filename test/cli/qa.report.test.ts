/**
 * QA of the one-click retention report as a new user meets it through `crm-report`: odd inputs
 * (one customer, one row, one day, returns only, Chinese ids, decimal commas), each language,
 * live-formulas mode, and whether the workbook's sheets agree with each other and with figures
 * computed here independently from the input file (SPEC §2, §4 "Generate").
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { runCli } from "../support/runCli";
import { REPORT_STRINGS } from "../../src/i18n/report.strings";

const SAMPLE = "../shared/data/cdnow/CDNOW_sample.txt";
const CASES = "../shared/cases";
/** Each report checked in English (values and live formulas) and in both Chinese scripts. */
const LANGUAGES_AND_MODES = [
  ["en", []],
  ["en", ["--formulas"]],
  ["zh-CN", []],
  ["zh-TW", []],
] as const;
const dir = mkdtempSync(path.join(os.tmpdir(), "crm-qa-report-"));

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

async function report(input: string, name: string, ...options: string[]) {
  const output = path.join(dir, `${name}.xlsx`);
  const result = await runCli([input, "-o", output, "--force", "--quiet", ...options]);
  return { ...result, output };
}

async function workbook(output: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(output);
  return wb;
}

/** Plain text of a cell (rich text joined), or its value. */
function cell(ws: ExcelJS.Worksheet, r: number, c: number): unknown {
  const v = ws.getRow(r).getCell(c).value;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (v && typeof v === "object" && "result" in v) return v.result;
  return v;
}

/** The [row, column] of the first cell (row by row) holding `label`, up to `lastRow`. */
function labelAt(
  ws: ExcelJS.Worksheet,
  label: string,
  lastRow = ws.rowCount
): [number, number] | undefined {
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= ws.columnCount; c++) if (cell(ws, r, c) === label) return [r, c];
  }
  return undefined;
}

/** The KPI value under its label on the summary (labels in one row, values in the next). */
function kpi(ws: ExcelJS.Worksheet, label: string): unknown {
  const at = labelAt(ws, label);
  return at && cell(ws, at[0] + 1, at[1]);
}

/** The customer-status block: the count in the first column beside the label that starts with `prefix`. */
function statusCount(ws: ExcelJS.Worksheet, prefix: string): number | undefined {
  for (let r = 1; r <= ws.rowCount; r++) {
    const label = cell(ws, r, 3);
    if (typeof label === "string" && label.startsWith(prefix)) return cell(ws, r, 1) as number;
  }
  return undefined;
}

describe("CDNOW sample (6,919 rows, 2,357 customers): the sheets agree", () => {
  let wb: ExcelJS.Workbook;
  let zip: JSZip;
  let ids: string[][];
  before(async function () {
    this.timeout(120_000);
    const run = await report(SAMPLE, "sample", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    wb = await workbook(run.output);
    zip = await JSZip.loadAsync(readFileSync(run.output));
    ids = readFileSync(SAMPLE, "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => /^\d+$/.test(f[0] ?? ""));
  });

  it("writes the four sheets in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Retention summary",
      "Customers to act on",
      "Customer value",
      "Model",
    ]);
  });

  it("counts the customers and the repeat rate as an independent count of the file does", () => {
    // computed here from the file: distinct ids; repeat buyers = ids with 2 or more purchase days
    // (SPEC §2 "purchases are distinct purchase days"; no returns in the sample)
    const days = new Map<string, Set<string>>();
    // CDNOW_sample.txt: id, id in the full file, yyyymmdd, number of CDs, dollar value
    for (const [id, , date] of ids) {
      if (!days.has(id!)) days.set(id!, new Set());
      days.get(id!)!.add(date!);
    }
    const repeat = [...days.values()].filter((d) => d.size >= 2).length;
    const summary = wb.worksheets[0]!;
    expect(days.size).toBe(2357);
    expect(kpi(summary, "Customers")).toBe(days.size);
    expect(kpi(summary, "Repeat rate") as number).toBeCloseTo(repeat / days.size, 12);
  });

  it("the average order value is net revenue of the 365 days to the as-of date ÷ purchase days, as counted here from the file", () => {
    // SPEC §2 "Returns": average order value = net revenue ÷ purchase days; zero-amount days are
    // purchases (CDNOW convention); as-of defaults to the last date, 1998-06-30
    const net = new Map<string, number>();
    for (const [id, , date, , amount] of ids) {
      const day = Date.UTC(+date!.slice(0, 4), +date!.slice(4, 6) - 1, +date!.slice(6, 8));
      const asOf = Date.UTC(1998, 5, 30);
      if (day <= asOf - 365 * 86_400_000 || day > asOf) continue;
      const key = `${id} ${date}`;
      net.set(key, (net.get(key) ?? 0) + Number(amount));
    }
    const revenue = [...net.values()].reduce((a, b) => a + b, 0);
    expect(kpi(wb.worksheets[0]!, "Avg order value") as number).toBeCloseTo(revenue / net.size, 9);
  });

  it("the customer-status block's RFM levels add up to every customer, and the actions table lists exactly the red, orange and yellow ones", async () => {
    const summary = wb.worksheets[0]!;
    const red = statusCount(summary, "At risk, red")!;
    const orange = statusCount(summary, "At risk, orange")!;
    const yellow = statusCount(summary, "At risk, yellow")!;
    const normal = statusCount(summary, "Not at risk")!;
    const lost = statusCount(summary, "Lost — RFM")!;
    expect(red + orange + yellow + normal + lost).toBe(2357);
    const actions = wb.worksheets[1]!;
    const table = await zip.file(/xl\/tables\/table\d+\.xml/)[0]!.async("string");
    expect(table).toContain('name="CrmActions"');
    const ref = /ref="A3:[A-Z]+(\d+)"/.exec(table)!;
    expect(Number(ref[1]) - 3).toBe(red + orange + yellow);
    // the levels in the table, counted: the same as the block, most urgent first
    const levels: string[] = [];
    for (let r = 4; r <= Number(ref[1]); r++) levels.push(String(cell(actions, r, 2)));
    expect(levels.filter((l) => l === "red")).toHaveLength(red);
    expect(levels.filter((l) => l === "orange")).toHaveLength(orange);
    expect(levels.filter((l) => l === "yellow")).toHaveLength(yellow);
    const rank = { red: 0, orange: 1, yellow: 2 } as Record<string, number>;
    for (let i = 1; i < levels.length; i++)
      expect(rank[levels[i]!]!).toBeGreaterThanOrEqual(rank[levels[i - 1]!]!);
  });

  it("the activity-rule KPIs and the status block agree (active, lost in the last period)", () => {
    const summary = wb.worksheets[0]!;
    expect(statusCount(summary, "Active at end of")).toBe(kpi(summary, "Active (activity rule)"));
    expect(statusCount(summary, "Lost in ")).toBe(kpi(summary, "Lost (activity rule)"));
  });

  it("the customer-value table has one row per customer, sorted by predicted CLV", async () => {
    const value = wb.worksheets[2]!;
    const clv: number[] = [];
    for (let r = 4; r <= value.rowCount; r++) {
      const v = cell(value, r, 8);
      if (typeof v === "number") clv.push(v);
    }
    expect(clv).toHaveLength(2357);
    for (let i = 1; i < clv.length; i++) expect(clv[i]!).toBeLessThanOrEqual(clv[i - 1]!);
  });

  it("page setup: the summary on one landscape page with a print area; the lists repeat their header row and freeze it with the id column", async () => {
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(
      /_xlnm\.Print_Area" localSheetId="0">&apos;Retention summary&apos;!\$A\$1:\$[A-Z]+\$\d+/
    );
    expect(workbookXml).toContain(
      `_xlnm.Print_Titles" localSheetId="1">&apos;Customers to act on&apos;!$3:$3`
    );
    const sheet1 = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet1).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet1).toMatch(/orientation="landscape"[^>]*fitToWidth="1" fitToHeight="1"/);
    const sheet2 = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheet2).toMatch(/<pane xSplit="1" ySplit="3" topLeftCell="B4"[^>]*state="frozen"/);
  });

  it("the Model sheet has the holdout table (frequencies 0…6 and 7+) and a chart that reads it", async () => {
    const model = wb.worksheets[3]!;
    const freqs: unknown[] = [];
    let header = 0;
    for (let r = 1; r <= model.rowCount; r++) {
      if (cell(model, r, 1) === "Repeat purchases before the holdout") header = r;
    }
    expect(header).toBeGreaterThan(0);
    for (let r = header + 1; r <= header + 8; r++) freqs.push(cell(model, r, 1));
    expect(freqs).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const charts = zip.file(/xl\/charts\/chart\d+\.xml/);
    const refs = await Promise.all(charts.map((c) => c.async("string")));
    expect(refs.some((xml) => xml.includes(`'Model'!$A$${header + 1}:$A$${header + 8}`))).toBe(
      true
    );
  });
});

describe("odd inputs a new user tries", () => {
  for (const testCase of each([
    [
      "one customer, three purchases",
      "one-customer.csv",
      "customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-05,20\nA,2024-03-07,15\n",
    ],
    ["one row", "one-row.csv", "customer_id,date,amount\nA,2024-01-05,10\n"],
    [
      "twenty customers, all on one day",
      "one-day.csv",
      "customer_id,date,amount\n" +
        Array.from({ length: 20 }, (_, i) => `C${i},2024-03-01,${10 + i}\n`).join(""),
    ],
  ])) {
    it(
      testCase.name("%s: a four-sheet report, exit 0"),
      testCase.run(async (_label, name, content) => {
        const run = await report(file(name, content), name);
        expect(run.code, run.stderr).toBe(0);
        const wb = await workbook(run.output);
        expect(wb.worksheets).toHaveLength(4);
        // every customer is in exactly one RFM level of the status block
        const summary = wb.worksheets[0]!;
        const customers = kpi(summary, "Customers") as number;
        const levels = [
          "At risk, red",
          "At risk, orange",
          "At risk, yellow",
          "Not at risk",
          "Lost — RFM",
        ].map((p) => statusCount(summary, p)!);
        expect(levels.reduce((a, b) => a + b, 0)).toBe(customers);
      })
    );
  }

  it("one day of data: the churn trend says why it is empty in the manager's words, not the worksheet function's argument name", async () => {
    const input = file(
      "one-day-en.csv",
      "customer_id,date,amount\nA,2024-03-01,10\nB,2024-03-01,12\n"
    );
    const run = await report(input, "one-day-en", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    const summary = (await workbook(run.output)).worksheets[0]!;
    const texts: string[] = [];
    for (let r = 1; r <= summary.rowCount; r++)
      for (let c = 1; c <= summary.columnCount; c++) texts.push(String(cell(summary, r, c) ?? ""));
    const reason = texts.find((t) => t.startsWith("Not available:"));
    expect(reason).toMatch(/the as-of date/);
    expect(texts.join("\n")).not.toMatch(/\bas_of\b/);
  });

  it("returns only: exit 5 saying why, and no workbook left behind", async () => {
    const input = file(
      "returns.csv",
      "customer_id,date,amount\nA,2024-01-10,-5\nB,2024-02-10,-7\n"
    );
    const output = path.join(dir, "returns.xlsx");
    const run = await runCli([input, "-o", output, "--quiet", "--lang", "en"]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/every amount is negative/);
    expect(existsSync(output)).toBe(false);
  });

  it("Chinese ids and headers (客户ID, 交易日期, 消费金额) in zh-CN and zh-TW: sheet names in the language, ids kept as written", async () => {
    const csv =
      "客户ID,交易日期,消费金额\n张伟1号,2024-01-05,100\n张伟1号,2024-02-07,80\n王芳2号,2024-01-20,50\n李娜3号,2024-03-02,70\n";
    const input = file("chinese.csv", csv);
    const cn = await report(input, "zh-cn", "--lang", "zh-CN");
    expect(cn.code, cn.stderr).toBe(0);
    expect((await workbook(cn.output)).worksheets.map((w) => w.name)).toEqual([
      "留存分析摘要",
      "需跟进的客户",
      "客户价值",
      "模型",
    ]);
    const tw = await report(input, "zh-tw", "--lang", "zh-TW");
    expect(tw.code, tw.stderr).toBe(0);
    const wbTw = await workbook(tw.output);
    expect(wbTw.worksheets.map((w) => w.name)).toEqual([
      "留存分析摘要",
      "需跟進的顧客",
      "顧客價值",
      "模型",
    ]);
    // the alerted ids (张伟1号 orange, 王芳2号 red on 2024-03-02) appear exactly as typed; 李娜3号
    // bought on the as-of date, so no sheet lists it while the model cannot be fitted on 3 customers
    const zip = await JSZip.loadAsync(readFileSync(tw.output));
    const text = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    const sheets = (
      await Promise.all(zip.file(/xl\/worksheets\/sheet\d+\.xml/).map((f) => f.async("string")))
    ).join("");
    for (const id of ["张伟1号", "王芳2号"]) expect(text + sheets).toContain(id);
    expect(kpi(wbTw.worksheets[0]!, "顧客數")).toBe(3);
  });

  it("decimal-comma amounts with a thousands point (1.710,98) are read as 1710.98: the average order value of the sheet", async () => {
    // computed by hand: purchase days K1 01-05 (1710.98), K1 02-05 (12.5), K2 01-07 (1234 + 0.5 same day)
    // → net revenue 2957.98 over 3 purchase days = 985.9933…
    const input = file(
      "comma.csv",
      "customer_id;date;amount\nK1;2024-01-05;1.710,98\nK1;2024-02-05;12,50\nK2;2024-01-07;1.234,00\nK2;2024-01-07;0,50\n"
    );
    const run = await report(input, "comma", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    const summary = (await workbook(run.output)).worksheets[0]!;
    expect(kpi(summary, "Avg order value") as number).toBeCloseTo(2957.98 / 3, 9);
  });

  it("a year of daily data by month, quarter and year: the cohort heatmap shows as many cohorts as its title says, of 12, 4 and 1", async function () {
    this.timeout(120_000);
    const lines = ["customer_id,date,amount"];
    const d0 = Date.UTC(2023, 0, 1);
    for (let day = 0; day < 365; day++) {
      const date = new Date(d0 + day * 86_400_000).toISOString().slice(0, 10);
      lines.push(`N${day},${date},${10 + (day % 7)}`, `R${day % 40},${date},${20 + (day % 5)}`);
    }
    const input = file("daily.csv", lines.join("\n") + "\n");
    for (const [period, all] of [
      ["month", 12],
      ["quarter", 4],
      ["year", 1],
    ] as const) {
      const run = await report(input, `daily-${period}`, "--period", period, "--lang", "en");
      expect(run.code, run.stderr).toBe(0);
      const summary = (await workbook(run.output)).worksheets[0]!;
      let row = 0;
      let col = 0;
      let title = "";
      for (let r = 1; r <= summary.rowCount; r++) {
        for (let c = 1; c <= summary.columnCount; c++) {
          const v = cell(summary, r, c);
          if (v === "Cohort →") [row, col] = [r, c];
          if (typeof v === "string" && v.startsWith("Cohort retention")) title = v;
        }
      }
      expect(row, period).toBeGreaterThan(0);
      const shown = /(\d+) of (\d+) cohorts/.exec(title);
      expect(shown, title).not.toBeNull();
      expect(Number(shown![2]), title).toBe(all);
      let n = 0;
      for (let c = col + 1; c <= summary.columnCount; c++)
        if (/^\d{4}(-(Q\d|\d\d))?$/.test(String(cell(summary, row, c) ?? ""))) n++;
      expect(n, period).toBe(Number(shown![1]));
    }
  });
});

describe("shared/cases through the command line", () => {
  it("refund-day.csv at as-of 2024-05-31: repeat rate 1/3, average order value 32.5, the return counted", async () => {
    const run = await report(
      `${CASES}/refund-day.csv`,
      "refund",
      "--as-of",
      "2024-05-31",
      "--lang",
      "en"
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = (await workbook(run.output)).worksheets[0]!;
    // shared/cases README (SPEC §2 "Returns"): only P bought on 2 days; AOV 130 ÷ 4 purchase days
    expect(kpi(summary, "Repeat rate") as number).toBeCloseTo(1 / 3, 12);
    expect(kpi(summary, "Avg order value") as number).toBeCloseTo(32.5, 12);
    expect(String(cell(summary, 3, 1))).toMatch(/Returns: 1 rows? with a negative amount/);
  });

  it("quoted-newline-id.csv: 3 customers", async () => {
    const run = await report(`${CASES}/quoted-newline-id.csv`, "quoted", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    expect(kpi((await workbook(run.output)).worksheets[0]!, "Customers")).toBe(3);
  });

  it("big5-traditional.csv: 3 customers, repeat rate 2/3, average order value 95.1", async () => {
    const run = await report(`${CASES}/big5-traditional.csv`, "big5", "--lang", "zh-TW");
    expect(run.code, run.stderr).toBe(0);
    const summary = (await workbook(run.output)).worksheets[0]!;
    // shared/cases README: AOV (120 + 80 + 45.5 + 200 + 30) ÷ 5 purchase days
    expect(kpi(summary, "顧客數")).toBe(3);
    expect(kpi(summary, "重複購買率") as number).toBeCloseTo(2 / 3, 12);
  });
});

describe("live formulas and safety", () => {
  it("--formulas copies the transactions to a data sheet, writes CRM formulas, and leaves the input file as it was", async () => {
    const input = file(
      "live.csv",
      "customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-07,20\nB,2024-01-20,5\nC,2024-03-02,7\nB,2024-03-09,9\n"
    );
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const run = await report(input, "live", "--formulas", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
    const zip = await JSZip.loadAsync(readFileSync(run.output));
    const wb = await workbook(run.output);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Retention summary",
      "Customers to act on",
      "Customer value",
      "Model",
      "live",
    ]);
    const sheets = await Promise.all(
      zip.file(/xl\/worksheets\/sheet\d+\.xml/).map((f) => f.async("string"))
    );
    // stored as Excel stores the add-in's calls (src/cli/storedFormula.ts)
    expect(sheets.some((xml) => /<f[^>]*>[^<]*_xldudf_CRM_/.test(xml))).toBe(true);
  });

  it("ids that look like formulas (=HYPERLINK(…), +1+2, @SUM(1)) stay text in both modes", async () => {
    const input = file(
      "inject.csv",
      'customer_id,date,amount\n"=HYPERLINK(""http://x"")",2024-01-05,10\n+1+2,2024-02-05,20\n@SUM(1),2024-03-07,15\n"=HYPERLINK(""http://x"")",2024-03-01,5\n'
    );
    for (const mode of [[], ["--formulas"]]) {
      const run = await report(input, `inject${mode.length}`, ...mode, "--lang", "en");
      expect(run.code, run.stderr).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(run.output));
      const sheets = await Promise.all(
        zip.file(/xl\/worksheets\/sheet\d+\.xml/).map((f) => f.async("string"))
      );
      for (const xml of sheets) expect(xml).not.toMatch(/<f>[^<]*(HYPERLINK|SUM\(1\)|^\+1\+2)/);
    }
  });

  it("--formulas on a file named Model.csv: the data sheet keeps its name, the report's own sheet becomes 'Model (2)' and every formula points at the right one", async () => {
    const input = file(
      "Model.csv",
      "customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-07,20\nB,2024-01-20,5\n"
    );
    const run = await report(input, "model-name", "--formulas", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(run.output));
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(
      /name="Model \(2\)".*name="Model"/s
    );
    const summary = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(summary).toContain(
      "_xldudf_CRM_GRADE(Model!$A$2:$A$4,Model!$B$2:$B$4,&apos;Model (2)&apos;!$B$5"
    );
  });

  it("100,000 rows: a report in well under a minute, every row used", async function () {
    this.timeout(120_000);
    const lines = ["customer_id,date,amount"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 100_000; i++) {
      const day = new Date(Date.UTC(2022, 0, 1) + Math.floor(next() * 730) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      lines.push(
        `U${Math.floor(next() * 20_000)},${day},${(1 + Math.floor(next() * 30_000)) / 100}`
      );
    }
    const input = file("big.csv", lines.join("\n") + "\n");
    const started = Date.now();
    const run = await report(input, "big", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const summary = (await workbook(run.output)).worksheets[0]!;
    expect(String(cell(summary, 3, 1))).toMatch(/^Rows: 100000 read, 100000 used, 0 skipped/);
  });

  for (const testCase of each(["fr", "cn", "chinese"])) {
    it(
      testCase.name(
        "--lang %s names no language of the report: exit 2 naming the option, no workbook"
      ),
      testCase.run(async (lang) => {
        const input = file(`lang-${lang}.csv`, "customer_id,date,amount\nA,2024-01-05,10\n");
        const output = path.join(dir, `lang-${lang}.xlsx`);
        const run = await runCli([input, "--lang", lang, "-o", output, "--quiet"]);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`--lang must be en, zh-CN or zh-TW, got "${lang}"`);
        expect(existsSync(output)).toBe(false);
      })
    );
  }

  for (const testCase of each([
    ["zh", "留存分析摘要"],
    ["zh-Hant", "留存分析摘要"],
    ["zh_TW.UTF-8", "留存分析摘要"],
    ["en-GB", "Retention summary"],
  ])) {
    it(
      testCase.name("--lang %s is read as its language"),
      testCase.run(async (lang, first) => {
        const run = await report(
          file(`lang-ok.csv`, "customer_id,date,amount\nA,2024-01-05,10\n"),
          `lang-ok-${lang}`,
          "--lang",
          lang
        );
        expect(run.code, run.stderr).toBe(0);
        expect((await workbook(run.output)).worksheets[0]!.name).toBe(first);
      })
    );
  }

  it("an existing output is left alone without --force (exit 2)", async () => {
    const input = file("keep.csv", "customer_id,date,amount\nA,2024-01-05,10\n");
    const output = file("keep.xlsx", "not a workbook");
    const run = await runCli([input, "-o", output, "--quiet", "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(readFileSync(output, "utf8")).toBe("not a workbook");
  });

  it("twenty customers who all bought today: no RFM segment says 'Lost' or 'At risk', as the status block says 'Not at risk' (was 16 Lost + 4 At risk: ties took the lowest rank's score)", async () => {
    // SPEC §2 "RFM scores and segments", mid-rank tie rule: recency 0 for all → R 3, F 3;
    // spends 10 … 29 → M 1 … 5, four each; FM = ⌊(3 + M) ÷ 2⌋ = 2, 2, 3, 3, 4 → About to
    // sleep 8, Need attention 8, Loyal customers 4
    const input = file(
      "one-day-rfm.csv",
      "customer_id,date,amount\n" +
        Array.from({ length: 20 }, (_, i) => `C${i},2024-03-01,${10 + i}\n`).join("")
    );
    const run = await report(input, "one-day-rfm", "--lang", "en");
    expect(run.code, run.stderr).toBe(0);
    const summary = (await workbook(run.output)).worksheets[0]!;
    const segments = new Map<string, number>();
    for (let r = 1; r <= summary.rowCount; r++) {
      for (let c = 1; c < summary.columnCount; c++) {
        const label = cell(summary, r, c);
        const count = cell(summary, r, c + 1);
        if (
          typeof label === "string" &&
          typeof count === "number" &&
          ["Lost", "At risk", "About to sleep", "Need attention", "Loyal customers"].includes(label)
        )
          segments.set(label, count);
      }
    }
    expect(Object.fromEntries(segments)).toEqual({
      "Loyal customers": 4,
      "Need attention": 8,
      "About to sleep": 8,
      "At risk": 0,
      Lost: 0,
    });
    expect(statusCount(summary, "Not at risk")).toBe(20);
  });
  it("Model churn-trend table shows lost in its two parts (SPEC §2: lost from the start, lapsed in the period) and in total, so every churn rate is lost from start ÷ S of its own row, in values and live formulas (was one 'Lost' beside churn = lost from start ÷ S)", async function () {
    this.timeout(120_000);
    // quarters with 30 inactive days: lapsed customers are common, so lost ≠ lost from start
    for (const [mode, name] of [
      [[], "trend-parts"],
      [["--formulas"], "trend-parts-live"],
    ] as const) {
      const run = await report(
        SAMPLE,
        name,
        ...mode,
        "--period",
        "quarter",
        "--inactive-days",
        "30",
        "--lang",
        "en"
      );
      expect(run.code, run.stderr).toBe(0);
      const wb = await workbook(run.output);
      const model = wb.getWorksheet("Model")!;
      let header = 0;
      let col = 0;
      for (let r = 1; r <= 12 && !header; r++)
        for (let c = 1; c <= model.columnCount; c++)
          if (cell(model, r, c) === "Period") [header, col] = [r, c];
      expect(header, name).toBeGreaterThan(0);
      const names = Array.from({ length: 10 }, (_, i) => cell(model, header, col + i));
      expect(names).toEqual([
        "Period",
        "At start (S)",
        "New (N)",
        "Reactivated",
        "Lost from start (in S)",
        "Lapsed in period",
        "Lost, total",
        "At end (E)",
        "Churn rate",
        "Retention rate",
      ]);
      let lapsedSomewhere = false;
      for (let r = header + 1; typeof cell(model, r, col) === "string"; r++) {
        const [, s, n, re, fromStart, lapsed, lost, e, churn] = Array.from({ length: 9 }, (_, i) =>
          cell(model, r, col + i)
        ) as number[];
        // S + N + reactivated − lost = E (SPEC §2), lost = from start + lapsed, churn from its row
        expect(fromStart! + lapsed!).toBe(lost);
        expect(s! + n! + re! - lost!).toBe(e);
        if (s! > 0) expect(churn!).toBeCloseTo(fromStart! / s!, 12);
        if (lapsed! > 0) lapsedSomewhere = true;
      }
      expect(lapsedSomewhere, name).toBe(true);
      if (mode.length > 0) {
        // the live table is CRM.CHURNTREND's period, S, N, reactivated, lost_from_start, lapsed,
        // lost, E, churn and retention columns
        const zip = await JSZip.loadAsync(readFileSync(run.output));
        const sheets = (
          await Promise.all(zip.file(/xl\/worksheets\/sheet\d+\.xml/).map((f) => f.async("string")))
        ).join("");
        expect(sheets).toMatch(/_xldudf_CRM_CHURNTREND\([^<]*\),1,4,5,6,7,8,9,10,11,12\)/);
      }
    }
  });
  it("--as-of before the last rows: the rows line counts the rows after the as-of date apart, not as used (was 'Rows: 3 read, 3 used')", async () => {
    // 3 rows, 2 of them after 2024-02-01: only A's 2024-01-05 row is in any figure
    const input = file(
      "as-of-early.csv",
      "customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-05,20\nB,2024-03-07,15\n"
    );
    const lines: string[] = [];
    for (const lang of ["en", "zh-CN", "zh-TW"]) {
      const run = await report(
        input,
        `as-of-early-${lang}`,
        "--as-of",
        "2024-02-01",
        "--lang",
        lang
      );
      expect(run.code, run.stderr).toBe(0);
      lines.push(String(cell((await workbook(run.output)).worksheets[0]!, 3, 1)));
    }
    expect(lines[0]).toMatch(
      /^Rows: 3 read, 1 used, 2 after the as-of date left out, 0 skipped for bad cells, 0 blank\./
    );
    expect(lines[1]).toMatch(/^数据行：读取 3，使用 1，晚于截止日期而未计入 2，/);
    expect(lines[2]).toMatch(/^資料列：讀取 3，使用 1，晚於截止日期而未計入 2，/);
  });
  it("KPI change row names what it compares: period figures against the previous period, figures as of a date against the as-of date minus the last period's length, in values and live formulas alike (was 'change against <previous period>' for all)", async () => {
    // four months of buyers, as-of 2024-04-30 (the last date): last complete period 2024-04
    // (30 days), previous 2024-03; customers, repeat rate … compared with as-of − 30 days
    const lines = ["customer_id,date,amount"];
    for (const [month, n] of [
      ["01", 4],
      ["02", 5],
      ["03", 6],
      ["04", 7],
    ] as const) {
      for (let i = 0; i < n; i++) lines.push(`C${i},2024-${month}-${10 + i},${10 + i}`);
    }
    lines.push("Z,2024-04-30,5");
    const input = file("kpi-change.csv", lines.join("\n") + "\n");
    const notes = new Map<string, string>();
    for (const [lang, mode] of LANGUAGES_AND_MODES) {
      const name = `kpi-change-${lang}-${mode.length}`;
      const run = await report(input, name, ...mode, "--lang", lang);
      expect(run.code, run.stderr).toBe(0);
      const summary = (await workbook(run.output)).worksheets[0]!;
      const texts: string[] = [];
      for (let r = 1; r <= 8; r++)
        for (let c = 1; c <= summary.columnCount; c++)
          texts.push(String(cell(summary, r, c) ?? ""));
      const note = texts.find((t) => t.startsWith("▲ ▼"));
      expect(note, name).toBeDefined();
      notes.set(name, note!);
      if (mode.length > 0) {
        // the live formulas compare with the same number of days the note names
        const zip = await JSZip.loadAsync(readFileSync(run.output));
        const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
        expect(xml).toMatch(/\$B\$\d+-30[,)]/);
        expect(xml).not.toMatch(/\$B\$\d+-(?!30[,)])\d+[,)]/);
      }
    }
    const en = "▲ ▼ Active … retention vs 2024-03, the others vs 30 days earlier; rates in pt.";
    expect(notes.get("kpi-change-en-0")).toBe(en);
    expect(notes.get("kpi-change-en-1")).toBe(en);
    expect(notes.get("kpi-change-zh-CN-0")).toContain("与 2024-03 相比，其余指标与 30 天前相比");
    expect(notes.get("kpi-change-zh-TW-0")).toContain("與 2024-03 相比，其餘指標與 30 天前相比");
  });
  it("the NPS/CSAT tile is the last complete period's, as the other period tiles, with its change against the previous period in points (empty, never 0, when that period has no scores), in values and live-formulas mode alike (a value in both), and the change note names it in en, zh-CN and zh-TW (was every row of all time, with no change)", async function () {
    this.timeout(120_000);
    // four months of buyers C0, C1, … with a score column, then Z on 2024-04-30 (no score):
    // as-of 2024-04-30, last complete period 2024-04, previous 2024-03
    const scoresFile = (name: string, months: Record<string, readonly (number | "")[]>) => {
      const lines = ["customer_id,date,amount,score"];
      for (const [month, scores] of Object.entries(months))
        scores.forEach((s, i) => lines.push(`C${i},2024-${month}-${10 + i},${10 + i},${s}`));
      lines.push("Z,2024-04-30,5,");
      return file(name, lines.join("\n") + "\n");
    };
    const cases = [
      {
        // SPEC §2 NPS = 100 × (promoters 9–10 − detractors 0–6) ÷ responses, by hand:
        // 2024-04: 3 promoters, 1 passive, 1 detractor → 40; 2024-03: 2, 1, 1 → 25; change
        // +15 pt (all rows of all time: 5 promoters, 8 detractors of 15 → −20)
        name: "nps",
        months: { "01": [0, 0, 0, 0], "02": [0, 0], "03": [10, 9, 3, 8], "04": [10, 10, 9, 6, 7] },
        tile: "nps",
        value: 40,
        change: 15,
      },
      {
        // SPEC §2 CSAT = responses scoring 4 or 5 ÷ responses, by hand: 2024-04: 3 of 4 →
        // 75 %; 2024-03: 2 of 4 → 50 %; change +25 pt (all rows: 5 of 12)
        name: "csat",
        months: { "01": [1, 1, 1], "02": [2], "03": [5, 4, 2, 1], "04": [5, 5, 4, 3] },
        tile: "csat",
        value: 0.75,
        change: 25,
      },
      {
        // no score in 2024-03: no change to show (empty, not 0); 2024-04: 3 promoters
        // (10, 9, 10), 1 passive, 1 detractor of 5 → 40
        name: "nps-none-before",
        months: { "01": [0, 0], "02": [9], "03": ["", "", "", ""], "04": [10, 9, 8, 2, 10] },
        tile: "nps",
        value: 40,
        change: null,
      },
    ] as const;
    for (const c of cases) {
      const input = scoresFile(`${c.name}.csv`, c.months);
      for (const [lang, mode] of LANGUAGES_AND_MODES) {
        const name = `${c.name}-${lang}-${mode.length}`;
        const run = await report(input, name, ...mode, "--lang", lang);
        expect(run.code, run.stderr).toBe(0);
        const summary = (await workbook(run.output)).worksheets[0]!;
        const label = REPORT_STRINGS[lang].kpi[c.tile];
        const at = labelAt(summary, label, 8);
        expect(at, name).toBeDefined();
        const [r, col] = at!;
        expect(cell(summary, r + 1, col) as number, name).toBeCloseTo(c.value, 9);
        // (a live formula with no value to cache has no result)
        const shown = cell(summary, r + 2, col);
        const change =
          shown !== null && typeof shown === "object" && "formula" in shown
            ? null
            : (shown ?? null);
        if (c.change === null) expect(change, name).toBeNull();
        else expect(change as number, name).toBeCloseTo(c.change, 9);
        expect(summary.getRow(r + 2).getCell(col).numFmt, name).toContain(" pt");
        const texts: string[] = [];
        for (let col2 = 1; col2 <= summary.columnCount; col2++)
          texts.push(String(cell(summary, r - 1, col2) ?? ""));
        const note = texts.find((t) => t.startsWith("▲ ▼"));
        if (lang === "en")
          expect(note, name).toBe(
            `▲ ▼ Active … retention and ${label} vs 2024-03, the others vs 30 days earlier; rates and ${label} in pt.`
          );
        else expect(note, name).toContain(`以及${label}${lang === "zh-CN" ? "与" : "與"} 2024-03`);
        if (mode.length > 0) {
          // a value in formulas mode too (kpis.ts satisfactionTile: no CRM function picks a
          // period's scores; a worksheet FILTER read text dates and scores by Excel's locale)
          for (const row of [r + 1, r + 2]) {
            const value = summary.getRow(row).getCell(col).value;
            expect(typeof value === "object" && value !== null && "formula" in value, name).toBe(
              false
            );
          }
        }
      }
    }
  });
  it("the NPS/CSAT tile reads scores as the report reads them, in either mode: text scores left out, decimal-comma scores, day-first dates, and the scale taken from scores up to the as-of date, the text score named on stderr (QA: the live tile went empty or wrong in Excel; a 9 after the as-of date made a CSAT tile NPS; crm-report did not say it left a score out)", async function () {
    this.timeout(120_000);
    // SPEC §2 CSAT by hand, as-of 2024-04-30: 2024-04 scores 5, 4, 3,5 (3.5), 5 → 3 of 4 = 75 %;
    // 2024-03 scores 4, 2 → 1 of 2 = 50 %; change +25 pt. "N/A" is no score; the 9 on
    // 2024-05-02 is after the as-of date and neither counts nor sets the scale.
    const rows = [
      ["A", "03/03/2024", "10,00", "4"],
      ["B", "13/03/2024", "12,50", "2"],
      ["C", "20/03/2024", "7,00", "N/A"],
      ["A", "02/04/2024", "9,00", "5"],
      ["B", "14/04/2024", "8,00", "4"],
      ["C", "15/04/2024", "6,00", "3,5"],
      ["D", "30/04/2024", "5,00", "5"],
      ["E", "02/05/2024", "5,00", "9"],
    ];
    const input = file(
      "scores-conventions.csv",
      ["customer_id;date;amount;score", ...rows.map((row) => row.join(";"))].join("\n") + "\n"
    );
    for (const mode of [[], ["--formulas"]] as const) {
      const name = `scores-conventions-${mode.length}`;
      const run = await report(input, name, ...mode, "--as-of", "2024-04-30", "--skip-bad-rows");
      expect(run.code, run.stderr).toBe(0);
      // said on stderr as the wizard's data-quality report says it (QA: it was not)
      expect(run.stderr).toContain(
        'score: 1 cell is not a number and is left out (first: line 4, "N/A").'
      );
      const summary = (await workbook(run.output)).worksheets[0]!;
      const label = REPORT_STRINGS.en.kpi.csat;
      const at = labelAt(summary, label, 8);
      expect(at, name).toBeDefined();
      const [r, col] = at!;
      expect(cell(summary, r + 1, col) as number, name).toBeCloseTo(0.75, 9);
      expect(cell(summary, r + 2, col) as number, name).toBeCloseTo(25, 9);
    }
  });
  it("Model sheet: the holdout table reads as a table when printed: each column's header aligned like its cells (numbers right) and no column of it 60 characters wide, in values and live formulas, English and Chinese (was left-aligned numeric headers over right-aligned numbers in 60-character columns, so 'Customers' numbers sat under 'Actual mean, holdout')", async function () {
    this.timeout(240_000);
    // the CDNOW sample spans 545 days: a holdout check (report.modelSheet.test.ts)
    for (const [lang, mode] of LANGUAGES_AND_MODES) {
      const name = `holdout-${lang}-${mode.length}`;
      const run = await report(SAMPLE, name, ...mode, "--lang", lang);
      expect(run.code, run.stderr).toBe(0);
      const strings = REPORT_STRINGS[lang];
      const model = (await workbook(run.output)).getWorksheet(strings.sheetNames.model)!;
      const h = strings.model.holdout;
      let header = 0;
      for (let r = 1; r <= model.rowCount && !header; r++)
        if (cell(model, r, 1) === h.header[0]) header = r;
      expect(header, name).toBeGreaterThan(0);
      const align = (r: number, c: number) => model.getRow(r).getCell(c).alignment?.horizontal;
      // the groups 0 … 7+, then the total row and the mean absolute error row
      let last = header + 1;
      while (cell(model, last, 1) !== h.meanAbsoluteError) last++;
      expect(last - header, name).toBe(8 + 2);
      for (let r = header; r <= last; r++)
        expect([r, align(r, 1)], `${name} group column`).toEqual([r, align(header, 1)]);
      for (let c = 2; c <= 4; c++) {
        expect([c, cell(model, header, c)], name).toEqual([c, h.header[c - 1]]);
        // numbers show right-aligned (General) unless told otherwise: so must their header
        expect([c, align(header, c)], `${name} header`).toEqual([c, "right"]);
        for (let r = header + 1; r <= last; r++) {
          if (typeof cell(model, r, c) !== "number") continue;
          expect(["right", undefined], `${name} row ${r} column ${c}`).toContain(align(r, c));
        }
        // 60 characters is the cap of a text column (reportLayout.ts MAX_COLUMN_UNITS): a
        // column of four-decimal means under a two- or three-word header needs under half
        expect([c, model.getColumn(c).width! < 30], `${name} width`).toEqual([c, true]);
      }
    }
  });
});
