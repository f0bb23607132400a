/**
 * The Excel adapter against office-addin-mock, Microsoft's mock of the Office object model.
 * Every object the adapter reads is an OfficeMockObject, so a property read without load()
 * and sync() gives the mock's error text instead of a value: the load/sync discipline of real
 * Office is enforced. What the mock cannot model is built around it:
 *
 * - Ranges: getRangeByIndexes, getRange, getSelectedRange, … are functions in the mock data
 *   (the mock keeps functions as they are) that make a new OfficeMockObject per call, holding
 *   that range's cells, so distinct ranges have distinct values.
 * - Collections: the mock stores `items` as one scalar, so `load("items/name")`, what real code
 *   asks for, is passed on as `load("items")`.
 * - isNullObject: not a loadable property in Office, known after the next sync; here it reads
 *   as the mock's "not synced" text until then.
 * - Writes: the mock's sync() only settles loads. The test's context.sync() also collects what
 *   the adapter assigned since the previous sync (values, formulas, numberFormat, format.*),
 *   applies it to the test's grid, and counts each request's bytes (cells written) and each
 *   response's (values loaded). Writes are applied before an injected failure is thrown, as a
 *   batch that fails halfway leaves its first operations applied in Excel.
 * - Objects: tables.add, charts.add, conditionalFormats.add, borders.getItem return plain
 *   records whose properties the adapter sets, checked after the run. Adding and deleting a
 *   sheet take effect when called rather than at the next sync.
 */
import { expect } from "../support/expect";
import { OfficeMockObject } from "office-addin-mock";
import { rangeAddress, type ReportModel, type SheetRange } from "../../src/core/report/reportModel";
import {
  CancelledError,
  describeSource,
  listTables,
  readSource,
  writeReport,
  type WriteOptions,
} from "../../src/taskpane/excelAdapter";
import { fixtureWorkbook } from "../support/reportWorkbookFixture";
import { loadCdnowMasterCells } from "../support/cdnowCells";
import { sampleSource, sampleWorkbook } from "../support/sampleReport";
import { serialFromYmd } from "../../src/core/input/dates";

type Matrix = unknown[][];

/** UTF-8 bytes of a value's JSON, counted independently of the adapter. */
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

interface Write {
  sheet: string;
  address: string;
  kind: "values" | "formulas" | "numberFormat";
  data: Matrix;
}

interface StyleWrite {
  sheet: string;
  address: string;
  format: Record<string, unknown>;
}

interface ChartRecord {
  sheet: string;
  type: string;
  source: string;
  seriesBy: string;
  title: { text?: string; format: { font: { size?: number } } };
  /** the chart area's font (axis labels, legend) */
  format: { font: { size?: number } };
  legend: { position?: string; visible?: boolean };
  axes: {
    valueAxis: { numberFormat?: string };
    categoryAxis: { reversePlotOrder?: boolean; position?: string };
  };
  deletedSeries: number[];
  categories: Record<number, string>;
  position?: [string, string];
}

interface RuleRecord {
  sheet: string;
  address: string;
  type: string;
  colorScale: { criteria?: unknown };
  custom: {
    rule: { formula?: string };
    format: { fill: { color?: string }; font: { color?: string } };
  };
}

interface MockSheet {
  id: string;
  name: string;
  /** what is in the cells: the data for a user's sheet, the entries written for the report */
  cells: Matrix;
  deleted: boolean;
}

const SYNC = OfficeMockObject.prototype.sync;
const NOT_SYNCED = "Error, context.sync() was not called"; // office-addin-mock's own text
const LOAD = OfficeMockObject.prototype.load;

/** office-addin-mock models a collection's `items` as one scalar: load it whole. */
function loadItems(this: OfficeMockObject, properties: string): OfficeMockObject {
  LOAD.call(this, properties.replace(/items\/\w+/g, "items"));
  return this;
}

/** Own properties the adapter assigned on a mock object (not the mock's own state). */
function assigned(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([key, value]) =>
        !key.startsWith("_") && typeof value !== "function" && !(value instanceof OfficeMockObject)
    )
  );
}

function parseAddress(address: string): SheetRange {
  const cell = (text: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(text)!;
    let column = 0;
    for (const ch of m[1]!) column = column * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]) - 1, column: column - 1 };
  };
  const [a, b = a] = address.replace(/^.*!/, "").split(":") as [string, string?];
  const first = cell(a);
  const last = cell(b!);
  return {
    row: first.row,
    column: first.column,
    rows: last.row - first.row + 1,
    columns: last.column - first.column + 1,
  };
}

/** A workbook of OfficeMockObjects that records what the adapter did. */
class MockWorkbook {
  readonly sheets: MockSheet[] = [];
  readonly tableSources: { name: string; sheet: string; range: SheetRange }[] = [];
  readonly definedNames: string[] = [];
  readonly writes: Write[] = [];
  readonly styles: StyleWrite[] = [];
  readonly tables: {
    sheet: string;
    address: string;
    hasHeaders: boolean;
    name?: string;
    style?: string;
  }[] = [];
  readonly charts: ChartRecord[] = [];
  readonly rules: RuleRecord[] = [];
  readonly frozen: Record<string, number> = {};
  /** frozen columns (freezeColumns) and frozen corners (freezeAt, the range's address) by sheet */
  readonly frozenColumns: Record<string, number> = {};
  readonly frozenAt: Record<string, string> = {};
  /** what the adapter set on each sheet's pageLayout (ExcelApi 1.9) */
  readonly layouts: Record<string, Record<string, unknown>> = {};
  /** one entry per sync: bytes of cells written, bytes of values loaded */
  readonly requests: { writeBytes: number; readBytes: number }[] = [];
  activeSheet = "";
  selected = "";
  failAtSync = -1;
  private nextId = 1;
  private addressOf = new WeakMap<object, { sheet: string; range: SheetRange }>();

  constructor(public selection: { sheet: string; range: SheetRange }) {}

  get syncs(): number {
    return this.requests.length;
  }

