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
import { holdoutValidation } from "../src/core/models/holdout";
import { serialFromYmd } from "../src/core/input/dates";
import { CDNOW_MASTER, CDNOW_SAMPLE, cdnowTransactions } from "./cdnowData";

export interface HoldoutBenchCase {
  readonly name: string;
  run(): unknown;
}

const OPTIONS = {
  calibrationEnd: serialFromYmd(1997, 9, 30),
  holdoutEnd: serialFromYmd(1998, 6, 30),
  timeUnit: "week",
} as const;

/** The cases, with the CDNOW files read from `dataDir` (../shared/data/cdnow). */
export function holdoutCases(dataDir: string): HoldoutBenchCase[] {
  const sample = cdnowTransactions(dataDir, CDNOW_SAMPLE);
  const master = cdnowTransactions(dataDir, CDNOW_MASTER);
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
