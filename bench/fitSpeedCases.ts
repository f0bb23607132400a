/**
 * The stages of `CRM.PREDICTEDCLV` over 1M transaction rows (issue 13: ≤ 1 s in all) that the
 * models own, each timed alone: the customer summary, the BG/NBD fit, the Gamma-Gamma fit, the
 * prediction table (horizon parts per distinct (x, T), P(alive) and expected spend per
 * customer), and the fits on the CDNOW master. Data: the
 * bench's seeded generator (1,000,000 rows, 200,000 customers, 730 days; 196,193 customers in
 * the summary, 167,251 distinct (x, tₓ, T), 108,122 distinct (x, m_x) among 182,592 repeat
 * buyers) in months, as the PREDICTEDCLV bench case calls it; CDNOW from `dataDir`
 * (../shared/data/cdnow).
 *
 * Usage: `fitSpeedCases(dataDir)` gives `{ name, run }[]` (setup, including generating the
 * 1M rows, is done by the call, outside `run`); time `run()` after a warm-up.
 */
import { generateTransactions } from "./generate";
import { CDNOW_MASTER, cdnowSummary } from "./cdnowData";
import { readTransactions } from "../src/core/input/input";
import { customerSummary, type CustomerSummary } from "../src/core/models/customerSummary";
import { fitBgnbd } from "../src/core/models/bgnbd";
import { expectedAverageSpend, fitGammaGamma } from "../src/core/models/gammaGamma";
import { bgnbdHorizonPredictor, distinctHorizonPairs } from "../src/core/models/bgnbdHorizon";

export interface FitSpeedCase {
  readonly name: string;
  run(): unknown;
}

/** The PREDICTEDCLV bench case's data: 1M rows, 200,000 customers, 730 days. */
const ROWS = 1_000_000;
const CUSTOMERS = 200_000;
const DAYS = 730;

/** Σ over customers of the prediction table's CLV column (margin 1), as PREDICTEDCLV computes it. */
function predictionTable(summary: CustomerSummary, horizon: number, rate: number): number {
  const purchase = fitBgnbd(summary);
  const spend = fitGammaGamma(summary);
  return predictWith(summary, purchase, spend, horizon, rate);
}

function predictWith(
  summary: CustomerSummary,
  purchase: ReturnType<typeof fitBgnbd>,
  spend: ReturnType<typeof fitGammaGamma>,
  horizon: number,
  rate: number
): number {
  const predict = bgnbdHorizonPredictor(purchase, { horizon, discountRate: rate });
  let total = 0;
  for (let i = 0; i < summary.x.length; i++) {
    const history = predict(summary.x[i]!, summary.tx[i]!, summary.T[i]!);
    total += expectedAverageSpend(spend, summary.x[i]!, summary.monetary[i]!) * history.discounted;
  }
  return total;
}

export function fitSpeedCases(dataDir: string): FitSpeedCase[] {
  const generated = generateTransactions(ROWS, CUSTOMERS, DAYS);
  const columns = readTransactions({
    customerIds: generated.customerIds,
    dates: generated.dates,
    amounts: generated.amounts,
  });
  const transactions = { ...columns, amounts: columns.amounts! };
  const options = { calibrationEnd: generated.lastDay, timeUnit: "month" as const };
  const summary = customerSummary(transactions, options);
  const purchase = fitBgnbd(summary);
  const spend = fitGammaGamma(summary);
  const master = cdnowSummary(dataDir, CDNOW_MASTER);
  return [
    {
      name: "1M rows: customer summary (200,000 customers, months)",
      run: () => customerSummary(transactions, options),
    },
    {
      name: "1M rows: distinct (x, T) pairs (PREDICTEDCLV's work check)",
      run: () => distinctHorizonPairs(summary.x, summary.T),
    },
    { name: "1M rows: BG/NBD fit (196,193 customers)", run: () => fitBgnbd(summary) },
    { name: "1M rows: Gamma-Gamma fit (182,592 repeat buyers)", run: () => fitGammaGamma(summary) },
    {
      name: "1M rows: prediction table, 12 months at 1 % (fits done)",
      run: () => predictWith(summary, purchase, spend, 12, 0.01),
    },
    {
      name: "1M rows: summary + both fits + prediction table (PREDICTEDCLV without reading)",
      run: () => predictionTable(customerSummary(transactions, options), 12, 0.01),
    },
    {
      name: "CDNOW master (23,570 customers): BG/NBD + Gamma-Gamma fits",
      run: () => [fitBgnbd(master), fitGammaGamma(master)],
    },
  ];
}