  addSheet(name: string, cells: Matrix): MockSheet {
    const sheet = { id: `{sheet-${this.nextId++}}`, name, cells, deleted: false };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): MockSheet | undefined {
    return this.sheets.find((s) => !s.deleted && s.name === name);
  }

  names(): string[] {
    return this.sheets.filter((s) => !s.deleted).map((s) => s.name);
  }

  /** The box around a sheet's non-empty cells (the test data is one block). */
  private usedBox(sheet: string): SheetRange | null {
    const cells = this.sheet(sheet)?.cells ?? [];
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    cells.forEach((row, r) =>
      row?.forEach((value, c) => {
        if (value === "" || value === null || value === undefined) return;
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, c);
        right = Math.max(right, c);
      })
    );
    return top < 0
      ? null
      : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  // ── One Excel.run ──

  excel(): unknown {
    const workbook = this;
    const run = async (batch: (context: unknown) => Promise<unknown>) => {
      const issued: OfficeMockObject[] = [];
      let fresh: OfficeMockObject[] = [];
      let loads: (() => number)[] = [];
      let settle: (() => void)[] = [];
      /**
       * Registers a mock for the next sync. `isNullObject` is not loaded in Office, only known
       * after a sync; until then it reads as the mock's "not synced" text.
       */
      const track = (mock: OfficeMockObject, isNull = false): OfficeMockObject => {
        issued.push(mock);
        fresh.push(mock);
        mock.isNullObject = NOT_SYNCED;
        settle.push(() => (mock.isNullObject = isNull));
        return mock;
      };

      const nullRange = () =>
        track(
          new OfficeMockObject({
            address: "",
            rowCount: 0,
            columnCount: 0,
            rowIndex: 0,
            columnIndex: 0,
          }),
          true
        );

      const range = (sheet: string, r: SheetRange): OfficeMockObject => {
        const source = workbook.sheet(sheet)?.cells ?? [];
        const empty = new Array<unknown>(r.columns).fill(""); // shared by rows past the data (A:C is a million rows)
        const values = Array.from({ length: r.rows }, (_, i) =>
          source[r.row + i]
            ? Array.from({ length: r.columns }, (_, j) => source[r.row + i]?.[r.column + j] ?? "")
            : empty
        );
        const borders: Record<string, Record<string, unknown>> = {};
        const mock = new OfficeMockObject({
          address: `${sheet}!${rangeAddress(r)}`,
          rowCount: r.rows,
          columnCount: r.columns,
          rowIndex: r.row,
          columnIndex: r.column,
          values,
          format: {
            font: {},
            fill: {},
            borders: { getItem: (edge: string) => (borders[edge] ??= {}) },
          },
          conditionalFormats: {
            add: (type: string) => {
              const rule: RuleRecord = {
                sheet,
                address: rangeAddress(r),
                type,
                colorScale: {},
                custom: { rule: {}, format: { fill: {}, font: {} } },
              };
              workbook.rules.push(rule);
              return rule;
            },
          },
          load(this: OfficeMockObject, properties: string) {
            if (/\bvalues\b/.test(properties)) loads.push(() => bytesOf(values));
            LOAD.call(this, properties);
            return this;
          },
          getSurroundingRegion: () => range(sheet, workbook.usedBox(sheet) ?? r),
          getUsedRangeOrNullObject: () => {
            const used = workbook.usedBox(sheet);
            const inside = used && intersect(used, r);
            return inside ? range(sheet, inside) : nullRange();
          },
          select: () => {
            workbook.selected = `${sheet}!${rangeAddress(r)}`;
          },
        });
        mock.worksheet = worksheet(sheet);
        (mock as unknown as { __borders: unknown }).__borders = borders;
        (mock as unknown as { __values: unknown }).__values = values;
        workbook.addressOf.set(mock, { sheet, range: r });
        return track(mock);
      };

      const worksheet = (name: string): OfficeMockObject => {
        const sheet = worksheetMock(name);
        (sheet as unknown as { pageLayout: unknown }).pageLayout = pageLayout(name);
        return sheet;
      };
      const worksheetMock = (name: string): OfficeMockObject => {
        const record = workbook.sheet(name)!;
        return track(
          new OfficeMockObject({
            name,
            id: record.id,
            getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
              range(name, { row, column, rows, columns }),
            getRange: (address: string) => range(name, parseAddress(address)),
            getUsedRangeOrNullObject: () => {
              const used = workbook.usedBox(name);
              return used ? range(name, used) : nullRange();
            },
            tables: {
              add: (target: object, hasHeaders: boolean) => {
                const where = workbook.addressOf.get(target);
                expect(where, "tables.add takes a Range object").toBeDefined();
                const table = {
                  sheet: where!.sheet,
                  address: rangeAddress(where!.range),
                  hasHeaders,
                };
                workbook.tables.push(table);
                return table;
              },
            },
            charts: {
              add: (type: string, source: object, seriesBy: string) => {
                const chart: ChartRecord = {
                  sheet: name,
                  type,
                  source: rangeAddress(workbook.addressOf.get(source)!.range),
                  seriesBy,
                  title: { format: { font: {} } },
                  format: { font: {} },
                  legend: {},
                  axes: { valueAxis: {}, categoryAxis: {} },
                  deletedSeries: [],
                  categories: {},
                };
                workbook.charts.push(chart);
                return {
                  ...chart,
                  title: chart.title,
                  format: chart.format,
                  legend: chart.legend,
                  axes: chart.axes,
                  series: {
                    getItemAt: (index: number) => ({
                      delete: () => chart.deletedSeries.push(index),
                      setXAxisValues: (categories: object) => {
                        chart.categories[index] = rangeAddress(
                          workbook.addressOf.get(categories)!.range
                        );
                      },
                    }),
                  },
                  setPosition: (start: string, end: string) => {
                    chart.position = [start, end];
                  },
                };
              },
            },
            freezePanes: {
              freezeRows: (count: number) => (workbook.frozen[name] = count),
              freezeColumns: (count: number) => (workbook.frozenColumns[name] = count),
              freezeAt: (target: object) => {
                const where = workbook.addressOf.get(target);
                expect(where, "freezeAt takes a Range object").toBeDefined();
                workbook.frozenAt[name] = rangeAddress(where!.range);
              },
            },
            activate: () => {
              workbook.activeSheet = name;
            },
            delete: () => {
              record.deleted = true;
            },
          })
        );
      };

      /** Page layout: a record per sheet, kept across runs; set* calls take addresses. */
      const pageLayout = (name: string) =>
        (workbook.layouts[name] ??= {
          setPrintArea(area: string) {
            this.printArea = area;
          },
          setPrintTitleRows(rows: string) {
            this.printTitleRows = rows;
          },
        });

      const byKey = (key: string) =>
        workbook.sheets.find(
          (s) => !s.deleted && (s.id === key || s.name.toLowerCase() === key.toLowerCase())
        );

      const worksheets = track(
        new OfficeMockObject({
          items: workbook.names().map((name) => ({ name })),
          load: loadItems,
          add: (name: string) => {
            if (byKey(name)) throw new Error(`a sheet named ${name} exists`);
            workbook.addSheet(name, []);
            return worksheet(name);
          },
          getItemOrNullObject: (key: string) => {
            const sheet = byKey(key);
            return sheet ? worksheet(sheet.name) : track(new OfficeMockObject({}), true);
          },
        })
      );
      const tableItems = workbook.tableSources.map((table) => ({
        name: table.name,
        worksheet: worksheet(table.sheet),
        getRange: () => range(table.sheet, table.range),
      }));
      const tables = track(
        new OfficeMockObject({
          items: tableItems,
          load: loadItems,
          getItem: (name: string) => tableItems.find((t) => t.name === name)!,
        })
      );
      const names = track(
        new OfficeMockObject({
          items: workbook.definedNames.map((name) => ({ name })),
          load: loadItems,
        })
      );

      const sync = async () => {
        const request = { writeBytes: 0, readBytes: 0 };
        for (const mock of fresh) request.writeBytes += workbook.collect(mock);
        for (const load of loads) request.readBytes += load();
        workbook.requests.push(request);
        fresh = [];
        loads = [];
        for (const done of settle) done();
        settle = [];
        if (workbook.syncs === workbook.failAtSync) throw new Error("mock: the request failed");
        for (const mock of issued) await SYNC.call(mock);
      };
      const context = {
        workbook: {
          worksheets,
          tables,
          names,
          getSelectedRange: () => range(workbook.selection.sheet, workbook.selection.range),
        },
        sync,
      };
      return batch(context);
    };
    return { run };
  }

