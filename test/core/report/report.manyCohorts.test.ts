/**
 * The summary with many cohorts (SPEC §4 "Generate": the summary reads on one screen and prints
 * on one landscape page — for any data, not only the CDNOW master's 3 cohorts). Real monthly
 * data has dozens of cohorts; with one heatmap column per cohort the sheet grew to 21 columns,
 * ~1,195 pt wide in English (print scale 0.63) with 8 monthly cohorts. The summary now shows at
 * most {@link SUMMARY_COHORTS} cohorts (its title says how many of how many, and that all of
 * them are on the Model sheet), and the Model sheet holds the full cohort table.
 *
 * Synthetic data: test/support/manyCohorts.ts (`n` cohorts of 10 customers, one per period).
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import type { PeriodKind as Period } from "../../../src/core/metrics/customerBase";
import { buildReport, defaultReportOptions } from "../../../src/core/report";
import { SUMMARY_COHORTS } from "../../../src/core/report/options";
import { layoutOverflows } from "../../../src/core/report/reportLayout";
import { NARROW_MARGINS, type ReportModel } from "../../../src/core/report/reportModel";
import type { ReportLanguage } from "../../../src/i18n/report.strings";
import { CUSTOMERS_PER_COHORT, manyCohorts } from "../../support/manyCohorts";

/** the bounds of report.summaryScreen.test.ts: 38 rows, 570 pt, 1,008 pt, print scale 0.75 */
const SCREEN_ROWS = 38;
const SCREEN_HEIGHT = SCREEN_ROWS * 15;
const MAX_WIDTH = 1008;
const MIN_PRINT_SCALE = 0.75;
/** Letter landscape inside the Narrow margins, points */
const PAGE = {
  width: 11 * 72 - NARROW_MARGINS.left - NARROW_MARGINS.right,
  height: 8.5 * 72 - NARROW_MARGINS.top - NARROW_MARGINS.bottom,
};

/** Sum of the used area's row heights and column widths, points (as report.summaryScreen.test.ts). */
function summarySize(sheet: ReportModel): { height: number; width: number } {
  const widths = new Map(sheet.columnWidths.map((c) => [c.column, c.width]));
  const heights = new Map((sheet.rowHeights ?? []).map((r) => [r.row, r.height]));
  let width = 0;
  for (let c = 0; c < sheet.extent.columns; c++) width += widths.get(c) ?? 48;
  let height = 0;
  for (let r = 0; r < sheet.extent.rows; r++) height += heights.get(r) ?? 15;
  return { height, width };
}

function build(
  cohorts: number,
  period: Period,
  language: ReportLanguage,
  mode: "values" | "formulas"
) {
  const { data, asOf } = manyCohorts(cohorts, period);
  return buildReport(data, {
    ...defaultReportOptions(data, language),
    asOf,
    period,
    inactiveDays: 90,
    mode,
  });
}

const shapes: [number, Period][] = [
  [8, "month"],
  [24, "month"],
  [60, "month"],
  [8, "quarter"],
  [6, "year"],
];
const cases = shapes.flatMap(([n, period]) =>
  (["en", "zh-CN", "zh-TW"] as ReportLanguage[]).flatMap((language) =>
    (["values", "formulas"] as const).map(
      (mode) => [`${n} ${period} cohorts, ${language}, ${mode}`, n, period, language, mode] as const
    )
  )
);

