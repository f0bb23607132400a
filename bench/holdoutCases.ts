/**
 * Holdout-validation benchmark cases (issue 13 part 2): the whole check on the CDNOW sample
 * (2,357 customers, 6,919 rows) and the CDNOW master (23,570 customers, 69,659 rows),
 * calibration to 1997-09-30, holdout 39 weeks to 1998-06-30, weeks. The files are read in
 * setup (when `holdoutCases` is called); each `run` times the calibration summary, the BG/NBD
 * fit (uncached, so that every run fits), the holdout counts and the conditional expectations.
 *
 * Use: `holdoutCases(path.resolve(root, "..", "shared", "data", "cdnow"))`, then time `run()`
 * of each case after a warm-up run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TransactionColumns } from "../src/core/models/customerSummary";
import { holdoutValidation } from "../src/core/models/holdout";
import { serialFromYmd } from "../src/core/input/dates";

export interface HoldoutBenchCase {
  readonly name: string;
  run(): unknown;
}

/** CDNOW file rows (whitespace-separated; yyyymmdd dates) → transaction columns. */
function cdnowTransactions(
  file: string,
  idColumn: number,
  dateColumn: number,
  amountColumn: number
): TransactionColumns {
  const ids = new Map<string, number>();
  const customerIndex: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const date = Number(fields[dateColumn]);
    if (!(date > 19000000)) continue;
    const id = fields[idColumn]!;
    if (!ids.has(id)) ids.set(id, ids.size);
    customerIndex.push(ids.get(id)!);
    days.push(serialFromYmd(Math.floor(date / 10000), Math.floor(date / 100) % 100, date % 100));
    amounts.push(Number(fields[amountColumn]));
  }
  return {
    customerIndex: Int32Array.from(customerIndex),
    customerIds: [...ids.keys()],
    days: Int32Array.from(days),
    amounts: Float64Array.from(amounts),
  };
}

const OPTIONS = {
  calibrationEnd: serialFromYmd(1997, 9, 30),
  holdoutEnd: serialFromYmd(1998, 6, 30),
  timeUnit: "week",
} as const;

/** The cases, with the CDNOW files read from `dataDir` (../shared/data/cdnow). */
export function holdoutCases(dataDir: string): HoldoutBenchCase[] {
  const sample = cdnowTransactions(path.resolve(dataDir, "CDNOW_sample.txt"), 1, 2, 4);
  const master = cdnowTransactions(path.resolve(dataDir, "CDNOW_master.txt"), 0, 1, 3);
  return [
    {
      name: "holdout check, CDNOW sample (2,357 customers)",
      run: () => holdoutValidation(sample, OPTIONS),
    },
    {
      name: "holdout check, CDNOW master (23,570 customers)",
      run: () => holdoutValidation(master, OPTIONS),
    },
  ];
}