  /** Records and applies what the adapter assigned on a range since it was made; returns the bytes written. */
  collect(mock: OfficeMockObject): number {
    const where = this.addressOf.get(mock);
    if (!where) return 0;
    const { sheet, range } = where;
    const address = rangeAddress(range);
    let bytes = 0;
    const provided = (mock as unknown as { __values: unknown }).__values;
    for (const kind of ["values", "formulas", "numberFormat"] as const) {
      const data = (mock as Record<string, unknown>)[kind];
      if (!Array.isArray(data) || data === provided) continue;
      const shaped =
        data.length === range.rows &&
        data.every((row) => Array.isArray(row) && row.length === range.columns);
      expect(shaped, `${kind} of ${range.rows}×${range.columns} cells at ${address}`).toBe(true);
      this.writes.push({ sheet, address, kind, data: data as Matrix });
      bytes += bytesOf(data);
      if (kind !== "numberFormat") {
        const cells = this.sheet(sheet)!.cells;
        (data as Matrix).forEach((row, i) => {
          const target = (cells[range.row + i] ??= []);
          row.forEach((entry, j) => (target[range.column + j] = entry));
        });
      }
    }
    const format = mock.format as Record<string, unknown> & { font: object; fill: object };
    const styled = {
      ...assigned(format),
      ...Object.fromEntries(
        Object.entries(assigned(format.font as Record<string, unknown>)).map(([k, v]) => [
          `font.${k}`,
          v,
        ])
      ),
      ...Object.fromEntries(
        Object.entries(assigned(format.fill as Record<string, unknown>)).map(([k, v]) => [
          `fill.${k}`,
          v,
        ])
      ),
    };
    const borders = (mock as unknown as { __borders: Record<string, Record<string, unknown>> })
      .__borders;
    for (const [edge, border] of Object.entries(borders))
      for (const [k, v] of Object.entries(border)) styled[`${edge}.${k}`] = v;
    if (Object.keys(styled).length > 0) this.styles.push({ sheet, address, format: styled });
    return bytes;
  }
}

function intersect(a: SheetRange, b: SheetRange): SheetRange | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const columns = Math.min(a.column + a.columns, b.column + b.columns) - column;
  return rows > 0 && columns > 0 ? { row, column, rows, columns } : null;
}

function install(workbook: MockWorkbook): MockWorkbook {
  (globalThis as Record<string, unknown>).Excel = workbook.excel();
  return workbook;
}

// ─── Data ───────────────────────────────────────────────────────────────────────────────

const SALES: Matrix = [
  ["customer_id", "date", "amount"],
  [1001, 45296, 120],
  [1002, 45303, 80],
  [1001, 45325, 60],
  [1003, 45337, 200],
  [1002, 45352, 40],
];

function salesWorkbook(
  selection: SheetRange = { row: 0, column: 0, rows: SALES.length, columns: 3 }
): MockWorkbook {
  const workbook = new MockWorkbook({ sheet: "Sales", range: selection });
  workbook.addSheet(
    "Sales",
    SALES.map((row) => [...row])
  );
  return install(workbook);
}

const ALERTS_FORMULA = "=CRM.RFMALERT(Sales!A2:A6,Sales!B2:B6,Sales!C2:C6)";