for (const suiteCase of each(cases)) {
  describe(
    suiteCase.name("the summary of %s"),
    suiteCase.run((_, n, period, language, mode) => {
      const workbook = build(n, period, language, mode);
      const summary = workbook.sheets.find((s) => s.kind === "summary")!;
      const size = summarySize(summary);

      it(`is at most ${SCREEN_ROWS} rows, ${SCREEN_HEIGHT} pt tall, ${MAX_WIDTH} pt wide, prints at ${MIN_PRINT_SCALE}+`, () => {
        expect(summary.extent.rows).toBeLessThanOrEqual(SCREEN_ROWS);
        expect(size.height).toBeLessThanOrEqual(SCREEN_HEIGHT);
        expect(size.width).toBeLessThanOrEqual(MAX_WIDTH);
        const scale = Math.min(1, PAGE.width / size.width, PAGE.height / size.height);
        expect(scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
        expect(layoutOverflows(summary)).toEqual([]);
      });

      it(`shows the last ${SUMMARY_COHORTS} cohorts and says that all ${n} are on the Model sheet`, () => {
        const heatmap = summary.blocks.find((b) => b.id === "cohorts")!;
        const shown = Math.min(n, SUMMARY_COHORTS);
        expect(heatmap.values[0]).toHaveLength(1 + shown);
        // the sizes row: every synthetic cohort has 10 customers
        expect(heatmap.values[0]!.slice(1)).toEqual(Array(shown).fill(CUSTOMERS_PER_COHORT));
        const title = String(summary.blocks.find((b) => b.id === "cohorts.title")!.values[0]![0]);
        expect(title).toContain(String(shown));
        expect(title).toContain(String(n));
        if (n > shown) {
          const model = workbook.sheets.find((s) => s.kind === "model")!;
          expect(title).toContain(model.sheetName);
        }
        // one curve per shown cohort: the chart's data is the heatmap's header and offsets
        const curves = summary.charts.find((c) => c.id === "cohorts.curves")!;
        expect(curves.data.columns).toBe(1 + shown);
        if (mode === "formulas") {
          const spill = summary.spills.find((s) => s.range.row === heatmap.row)!;
          expect(spill.formula).toContain(`-${shown}`);
          expect(spill.range.columns).toBe(shown);
        }
      });
    })
  );
}

for (const suiteCase of each(["values", "formulas"] as const)) {
  describe(
    suiteCase.name("the Model sheet's full cohort table (24 monthly cohorts, %s)"),
    suiteCase.run((mode) => {
      const workbook = build(24, "month", "en", mode);
      const model = workbook.sheets.find((s) => s.kind === "model")!;
      const table = model.blocks.find((b) => b.id === "cohortTable")!;

      it("has every cohort, one row each, offsets +0 … +11 (the report's cap)", () => {
        const title = model.blocks.find((b) => b.id === "cohortTable.title")!;
        expect(title.values[0]![0]).toBe("Cohort retention: all 24 cohorts, +0 to +11");
        expect(table.values[0]).toEqual([
          "Cohort",
          "First day",
          "Customers",
          ...Array.from({ length: 12 }, (_, k) => `+${k}`),
        ]);
        expect(table.values).toHaveLength(1 + 24);
        expect(table.values.map((r) => r[0]).slice(1, 3)).toEqual(["2019-01", "2019-02"]);
        expect(table.values[24]![0]).toBe("2020-12");
      });

      it("holds each cohort's retention, empty for periods not yet complete", () => {
        // by construction (test/support/manyCohorts.ts): customer j of cohort i buys in period
        // i + k when (k + j) mod 3 ≠ 0: 7 of 10 for k = 1 (j = 2, 5, 8 do not), 6 of 10 for k = 3
        const first = table.values[1]!;
        expect(first[2]).toBe(CUSTOMERS_PER_COHORT);
        expect(first.slice(3, 7)).toEqual([1, 0.7, 0.7, 0.6]);
        // the cohort of 2020-10 has +0, +1 and +2 complete as of 2020-12-31; the rest is empty
        const young = table.values[22]!;
        expect(young[0]).toBe("2020-10");
        expect(young.slice(3, 6)).toEqual([1, 0.7, 0.7]);
        expect(young.slice(6)).toEqual(Array(9).fill(null));
      });

      it("has the summary's colour scale over +1 … +11 and percent formats", () => {
        const scale = model.conditionalFormats.find(
          (f) => f.kind === "colorScale" && f.range.row === table.row + 1
        );
        expect(scale?.range).toEqual({ row: table.row + 1, column: 4, rows: 24, columns: 11 });
        expect(
          model.numberFormats.some(
            (f) => f.format === "0%" && f.range.row === table.row + 1 && f.range.column === 3
          )
        ).toBe(true);
        expect(layoutOverflows(model)).toEqual([]);
      });

      it("is the sheet's last block (its live spill can grow downwards)", () => {
        const last = Math.max(...model.blocks.map((b) => b.row + b.values.length));
        expect(table.row + table.values.length).toBe(last);
        if (mode === "formulas") {
          const spill = model.spills.find((s) => s.range.row === table.row + 1)!;
          expect(spill.formula).toMatch(/^=CRM\.COHORTS\(.*"customers",11,\$B\$5,FALSE\)$/);
          expect(spill.range).toEqual({ row: table.row + 1, column: 0, rows: 24, columns: 15 });
        } else {
          expect(model.spills.some((s) => s.formula.includes("CRM.COHORTS"))).toBe(false);
        }
      });
    })
  );
}
