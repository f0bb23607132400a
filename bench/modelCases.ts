/**
 * Fit-once benchmark cases (issue 13 "Fit once, use everywhere"): the *.MODEL functions that
 * predict from CLVFIT's model range, and CLVFIT with and without the fit cache, on the CDNOW
 * data in `dataDir` (../shared/data/cdnow). Worksheet functions are called as Excel calls them
 * (2-D arrays; one customer as [[v]]); setup (reading files, the first fit) is outside `run`.
 *
 * Usage: `modelCases(dataDir)` gives `{ name, run }[]`; time `run()` after a warm-up.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CLVFIT } from "../src/functions/clv.functions";
import { PALIVE_MODEL, PREDICTEDCLV_MODEL } from "../src/functions/model.functions";
import { clearFitCache } from "../src/core/models/fitCache";
import { CDNOW_MASTER, CDNOW_SAMPLE, cdnowCells } from "./cdnowData";

export interface ModelBenchCase {
  readonly name: string;
  run(): unknown;
}

/** The published CDNOW summary (x, t_x, T, monetary) as 2-D columns. */
function summaryColumns(dataDir: string) {
  const rows = readFileSync(
    path.resolve(dataDir, "cdnow_customers_summary_with_transactions.csv"),
    "utf8"
  )
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .slice(1)
    .map((line) => line.split(",").map(Number));
  return {
    x: rows.map((r) => [r[1]]),
    tx: rows.map((r) => [r[2]]),
    T: rows.map((r) => [r[3]]),
    monetary: rows.map((r) => [r[4]]),
  };
}

export function modelCases(dataDir: string): ModelBenchCase[] {
  const sample = cdnowCells(dataDir, CDNOW_SAMPLE);
  const master = cdnowCells(dataDir, CDNOW_MASTER);
  const model = CLVFIT(sample.ids, sample.dates, sample.amounts, "1997-09-30", "week");
  const summary = summaryColumns(dataDir);
  const n = summary.x.length;
  const clvfit = (data: typeof master) =>
    CLVFIT(data.ids, data.dates, data.amounts, "1997-09-30", "week");
  return [
    {
      name: "PALIVE.MODEL: 100,000 single-customer calls (CDNOW sample model)",
      run: () => {
        let sum = 0;
        for (let i = 0; i < 100_000; i++) {
          const k = i % n;
          const [[p]] = PALIVE_MODEL(
            model,
            [summary.x[k]!],
            [summary.tx[k]!],
            [summary.T[k]!]
          ) as number[][];
          sum += p!;
        }
        return sum;
      },
    },
    {
      name: "workbook recalculation: CLVFIT (cached) + 20,000 PALIVE.MODEL formulas",
      run: () => {
        const fitted = CLVFIT(sample.ids, sample.dates, sample.amounts, "1997-09-30", "week");
        let sum = 0;
        for (let i = 0; i < 20_000; i++) {
          const k = i % n;
          const [[p]] = PALIVE_MODEL(
            fitted,
            [summary.x[k]!],
            [summary.tx[k]!],
            [summary.T[k]!]
          ) as number[][];
          sum += p!;
        }
        return sum;
      },
    },
    {
      name: "PREDICTEDCLV.MODEL over a column of 2,357 customers (52 weeks)",
      run: () =>
        PREDICTEDCLV_MODEL(model, summary.x, summary.tx, summary.T, summary.monetary, 52, 0.002),
    },
    {
      name: "CLVFIT on CDNOW master (69,659 rows), uncached (cache cleared first)",
      run: () => {
        clearFitCache();
        return clvfit(master);
      },
    },
    {
      name: "CLVFIT on CDNOW master (69,659 rows), cached (same input again)",
      run: () => clvfit(master),
    },
  ];
}