/**
 * A small report made by hand: a title, two KPIs (one a live formula), a trend table with a
 * line chart of one series, a cohort grid with a colour scale and a chart of two series that
 * are not side by side, and an alert list that spills, coloured by a formula rule.
 */
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
        values: [
          ["Customers", "Churn rate"],
          [3, 0.2],
        ],
        formulas: [
          [null, null],
          ["=CRM.CUSTOMERS(Sales!A2:A6)", null],
        ],
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
        id: "cohorts",
        row: 9,
        column: 0,
        values: [
          ["Cohort", "Month 0", "Month 1", "Month 2"],
          ["00123", 1, 0.5, 0.25],
          ["=not a formula", 1, 0.4, null],
        ],
      },
      {
        id: "alerts",
        row: 13,
        column: 0,
        values: [
          ["C1", "red", 61],
          ["C2", "yellow", 5],
        ],
        formulas: [
          [ALERTS_FORMULA, null, null],
          [null, null, null],
        ],
      },
    ],
    numberFormats: [
      { range: { row: 3, column: 1, rows: 1, columns: 1 }, format: "0.0%" },
      { range: { row: 6, column: 1, rows: 2, columns: 2 }, format: "0.0%" },
    ],
    styles: [
      { range: { row: 0, column: 0, rows: 1, columns: 1 }, style: { bold: true, fontSize: 16 } },
      {
        range: { row: 5, column: 0, rows: 1, columns: 3 },
        style: { fill: "#DDEBF7", border: "#9BC2E6", horizontalAlignment: "Center" },
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
        id: "retention",
        kind: "line",
        title: "Retention",
        data: { row: 5, column: 0, rows: 3, columns: 3 },
        seriesColumns: [2],
        position: { row: 5, column: 4, rows: 10, columns: 6 },
        valueAxisFormat: "0%",
      },
      {
        id: "cohorts",
        kind: "columnClustered",
        title: "Cohorts",
        data: { row: 9, column: 0, rows: 3, columns: 4 },
        seriesColumns: [1, 3],
        position: { row: 16, column: 4, rows: 10, columns: 6 },
      },
    ],
    conditionalFormats: [
      {
        kind: "colorScale",
        range: { row: 10, column: 1, rows: 2, columns: 3 },
        minColor: "#F8696B",
        midColor: "#FFEB84",
        maxColor: "#63BE7B",
      },
      {
        kind: "formula",
        range: { row: 13, column: 0, rows: 2, columns: 3 },
        formula: '=$B14="red"',
        fill: "#F4CCCC",
        fontColor: "#9C0006",
      },
    ],
    spills: [{ range: { row: 13, column: 0, rows: 2, columns: 3 }, formula: ALERTS_FORMULA }],
    columnWidths: [{ column: 0, width: 110 }],
    frozenRows: 1,
    extent: { rows: 15, columns: 4 },
  };
}

/** A report of one block of `rows` × 9 columns (an alert list of that size), with one percent column. */
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

// ─── Reading ────────────────────────────────────────────────────────────────────────────

describe("readSource through office-addin-mock", () => {
  it("loads address and size, then the values block by block, each response under the budget", async () => {
    const workbook = salesWorkbook();
    const progress: [number, number][] = [];
    const source = await readSource(
      { kind: "selection" },
      { maxRequestBytes: 400, onProgress: (read, total) => progress.push([read, total]) }
    );
    expect(source).toMatchObject({
      sheetName: "Sales",
      address: "Sales!A1:C6",
      rowCount: 6,
      columnCount: 3,
      row: 0,
      column: 0,
    });
    expect(source.values).toEqual(SALES); // every value was loaded and synced before it was read
    // 400 bytes ÷ (3 cells × 64 bytes guessed) = 2 rows a block: 3 blocks after the sync that locates the range
    expect(workbook.syncs).toBe(4);
    expect(progress).toEqual([
      [2, 6],
      [4, 6],
      [6, 6],
    ]);
    expect(Math.max(...workbook.requests.map((r) => r.readBytes))).toBeLessThanOrEqual(400);
    expect(workbook.writes).toEqual([]);
  });

  it("reads 50,000 rows in several blocks, each response under the budget, and returns every value", async () => {
    const rows: Matrix = [["id", "date", "amount"]];
    for (let i = 0; i < 50_000; i++)
      rows.push([`customer-${i % 9000}`, 45292 + (i % 500), 100 + (i % 977) / 100]);
    const workbook = new MockWorkbook({
      sheet: "Big",
      range: { row: 0, column: 0, rows: rows.length, columns: 3 },
    });
    workbook.addSheet("Big", rows);
    install(workbook);
    const source = await readSource({ kind: "selection" }, { maxRequestBytes: 1_000_000 });
    expect(source.values).toEqual(rows);
    const blocks = workbook.requests.slice(1);
    expect(blocks.length).toBeGreaterThanOrEqual(Math.ceil(bytesOf(rows) / 1_000_000));
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks) expect(block.readBytes).toBeLessThanOrEqual(1_000_000);
  });

  it("sizes the blocks by the heaviest row read so far when cells are heavier than the guess", async () => {
    const note = "x".repeat(1000); // ~1,020 bytes a row, against 192 guessed for three cells
    const rows: Matrix = [["id", "note", "amount"]];
    for (let i = 0; i < 12_000; i++) rows.push([`c${i}`, note, i]);
    const workbook = new MockWorkbook({
      sheet: "Notes",
      range: { row: 0, column: 0, rows: rows.length, columns: 3 },
    });
    workbook.addSheet("Notes", rows);
    install(workbook);
    const source = await readSource({ kind: "selection" });
    expect(source.values).toHaveLength(12_001);
    expect(bytesOf(rows)).toBeGreaterThan(3 * 4_000_000);
    for (const block of workbook.requests) expect(block.readBytes).toBeLessThanOrEqual(4_000_000);
  });

  it("reads the current region around the selection, a named table, and lists the tables", async () => {
    const workbook = salesWorkbook({ row: 2, column: 1, rows: 1, columns: 1 });
    workbook.tableSources.push({
      name: "Orders",
      sheet: "Sales",
      range: { row: 0, column: 0, rows: 6, columns: 3 },
    });
    expect((await describeSource({ kind: "selection" })).address).toBe("Sales!B3");
    expect((await readSource({ kind: "region" })).values).toEqual(SALES);
    const table = await readSource({ kind: "table", tableName: "Orders" });
    expect(table).toMatchObject({ tableName: "Orders", address: "Sales!A1:C6", rowCount: 6 });
    expect(await listTables()).toEqual([
      { name: "Orders", sheetName: "Sales", address: "Sales!A1:C6", rowCount: 6 },
    ]);
  });

  it("trims a selection of whole columns to the data, and reads nothing from an empty one", async () => {
    const workbook = salesWorkbook({ row: 0, column: 0, rows: 1_048_576, columns: 3 });
    expect(await describeSource({ kind: "selection" })).toMatchObject({
      address: "Sales!A1:C6",
      rowCount: 6,
    });
    workbook.addSheet("Empty", []);
    workbook.selection = { sheet: "Empty", range: { row: 0, column: 0, rows: 10, columns: 2 } };
    const empty = await readSource({ kind: "selection" });
    expect(empty).toMatchObject({ sheetName: "Empty", rowCount: 0, values: [] });
  });

  it("throws CancelledError when cancelled before reading", async () => {
    salesWorkbook();
    const controller = new AbortController();
    controller.abort();
    await expect(
      readSource({ kind: "selection" }, { signal: controller.signal })
    ).rejects.toBeInstanceOf(CancelledError);
  });
});

