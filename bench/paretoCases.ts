/**
 * Pareto/NBD benchmark cases (issue 13, part 4): the maximum-likelihood fit on the CDNOW sample
 * (2,357 customers) and the CDNOW master (23,570), weeks, calibration end 1997-09-30, and the
 * standard errors CLVFIT adds. The summaries are built in setup (outside `run`); each `run` is
 * the timed work.
 *
 * Usage: `paretoCases(dataDir)` with dataDir the ../shared/data/cdnow directory.
 */
import { fitParetoNbd } from "../src/core/models/paretoNbd";
import { fitPurchaseModel } from "../src/core/models/fitPurchaseModel";
import { CDNOW_MASTER, CDNOW_SAMPLE, cdnowSummary } from "./cdnowData";

export interface ParetoBenchCase {
  readonly name: string;
  run(): unknown;
}

export function paretoCases(dataDir: string): ParetoBenchCase[] {
  const sample = cdnowSummary(dataDir, CDNOW_SAMPLE);
  const master = cdnowSummary(dataDir, CDNOW_MASTER);
  return [
    { name: "Pareto/NBD fit, CDNOW sample (2,357 customers)", run: () => fitParetoNbd(sample) },
    { name: "Pareto/NBD fit, CDNOW master (23,570 customers)", run: () => fitParetoNbd(master) },
    {
      name: "Pareto/NBD fit + standard errors, CDNOW master (CLVFIT's purchase part)",
      run: () => fitPurchaseModel("pareto_nbd", master).parameters,
    },
  ];
}
