/**
 * The Excel adapter against the in-memory workbook of test/browser/office-stand-in.js: the
 * same stand-in the browser test serves as office.js, so this checks that the two agree
 * before the browser test relies on them, and checks the adapter's reading and writing on a
 * workbook that keeps what it is given.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { beforeEach, describe, expect, it } from "vitest";
import { buildReport, defaultReportOptions, prepareReportData } from "../../src/core/report";
import { serialFromYmd } from "../../src/core/dates";
import type { ReportModel } from "../../src/core/reportModel";
import {
  CancelledError,
  describeSource,
  listTables,
  readSource,
  writeReport,
} from "../../src/taskpane/excelAdapter";

interface Snapshot {
  name: string;
  values: unknown[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  tables: { name: string; address: string; style: string }[];
  charts: { type: string; title: string; source: string; categories: string[]; position: string }[];
  conditionalFormats: { type: string; address: string; formula: string | null; criteria: unknown }[];
  frozenRows: number;
  active: boolean;
}

interface StandInWorkbook {
  seed(sheet: string, topLeft: string, values: unknown[][], options?: { tableName?: string; select?: string | false }): void;
  snapshot(): Snapshot[];
  readonly syncCount: number;
  failNextSyncAfter(n: number): void;
}

const STAND_IN = readFileSync(path.join(__dirname, "../browser/office-stand-in.js"), "utf8");
let workbook: StandInWorkbook;

beforeEach(() => {
  vm.runInThisContext(STAND_IN, { filename: "office-stand-in.js" });
  workbook = (globalThis as unknown as { __workbook: StandInWorkbook }).__workbook;
});

const SALES: unknown[][] = [
  ["customer_id", "date", "amount"],
  ["00123", "2024-01-05", 120],
  [1002, "2024-01-12", 80],
  ["00123", "2024-02-03", 60],
  [1003, "2024-02-15", 200],
  [1002, "2024-03-01", 40],
  [1004, "2024-03-10", 90],
  ["00123", "2024-04-20", 150],
  [1003, "2024-05-02", 70],
  [1005, "2024-05-18", 30],
  [1004, "2024-06-25", 110],
  ["00123", "2024-06-28", 50],
];

function report(mode: "values" | "formulas" = "values", language: "en" | "zh-CN" = "en"): ReportModel {
  const data = prepareReportData({
    rows: SALES,
    hasHeader: true,
    columnNames: ["customer_id", "date", "amount"],
    mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
    location: { sheetName: "Sales", row: 0, column: 0, address: "Sales!A1:C12" },
  });
  return buildReport(data, {
    ...defaultReportOptions(data, language),
    asOf: serialFromYmd(2024, 6, 30),
    period: "quarter",
    inactiveDays: 45,
    mode,
  });
}

describe("reading the source", () => {
  it("reads the selection in row blocks under the budget, header included", async () => {
    const rows: unknown[][] = [["id", "date", "amount"]];
    for (let i = 0; i < 5000; i++) rows.push([`C${i % 700}`, 45292 + (i % 365), (i % 97) + 0.5]);
    workbook.seed("Sales", "B2", rows);
    const before = workbook.syncCount;
    const progress: number[] = [];
    const source = await readSource({ kind: "selection" }, { maxRequestBytes: 20_000, onProgress: (read) => progress.push(read) });
    expect(source.values).toEqual(rows);
    expect(source).toMatchObject({ sheetName: "Sales", address: "Sales!B2:D5002", row: 1, column: 1, rowCount: 5001, columnCount: 3 });
    const blocks = workbook.syncCount - before - 1;
    expect(blocks).toBeGreaterThan(5);
    expect(progress).toHaveLength(blocks);
    expect(progress[progress.length - 1]).toBe(5001);
  });

  it("reads the current region around one selected cell, and a named table", async () => {
    workbook.seed("Sales", "C3", SALES, { select: "D5", tableName: "Orders" });
    expect((await readSource({ kind: "region" })).address).toBe("Sales!C3:E14");
    expect((await describeSource({ kind: "selection" })).address).toBe("Sales!D5");
    const table = await readSource({ kind: "table", tableName: "Orders" });
    expect(table).toMatchObject({ tableName: "Orders", address: "Sales!C3:E14" });
    expect(await listTables()).toEqual([{ name: "Orders", sheetName: "Sales", address: "Sales!C3:E14", rowCount: 12 }]);
  });

  it("stops reading when cancelled", async () => {
    workbook.seed("Sales", "A1", SALES);
    const controller = new AbortController();
    controller.abort();
    await expect(readSource({ kind: "selection" }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("writing the report", () => {
  it("writes a new sheet with the model's cells, formats, tables, charts and rules", async () => {
    workbook.seed("Sales", "A1", SALES);
    const model = report();
    const result = await writeReport(model);
    expect(result.sheetName).toBe("Retention summary");
    const book = workbook.snapshot();
    expect(book.find((s) => s.name === "Sales")!.values).toEqual(SALES);
    const sheet = book.find((s) => s.name === "Retention summary")!;
    expect(sheet.active).toBe(true);
    for (const block of model.blocks) {
      block.values.forEach((row, r) =>
        row.forEach((value, c) => expect(sheet.values[block.row + r]![block.column + c]).toEqual(value ?? ""))
      );
    }
    expect(sheet.tables.map((t) => t.name)).toEqual(model.tables.map((t) => t.name));
    expect(sheet.charts.map((c) => c.type)).toEqual(["Line", "ColumnClustered"]);
    const trend = model.blocks.find((b) => b.id === "trend")!;
    // churn and retention rate are the chart's series; the periods its categories
    expect(sheet.charts[0]!.source).toBe(`K${trend.row + 1}:L${trend.row + 3}`);
    expect(sheet.charts[0]!.categories).toEqual([`A${trend.row + 2}:A${trend.row + 3}`, `A${trend.row + 2}:A${trend.row + 3}`]);
    expect(sheet.conditionalFormats.map((f) => f.type)).toEqual(["ColorScale", "Custom", "Custom", "Custom"]);
    expect(sheet.numberFormats[trend.row + 1]![10]).toBe("0.0%");
    expect(sheet.frozenRows).toBe(1);
    expect(result.syncs).toBeLessThanOrEqual(6);
  });

  it("keeps text that looks like a number, date, boolean or formula as text", async () => {
    const texts = ["00123", "2024-03", "TRUE", "=1+1", "'quoted", "+86 10 1234", "客户"];
    const model: ReportModel = {
      ...report(),
      blocks: [{ id: "texts", row: 0, column: 0, values: [texts] }],
      numberFormats: [],
      styles: [],
      tables: [],
      charts: [],
      conditionalFormats: [],
    };
    await writeReport(model);
    const sheet = workbook.snapshot().find((s) => s.name === "Retention summary")!;
    expect(sheet.values[0]).toEqual(texts);
    expect(sheet.formulas[0]).toEqual(texts.map(() => null));
  });

  it("never overwrites: an existing sheet of that name (any case) stays, the report gets (2)", async () => {
    workbook.seed("RETENTION SUMMARY", "A1", [["mine"]]);
    const result = await writeReport(report());
    expect(result.sheetName).toBe("Retention summary (2)");
    expect(workbook.snapshot().find((s) => s.name === "RETENTION SUMMARY")!.values).toEqual([["mine"]]);
  });

  it("a second report makes its tables' names unique in the workbook", async () => {
    workbook.seed("Sales", "A1", SALES);
    await writeReport(report());
    await writeReport(report());
    const second = workbook.snapshot().find((s) => s.name === "Retention summary (2)")!;
    expect(second.tables[0]!.name).toBe("CrmChurnTrend_2");
  });

  it("removes the partly written sheet when a request fails, and rethrows", async () => {
    workbook.seed("Sales", "A1", SALES);
    workbook.failNextSyncAfter(2);
    await expect(writeReport(report())).rejects.toThrow("injected failure");
    expect(workbook.snapshot().map((s) => s.name)).toEqual(["Sales"]);
  });

  it("removes the partly written sheet when cancelled", async () => {
    workbook.seed("Sales", "A1", SALES);
    const controller = new AbortController();
    const promise = writeReport(report(), {
      signal: controller.signal,
      maxRequestBytes: 2_000,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
    expect(workbook.snapshot().map((s) => s.name)).toEqual(["Sales"]);
  });

  it("formulas mode: the spill's anchor holds the formula and the cells it spills into stay empty", async () => {
    workbook.seed("Sales", "A1", SALES);
    const model = report("formulas");
    await writeReport(model);
    const sheet = workbook.snapshot().find((s) => s.name === "Retention summary")!;
    const spill = model.spills[0]!;
    expect(sheet.formulas[spill.range.row]![0]).toBe(spill.formula);
    expect(sheet.values[spill.range.row]![1]).toBe("");
    expect(sheet.values[spill.range.row + 1]![0]).toBe("");
    expect(model.tables.some((t) => t.name === "CrmChurnTrend")).toBe(false);
  });

  it("writes the Chinese report under its Chinese name", async () => {
    workbook.seed("Sales", "A1", SALES);
    expect((await writeReport(report("values", "zh-CN"))).sheetName).toBe("留存分析摘要");
  });
});
