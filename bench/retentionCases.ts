/**
 * Contractual-retention benchmark cases (issue 13, part 5): the sBG fit on Fader & Hardie's
 * (2007) "regular" and "high end" cohorts and on a 120-period monthly cohort, the DERL, and the
 * survivor table of 1,000,000 synthetic subscriptions (sBG lifetimes, 10 years of monthly
 * starts). Data are made in setup (the survivor counts are published; the subscriptions are
 * drawn from a fixed seed), so `dataDir` is not read; only `run` is timed.
 *
 * Wiring: `retentionCases(dataDir)` returns `{ name, run }[]`, like the other case files.
 */
import { cohortSurvivors, type Subscriptions } from "../src/core/metrics/survivors";
import {
  fitShiftedBetaGeometric,
  sbgResidualLifetime,
  sbgSurvivalCurve,
} from "../src/core/models/shiftedBetaGeometric";
import { serialFromYmd } from "../src/core/input/dates";
import { prng } from "./generate";

export interface RetentionBenchCase {
  readonly name: string;
  run(): unknown;
}

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];

/** 1,000,000 subscriptions: monthly starts over 2015–2024, lifetimes in months drawn from sBG(0.7, 3). */
function syntheticSubscriptions(count: number): Subscriptions {
  const random = prng(13);
  const first = serialFromYmd(2015, 1, 1);
  const span = serialFromYmd(2024, 12, 31) - first;
  const customerIds: string[] = new Array<string>(count);
  const starts = new Float64Array(count);
  const ends: (number | undefined)[] = new Array<number | undefined>(count);
  for (let i = 0; i < count; i++) {
    customerIds[i] = `S${i}`;
    const start = first + Math.floor(random() * span);
    starts[i] = start;
    // θ ~ Beta(0.7, 3) by the ratio of two gammas is costly; a Kumaraswamy-like draw is enough
    // for a benchmark: θ = 1 − (1 − u)^(1/3) skewed by u^(1/0.7)
    const theta = Math.min(0.999, Math.max(1e-4, 1 - (1 - random() ** (1 / 0.7)) ** (1 / 3)));
    const months = Math.ceil(Math.log(1 - random()) / Math.log(1 - theta));
    const end = start + Math.round(months * 30.4375);
    ends[i] = end <= first + span ? end : undefined;
  }
  return { customerIds, starts, ends };
}

export function retentionCases(dataDir: string): RetentionBenchCase[] {
  void dataDir;
  const monthly = Array.from(sbgSurvivalCurve({ alpha: 0.9, beta: 4 }, 0, 120), (s) =>
    Math.round(100_000 * s)
  );
  const subscriptions = syntheticSubscriptions(1_000_000);
  const asOf = serialFromYmd(2024, 12, 31);
  const highEnd = fitShiftedBetaGeometric(HIGH_END);
  return [
    {
      name: 'sBG fit, "regular" (Fader & Hardie 2007, 8 counts)',
      run: () => fitShiftedBetaGeometric(REGULAR),
    },
    { name: 'sBG fit, "high end" (8 counts)', run: () => fitShiftedBetaGeometric(HIGH_END) },
    { name: "sBG fit, 121 monthly counts of 100,000", run: () => fitShiftedBetaGeometric(monthly) },
    {
      name: "DERL at 10%, renewals 0…99",
      run: () => {
        let sum = 0;
        for (let n = 0; n < 100; n++) sum += sbgResidualLifetime(highEnd, 0.1, n);
        return sum;
      },
    },
    {
      name: "survivor table, 1,000,000 subscriptions, monthly, 120 cohorts",
      run: () => cohortSurvivors(subscriptions, { period: "month", asOf }),
    },
  ];
}
