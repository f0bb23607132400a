/**
 * Pareto/NBD benchmark cases (issue 13, part 4): the maximum-likelihood fit on the CDNOW sample
 * (2,357 customers) and the CDNOW master (23,570), weeks, calibration end 1997-09-30, and the
 * standard errors CLVFIT adds. The summaries are built in setup (outside `run`); each `run` is
 * the timed work.
 *
 * Usage: `paretoCases(dataDir)` with dataDir the ../shared/data/cdnow directory.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { serialFromYmd } from "../src/core/input/dates";
import { customerSummary, type CustomerSummary } from "../src/core/models/customerSummary";
import { fitParetoNbd } from "../src/core/models/paretoNbd";
import { fitPurchaseModel } from "../src/core/models/fitPurchaseModel";

export interface ParetoBenchCase {
  readonly name: string;
  run(): unknown;
}

/** CDNOW file rows → summary at 1997-09-30 in weeks; the columns of id, yyyymmdd date, amount. */
function cdnowSummary(
  file: string,
  idColumn: number,
  dateColumn: number,
  amountColumn: number
): CustomerSummary {
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
  return customerSummary(
    {
      customerIndex: Int32Array.from(customerIndex),
      customerIds: [...ids.keys()],
      days: Int32Array.from(days),
      amounts: Float64Array.from(amounts),
    },
    { calibrationEnd: serialFromYmd(1997, 9, 30), timeUnit: "week" }
  );
}

export function paretoCases(dataDir: string): ParetoBenchCase[] {
  const sample = cdnowSummary(path.resolve(dataDir, "CDNOW_sample.txt"), 1, 2, 4);
  const master = cdnowSummary(path.resolve(dataDir, "CDNOW_master.txt"), 0, 1, 3);
  return [
    { name: "Pareto/NBD fit, CDNOW sample (2,357 customers)", run: () => fitParetoNbd(sample) },
    { name: "Pareto/NBD fit, CDNOW master (23,570 customers)", run: () => fitParetoNbd(master) },
    {
      name: "Pareto/NBD fit + standard errors, CDNOW master (CLVFIT's purchase part)",
      run: () => fitPurchaseModel("pareto_nbd", master).parameters,
    },
  ];
}
