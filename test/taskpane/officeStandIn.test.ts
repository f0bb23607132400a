/**
 * The Excel adapter against test/browser/office-stand-in.js, the in-memory workbook the
 * browser test serves in place of office.js: the same scenarios as excelAdapter.test.ts (which
 * uses office-addin-mock) at a smaller size, so the stand-in and the adapter are known to agree
 * before the browser test relies on them. The stand-in keeps what it is given, reads written
 * text as Excel reads typed input, applies queued operations at sync, and refuses a request
 * over its payload limit, so these tests also check what the cells end up holding.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { expect } from "../support/expect";
import { sampleSource, sampleWorkbook } from "../support/sampleReport";
import { fixtureWorkbook } from "../support/reportWorkbookFixture";
import type { ReportModel, ReportWorkbook } from "../../src/core/report/reportModel";
import {
  CancelledError,
  describeSource,
  listTables,
  readSource,
  writeReport,
} from "../../src/taskpane/excelAdapter";

// ─── The stand-in's inspection API (see the end of office-stand-in.js) ──────────────────

interface SheetSnapshot {
  name: string;
  values: unknown[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  tables: { name: string; address: string; style: string }[];
  charts: {
    type: string;
    title: string;
    source: string;
    series: { name: string; values: string; categories: string | null }[];
    position: string | null;
    legend: string;
    valueAxisFormat: string;
  }[];
  conditionalFormats: {
    type: string;
    address: string;
    criteria: unknown;
    formula: string | null;
    fill: string | null;
    fontColor: string | null;
  }[];
  styles: { address: string; path: string; value: unknown }[];
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  frozenRows: number;
  frozenColumns: number;
  pageLayout: {
    orientation: string;
    zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
    printArea: string | null;
    printTitleRows: string | null;
  };
  active: boolean;
  selection: string | null;
}

interface StandInWorkbook {
  seed(
    sheet: string,
    topLeft: string,
    values: unknown[][],
    options?: { tableName?: string; select?: string | false }
  ): void;
  snapshot(): SheetSnapshot[];
  readonly sheets: SheetSnapshot[];
  sheet(name: string): SheetSnapshot | undefined;
  readonly syncCount: number;
  readonly requests: {
    sync: number;
    operations: number;
    writeBytes: number;
    readBytes: number;
    error: string | null;
  }[];
  payloadLimit: number;
  failNextSyncAfter(n: number): void;
  defineName(name: string): void;
}

const STAND_IN = readFileSync(
  path.join(import.meta.dirname, "../browser/office-stand-in.js"),
  "utf8"
);
const globals = globalThis as unknown as {
  __workbook: StandInWorkbook;
  __officeDisplayLanguage?: string;
};
let workbook: StandInWorkbook;

/** A fresh workbook: the stand-in replaces the globals Excel, Office, CustomFunctions and __workbook. */
function loadStandIn(): StandInWorkbook {
  vm.runInThisContext(STAND_IN, { filename: "office-stand-in.js" });
  return globals.__workbook;
}

beforeEach(function () {
  // vitest ran this hook for this file's tests only; a mocha root hook runs for all.
  if (this.currentTest?.file !== import.meta.filename) return;
  workbook = loadStandIn();
});

const names = () => workbook.sheets.map((s) => s.name);

// ─── Data ───────────────────────────────────────────────────────────────────────────────

const SALES: unknown[][] = [
  ["customer_id", "date", "amount"],
  ["00123", 45296, 120],
  [1002, 45303, 80],
  ["00123", 45325, 60],
  [1003, 45337, 200],
  [1002, 45352, 40],
  [1004, 45361, 90],
  ["00123", 45402, 150],
  [1003, 45414, 70],
  [1005, 45430, 30],
  [1004, 45468, 110],
  ["00123", 45471, 50],
];

const ALERTS_FORMULA = "=CRM.RFMALERT(Sales!A2:A12,Sales!B2:B12,Sales!C2:C12)";

