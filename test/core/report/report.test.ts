import { expect } from "../../support/expect";
import { serialFromYmd } from "../../../src/core/input/dates";
import { isCrmError } from "../../../src/core/errors";
import { buildHistories } from "../../../src/core/input/history";
import { churnTrend } from "../../../src/core/metrics/trend";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { fitBgnbd } from "../../../src/core/models/bgnbd";
import { fitGammaGamma, predictedClv } from "../../../src/core/models/gammaGamma";
import { reportSheetRef, resolveReportSheetRefs } from "../../../src/core/report/reportModel";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  sheetRowOf,
  type ReportSource,
} from "../../../src/core/report";
import {
  cellAddress,
  columnLetters,
  rangeAddress,
  sheetPrefix,
  uniqueSheetName,
  uniqueTableName,
  chartSeriesColumns,
  type ReportBlock,
  type ReportModel,
  type SheetRange,
} from "../../../src/core/report/reportModel";
import { loadCdnowMasterCells } from "../../support/cdnowCells";
import {
  SAMPLE_MAPPING,
  SAMPLE_SALES,
  sampleReport,
  sampleSource as sourceOf,
  sampleWorkbook,
} from "../../support/sampleReport";

const SAMPLE = SAMPLE_SALES;
const MAPPING = SAMPLE_MAPPING;
const sampleSource = (rows: (string | number)[][] = SAMPLE, tableName?: string) =>
  sourceOf(rows, { tableName });

