/**
 * The summary's size on screen and on paper (SPEC §4 "Generate", amended: "a summary that reads
 * on one screen and prints on one landscape page"), on the CDNOW master and the sample table, in
 * English and Simplified Chinese, in values and live-formulas mode.
 *
 * The goal, reached: at most 38 rows whose heights add up to ≤ 38 × 15 pt = 570 pt (a 1920 ×
 * 1080 screen at 100 % shows about 40 rows under Excel's ribbon), columns ≤ 1,008 pt (less than
 * the ~1,100 pt such a screen shows beside the row headers), and fitted on one Letter landscape
 * page at 0.75 or more. Measured on the CDNOW master: 34 rows, 566 pt, 989–992 pt wide in
 * English, 911 pt in Chinese (it was 48–49 rows, 794–824 pt tall and 1,085–1,121 pt wide, at a
 * print scale of ~0.62, when the trend was stacked over the cohort heatmap and column A held
 * the status labels, ~300 pt wide); the sample table: 24 rows, 416 pt, 909–990 pt wide.
 * What made it fit (summary/index.ts): column A narrow (each status line reads count, share,
 * then its label drawn across six empty cells), the trend beside the cohorts, the live-formulas
 * note on the title's row, and Excel's "Narrow" margins (0.25" left and right) for the page.
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type PreparedData,
} from "../../../src/core/report";
import { layoutOverflows } from "../../../src/core/report/reportLayout";
import { NARROW_MARGINS, type ReportModel } from "../../../src/core/report/reportModel";
import type { ReportLanguage } from "../../../src/i18n/report.strings";
import { loadCdnowMasterCells } from "../../support/cdnowCells";
import { JUNE_30, SAMPLE_MAPPING, sampleSource } from "../../support/sampleReport";

/** rows a 1920 × 1080 screen shows at 100 % under Excel's ribbon, and their height in points */
const SCREEN_ROWS = 38;
const SCREEN_HEIGHT = SCREEN_ROWS * 15;
/**
 * ~1,100 points (~1,470 px) is what a 1920 px screen shows beside Excel's row headers; the
 * bound is tighter: 1,008 pt prints at 0.75 inside the Narrow margins' 756 pt (the CDNOW
 * summary is 992 pt in English with live formulas, measured)
 */
const MAX_WIDTH = 1008;
/** Letter landscape, points */
const LETTER = { width: 11 * 72, height: 8.5 * 72 };
/** Excel's default margins (0.7" left and right, 0.75" top and bottom), points */
const DEFAULT_MARGINS = { left: 50.4, right: 50.4, top: 54, bottom: 54 };
/** the print scale wanted when the summary is fitted on one page (1 × 1) */
const MIN_PRINT_SCALE = 0.75;
/** column A holds counts and short labels; the status labels run across C…H */
const MAX_COLUMN_A = 72;

/** The printable area of the sheet's page, points: Letter landscape inside its margins. */
function printable(sheet: ReportModel): { width: number; height: number } {
  const m = sheet.pageSetup?.margins ?? DEFAULT_MARGINS;
  return { width: LETTER.width - m.left - m.right, height: LETTER.height - m.top - m.bottom };
}

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

for (const suiteCase of each(cases)) {
  describe(
    suiteCase.name("the summary of %s"),
    suiteCase.run((_, data, overrides, language, mode) => {
      const workbook = buildReport(data, {
        ...defaultReportOptions(data, language),
        ...overrides,
        mode,
      });
      const summary = workbook.sheets.find((s) => s.kind === "summary")!;
      const size = summarySize(summary);

      it(`is at most ${SCREEN_ROWS} rows, ${SCREEN_HEIGHT} pt tall and ${MAX_WIDTH} pt wide`, () => {
        expect(summary.extent.rows).toBeLessThanOrEqual(SCREEN_ROWS);
        expect(size.height).toBeLessThanOrEqual(SCREEN_HEIGHT);
        expect(size.width).toBeLessThanOrEqual(MAX_WIDTH);
      });

      it(`prints on one Letter landscape page, Narrow margins, at ${MIN_PRINT_SCALE} or more`, () => {
        expect(summary.pageSetup).toMatchObject({
          orientation: "landscape",
          fitToWidth: 1,
          fitToHeight: 1,
          margins: NARROW_MARGINS,
        });
        const page = printable(summary);
        const scale = Math.min(1, page.width / size.width, page.height / size.height);
        expect(scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      });

      it("keeps column A narrow: the status labels run across the empty cells right of them", () => {
        const widths = new Map(summary.columnWidths.map((c) => [c.column, c.width]));
        expect(widths.get(0) ?? 48).toBeLessThanOrEqual(MAX_COLUMN_A);
        const status = summary.blocks.find((b) => b.id === "status")!;
        expect(status.column).toBe(0);
        // count, share, label; the longest label is wider than its own column
        expect(status.values[0]).toHaveLength(3);
        expect(layoutOverflows(summary)).toEqual([]);
      });

      it("sets the trend beside the cohorts, the charts beside their data", () => {
        const trend = summary.blocks.find((b) => b.id === "trend.title");
        const cohorts = summary.blocks.find((b) => b.id === "cohorts.title");
        if (!trend || !cohorts) return;
        expect(cohorts.row).toBe(trend.row);
        expect(cohorts.column).toBeGreaterThan(trend.column);
        const chart = (id: string) => summary.charts.find((c) => c.id === id);
        const trendChart = chart("trend.chart");
        const data = summary.blocks.find((b) => b.id === "trend.data");
        if (trendChart && data) {
          expect(trendChart.position.column).toBe(data.column + data.values[0]!.length);
          expect(trendChart.position.column + trendChart.position.columns).toBeLessThanOrEqual(
            cohorts.column
          );
        }
        expect(chart("segments.chart")?.kind).toBe("barClustered");
      });

      it("runs its notes across empty cells on one line, the subtitle in rows of default height", () => {
        const heights = new Map((summary.rowHeights ?? []).map((r) => [r.row, r.height]));
        for (const id of ["subtitle", "formulasNote", "kpis.changeLabel", "trend.above100"]) {
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
            // the subtitle lines keep the default height (the notes run on the title rows and under the trend)
            for (let r = b.row; r < b.row + b.values.length; r++)
              expect(heights.get(r) ?? 15, `${id}, row ${r + 1}`).toBe(15);
        }
      });

      it(`fits one screen: row heights ≤ ${SCREEN_HEIGHT} pt, prints at 0.75 or more`, () => {
        // the goal in one: rows and height for the screen, and the page's scale at these widths
        const page = printable(summary);
        expect(summary.extent.rows).toBeLessThanOrEqual(SCREEN_ROWS);
        expect(size.height).toBeLessThanOrEqual(SCREEN_HEIGHT);
        expect(Math.min(page.width / size.width, page.height / size.height)).toBeGreaterThanOrEqual(
          MIN_PRINT_SCALE
        );
      });
    })
  );
}