/** The hand-made report of excelAdapter.test.ts, smaller: see there for what each part checks. */
function handMadeModel(mode: "values" | "formulas"): ReportModel {
  return {
    sheetName: "Retention summary",
    mode,
    blocks: [
      { id: "title", row: 0, column: 0, values: [["Retention summary"]] },
      {
        id: "kpis",
        row: 2,
        column: 0,
        values: [["Customers"], [5]],
        formulas: [[null], ["=CRM.CUSTOMERS(Sales!A2:A12)"]],
      },
      {
        id: "trend",
        row: 5,
        column: 0,
        values: [
          ["Period", "Churn rate", "Retention rate"],
          ["2024-Q1", 0.1, 0.9],
          ["2024-Q2", 0.25, 0.8],
        ],
      },
      {
        id: "alerts",
        row: 9,
        column: 0,
        values: [
          ["00123", "red", 61],
          ["1002", "yellow", 5],
        ],
        formulas: [
          [ALERTS_FORMULA, null, null],
          [null, null, null],
        ],
      },
    ],
    numberFormats: [{ range: { row: 6, column: 1, rows: 2, columns: 2 }, format: "0.0%" }],
    styles: [
      {
        range: { row: 5, column: 0, rows: 1, columns: 3 },
        style: { bold: true, fill: "#DDEBF7", border: "#9BC2E6" },
      },
    ],
    tables: [
      {
        name: "CrmTrend",
        range: { row: 5, column: 0, rows: 3, columns: 3 },
        style: "TableStyleMedium2",
      },
    ],
    charts: [
      {
        id: "trend",
        kind: "line",
        title: "Churn and retention",
        data: { row: 5, column: 0, rows: 3, columns: 3 },
        position: { row: 5, column: 4, rows: 10, columns: 6 },
        valueAxisFormat: "0%",
      },
      {
        id: "retention",
        kind: "columnClustered",
        title: "Retention",
        data: { row: 5, column: 0, rows: 3, columns: 3 },
        seriesColumns: [2],
        position: { row: 16, column: 4, rows: 10, columns: 6 },
      },
    ],
    conditionalFormats: [
      {
        kind: "colorScale",
        range: { row: 6, column: 1, rows: 2, columns: 2 },
        minColor: "#F8696B",
        midColor: "#FFEB84",
        maxColor: "#63BE7B",
      },
      {
        kind: "formula",
        range: { row: 9, column: 0, rows: 2, columns: 3 },
        formula: '=$B10="red"',
        fill: "#F4CCCC",
      },
    ],
    spills: [{ range: { row: 9, column: 0, rows: 2, columns: 3 }, formula: ALERTS_FORMULA }],
    columnWidths: [{ column: 0, width: 110 }],
    frozenRows: 1,
    extent: { rows: 11, columns: 3 },
  };
}

/** The report workbook the core builds from SALES, as the wizard would ask for it. */
function coreWorkbook(
  mode: "values" | "formulas" = "values",
  language: "en" | "zh-CN" = "en"
): ReportWorkbook {
  return sampleWorkbook({ mode, language }, sampleSource(SALES));
}

function bigModel(rows: number): ReportModel {
  const values = Array.from({ length: rows }, (_, i) => [
    `C${i}`,
    "red",
    i % 60,
    3,
    1,
    0.6667,
    1234.56,
    2345.67,
    0.4737,
  ]);
  return {
    ...handMadeModel("values"),
    blocks: [{ id: "alerts.list", row: 0, column: 0, values }],
    numberFormats: [{ range: { row: 0, column: 5, rows, columns: 1 }, format: "0.0%" }],
    styles: [],
    tables: [],
    charts: [],
    conditionalFormats: [],
    spills: [],
    columnWidths: [],
    frozenRows: 0,
    extent: { rows, columns: 9 },
  };
}

// ─── The stand-in itself ────────────────────────────────────────────────────────────────

describe("the office.js stand-in", () => {
  it("answers Office.onReady as Excel on the web, in the display language asked for", async () => {
    globals.__officeDisplayLanguage = "zh-TW";
    loadStandIn();
    delete globals.__officeDisplayLanguage;
    const office = (
      globalThis as unknown as {
        Office: { onReady(): Promise<unknown>; context: { displayLanguage: string } };
      }
    ).Office;
    expect(await office.onReady()).toEqual({ host: "Excel", platform: "OfficeOnline" });
    expect(office.context.displayLanguage).toBe("zh-TW");
    const error = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "no data");
    expect([error.code, error.message]).toEqual(["#N/A", "no data"]);
  });

  it("reads written text as typed input, so a missing apostrophe would show", async () => {
    workbook.seed("Sales", "A1", [["x"]]);
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sales").getRange("A2:F2");
      range.values = [["00123", "'00123", "2024-03-01", "TRUE", "=1+1", "12%"]];
      await context.sync();
    });
    const sheet = workbook.sheet("Sales")!;
    expect(sheet.values[1]).toEqual([123, "00123", 45352, true, "", 0.12]);
    expect(sheet.formulas[1]).toEqual([null, null, null, null, "=1+1", null]);
  });
});

