/**
 * Synthetic report data with many cohorts (made here, so every count is known by construction):
 * `n` cohorts of {@link CUSTOMERS_PER_COHORT} customers, one cohort per period from January
 * 2019; customer j of cohort i buys first on day j of period i and again in each later period p
 * with (p − i + j) mod 3 ≠ 0, so every cohort has repeat buyers and the heatmap varies.
 */
import { serialFromYmd } from "../../src/core/input/dates";
import type { PeriodKind } from "../../src/core/metrics/customerBase";
import { prepareReportData, type PreparedData } from "../../src/core/report";
import { sampleSource } from "./sampleReport";

export const CUSTOMERS_PER_COHORT = 10;

/** The first day of period `p` after January 2019 (months, quarters or years). */
function periodStart(period: PeriodKind, p: number): number {
  const months = period === "month" ? p : period === "quarter" ? 3 * p : 12 * p;
  return serialFromYmd(2019 + Math.floor(months / 12), (months % 12) + 1, 1);
}

/** `cohorts` cohorts, one per period from January 2019; as of the last period's end. */
export function manyCohorts(
  cohorts: number,
  period: PeriodKind
): { data: PreparedData; asOf: number } {
  const rows: unknown[][] = [["customer", "date", "amount"]];
  for (let i = 0; i < cohorts; i++) {
    for (let j = 0; j < CUSTOMERS_PER_COHORT; j++) {
      const id = `C${i * CUSTOMERS_PER_COHORT + j + 1}`;
      rows.push([id, periodStart(period, i) + j, 20 + j]);
      for (let p = i + 1; p < cohorts; p++)
        if ((p - i + j) % 3 !== 0) rows.push([id, periodStart(period, p) + 2 * j, 15 + p]);
    }
  }
  return {
    data: prepareReportData(sampleSource(rows, { sheetName: "Synthetic" })),
    asOf: periodStart(period, cohorts) - 1,
  };
}
