/**
 * What `npm run bench` measures: each transaction function as a user calls it (through the
 * functions layer, from 2-D arrays), and the baseline that only coerces the three columns.
 */
import { readTransactions } from "../src/core/input/input";
import * as tx from "../src/functions/transactions.functions";
import type { GeneratedColumns } from "./generate";

export interface BenchCase {
  readonly name: string;
  run(columns: GeneratedColumns): unknown;
}

const quarterBefore = (c: GeneratedColumns) => [c.lastDay - 90, c.lastDay] as const;

export const transactionCases: BenchCase[] = [
  {
    name: "baseline: coerce ids, dates, amounts",
    run: (c) =>
      readTransactions({ customerIds: c.customerIds, dates: c.dates, amounts: c.amounts }),
  },
  {
    name: "CRM.CHURNRATE.TX",
    run: (c) => tx.CHURNRATE_TX(c.customerIds, c.dates, ...quarterBefore(c)),
  },
  {
    name: "CRM.RETENTIONRATE.TX",
    run: (c) => tx.RETENTIONRATE_TX(c.customerIds, c.dates, ...quarterBefore(c)),
  },
  {
    name: "CRM.RELATIVECHURN.TX",
    run: (c) => tx.RELATIVECHURN_TX(c.customerIds, c.dates, c.amounts, ...quarterBefore(c)),
  },
  {
    name: "CRM.REPEATRATE.TX",
    run: (c) => tx.REPEATRATE_TX(c.customerIds, c.dates, ...quarterBefore(c)),
  },
  { name: "CRM.CHURNTREND (month)", run: (c) => tx.CHURNTREND(c.customerIds, c.dates, "month") },
  {
    name: "CRM.COHORTS (month, customers)",
    run: (c) => tx.COHORTS(c.customerIds, c.dates, null as never, "month"),
  },
  {
    name: "CRM.COHORTS (month, revenue)",
    run: (c) => tx.COHORTS(c.customerIds, c.dates, c.amounts, "month", "revenue"),
  },
  { name: "CRM.RFMALERT", run: (c) => tx.RFMALERT(c.customerIds, c.dates, c.amounts) },
  { name: "CRM.RFMSEGMENTS", run: (c) => tx.RFMSEGMENTS(c.customerIds, c.dates, c.amounts) },
  { name: "CRM.GRADE", run: (c) => tx.GRADE(c.customerIds, c.dates) },
  { name: "CRM.TOPSHARE", run: (c) => tx.TOPSHARE(c.customerIds, c.amounts) },
];