// ─── Reading ────────────────────────────────────────────────────────────────────────────

describe("reading the source through the stand-in", () => {
  it("reads the selection in row blocks, each response under the budget, header included", async () => {
    const rows: unknown[][] = [["id", "date", "amount"]];
    for (let i = 0; i < 5000; i++) rows.push([`C${i % 700}`, 45292 + (i % 365), (i % 97) + 0.5]);
    workbook.seed("Sales", "B2", rows);
    const progress: number[] = [];
    const source = await readSource(
      { kind: "selection" },
      { maxRequestBytes: 20_000, onProgress: (read) => progress.push(read) }
    );
    expect(source.values).toEqual(rows);
    expect(source).toMatchObject({
      sheetName: "Sales",
      address: "Sales!B2:D5002",
      row: 1,
      column: 1,
      rowCount: 5001,
      columnCount: 3,
    });
    const blocks = workbook.requests.slice(1);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) expect(block.readBytes).toBeLessThanOrEqual(20_000);
    expect(progress).toHaveLength(blocks.length);
    expect(progress[progress.length - 1]).toBe(5001);
  });

  it("reads the current region around one selected cell, a named table, and lists the tables", async () => {
    workbook.seed("Sales 2024", "C3", SALES, { select: "D5", tableName: "Orders" });
    expect((await describeSource({ kind: "selection" })).address).toBe("'Sales 2024'!D5");
    expect((await readSource({ kind: "region" })).address).toBe("'Sales 2024'!C3:E14");
    const table = await readSource({ kind: "table", tableName: "Orders" });
    expect(table).toMatchObject({
      tableName: "Orders",
      address: "'Sales 2024'!C3:E14",
      values: SALES,
    });
    expect(await listTables()).toEqual([
      { name: "Orders", sheetName: "Sales 2024", address: "'Sales 2024'!C3:E14", rowCount: 12 },
    ]);
  });

  it("trims a selection of whole columns to the data, and reads nothing from an empty selection", async () => {
    workbook.seed("Sales", "A1", SALES, { select: "A1:C1048576" });
    const source = await readSource({ kind: "selection" });
    expect(source).toMatchObject({ address: "Sales!A1:C12", rowCount: 12 });
    expect(workbook.requests.length).toBe(2);
    workbook.seed("Sales", "A1", SALES, { select: "H1:J20" });
    expect(await readSource({ kind: "selection" })).toMatchObject({ rowCount: 0, values: [] });
  });

  it("throws CancelledError when cancelled", async () => {
    workbook.seed("Sales", "A1", SALES);
    const controller = new AbortController();
    controller.abort();
    await expect(
      readSource({ kind: "selection" }, { signal: controller.signal })
    ).rejects.toBeInstanceOf(CancelledError);
    expect(workbook.syncCount).toBe(0);
  });
});

// ─── Writing ────────────────────────────────────────────────────────────────────────────