// ─── Writing ────────────────────────────────────────────────────────────────────────────

describe("writeReport through office-addin-mock", () => {
  it("formulas mode: every block at its address, formulas where given, spilled cells empty, text kept text", async () => {
    const workbook = salesWorkbook();
    const result = await writeReport(handMadeModel("formulas"));
    expect(result.sheetName).toBe("Retention summary");
    const sheet = "Retention summary";
    // written by hand from handMadeModel: addresses are 1-based A1 of the blocks' 0-based rows
    expect(workbook.writes.filter((w) => w.kind === "formulas")).toEqual([
      { sheet, kind: "formulas", address: "A1", data: [["Retention summary"]] },
      {
        sheet,
        kind: "formulas",
        address: "A3:B4",
        data: [
          ["Customers", "Churn rate"],
          ["=CRM.CUSTOMERS(Sales!A2:A6)", 0.2],
        ],
      },
      {
        sheet,
        kind: "formulas",
        address: "A6:C8",
        data: [
          ["Period", "Churn rate", "Retention rate"],
          ["'2024-Q1", 0.1, 0.9],
          ["'2024-Q2", 0.25, 0.8],
        ],
      },
      {
        sheet,
        kind: "formulas",
        address: "A10:D12",
        data: [
          ["Cohort", "Month 0", "Month 1", "Month 2"],
          ["'00123", 1, 0.5, 0.25],
          ["'=not a formula", 1, 0.4, ""],
        ],
      },
      {
        sheet,
        kind: "formulas",
        address: "A14:C15",
        data: [
          [ALERTS_FORMULA, "", ""],
          ["", "", ""],
        ],
      },
    ]);
    expect(workbook.writes.some((w) => w.kind === "values")).toBe(false);
  });

  it("values mode: values, number formats, styles, widths, frozen rows, tables, charts and rules as the model says", async () => {
    const workbook = salesWorkbook();
    const progress: [number, number][] = [];
    const result = await writeReport(handMadeModel("values"), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    const sheet = "Retention summary";
    const values = workbook.writes.filter((w) => w.kind === "values");
    expect(values.map((w) => w.address)).toEqual(["A1", "A3:B4", "A6:C8", "A10:D12", "A14:C15"]);
    expect(values[1]!.data).toEqual([
      ["Customers", "Churn rate"],
      [3, 0.2],
    ]);
    expect(values[4]!.data).toEqual([
      ["C1", "red", 61],
      ["C2", "yellow", 5],
    ]);
    expect(workbook.writes.filter((w) => w.kind === "numberFormat")).toEqual([
      { sheet, kind: "numberFormat", address: "B4", data: [["0.0%"]] },
      {
        sheet,
        kind: "numberFormat",
        address: "B7:C8",
        data: [
          ["0.0%", "0.0%"],
          ["0.0%", "0.0%"],
        ],
      },
    ]);
    expect(workbook.styles).toEqual([
      { sheet, address: "A1", format: { "font.bold": true, "font.size": 16 } },
      {
        sheet,
        address: "A6:C6",
        format: {
          horizontalAlignment: "Center",
          "fill.color": "#DDEBF7",
          // one row: no inside horizontal border
          "EdgeTop.style": "Continuous",
          "EdgeTop.color": "#9BC2E6",
          "EdgeBottom.style": "Continuous",
          "EdgeBottom.color": "#9BC2E6",
          "EdgeLeft.style": "Continuous",
          "EdgeLeft.color": "#9BC2E6",
          "EdgeRight.style": "Continuous",
          "EdgeRight.color": "#9BC2E6",
          "InsideVertical.style": "Continuous",
          "InsideVertical.color": "#9BC2E6",
        },
      },
      { sheet, address: "A1", format: { columnWidth: 110 } },
    ]);
    expect(workbook.frozen).toEqual({ [sheet]: 1 });
    expect(workbook.tables).toEqual([
      { sheet, address: "A6:C8", hasHeaders: true, name: "CrmTrend", style: "TableStyleMedium2" },
    ]);
    expect(workbook.charts).toEqual([
      {
        sheet,
        type: "Line",
        source: "C6:C8", // the retention rate only; its header names the series
        seriesBy: "Columns",
        title: { text: "Retention", format: { font: { size: 11 } } }, // small charts: 11 pt, text 9 pt
        format: { font: { size: 9 } },
        legend: { position: "Bottom" },
        axes: { valueAxis: { numberFormat: "0%" }, categoryAxis: {} },
        deletedSeries: [],
        categories: { 0: "A7:A8" },
        position: ["E6", "J15"],
      },
      {
        sheet,
        type: "ColumnClustered",
        source: "B10:D12", // months 0 to 2, of which month 1 (series 1) is removed
        seriesBy: "Columns",
        title: { text: "Cohorts", format: { font: { size: 11 } } },
        format: { font: { size: 9 } },
        legend: { position: "Bottom" },
        axes: { valueAxis: {}, categoryAxis: {} },
        deletedSeries: [1],
        categories: { 0: "A11:A12", 1: "A11:A12" },
        position: ["E17", "J26"],
      },
    ]);
    expect(workbook.rules).toEqual([
      {
        sheet,
        address: "B11:D12",
        type: "ColorScale",
        colorScale: {
          criteria: {
            minimum: { type: "LowestValue", color: "#F8696B" },
            midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
            maximum: { type: "HighestValue", color: "#63BE7B" },
          },
        },
        custom: { rule: {}, format: { fill: {}, font: {} } },
      },
      {
        sheet,
        address: "A14:C15",
        type: "Custom",
        colorScale: {},
        custom: {
          rule: { formula: '=$B14="red"' },
          format: { fill: { color: "#F4CCCC" }, font: { color: "#9C0006" } },
        },
      },
    ]);
    expect(workbook.activeSheet).toBe(sheet);
    expect(workbook.selected).toBe(`${sheet}!A1`);
    // names; the new sheet; cells; formats; tables, charts and rules: a constant 5 syncs
    expect(result.syncs).toBe(5);
    expect(result.requests.map((r) => r.kind)).toEqual([
      "load",
      "addSheet",
      "values",
      "numberFormat+style+columnWidth+freezeRows",
      "table+chart+conditionalFormat+activate",
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));
  });

  it("cuts cell text over Excel's 32,767 characters to fit, and tells the caller the row", async () => {
    const workbook = salesWorkbook();
    const model = handMadeModel("values");
    const long = "=".repeat(40_000); // sent with an apostrophe, which counts too
    const blocks = model.blocks.map((block) =>
      block.id === "cohorts"
        ? { ...block, values: [...block.values.slice(0, 2), [long, 1, 0.4, null]] }
        : block
    );
    const cuts: unknown[] = [];
    const result = await writeReport(
      { ...model, blocks },
      {
        onCellTextCut: (cut) => cuts.push(cut),
      }
    );
    // the cohorts block starts at 0-based row 9: its third row is sheet row 12, column A
    expect(cuts).toEqual([{ sheet: "Retention summary", row: 12, column: 1, length: 40_001 }]);
    expect(result.cutCells).toEqual(cuts);
    const written = workbook.writes.find((w) => w.address === "A10:D12")!.data as unknown[][];
    expect(String(written[2]![0])).toHaveLength(32_767);
  });

  it("writes only to the new sheet: the source's cells are as they were", async () => {
    const workbook = salesWorkbook();
    await writeReport(handMadeModel("formulas"));
    expect(workbook.names()).toEqual(["Sales", "Retention summary"]);
    expect(workbook.sheet("Sales")!.cells).toEqual(SALES);
    for (const record of [
      ...workbook.writes,
      ...workbook.styles,
      ...workbook.tables,
      ...workbook.charts,
      ...workbook.rules,
    ]) {
      expect(record.sheet).toBe("Retention summary");
    }
  });

  it("keeps every request under 4 MB for 120,000 rows × 9 columns, in about payload ÷ 4 MB syncs plus a constant", async () => {
    const workbook = salesWorkbook();
    const model = bigModel(120_000);
    const progress: [number, number][] = [];
    const result = await writeReport(model, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    const payload = bytesOf(model.blocks[0]!.values);
    const formatPayload = bytesOf(Array.from({ length: 120_000 }, () => ["0.0%"]));
    expect(payload).toBeGreaterThan(6_000_000); // more than one request's worth
    // what the mock counted, and what the adapter says it sent
    expect(Math.max(...workbook.requests.map((r) => r.writeBytes))).toBeLessThan(4_000_000);
    expect(Math.max(...result.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4_000_000);
    for (let i = 0; i < workbook.requests.length; i++) {
      expect(result.requests[i]!.bytes).toBeGreaterThanOrEqual(workbook.requests[i]!.writeBytes);
    }
    const rowsWritten = workbook.writes
      .filter((w) => w.kind === "values")
      .reduce((sum, w) => sum + w.data.length, 0);
    expect(rowsWritten).toBe(120_000);
    const formatRows = workbook.writes
      .filter((w) => w.kind === "numberFormat")
      .reduce((sum, w) => sum + w.data.length, 0);
    expect(formatRows).toBe(120_000);
    const chunks = Math.ceil(payload / 4_000_000) + Math.ceil(formatPayload / 4_000_000);
    expect(workbook.syncs).toBe(result.syncs);
    expect(result.syncs).toBeLessThanOrEqual(chunks + 4);
    expect(progress.map(([done]) => done)).toEqual(
      Array.from({ length: result.syncs }, (_, i) => i + 1)
    );
    expect(new Set(progress.map(([, total]) => total))).toEqual(new Set([result.syncs]));
  });

  it("does not overwrite a sheet with the report's name in any case: the report goes to (2)", async () => {
    const workbook = salesWorkbook();
    workbook.addSheet("retention SUMMARY", [["keep me"]]);
    const result = await writeReport(handMadeModel("values"));
    expect(result.sheetName).toBe("Retention summary (2)");
    expect(workbook.sheet("retention SUMMARY")!.cells).toEqual([["keep me"]]);
    expect(workbook.writes.every((w) => w.sheet === "Retention summary (2)")).toBe(true);
  });

  it("makes table names unique in the workbook, against tables and defined names", async () => {
    const workbook = salesWorkbook();
    workbook.tableSources.push({
      name: "crmtrend",
      sheet: "Sales",
      range: { row: 0, column: 0, rows: 6, columns: 3 },
    });
    workbook.definedNames.push("CrmTrend_2");
    await writeReport(handMadeModel("values"));
    expect(workbook.tables.map((t) => t.name)).toEqual(["CrmTrend_3"]);
  });

  describe("failure and cancel leave no sheet behind", () => {
    const cases: [string, number][] = [
      ["the request that adds the sheet", 2],
      ["the request with the cells", 3],
      ["the request with the formats", 4],
      ["the last request", 5],
    ];
    for (const [what, failAt] of cases) {
      it(`a failure in ${what} removes the new sheet and rethrows`, async () => {
        const workbook = salesWorkbook();
        workbook.failAtSync = failAt;
        await expect(writeReport(handMadeModel("values"))).rejects.toThrow(
          "mock: the request failed"
        );
        expect(workbook.names()).toEqual(["Sales"]);
        expect(workbook.sheet("Sales")!.cells).toEqual(SALES);
      });
    }

    it("a cancel between requests removes the new sheet and throws CancelledError", async () => {
      const workbook = salesWorkbook();
      const controller = new AbortController();
      const options: WriteOptions = {
        maxRequestBytes: 100_000,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 3) controller.abort();
        },
      };
      await expect(writeReport(bigModel(20_000), options)).rejects.toBeInstanceOf(CancelledError);
      expect(workbook.syncs).toBe(3 + 2); // then the cleanup: find the sheet, delete it
      expect(workbook.names()).toEqual(["Sales"]);
    });

    it("a cancel before anything is sent changes nothing", async () => {
      const workbook = salesWorkbook();
      const controller = new AbortController();
      controller.abort();
      await expect(
        writeReport(handMadeModel("values"), { signal: controller.signal })
      ).rejects.toBeInstanceOf(CancelledError);
      expect(workbook.syncs).toBe(0);
      expect(workbook.names()).toEqual(["Sales"]);
    });
  });
});

// ─── A report workbook of several sheets ────────────────────────────────────────────────

describe("writeReport: a report workbook of several sheets, through office-addin-mock", () => {
  const NAMES = ["Summary", "Customers to act on", "Customer value", "Model"];

  it("writes every sheet under its own name, with page layout, frozen panes, widths and heights, the summary active", async () => {
    const workbook = salesWorkbook();
    const report = fixtureWorkbook(50, "formulas");
    const result = await writeReport(report);
    expect(workbook.names()).toEqual(["Sales", ...NAMES]);
    expect(result.sheetName).toBe("Summary");
    expect(result.sheets).toEqual([
      { kind: "summary", sheetName: "Summary" },
      { kind: "actions", sheetName: "Customers to act on" },
      { kind: "value", sheetName: "Customer value" },
      { kind: "model", sheetName: "Model" },
    ]);
    // every sheet's cells went to that sheet
    for (const [i, sheet] of report.sheets.entries()) {
      const rows = workbook.writes
        .filter((w) => w.sheet === NAMES[i] && w.kind === "formulas")
        .reduce((sum, w) => sum + w.data.length, 0);
      expect(rows).toBe(sheet.blocks.reduce((sum, b) => sum + b.values.length, 0));
    }
    // the summary's formula points at the actions sheet by the name it got
    const kpis = workbook.writes.find((w) => w.sheet === "Summary" && w.address === "A3:C4")!;
    expect(kpis.data[1]![0]).toBe(
      "=ROWS('Customers to act on'!A:A)-COUNTBLANK('Customers to act on'!A:A)-1"
    );
    expect(workbook.tables.map((t) => [t.sheet, t.name, t.address])).toEqual([
      ["Summary", "CrmTrend", "A6:B9"],
      ["Customers to act on", "CrmActions", "A1:J51"],
      ["Customer value", "CrmValue", "A1:C3"],
    ]);
    // page layout (ExcelApi 1.9), as the fixture's pageSetup says
    expect(workbook.layouts["Summary"]).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 },
      printArea: "A1:J14",
    });
    expect(workbook.layouts["Customers to act on"]).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$1",
    });
    expect(workbook.layouts["Model"]).toMatchObject({ orientation: "Portrait" });
    // frozen: rows alone, or the header row and id column together
    expect(workbook.frozen).toEqual({ Summary: 1, "Customer value": 1, Model: 1 });
    expect(workbook.frozenAt).toEqual({ "Customers to act on": "A1" });
    // column widths and row heights from fitLayout
    const summary = report.sheets[0]!;
    const widths = workbook.styles.filter(
      (s) => s.sheet === "Summary" && "columnWidth" in s.format
    );
    expect(widths.map((s) => s.format.columnWidth)).toEqual(
      summary.columnWidths.map((w) => w.width)
    );
    const heights = workbook.styles.filter((s) => s.sheet === "Summary" && "rowHeight" in s.format);
    expect(heights.map((s) => [s.address, s.format.rowHeight])).toEqual(
      (summary.rowHeights ?? []).map((h) => [`A${h.row + 1}`, h.height])
    );
    expect(workbook.activeSheet).toBe("Summary");
    expect(workbook.selected).toBe("Summary!A1");
  });

  it("writes a 67,000-customer actions sheet in row blocks, every request under 4 MB", async () => {
    const workbook = salesWorkbook();
    const report = fixtureWorkbook(67_000);
    const result = await writeReport(report);
    const actions = report.sheets[1]!;
    expect(bytesOf(actions.blocks[0]!.values)).toBeGreaterThan(4_000_000); // more than one request
    expect(Math.max(...workbook.requests.map((r) => r.writeBytes))).toBeLessThan(4_000_000);
    expect(Math.max(...result.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4_000_000);
    const rows = workbook.writes
      .filter((w) => w.sheet === "Customers to act on" && w.kind === "values")
      .reduce((sum, w) => sum + w.data.length, 0);
    expect(rows).toBe(67_001);
    expect(
      workbook.writes.filter((w) => w.sheet === "Customers to act on" && w.kind === "values").length
    ).toBeGreaterThan(1);
    expect(workbook.tables.find((t) => t.name === "CrmActions")!.address).toBe("A1:J67001");
  });

  it("keeps existing sheets of the same names (in any case): the report's sheets get (2)", async () => {
    const workbook = salesWorkbook();
    workbook.addSheet("summary", [["keep me"]]);
    workbook.addSheet("MODEL", [["keep me too"]]);
    const result = await writeReport(fixtureWorkbook(5));
    expect(result.sheets.map((s) => s.sheetName)).toEqual([
      "Summary (2)",
      "Customers to act on",
      "Customer value",
      "Model (2)",
    ]);
    expect(workbook.sheet("summary")!.cells).toEqual([["keep me"]]);
    expect(workbook.sheet("MODEL")!.cells).toEqual([["keep me too"]]);
    expect(workbook.activeSheet).toBe("Summary (2)");
  });

  describe("a failure or a cancel removes every sheet made, and only those", () => {
    /** The syncs (1-based) of the first request writing each new sheet, from a run that succeeds. */
    async function firstSyncOf(): Promise<Record<string, number>> {
      salesWorkbook();
      const { requests } = await writeReport(fixtureWorkbook(2_000), { maxRequestBytes: 100_000 });
      const first: Record<string, number> = {};
      requests.forEach((r, i) => {
        if (r.sheet !== undefined) first[r.sheet] ??= i + 1;
      });
      return first;
    }

    for (const [what, sheet] of [
      ["the 2nd sheet", "Customers to act on"],
      ["the 3rd sheet", "Customer value"],
      ["the 4th sheet", "Model"],
    ] as const) {
      it(`a failure in ${what} removes all four new sheets and keeps the user's`, async () => {
        const failAt = (await firstSyncOf())[sheet]!;
        const workbook = salesWorkbook();
        workbook.addSheet("summary", [["keep me"]]);
        workbook.failAtSync = failAt;
        await expect(
          writeReport(fixtureWorkbook(2_000), { maxRequestBytes: 100_000 })
        ).rejects.toThrow("mock: the request failed");
        expect(workbook.names()).toEqual(["Sales", "summary"]);
        expect(workbook.sheet("summary")!.cells).toEqual([["keep me"]]);
        expect(workbook.sheet("Sales")!.cells).toEqual(SALES);
      });
    }

    it("a failure in the request adding the sheets leaves none", async () => {
      const workbook = salesWorkbook();
      workbook.failAtSync = 2;
      await expect(writeReport(fixtureWorkbook(5))).rejects.toThrow("mock: the request failed");
      expect(workbook.names()).toEqual(["Sales"]);
    });

    it("a cancel while the actions sheet is written removes every new sheet", async () => {
      const first = await firstSyncOf();
      const workbook = salesWorkbook();
      const controller = new AbortController();
      const cancelAt = first["Customers to act on"]! + 1;
      await expect(
        writeReport(fixtureWorkbook(2_000), {
          maxRequestBytes: 100_000,
          signal: controller.signal,
          onProgress: (done) => {
            if (done === cancelAt) controller.abort();
          },
        })
      ).rejects.toBeInstanceOf(CancelledError);
      expect(workbook.names()).toEqual(["Sales"]);
    });
  });
});

