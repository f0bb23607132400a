/**
 * The summary's size on screen and on paper (SPEC §4 "Generate", amended: "a summary that reads
 * on one screen and prints on one landscape page"), on the CDNOW master and the sample table, in
 * English and Simplified Chinese, in values and live-formulas mode.
 *
 * The goal: its row heights add up to ≤ 38 × 15 pt = 570 pt (a 1920 × 1080 screen at 100 %
 * shows about 40 rows under Excel's ribbon), its columns to ≤ 1,100 pt, and it prints fitted on
 * one Letter landscape page at 0.75 or more. Reached today: the widths, and the height on the
 * sample table; the CDNOW summary still stacks its trend (14 rows) over its cohort heatmap
 * (15 rows) and is 794–824 pt tall, 48–49 rows (it was 959–989 pt, 54–55 rows, before notes
 * ran on one line and the blank rows between bands went). The bounds below guard what is reached; the goal is a todo.
 */
import { describe, expect, it } from "vitest";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type PreparedData,
} from "../../../src/core/report";
import type { ReportModel } from "../../../src/core/report/reportModel";
import type { ReportLanguage } from "../../../src/i18n/report.strings";
import { loadCdnowMasterCells } from "../../support/cdnowCells";
import { JUNE_30, SAMPLE_MAPPING, sampleSource } from "../../support/sampleReport";

/** 38 rows of Excel's default height, points: the goal (see the todo below) */
const SCREEN_HEIGHT = 38 * 15;
/** the height reached: CDNOW master, zh-CN, live formulas is 824 pt (measured, this layout) */
const MAX_HEIGHT = 825;
/** ~1,100 points (~1,470 px): what a 1920 px screen shows beside Excel's row headers; the
 * sample table's en summary is 1,106.75 pt (measured) */
const MAX_WIDTH = 1110;
/** live formulas add "(values)" to two KPI labels: CDNOW master, en, 1,121.25 pt (measured) */
const MAX_WIDTH_FORMULAS = 1125;
/** Letter landscape inside Excel's default margins (0.7" left and right, 0.75" top and bottom), points */
const PAGE = { width: 9.6 * 72, height: 7 * 72 };
/** the scale reached (fit to 1 × 1 page): 504 / 824 ≈ 0.61, 691 / 1,121 ≈ 0.62; the goal is 0.75 */
const MIN_PRINT_SCALE = 0.6;

function cdnowData(): PreparedData {
  const cells = loadCdnowMasterCells();
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  for (let i = 0; i < cells.customerIds.length; i++) {
    rows.push([cells.customerIds[i]![0], cells.dates[i]![0], cells.amounts[i]![0]]);
  }
  return prepareReportData({
    rows,
    hasHeader: true,
    columnNames: ["customer", "date", "dollars"],
    mapping: SAMPLE_MAPPING,
    location: { sheetName: "CDNOW", row: 0, column: 0, address: `CDNOW!A1:C${rows.length}` },
  });
}

/** Sum of the used area's row heights and column widths, points (unfitted: Excel's defaults). */
export function summarySize(sheet: ReportModel): { height: number; width: number } {
  const widths = new Map(sheet.columnWidths.map((c) => [c.column, c.width]));
  const heights = new Map((sheet.rowHeights ?? []).map((r) => [r.row, r.height]));
  let width = 0;
  for (let c = 0; c < sheet.extent.columns; c++) width += widths.get(c) ?? 48;
  let height = 0;
  for (let r = 0; r < sheet.extent.rows; r++) height += heights.get(r) ?? 15;
  return { height, width };
}

const cdnow = cdnowData();
const sample = prepareReportData(sampleSource());
const datasets: [string, PreparedData, Record<string, unknown>][] = [
  ["the CDNOW master", cdnow, { asOf: serialFromYmd(1998, 6, 30), inactiveDays: 90 }],
  ["the sample table", sample, { asOf: JUNE_30, period: "quarter", inactiveDays: 45 }],
];
const cases = datasets.flatMap(([name, data, options]) =>
  (["en", "zh-CN"] as ReportLanguage[]).flatMap((language) =>
    (["values", "formulas"] as const).map(
      (mode) => [`${name}, ${language}, ${mode}`, data, options, language, mode] as const
    )
  )
);

describe.each(cases)("the summary of %s", (_, data, overrides, language, mode) => {
  const workbook = buildReport(data, {
    ...defaultReportOptions(data, language),
    ...overrides,
    mode,
  });
  const summary = workbook.sheets.find((s) => s.kind === "summary")!;
  const size = summarySize(summary);

  it("is at most 825 pt tall and ~1,100 pt wide (1,125 pt with live formulas)", () => {
    expect(size.height).toBeLessThanOrEqual(MAX_HEIGHT);
    expect(size.width).toBeLessThanOrEqual(mode === "formulas" ? MAX_WIDTH_FORMULAS : MAX_WIDTH);
  });

  it("prints on one Letter landscape page at 0.6 or more", () => {
    expect(summary.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 1,
    });
    const scale = Math.min(1, PAGE.width / size.width, PAGE.height / size.height);
    expect(scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });

  it("runs its notes across empty cells on one line, the subtitle in rows of default height", () => {
    const heights = new Map((summary.rowHeights ?? []).map((r) => [r.row, r.height]));
    for (const id of ["subtitle", "kpis.changeLabel", "trend.above100"]) {
      const b = summary.blocks.find((x) => x.id === id);
      if (!b) continue;
      const wrapped = summary.styles.some(
        (s) =>
          s.style.wrapText &&
          s.range.column === b.column &&
          s.range.row <= b.row &&
          b.row < s.range.row + s.range.rows
      );
      expect(wrapped, id).toBe(false);
      if (id === "subtitle")
        // the two notes share the KPI and trend titles' rows
        for (let r = b.row; r < b.row + b.values.length; r++)
          expect(heights.get(r) ?? 15, `${id}, row ${r + 1}`).toBe(15);
    }
  });

  it.todo(`fits one screen: row heights ≤ ${SCREEN_HEIGHT} pt, prints at 0.75 or more`);
});