describe("writing the report through the stand-in", () => {
  it("values mode: the new sheet holds the hand-made model's cells, formats, table, charts and rules", async () => {
    workbook.seed("Sales", "A1", SALES);
    const result = await writeReport(handMadeModel("values"));
    expect(result).toMatchObject({ sheetName: "Retention summary", syncs: 5 });
    expect(workbook.syncCount).toBe(5);
    expect(workbook.sheet("Sales")!.values).toEqual(SALES);
    const sheet = workbook.sheet("Retention summary")!;
    expect(sheet.values).toEqual([
      ["Retention summary", "", ""],
      ["", "", ""],
      ["Customers", "", ""],
      [5, "", ""],
      ["", "", ""],
      ["Period", "Churn rate", "Retention rate"],
      ["2024-Q1", 0.1, 0.9],
      ["2024-Q2", 0.25, 0.8],
      ["", "", ""],
      ["00123", "red", 61], // text that looks like a number stays text
      ["1002", "yellow", 5],
    ]);
    expect(sheet.formulas.flat().every((f) => f === null)).toBe(true);
    expect(sheet.numberFormats[6]).toEqual(["General", "0.0%", "0.0%"]);
    expect(sheet.styles).toEqual(
      expect.arrayContaining([
        { address: "A6:C6", path: "font.bold", value: true },
        { address: "A6:C6", path: "fill.color", value: "#DDEBF7" },
        { address: "A6:C6", path: "border.InsideVertical.style", value: "Continuous" },
      ])
    );
    expect(sheet.columnWidths).toEqual({ 0: 110 });
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.tables).toEqual([
      { name: "CrmTrend", address: "A6:C8", style: "TableStyleMedium2" },
    ]);
    expect(sheet.charts).toEqual([
      expect.objectContaining({
        type: "Line",
        title: "Churn and retention",
        source: "B6:C8",
        series: [
          { name: "Churn rate", values: "B7:B8", categories: "A7:A8" },
          { name: "Retention rate", values: "C7:C8", categories: "A7:A8" },
        ],
        position: "E6:J15",
        legend: "Bottom",
        valueAxisFormat: "0%",
      }),
      expect.objectContaining({
        type: "ColumnClustered",
        source: "C6:C8",
        series: [{ name: "Retention rate", values: "C7:C8", categories: "A7:A8" }],
        position: "E17:J26",
      }),
    ]);
    expect(sheet.conditionalFormats).toEqual([
      expect.objectContaining({
        type: "ColorScale",
        address: "B7:C8",
        criteria: {
          minimum: { type: "LowestValue", color: "#F8696B" },
          midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
          maximum: { type: "HighestValue", color: "#63BE7B" },
        },
      }),
      expect.objectContaining({
        type: "Custom",
        address: "A10:C11",
        formula: '=$B10="red"',
        fill: "#F4CCCC",
      }),
    ]);
    expect(sheet.active).toBe(true);
    expect(sheet.selection).toBe("A1");
  });

  it("formulas mode: formulas where the model has them, the spill's anchor holds its formula and the rest stays empty", async () => {
    workbook.seed("Sales", "A1", SALES);
    await writeReport(handMadeModel("formulas"));
    const sheet = workbook.sheet("Retention summary")!;
    expect(sheet.formulas[3]![0]).toBe("=CRM.CUSTOMERS(Sales!A2:A12)");
    expect(sheet.formulas[9]).toEqual([ALERTS_FORMULA, null, null]);
    expect(sheet.values[9]).toEqual(["", "", ""]); // the stand-in does not calculate
    expect(sheet.values).toHaveLength(10); // the row the formula spills into is empty
    expect(sheet.values[6]).toEqual(["2024-Q1", 0.1, 0.9]);
  });

  it("writes the core's report cell for cell, in English and in Chinese", async () => {
    workbook.seed("Sales", "A1", SALES);
    const report = coreWorkbook();
    const result = await writeReport(report);
    expect(names()).toEqual(["Sales", ...report.sheets.map((s) => s.sheetName)]);
    report.sheets.forEach((model, i) => {
      const sheet = workbook.sheet(result.sheets[i]!.sheetName)!;
      for (const block of model.blocks) {
        block.values.forEach((row, r) =>
          row.forEach((value, c) =>
            expect(sheet.values[block.row + r]![block.column + c]).toEqual(value ?? "")
          )
        );
      }
      expect(sheet.tables.map((t) => t.name)).toEqual(model.tables.map((t) => t.name));
      expect(sheet.charts).toHaveLength(model.charts.length);
      expect(sheet.conditionalFormats).toHaveLength(model.conditionalFormats.length);
      expect(sheet.frozenRows).toBe(model.frozenRows);
      if (model.pageSetup)
        expect(sheet.pageLayout.orientation).toBe(
          model.pageSetup.orientation === "landscape" ? "Landscape" : "Portrait"
        );
    });
    expect(workbook.sheet(result.sheetName)!.active).toBe(true);
    const chinese = await writeReport(coreWorkbook("formulas", "zh-CN"));
    expect(
      chinese.sheets
        .flatMap((s) => workbook.sheet(s.sheetName)!.formulas.flat())
        .some((f) => f?.startsWith("=CRM."))
    ).toBe(true);
    expect(/[\u4e00-\u9fff]/.test(chinese.sheetName)).toBe(true);
  });

  it("keeps text that looks like a number, date, boolean, error or formula as text", async () => {
    const texts = [
      "00123",
      "2024-03",
      "TRUE",
      "=1+1",
      "'quoted",
      "+86 10 1234",
      "-",
      "Jan-24",
      "#N/A",
      "(5)",
      "12%",
      "客户",
    ];
    await writeReport({
      ...bigModel(0),
      blocks: [{ id: "texts", row: 0, column: 0, values: [texts] }],
      numberFormats: [],
    });
    const sheet = workbook.sheet("Retention summary")!;
    expect(sheet.values[0]).toEqual(texts);
    expect(sheet.formulas[0]).toEqual(texts.map(() => null));
  });

  it("keeps every request under the budget for 12,000 rows × 9 columns, the stand-in refusing anything larger", async () => {
    workbook.seed("Sales", "A1", SALES);
    workbook.payloadLimit = 200_000;
    const model = bigModel(12_000);
    const result = await writeReport(model, { maxRequestBytes: 200_000 });
    const sheet = workbook.sheet("Retention summary")!;
    expect(sheet.values).toHaveLength(12_000);
    expect(sheet.values[11_999]).toEqual([
      "C11999",
      "red",
      59,
      3,
      1,
      0.6667,
      1234.56,
      2345.67,
      0.4737,
    ]);
    expect(sheet.numberFormats[11_999]![5]).toBe("0.0%");
    const payload = Buffer.byteLength(JSON.stringify(model.blocks[0]!.values));
    const formats = Buffer.byteLength(
      JSON.stringify(Array.from({ length: 12_000 }, () => ["0.0%"]))
    );
    for (const request of workbook.requests)
      expect(request.writeBytes).toBeLessThanOrEqual(200_000);
    expect(result.syncs).toBeLessThanOrEqual(
      Math.ceil(payload / 200_000) + Math.ceil(formats / 200_000) + 4
    );
  });

  it("a request over the stand-in's payload limit is refused, and the sheet removed", async () => {
    workbook.seed("Sales", "A1", SALES);
    workbook.payloadLimit = 100_000;
    await expect(writeReport(bigModel(3_000), { maxRequestBytes: 400_000 })).rejects.toMatchObject({
      code: "RequestPayloadSizeLimitExceeded",
    });
    expect(names()).toEqual(["Sales"]);
  });

  it("never overwrites: an existing sheet of that name (any case) stays, the report gets (2)", async () => {
    workbook.seed("RETENTION SUMMARY", "A1", [["mine"]]);
    const result = await writeReport(handMadeModel("values"));
    expect(result.sheetName).toBe("Retention summary (2)");
    expect(workbook.sheet("RETENTION SUMMARY")!.values).toEqual([["mine"]]);
  });

  it("makes table names unique in the workbook, against tables and defined names", async () => {
    workbook.seed("Sales", "A1", SALES);
    await writeReport(handMadeModel("values"));
    workbook.defineName("CrmTrend_2");
    await writeReport(handMadeModel("values"));
    expect(workbook.sheet("Retention summary (2)")!.tables[0]!.name).toBe("CrmTrend_3");
  });

  describe("failure and cancel leave no sheet behind", () => {
    // syncs: 1 names, 2 the new sheet, 3 cells, 4 formats, 5 tables, charts and rules
    for (const [what, successes] of [
      ["the request that adds the sheet", 1],
      ["the request with the cells", 2],
      ["the request with the formats", 3],
      ["the last request", 4],
    ] as const) {
      it(`a failure in ${what} removes the new sheet and rethrows`, async () => {
        workbook.seed("Sales", "A1", SALES);
        workbook.failNextSyncAfter(successes);
        await expect(writeReport(handMadeModel("values"))).rejects.toThrow("injected failure");
        expect(names()).toEqual(["Sales"]);
        expect(workbook.sheet("Sales")!.values).toEqual(SALES);
        expect(workbook.sheet("Sales")!.active).toBe(true);
      });
    }

    it("a cancel between requests removes the new sheet and throws CancelledError", async () => {
      workbook.seed("Sales", "A1", SALES);
      const controller = new AbortController();
      const promise = writeReport(bigModel(2_000), {
        signal: controller.signal,
        maxRequestBytes: 20_000,
        onProgress: (done) => {
          if (done === 4) controller.abort();
        },
      });
      await expect(promise).rejects.toBeInstanceOf(CancelledError);
      expect(names()).toEqual(["Sales"]);
    });
  });
});