describe("writeReport: the report buildReport makes, through office-addin-mock", () => {
  it("writes every sheet of the CDNOW master report, every request under 4 MB, every cell where the model says", async function () {
    this.timeout(120_000);
    const cells = loadCdnowMasterCells();
    const rows: unknown[][] = [["customer", "date", "dollars"]];
    cells.customerIds.forEach((id, i) =>
      rows.push([id[0], cells.dates[i]![0], cells.amounts[i]![0]])
    );
    const report = sampleWorkbook(
      { asOf: serialFromYmd(1998, 6, 30), period: "month", inactiveDays: 90 },
      sampleSource(rows, { sheetName: "CDNOW" })
    );
    const workbook = salesWorkbook();
    const result = await writeReport(report);
    expect(result.sheets.map((s) => s.sheetName)).toEqual(report.sheets.map((s) => s.sheetName));
    expect(workbook.names()).toEqual(["Sales", ...report.sheets.map((s) => s.sheetName)]);
    expect(Math.max(...workbook.requests.map((r) => r.writeBytes))).toBeLessThan(4_000_000);
    expect(Math.max(...result.requests.map((r) => r.bytes))).toBeLessThanOrEqual(4_000_000);
    report.sheets.forEach((model, i) => {
      const name = result.sheets[i]!.sheetName;
      const rowsWritten = workbook.writes
        .filter((w) => w.sheet === name && w.kind === "values")
        .reduce((sum, w) => sum + w.data.length, 0);
      expect(rowsWritten, name).toBe(model.blocks.reduce((sum, b) => sum + b.values.length, 0));
      expect(workbook.tables.filter((t) => t.sheet === name).map((t) => t.address)).toEqual(
        model.tables.map((t) => rangeAddress(t.range))
      );
      if (model.pageSetup)
        expect(workbook.layouts[name]).toMatchObject({
          orientation: model.pageSetup.orientation === "landscape" ? "Landscape" : "Portrait",
          zoom: {
            horizontalFitToPages: model.pageSetup.fitToWidth,
            verticalFitToPages: model.pageSetup.fitToHeight,
          },
        });
    });
    // the summary: Excel's "Narrow" margins, in points as the model gives them
    expect(workbook.layouts[result.sheetName]).toMatchObject({
      leftMargin: 18,
      rightMargin: 18,
      topMargin: 54,
      bottomMargin: 54,
      headerMargin: 21.6,
      footerMargin: 21.6,
    });
    // the segments' horizontal bars: first segment at the top (reversed categories), the value
    // axis crossing at the last so it stays at the bottom, no legend for one series
    const bars = workbook.charts.filter((c) => c.type === "BarClustered");
    expect(bars).toHaveLength(1);
    expect(bars[0]!.axes.categoryAxis).toEqual({ reversePlotOrder: true, position: "Maximum" });
    expect(bars[0]!.legend).toEqual({ position: "Bottom", visible: false });
    for (const chart of workbook.charts) {
      expect(chart.title.format.font.size).toBe(11);
      expect(chart.format.font.size).toBe(9);
    }
    const lines = workbook.charts.filter((c) => c.type === "Line");
    expect(lines.every((c) => c.legend.visible === undefined)).toBe(true);
    expect(workbook.activeSheet).toBe(result.sheetName);
  });
});
