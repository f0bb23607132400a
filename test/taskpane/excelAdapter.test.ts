/**
 * The Excel adapter against office-addin-mock: every Office object the adapter touches is an
 * OfficeMockObject, so reading a property that was not loaded and synced gives the mock's
 * error text instead of a value (the load/sync discipline of real Office). The test's
 * context.sync() syncs every mock it handed out and records what each request wrote: where,
 * what, and how many bytes.
 */
import { describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { buildReport, defaultReportOptions, prepareReportData } from "../../src/core/report";
import { serialFromYmd } from "../../src/core/dates";
import { rangeAddress, type ReportModel, type SheetRange } from "../../src/core/reportModel";
import { CancelledError, readSource, writeReport } from "../../src/taskpane/excelAdapter";

type Matrix = unknown[][];

interface Write {
  sheet: string;
  address: string;
  kind: "values" | "formulas" | "numberFormat";
  data: Matrix;
}

/** The enums the adapter reads from the Excel namespace (strings, as office.js defines them). */
const EXCEL_ENUMS = {
  ChartSeriesBy: { columns: "Columns" },
  ChartLegendPosition: { bottom: "Bottom" },
  ConditionalFormatType: { colorScale: "ColorScale", custom: "Custom" },
  ConditionalFormatColorCriterionType: { lowestValue: "LowestValue", highestValue: "HighestValue", percentile: "Percentile" },
  BorderIndex: {
    edgeTop: "EdgeTop",
    edgeBottom: "EdgeBottom",
    edgeLeft: "EdgeLeft",
    edgeRight: "EdgeRight",
    insideVertical: "InsideVertical",
    insideHorizontal: "InsideHorizontal",
  },
  BorderLineStyle: { continuous: "Continuous" },
};

const SYNC = OfficeMockObject.prototype.sync;

/**
 * office-addin-mock models a collection's `items` as one scalar, so `load("items/name")` (what
 * real code asks for) is read as `load("items")`; reading items without load + sync still fails.
 */
function loadItems(this: OfficeMockObject, properties: string): OfficeMockObject {
  OfficeMockObject.prototype.load.call(this, properties.replace(/items\/\w+/g, "items"));
  return this;
}

/** A workbook of OfficeMockObjects: sheets with values, a selection, and a record of writes. */
class MockWorkbook {
  readonly sheets = new Map<string, { values: Matrix; deleted: boolean }>();
  readonly writes: Write[] = [];
  readonly requests: number[] = [];
  readonly tablesAdded: string[] = [];
  readonly chartsAdded: string[] = [];
  readonly rulesAdded: string[] = [];
  syncs = 0;
  failAtSync = -1;
  private issued: OfficeMockObject[] = [];
  private pending: Write[] = [];
  private syncing = false;
  private others: OfficeMockObject[] = [];

  constructor(private selection: { sheet: string; range: SheetRange }) {}

  addSheet(name: string, values: Matrix): void {
    this.sheets.set(name, { values, deleted: false });
  }

  names(): string[] {
    return [...this.sheets].filter(([, s]) => !s.deleted).map(([name]) => name);
  }

  private range(sheet: string, range: SheetRange): OfficeMockObject {
    const source = this.sheets.get(sheet)?.values ?? [];
    const values = Array.from({ length: range.rows }, (_, r) =>
      Array.from({ length: range.columns }, (_, c) => source[range.row + r]?.[range.column + c] ?? "")
    );
    const mock = new OfficeMockObject({
      address: `${sheet}!${rangeAddress(range)}`,
      rowCount: range.rows,
      columnCount: range.columns,
      rowIndex: range.row,
      columnIndex: range.column,
      values,
      format: {
        font: {},
        fill: {},
        borders: { getItem: () => ({}) },
      },
      conditionalFormats: {
        add: (type: string) => {
          this.rulesAdded.push(`${type} ${rangeAddress(range)}`);
          return { colorScale: {}, custom: { rule: {}, format: { fill: {}, font: {} } } };
        },
      },
      select: () => undefined,
    });
    // Assignments by the adapter are writes; the mock's own sync assigns loaded values too,
    // which is not a write.
    for (const kind of ["values", "formulas", "numberFormat"] as const) {
      let current = (mock as Record<string, unknown>)[kind];
      Object.defineProperty(mock, kind, {
        get: () => current,
        set: (value: unknown) => {
          const own = (mock as unknown as { _properties: Map<string, { _value: unknown }> })._properties.get(kind);
          const fromMock = own !== undefined && own._value === value;
          if (!this.syncing && !fromMock) this.pending.push({ sheet, address: rangeAddress(range), kind, data: value as Matrix });
          current = value;
        },
        configurable: true,
        enumerable: true,
      });
    }
    this.issued.push(mock);
    mock.worksheet = this.worksheet(sheet);
    mock.__address = `${sheet}!${rangeAddress(range)}`; // for the test's own records
    return mock;
  }

  private worksheet(name: string): OfficeMockObject {
    const mock = new OfficeMockObject({
      name,
      isNullObject: false,
      getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
        this.range(name, { row, column, rows, columns }),
      getRange: (address: string) => {
        expect(address).toBe("A1");
        return this.range(name, { row: 0, column: 0, rows: 1, columns: 1 });
      },
      tables: {
        add: (range: OfficeMockObject) => {
          const table = { name: "", style: "" };
          this.tablesAdded.push(String((range as unknown as { __address: string }).__address));
          return new Proxy(table, {
            set: (target, key, value) => {
              if (key === "name") this.tablesAdded[this.tablesAdded.length - 1] += ` ${value}`;
              return Reflect.set(target, key, value);
            },
          });
        },
      },
      charts: {
        add: (type: string, range: OfficeMockObject) => {
          this.chartsAdded.push(`${type} ${(range as unknown as { __address: string }).__address}`);
          return {
            title: {},
            legend: {},
            axes: { valueAxis: {} },
            series: { getItemAt: () => ({ setXAxisValues: () => undefined }) },
            setPosition: () => undefined,
          };
        },
      },
      freezePanes: { freezeRows: () => undefined },
      activate: () => undefined,
      delete: () => {
        this.sheets.get(name)!.deleted = true;
      },
    });
    this.others.push(mock);
    return mock;
  }

  /** The Excel namespace the adapter sees: Excel.run with a mock request context. */
  excel(): unknown {
    const workbook = this;
    const run = async (callback: (context: unknown) => Promise<unknown>) => {
      const worksheets = new OfficeMockObject({
        items: workbook.names().map((name) => ({ name })),
        load: loadItems,
        add: (name: string) => {
          if (workbook.names().some((n) => n.toLowerCase() === name.toLowerCase())) {
            throw new Error(`a sheet named ${name} exists`);
          }
          workbook.addSheet(name, []);
          return workbook.worksheet(name);
        },
        getItemOrNullObject: (name: string) => {
          const exists = workbook.names().includes(name);
          return exists ? workbook.worksheet(name) : new OfficeMockObject({ isNullObject: true, delete: () => undefined });
        },
      });
      const tables = new OfficeMockObject({ items: [], load: loadItems });
      const context = {
        workbook: {
          worksheets,
          tables,
          getSelectedRange: () => {
            const range = workbook.range(workbook.selection.sheet, workbook.selection.range);
            return range;
          },
        },
        sync: async () => {
          workbook.syncs++;
          if (workbook.syncs === workbook.failAtSync) throw new Error("mock: the request failed");
          let bytes = 0;
          for (const write of workbook.pending) {
            workbook.writes.push(write);
            bytes += JSON.stringify(write.data).length;
          }
          workbook.requests.push(bytes);
          workbook.pending = [];
          workbook.syncing = true;
          try {
            for (const mock of [...workbook.issued, worksheets, tables, ...workbook.others]) await SYNC.call(mock);
          } finally {
            workbook.syncing = false;
          }
        },
      };
      return callback(context);
    };
    return { run, ...EXCEL_ENUMS };
  }
}

function install(workbook: MockWorkbook): void {
  (globalThis as Record<string, unknown>).Excel = workbook.excel();
}

const SALES: Matrix = [
  ["customer_id", "date", "amount"],
  [1001, "2024-01-05", 120],
  [1002, "2024-01-12", 80],
  [1001, "2024-02-03", 60],
  [1003, "2024-02-15", 200],
  [1002, "2024-03-01", 40],
  [1004, "2024-03-10", 90],
  [1001, "2024-04-20", 150],
  [1003, "2024-05-02", 70],
  [1005, "2024-05-18", 30],
  [1004, "2024-06-25", 110],
  [1001, "2024-06-28", 50],
];

function sampleModel(): ReportModel {
  const data = prepareReportData({
    rows: SALES,
    hasHeader: true,
    columnNames: ["customer_id", "date", "amount"],
    mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
    location: { sheetName: "Sales", row: 0, column: 0, address: "Sales!A1:C12" },
  });
  return buildReport(data, {
    ...defaultReportOptions(data, "en"),
    asOf: serialFromYmd(2024, 6, 30),
    period: "quarter",
    inactiveDays: 45,
  });
}

/** A report of one block with `rows` rows of nine columns (an alert list of that size). */
function bigModel(rows: number): ReportModel {
  const values = Array.from({ length: rows }, (_, i) => [`C${i}`, "red", i % 60, 3, 1, 0.6667, 1234.56, 2345.67, 0.4737]);
  return {
    sheetName: "Retention summary",
    mode: "values",
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

function newWorkbook(): MockWorkbook {
  const workbook = new MockWorkbook({ sheet: "Sales", range: { row: 0, column: 0, rows: 12, columns: 3 } });
  workbook.addSheet("Sales", SALES.map((row) => [...row]));
  install(workbook);
  return workbook;
}

describe("readSource through office-addin-mock", () => {
  it("loads address and size, then the values block by block", async () => {
    const workbook = newWorkbook();
    const source = await readSource({ kind: "selection" }, { maxRequestBytes: 400 });
    expect(source).toMatchObject({ sheetName: "Sales", address: "Sales!A1:C12", rowCount: 12, columnCount: 3, row: 0, column: 0 });
    expect(source.values).toEqual(SALES); // every value was loaded and synced before it was read
    expect(workbook.syncs).toBeGreaterThan(2);
    expect(workbook.writes).toEqual([]);
  });

  it("reads 50,000 rows in several blocks, each under the budget", async () => {
    const rows: Matrix = [["id", "date", "amount"]];
    for (let i = 0; i < 50_000; i++) rows.push([`customer-${i % 9000}`, 45292 + (i % 500), 100 + (i % 977) / 100]);
    const workbook = new MockWorkbook({ sheet: "Big", range: { row: 0, column: 0, rows: rows.length, columns: 3 } });
    workbook.addSheet("Big", rows);
    install(workbook);
    const source = await readSource({ kind: "selection" }, { maxRequestBytes: 200_000 });
    expect(source.values).toEqual(rows);
    const blocks = workbook.syncs - 1;
    expect(blocks).toBeGreaterThanOrEqual(Math.ceil(JSON.stringify(rows).length / 200_000));
  });
});

describe("writeReport through office-addin-mock", () => {
  it("writes each block's values to its place on a new sheet, and nothing to the source", async () => {
    const workbook = newWorkbook();
    const model = sampleModel();
    const result = await writeReport(model);
    expect(result.sheetName).toBe("Retention summary");
    expect(workbook.names()).toEqual(["Sales", "Retention summary"]);
    expect(workbook.writes.every((w) => w.sheet === "Retention summary")).toBe(true);
    expect(workbook.sheets.get("Sales")!.values).toEqual(SALES);

    const trend = model.blocks.find((b) => b.id === "trend")!;
    const address = rangeAddress({ row: trend.row, column: 0, rows: trend.values.length, columns: 12 });
    const written = workbook.writes.find((w) => w.kind === "values" && w.address === address)!;
    expect(written.data[0]![0]).toBe("Period");
    expect(written.data[1]).toEqual(["'2024-Q1", 45292, 45382, 0, 4, 0, 0, 2, 2, 2, "", ""]);
    // values first, then number formats
    const firstFormat = workbook.writes.findIndex((w) => w.kind === "numberFormat");
    expect(workbook.writes.slice(firstFormat).every((w) => w.kind === "numberFormat")).toBe(true);
    expect(workbook.tablesAdded.map((t) => t.slice(t.lastIndexOf(" ") + 1))).toEqual(model.tables.map((t) => t.name));
    expect(workbook.chartsAdded).toEqual([
      `Line Retention summary!${rangeAddress({ row: trend.row, column: 10, rows: 3, columns: 2 })}`,
      expect.stringMatching(/^ColumnClustered /),
    ]);
    expect(workbook.rulesAdded).toHaveLength(model.conditionalFormats.length);
    expect(result.syncs).toBe(workbook.syncs);
  });

  it("keeps every request under 4 MB for 120,000 rows × 9 columns, one sync per block plus a constant", async () => {
    const workbook = newWorkbook();
    const model = bigModel(120_000);
    const result = await writeReport(model);
    const payload = JSON.stringify(model.blocks[0]!.values).length;
    expect(payload).toBeGreaterThan(6_000_000); // more than one request's worth
    expect(Math.max(...workbook.requests)).toBeLessThan(4_000_000);
    expect(Math.max(...result.requests.map((r) => r.bytes))).toBeLessThan(4_000_000);
    const rowsWritten = workbook.writes.filter((w) => w.kind === "values").reduce((sum, w) => sum + w.data.length, 0);
    expect(rowsWritten).toBe(120_000);
    const formatRows = workbook.writes.filter((w) => w.kind === "numberFormat").reduce((sum, w) => sum + w.data.length, 0);
    expect(formatRows).toBe(120_000);
    // value chunks (payload ÷ 4 MB, rounded up) + format chunks + a small constant
    expect(workbook.syncs).toBeLessThanOrEqual(Math.ceil(payload / 4_000_000) + 1 + 5);
  });

  it("does not overwrite a sheet with the report's name in any case", async () => {
    const workbook = newWorkbook();
    workbook.addSheet("retention SUMMARY", [["keep me"]]);
    const result = await writeReport(sampleModel());
    expect(result.sheetName).toBe("Retention summary (2)");
    expect(workbook.sheets.get("retention SUMMARY")!.values).toEqual([["keep me"]]);
    expect(workbook.writes.every((w) => w.sheet === "Retention summary (2)")).toBe(true);
  });

  it("leaves no sheet behind when a request fails, and says why", async () => {
    const workbook = newWorkbook();
    workbook.failAtSync = 3;
    await expect(writeReport(sampleModel())).rejects.toThrow("mock: the request failed");
    expect(workbook.names()).toEqual(["Sales"]);
  });

  it("leaves no sheet behind when cancelled", async () => {
    const workbook = newWorkbook();
    const controller = new AbortController();
    const promise = writeReport(bigModel(20_000), {
      maxRequestBytes: 100_000,
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    await expect(promise).rejects.toBeInstanceOf(CancelledError);
    expect(workbook.names()).toEqual(["Sales"]);
  });
});