function block(model: ReportModel, id: string): ReportBlock {
  const found = model.blocks.find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}: ${model.blocks.map((b) => b.id).join(", ")}`);
  return found;
}

function rangeOf(b: ReportBlock): SheetRange {
  return { row: b.row, column: b.column, rows: b.values.length, columns: b.values[0]?.length ?? 0 };
}

function overlaps(a: SheetRange, b: SheetRange): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

function inside(inner: SheetRange, outer: { rows: number; columns: number }): boolean {
  return (
    inner.row >= 0 &&
    inner.column >= 0 &&
    inner.row + inner.rows <= outer.rows &&
    inner.column + inner.columns <= outer.columns
  );
}

/** Values of the KPI tiles by label. */
function kpis(model: ReportModel): Record<string, unknown> {
  const tiles = block(model, "kpis");
  return Object.fromEntries(
    tiles.values[0]!.map((label, c) => [String(label), tiles.values[1]![c]])
  );
}

describe("addresses and sheet names", () => {
  it("spells columns and ranges as Excel does", () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(cellAddress(4, 1, true)).toBe("$B$5");
    expect(rangeAddress({ row: 1, column: 0, rows: 11, columns: 1 })).toBe("A2:A12");
    expect(rangeAddress({ row: 1, column: 2, rows: 1, columns: 1 })).toBe("C2");
  });

  it("quotes sheet names in formulas only when Excel needs it", () => {
    expect(sheetPrefix("Sales")).toBe("Sales!");
    expect(sheetPrefix("Sales 2024")).toBe("'Sales 2024'!");
    expect(sheetPrefix("销售")).toBe("'销售'!");
    expect(sheetPrefix("O'Neil")).toBe("'O''Neil'!");
    expect(sheetPrefix("AB12")).toBe("'AB12'!"); // looks like a cell address
  });

  it("never reuses a sheet name, comparing case-insensitively as Excel does", () => {
    expect(uniqueSheetName("Retention summary", [])).toBe("Retention summary");
    expect(uniqueSheetName("Retention summary", ["retention SUMMARY"])).toBe(
      "Retention summary (2)"
    );
    expect(
      uniqueSheetName("Retention summary", ["Retention summary", "Retention summary (2)"])
    ).toBe("Retention summary (3)");
  });

  it("keeps a unique name within Excel's 31 characters and without forbidden characters", () => {
    const long = "A very long report name that goes on";
    const name = uniqueSheetName(long, [long.slice(0, 31)]);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("a/b:c*d?[e]", [])).toBe("a_b_c_d__e_");
  });
});

describe("names and series shared by the two writers", () => {
  it("makes a table name unique among the workbook's names, case-insensitively", () => {
    const taken = new Set(["crmgrades", "crmgrades_2"]);
    expect(uniqueTableName("CrmGrades", taken)).toBe("CrmGrades_3");
    expect(uniqueTableName("CrmTrend", taken)).toBe("CrmTrend");
    expect(taken.has("crmgrades_3") && taken.has("crmtrend")).toBe(true);
  });

  it("takes a chart's series from seriesColumns, or all data columns but the first", () => {
    const data = { row: 0, column: 0, rows: 3, columns: 4 };
    const chart = { id: "c", kind: "line" as const, title: "t", data, position: data };
    expect(chartSeriesColumns(chart)).toEqual([1, 2, 3]);
    expect(chartSeriesColumns({ ...chart, seriesColumns: [3, 1, 3] })).toEqual([1, 3]);
  });
});

describe("prepareReportData: the preview's data-quality report", () => {
  it("reads every row of a clean table", () => {
    const data = prepareReportData(sampleSource());
    expect(data.dataRows).toBe(11);
    expect(data.audit.transactions.days.length).toBe(11);
    expect(data.audit.problemCount).toBe(0);
    expect(data.firstDay).toBe(serialFromYmd(2024, 1, 5));
    expect(data.lastDay).toBe(serialFromYmd(2024, 6, 28));
  });

  it("lists rows to skip with the column name and the sheet row", () => {
    const rows = SAMPLE.map((r) => [...r]);
    rows[3] = [1001, "not a date", 60];
    rows[5] = [1002, "2024-03-01", "forty"];
    rows[7] = ["", "2024-04-20", 150];
    rows[9] = ["", "", ""]; // blank: skipped, not a problem
    const source = { ...sampleSource(rows), location: { ...sampleSource().location!, row: 4 } };
    const data = prepareReportData(source);
    expect(data.audit.rowsWithProblems).toBe(3);
    expect(data.audit.transactions.skippedBlankRows).toBe(1);
    expect(data.audit.problems.map((p) => [p.argument, p.row])).toEqual([
      ["date", 3],
      ["amount", 5],
      ["customer_id", 7],
    ]);
    // data row 3 sits under the header, which is on sheet row 5 (0-based row 4)
    expect(sheetRowOf(source, 3)).toBe(8);
  });

  it("ignores and reports unreadable optional cells without dropping the purchase", () => {
    const rows = SAMPLE.map((r, i) => [...r, i === 0 ? "cost" : i === 2 ? "n/a" : 10]);
    const data = prepareReportData({
      ...sampleSource(rows),
      mapping: { ...MAPPING, cost: 3 },
    });
    expect(data.audit.transactions.days.length).toBe(11);
    expect(data.optionalProblems).toEqual([expect.objectContaining({ field: "cost", row: 2 })]);
    // revenue of the rows with a cost: 1000 − 80 = 920; cost 10 × 10 → margin 1 − 100/920
    expect(data.suggestedMargin).toBeCloseTo(1 - 100 / 920, 12);
  });

  it("refuses a mapping without a required column", () => {
    expect(() =>
      prepareReportData({ ...sampleSource(), mapping: { ...MAPPING, amount: null } })
    ).toThrow(/amount/);
  });
});

describe("buildReport on the sample table (values): the summary sheet", () => {
  // SPEC §4 "Generate": the workbook's first sheet is the summary
  const workbook = sampleWorkbook({ generatedAt: "2026-11-23 10:00" });
  const model = workbook.sheets[0]!;

  it("names the sheet and says what it holds", () => {
    expect(model.sheetName).toBe("Retention summary");
    expect(model.kind).toBe("summary");
    expect(model.mode).toBe("values");
    expect(block(model, "title").values).toEqual([["Retention summary"]]);
    const subtitle = block(model, "subtitle").values.map((r) => r[0]);
    expect(subtitle[0]).toContain("Sales!A1:C12");
    expect(subtitle[0]).toContain("2024-06-30");
    expect(subtitle[0]).toContain("2026-11-23 10:00");
    expect(subtitle[1]).toBe("Rows: 11 read, 11 used, 0 skipped for bad cells, 0 blank.");
  });

  it("KPI tiles: the last complete quarter, and the year to the as-of date", () => {
    // computed by hand from SPEC §2 with the 45-day rule (see the CHURNTREND test):
    // Q2 2024: S 2, N 1 (1005), reactivated 2, lost 2 (1002 from the start, 1005 lapsed), E 3
    // (changed: "Active" and "Lost" name their rule, one vocabulary across the summary)
    expect(kpis(model)).toMatchObject({
      Customers: 5,
      "Active (activity rule)": 3,
      New: 1,
      "Lost (activity rule)": 2,
      "Churn rate": 0.5,
      "Retention rate": 1, // (E − N) ÷ S = (3 − 1) ÷ 2
      "Repeat rate": 0.8, // 1001–1004 bought on two days or more, 1005 once
      "Purchases / year": 2.2, // 11 purchase days ÷ 5 buyers in the 365 days to 2024-06-30
    });
    expect(kpis(model)["Avg order value"]).toBeCloseTo(1000 / 11, 12);
    // 1000/11 × 2.2 × 3 years × margin 1 = 600
    expect(kpis(model)["CLV (simple)"]).toBeCloseTo(600, 9);
  });

  it("the churn trend shows the churn-trend metric's columns S, N, reactivated, lost, E and rates, with a line chart", () => {
    // changed: the trend table (8 columns, no native table) is on the Model sheet, right of
    // the settings; the summary keeps the chart and its data: period, churn, retention
    const trend = block(workbook.sheets[3]!, "trend");
    expect([trend.row, trend.column]).toEqual([4, 8]); // Model!I5, under its title in I4
    expect(trend.values).toEqual([
      [
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
      ],
      // changed (QA report, SPEC §2 "From transactions"): lost in its two parts and in total,
      // so churn = lost from start ÷ S reads from its row (Q2: 1 ÷ 2)
      ["2024-Q1", 0, 4, 0, 0, 2, 2, 2, null, null], // no base: no rates, never 0
      ["2024-Q2", 2, 1, 2, 1, 1, 2, 3, 0.5, 1],
    ]);
    const data = block(model, "trend.data");
    expect(data.values).toEqual([
      ["Period", "Churn rate", "Retention rate"],
      ["2024-Q1", null, null],
      ["2024-Q2", 0.5, 1],
    ]);
    const chart = model.charts.find((c) => c.id === "trend.chart")!;
    expect(chart.kind).toBe("line");
    expect(chart.data).toEqual(rangeOf(data));
    expect(chart.seriesColumns).toEqual([1, 2]);
    expect(model.numberFormats).toContainEqual({
      range: { row: data.row + 1, column: 1, rows: 2, columns: 1 },
      format: "0.0%",
    });
  });

  it("the cohort heatmap (one column per cohort) leaves periods not yet complete empty and is the curves' data", () => {
    // changed: cohorts are columns and offsets rows, so the same cells draw one retention
    // curve per cohort (x = offset, y = retention)
    const cohorts = block(model, "cohorts");
    expect(cohorts.values).toEqual([
      ["Customers", 4, 1],
      ["Cohort →", "2024-Q1", "2024-Q2"],
      ["+0", 1, 1],
      ["+1", 0.75, null],
    ]);
    // changed: the heatmap sits beside the trend, its labels in its own first column
    expect(model.conditionalFormats).toContainEqual(
      expect.objectContaining({
        kind: "colorScale",
        range: { row: cohorts.row + 3, column: cohorts.column + 1, rows: 1, columns: 2 },
      })
    );
    const curves = model.charts.find((c) => c.id === "cohorts.curves")!;
    expect(curves.kind).toBe("line");
    expect(curves.data).toEqual({
      row: cohorts.row + 1,
      column: cohorts.column,
      rows: 3,
      columns: 3,
    });
  });

  it("the customer-status block counts the RFM levels and names each rule", () => {
    // RFMALERT example: 1002 lost (121 days), 1003 red (59), 1005 red (43), 1004 and 1001 normal
    // (changed: the level counts moved from an "RFM early warning" table into the status block)
    // changed: each line reads count, share, label (column A stays narrow, the label runs on)
    const rows = block(model, "status").values.slice(1);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [3, null], // active at the end of 2024-Q2 (activity rule)
      [2, null], // lost in 2024-Q2 (activity rule)
      [2, 0.4], // red
      [0, 0], // orange
      [0, 0], // yellow
      [2, 0.4], // normal
      [1, 0.2], // lost (RFM)
      [null, null], // the model cannot be fitted on five customers
    ]);
    expect(String(rows[7]![2])).toBe("Expected alive — BG/NBD: not fitted (see Model sheet)");
  });

  it("grades A/B/C/D with a column chart", () => {
    // GRADE example: 1001 A (4 visits), 1002–1004 B (2), 1005 C (1)
    expect(block(model, "grades").values.slice(1)).toEqual([
      ["A", 1, 0.2],
      ["B", 3, 0.6],
      ["C", 1, 0.2],
      ["D", 0, 0],
    ]);
    expect(model.charts.find((c) => c.id === "grades.chart")?.kind).toBe("columnClustered");
  });

  it("segments count every customer once, with a bar chart", () => {
    const rows = block(model, "segments").values.slice(1);
    expect(rows).toHaveLength(11);
    expect(rows.reduce((sum, r) => sum + (r[1] as number), 0)).toBe(5);
    // changed: horizontal bars, so eleven segment names stay readable beside the table
    expect(model.charts.find((c) => c.id === "segments.chart")?.kind).toBe("barClustered");
  });

  it("says why predictive CLV is not available on five customers instead of failing", () => {
    // changed: the reason is on the Model sheet, the value sheet says it in one line
    const [, , value, modelSheet] = workbook.sheets;
    expect(String(block(modelSheet!, "fit.error").values[0]![0])).toMatch(/^Not available: /);
    expect(String(block(value!, "value.error").values[0]![0])).toMatch(/^Not available: /);
  });

  it("lays every sheet out without overlaps, inside the extent", () => {
    for (const sheet of workbook.sheets) {
      const ranges = sheet.blocks.map(rangeOf);
      for (let i = 0; i < ranges.length; i++) {
        expect(inside(ranges[i]!, sheet.extent), `${sheet.kind} ${sheet.blocks[i]!.id}`).toBe(true);
        for (let j = i + 1; j < ranges.length; j++) {
          expect(
            overlaps(ranges[i]!, ranges[j]!),
            `${sheet.blocks[i]!.id} × ${sheet.blocks[j]!.id}`
          ).toBe(false);
        }
      }
      for (const chart of sheet.charts) {
        expect(inside(chart.position, sheet.extent)).toBe(true);
        for (const range of ranges) expect(overlaps(chart.position, range), chart.id).toBe(false);
        for (const other of sheet.charts)
          if (other !== chart) expect(overlaps(chart.position, other.position)).toBe(false);
      }
      for (const item of [
        ...sheet.numberFormats,
        ...sheet.styles,
        ...sheet.tables,
        ...sheet.conditionalFormats,
      ]) {
        expect(inside(item.range, sheet.extent)).toBe(true);
      }
    }
  });

  it("holds only text, finite numbers, booleans and empty cells", () => {
    for (const sheet of workbook.sheets) {
      for (const b of sheet.blocks) {
        for (const row of b.values) {
          for (const value of row) {
            if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
            else
              expect(
                value === null || typeof value === "string" || typeof value === "boolean"
              ).toBe(true);
          }
        }
      }
    }
  });
});

describe("buildReport in Chinese", () => {
  it("writes the sheets' text in Simplified and Traditional Chinese", () => {
    const cn = sampleWorkbook({ language: "zh-CN" });
    expect(cn.sheets.map((s) => s.sheetName)).toEqual([
      "留存分析摘要",
      "需跟进的客户",
      "客户价值",
      "模型",
    ]);
    expect(block(cn.sheets[0]!, "trend.data").values[0]![0]).toBe("周期");
    expect(block(cn.sheets[3]!, "trend").values[0]![0]).toBe("周期");
    expect(block(cn.sheets[1]!, "actions").values[1]![1]).toBe("危机级");
    expect(block(cn.sheets[3]!, "settings").values[1]).toEqual(["周期", "季度"]);
    const tw = sampleWorkbook({ language: "zh-TW" });
    expect(tw.sheets.map((s) => s.sheetName)).toEqual([
      "留存分析摘要",
      "需跟進的顧客",
      "顧客價值",
      "模型",
    ]);
    expect(block(tw.sheets[0]!, "trend.data").values[0]![0]).toBe("週期");
    expect(block(tw.sheets[1]!, "actions").values[1]![1]).toBe("危機級");
    expect(
      tw.sheets[1]!.conditionalFormats.some(
        (f) => f.kind === "formula" && f.formula.endsWith('="危機級"')
      )
    ).toBe(true);
  });
});

describe("buildReport with live formulas", () => {
  // changed: the settings live on the Model sheet; formulas elsewhere reach them through the
  // reportSheetRef("model") placeholder that the writers resolve to the sheet's unique name
  const workbook = sampleWorkbook({ mode: "formulas" });
  const model = workbook.sheets[0]!;
  const settings = block(workbook.sheets[3]!, "settings");
  const M = reportSheetRef("model");
  const setting = (offset: number) => `${M}${cellAddress(settings.row + offset, 1, true)}`;

  it("spills the trend and cohorts from CRM functions over the source columns and the settings", () => {
    // changed: the trend spill is on the Model sheet (its settings without a sheet prefix);
    // the summary's chart data are three of its columns
    const modelSheet = workbook.sheets[3]!;
    const trend = block(modelSheet, "trend");
    const spill = modelSheet.spills.find((s) => s.range.row === trend.row + 1)!;
    const local = (offset: number) => cellAddress(settings.row + offset, 1, true);
    expect(spill.formula).toBe(
      `=TAKE(CHOOSECOLS(CRM.CHURNTREND(Sales!$A$2:$A$12,Sales!$B$2:$B$12,${local(1)},${local(2)},${local(0)},FALSE,Sales!$C$2:$C$12),1,4,5,6,7,8,9,10,11,12),-12)`
    );
    // changed (QA report): lost from start (7) and lapsed (8) beside their total (9)
    expect(spill.range).toEqual({ row: trend.row + 1, column: 8, rows: 2, columns: 10 });
    expect(trend.formulas![1]![0]).toBe(spill.formula);
    const data = block(model, "trend.data");
    expect(data.formulas![1]![0]).toBe(`=CHOOSECOLS(${M}I6#,1,9,10)`);
    expect(model.spills).toContainEqual({
      range: { row: data.row + 1, column: 0, rows: 2, columns: 3 },
      formula: `=CHOOSECOLS(${M}I6#,1,9,10)`,
    });
    expect(model.tables).toEqual([]); // a table cannot hold a spill
    const cohorts = model.spills.find((s) =>
      s.formula.startsWith("=TRANSPOSE(CHOOSECOLS(TAKE(CRM.COHORTS(Sales!$A$2:$A$12,")
    )!;
    expect(cohorts.range).toEqual({
      row: block(model, "cohorts").row,
      column: block(model, "cohorts").column + 1, // changed: the heatmap is beside the trend
      rows: 4,
      columns: 2,
    });
  });

  it("KPI tiles read the trend's last row and CRM functions", () => {
    const tiles = block(model, "kpis");
    // changed: the trend spill is on the Model sheet, at I6
    // changed (QA report): the trend table has lost from start and lapsed beside lost, so E is
    // its 8th column and the churn rate its 9th
    const anchor = `${M}I6`;
    expect(tiles.formulas![1]![1]).toBe(`=INDEX(${anchor}#,ROWS(${anchor}#),8)`);
    expect(tiles.formulas![1]![4]).toBe(`=INDEX(${anchor}#,ROWS(${anchor}#),9)`);
    expect(tiles.formulas![1]![6]).toBe(
      `=CRM.REPEATRATE.TX(Sales!$A$2:$A$12,Sales!$B$2:$B$12,1,${setting(0)},Sales!$C$2:$C$12)`
    );
    expect(tiles.formulas![1]![7]).toBeNull(); // order value stays a value, and says so
    expect(String(tiles.values[0]![7])).toContain("(values)");
    // the change of the churn rate, in points: this period's minus the previous one's, × 100
    expect(block(model, "kpis.change").formulas![0]![4]).toBe(
      `=(INDEX(${anchor}#,ROWS(${anchor}#),9)-INDEX(${anchor}#,ROWS(${anchor}#)-1,9))*100`
    );
  });

  it("counts grades, levels and segments with formulas", () => {
    const grades = block(model, "grades");
    expect(grades.formulas![1]![1]).toMatch(
      /^=SUM\(--\(INDEX\(CRM\.GRADE\(Sales!\$A\$2:\$A\$12,.*,FALSE,Sales!\$C\$2:\$C\$12\),0,3\)="A"\)\)$/
    );
    // changed: each status line reads count (A), share (B), label
    expect(block(model, "status").formulas![3]![0]).toMatch(
      /^=SUM\(--\(INDEX\(CRM\.RFMALERT\(.*="red"\)\)$/
    );
    // the red line's share: its count over the five RFM counts (rows 3…7 of the block)
    const status = block(model, "status");
    const red = cellAddress(status.row + 3, 0);
    expect(status.formulas![3]![1]).toBe(
      `=${red}/SUM(${cellAddress(status.row + 3, 0, true)}:${cellAddress(status.row + 7, 0, true)})`
    );
    expect(block(model, "segments").formulas![1]![1]).toMatch(
      /^=SUM\(--\(INDEX\(CRM\.RFMSEGMENTS\(/
    );
  });

  it("points at the report's own sheets only through placeholders the writers can resolve", () => {
    const names = { summary: "S", actions: "A", value: "V", model: "M" };
    const formulas = workbook.sheets.flatMap((sheet) => [
      ...sheet.blocks.flatMap((b) => (b.formulas ?? []).flat().filter((f): f is string => !!f)),
      ...sheet.spills.map((spill) => spill.formula),
    ]);
    expect(formulas.length).toBeGreaterThan(20);
    for (const formula of formulas) {
      expect(() => resolveReportSheetRefs(formula, names)).not.toThrow();
      expect(resolveReportSheetRefs(formula, names)).not.toMatch(/\u27e6|\u27e7/);
    }
    // the settings the formulas read are the Model sheet's cells
    expect(block(workbook.sheets[3]!, "settings").values[0]![1]).toBe(serialFromYmd(2024, 6, 30));
  });

  it("keeps the lists as values and says so", () => {
    expect(String(block(workbook.sheets[1]!, "actions.subtitle").values[0]![0])).toContain(
      "(values)"
    );
    expect(String(block(workbook.sheets[2]!, "value.subtitle").values[0]![0])).toContain(
      "(values)"
    );
  });

  it("uses structured references for a named table", () => {
    // changed: the trend spill is on the Model sheet
    const tableWorkbook = sampleWorkbook({ mode: "formulas" }, sampleSource(SAMPLE, "Orders"));
    expect(block(tableWorkbook.sheets[3]!, "trend").formulas![1]![0]).toMatch(
      /^=TAKE\(CHOOSECOLS\(CRM\.CHURNTREND\(Orders\[customer_id\],Orders\[date\],/
    );
  });

  it("refuses live formulas over rows that cannot be read, instead of writing error cells", () => {
    const rows = SAMPLE.map((r) => [...r]);
    rows[3] = [1001, "not a date", 60];
    try {
      sampleReport({ mode: "formulas" }, sampleSource(rows));
      throw new Error("unreachable: this line must not be reached");
    } catch (error) {
      expect(isCrmError(error) && error.argument).toBe("mode");
    }
  });
});

describe("buildReport options", () => {
  it("rejects options that do not fit, naming the option", () => {
    for (const [overrides, argument] of [
      [{ inactiveDays: 0 }, "inactive_days"],
      [{ margin: 1.5 }, "margin"],
      [{ discountRate: -0.1 }, "discount_rate"],
      [{ asOf: serialFromYmd(2023, 12, 31) }, "as_of"],
    ] as const) {
      try {
        sampleReport(overrides);
        throw new Error("unreachable: this line must not be reached");
      } catch (error) {
        expect(isCrmError(error) && error.argument).toBe(argument);
      }
    }
  });

  it("defaults to the last date, month periods and the inactive days suggested by the data", () => {
    const data = prepareReportData(sampleSource());
    const options = defaultReportOptions(data, "en");
    expect(options.asOf).toBe(serialFromYmd(2024, 6, 28));
    expect(options.period).toBe("month");
    expect(options.inactiveDays).toBe(data.suggestedInactiveDays);
    expect(options.mode).toBe("values");
  });

  it("explains a section it cannot compute and still makes the rest", () => {
    // as of the first purchase day no month is complete: the trend says why, the rest is there
    const model = sampleReport({ asOf: serialFromYmd(2024, 1, 5), period: "month" });
    expect(String(block(model, "trend.error").values[0]![0])).toMatch(
      /^Not available: no full month/
    );
    expect(
      block(model, "grades")
        .values.slice(1)
        .map((r) => r[1])
    ).toEqual([0, 0, 1, 0]);
  });
});

describe("buildReport on the CDNOW master (23,570 customers)", () => {
  const cells = loadCdnowMasterCells();
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  for (let i = 0; i < cells.customerIds.length; i++) {
    rows.push([cells.customerIds[i]![0], cells.dates[i]![0], cells.amounts[i]![0]]);
  }
  const source: ReportSource = {
    rows,
    hasHeader: true,
    columnNames: ["customer", "date", "dollars"],
    mapping: MAPPING,
    location: { sheetName: "CDNOW", row: 0, column: 0, address: `CDNOW!A1:C${rows.length}` },
  };
  const data = prepareReportData(source);
  const asOf = serialFromYmd(1998, 6, 30);
  const workbook = buildReport(data, {
    ...defaultReportOptions(data, "en"),
    asOf,
    inactiveDays: 90,
  });
  const model = workbook.sheets[0]!;
  const modelSheet = workbook.sheets[3]!;

  it("reads every row", () => {
    expect(data.dataRows).toBe(69659);
    expect(data.audit.problemCount).toBe(0);
    expect(data.lastDay).toBe(asOf);
  });

  it("counts every customer once in the KPIs, RFM levels, grades and segments", () => {
    expect(kpis(model).Customers).toBe(23570);
    const total = (id: string, from = 1, to?: number, column = 1) =>
      block(model, id)
        .values.slice(from, to)
        .reduce((s, r) => s + (r[column] as number), 0);
    expect(total("status", 3, 8, 0)).toBe(23570); // the five RFM levels (changed: count first)
    expect(total("grades")).toBe(23570);
    expect(total("segments")).toBe(23570);
  });

  it("shows the churn-trend metric itself: its last 12 of 18 months, the last as the KPI period", () => {
    const histories = buildHistories(data.audit.transactions);
    const expected = churnTrend(histories, { period: "month", inactiveDays: 90, asOf }).slice(-12);
    const trend = block(modelSheet, "trend").values.slice(1); // changed: on the Model sheet
    expect(trend).toHaveLength(12);
    // changed (QA report): lost from start, lapsed and lost (columns 4–6), then E
    expect(trend.map((r) => [r[0], r[1], r[2], r[4], r[5], r[6], r[7]])).toEqual(
      expected.map((r) => [
        r.period.label,
        r.atStart,
        r.new,
        r.lostFromStart,
        r.lapsed,
        r.lost,
        r.atEnd,
      ])
    );
    const last = expected[expected.length - 1]!;
    expect(kpis(model)).toMatchObject({
      "Active (activity rule)": last.atEnd,
      New: last.new,
      "Lost (activity rule)": last.lost,
    });
    expect(kpis(model)["Churn rate"]).toBeCloseTo(last.churnRate, 12);
    expect(block(model, "trend.title").values[0]![0]).toBe(
      "Churn trend: the last 12 of 18 periods"
    );
  });

  it("fits predictive CLV, leaving repeat buyers with no repeat spend out of the spend fit", () => {
    // changed: the figures and parameters moved to the Model sheet
    const figures = Object.fromEntries(
      block(modelSheet, "fit.figures").values.map((r) => [r[0], r[1]])
    );
    expect(figures["Customers fitted (purchase model)"]).toBe(23570);
    // CDNOW master has zero-dollar repeat days (customer 10244)
    expect(
      figures["Repeat buyers left out of the spend fit (repeat spend 0 or less)"]
    ).toBeGreaterThan(0);
    const parameters = block(modelSheet, "fit.parameters").values.slice(1);
    for (const [, value] of parameters) expect(value as number).toBeGreaterThan(0);
  });

  it("shows predictedClv's own numbers for the most valuable customers", () => {
    // changed: the top-20 list became the Customer value sheet (every customer, by CLV)
    const t = data.audit.transactions;
    const summary = customerSummary(
      {
        customerIndex: t.customerIndex,
        customerIds: t.customerIds,
        days: t.days,
        amounts: t.amounts!,
      },
      { calibrationEnd: asOf, timeUnit: "month" }
    );
    const bgnbd = fitBgnbd(summary);
    const repeat = Array.from(summary.x.keys()).filter(
      (i) => summary.x[i]! > 0 && summary.monetary[i]! > 0
    );
    const spend = fitGammaGamma({
      x: repeat.map((i) => summary.x[i]!),
      monetary: repeat.map((i) => summary.monetary[i]!),
    });
    const rate = 1.1 ** (1 / 12) - 1; // 10% a year, compounded monthly
    for (const row of block(workbook.sheets[2]!, "value").values.slice(1, 6)) {
      const i = summary.customerIds.indexOf(String(row[0]));
      expect(i).toBeGreaterThanOrEqual(0);
      const customer = {
        x: summary.x[i]!,
        tx: summary.tx[i]!,
        T: summary.T[i]!,
        monetary: summary.monetary[i]!,
      };
      const expected = predictedClv(bgnbd, spend, customer, {
        horizon: 12,
        discountRatePerUnit: rate,
        timeUnit: "month",
        margin: 1,
      });
      expect(row[7] as number).toBeCloseTo(expected, 9);
    }
  });

  it("keeps the actions list in severity order with ids as the sheet holds them", () => {
    const list = block(workbook.sheets[1]!, "actions").values.slice(1);
    const order = ["red", "orange", "yellow"];
    const levels = list.map((r) => order.indexOf(r[1] as string));
    expect(levels.every((level, i) => level >= 0 && (i === 0 || levels[i - 1]! <= level))).toBe(
      true
    );
    expect(typeof list[0]![0]).toBe("string");
    expect(list[0]![0]).toMatch(/^\d{5}$/);
  });
});