// ─── A report workbook of several sheets ────────────────────────────────────────────────

describe("writing a report workbook of several sheets through the stand-in", () => {
  const NAMES = ["Summary", "Customers to act on", "Customer value", "Model"];

  it("writes every sheet, with page layout, frozen panes, widths and row heights, the summary active", async () => {
    workbook.seed("Sales", "A1", SALES);
    const report = fixtureWorkbook(40, "formulas");
    await writeReport(report);
    expect(names()).toEqual(["Sales", ...NAMES]);
    const summary = workbook.sheet("Summary")!;
    expect(summary.active).toBe(true);
    expect(summary.selection).toBe("A1");
    expect(summary.formulas[3]![0]).toBe(
      "=ROWS('Customers to act on'!A:A)-COUNTBLANK('Customers to act on'!A:A)-1"
    );
    expect(summary.pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
      printArea: "A1:J14",
      printTitleRows: null,
    });
    const actions = workbook.sheet("Customers to act on")!;
    expect(actions.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$1",
    });
    expect([actions.frozenRows, actions.frozenColumns]).toEqual([1, 1]);
    expect(actions.values).toHaveLength(41);
    expect(actions.tables).toEqual([
      { name: "CrmActions", address: "A1:J41", style: "TableStyleMedium2" },
    ]);
    expect(workbook.sheet("Model")!.pageLayout.orientation).toBe("Portrait");
    report.sheets.forEach((model, i) => {
      const sheet = workbook.sheet(NAMES[i]!)!;
      for (const { column, width } of model.columnWidths)
        expect(sheet.columnWidths[column]).toBe(width);
      for (const { row, height } of model.rowHeights ?? [])
        expect(sheet.rowHeights[row]).toBe(height);
    });
  });

  it("writes a 67,000-customer actions sheet under the stand-in's 5 MB limit", async function () {
    this.timeout(60_000);
    workbook.seed("Sales", "A1", SALES);
    const result = await writeReport(fixtureWorkbook(67_000));
    expect(workbook.sheet("Customers to act on")!.values).toHaveLength(67_001);
    expect(workbook.requests.every((r) => r.error === null && r.writeBytes <= 4_000_000)).toBe(
      true
    );
    expect(result.requests.filter((r) => r.sheet === "Customers to act on").length).toBeGreaterThan(
      2
    );
  });

  describe("a failure or a cancel removes every sheet made, and keeps the user's", () => {
    /** The number of syncs before the first request writing each sheet, from a run that succeeds. */
    async function syncsBefore(): Promise<Record<string, number>> {
      workbook.seed("Sales", "A1", SALES);
      const { requests } = await writeReport(fixtureWorkbook(1_000), { maxRequestBytes: 40_000 });
      const before: Record<string, number> = {};
      requests.forEach((r, i) => {
        if (r.sheet !== undefined) before[r.sheet] ??= i;
      });
      workbook = loadStandIn();
      return before;
    }

    for (const [what, sheet] of [
      ["the 2nd sheet", "Customers to act on"],
      ["the 3rd sheet", "Customer value"],
    ] as const) {
      it(`a failure in ${what}`, async () => {
        const successes = (await syncsBefore())[sheet]!;
        workbook.seed("Sales", "A1", SALES);
        workbook.seed("MODEL", "A1", [["mine"]], { select: false });
        workbook.failNextSyncAfter(successes);
        await expect(
          writeReport(fixtureWorkbook(1_000), { maxRequestBytes: 40_000 })
        ).rejects.toThrow("injected failure");
        expect(names()).toEqual(["Sales", "MODEL"]);
        expect(workbook.sheet("MODEL")!.values).toEqual([["mine"]]);
        expect(workbook.sheet("Sales")!.values).toEqual(SALES);
      });
    }

    it("a cancel while the actions sheet is written", async () => {
      const cancelAt = (await syncsBefore())["Customers to act on"]! + 2;
      workbook.seed("Sales", "A1", SALES);
      const controller = new AbortController();
      await expect(
        writeReport(fixtureWorkbook(1_000), {
          maxRequestBytes: 40_000,
          signal: controller.signal,
          onProgress: (done) => {
            if (done === cancelAt) controller.abort();
          },
        })
      ).rejects.toBeInstanceOf(CancelledError);
      expect(names()).toEqual(["Sales"]);
    });
  });
});
