/**
 * Predictive-CLV benchmark cases (issue 5): the BG/NBD and Gamma-Gamma fits on the CDNOW sample
 * (2,357 customers), the CDNOW master (23,570) and 200,000 synthetic customers. The summary is
 * computed in setup; only the fits are timed, after a warm-up run.
 */
import { customerSummary, type CustomerSummary } from "../src/core/models/customerSummary";
import { fitBgnbd } from "../src/core/models/bgnbd";
import { fitGammaGamma } from "../src/core/models/gammaGamma";
import { serialFromYmd } from "../src/core/input/dates";
import { gammaSampler, prng } from "./generate";
import { CDNOW_MASTER, CDNOW_SAMPLE, cdnowSummary } from "./cdnowData";

export interface ClvBenchCase {
  readonly name: string;
  setup(dataDir: string): CustomerSummary;
}

/**
 * 200,000 customers from the BG/NBD process itself (rates ~ Gamma(0.25, 4.4 weeks), dropout ~
 * Beta(0.8, 2.4)) over 39 weeks at daily resolution, with Gamma spends: a summary of the
 * shape the fit meets in practice.
 */
function syntheticSummary(customers: number): CustomerSummary {
  const random = prng(7);
  const gamma = gammaSampler(random);
  const customerIndex: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  const start = serialFromYmd(1997, 1, 1);
  const end = serialFromYmd(1997, 9, 30);
  for (let c = 0; c < customers; c++) {
    const rate = gamma(0.25) / 4.4 / 7; // purchases per day
    const a = gamma(0.8);
    const dropout = a / (a + gamma(2.4));
    let day = start + Math.floor(random() * 84);
    const scale = gamma(3.7) / 15;
    for (;;) {
      customerIndex.push(c);
      days.push(day);
      amounts.push(Math.round((gamma(6) / scale) * 100) / 100 || 1);
      if (random() < dropout) break;
      day += Math.ceil(-Math.log(random() || 1e-300) / Math.max(rate, 1e-9));
      if (day > end) break;
    }
  }
  return customerSummary(
    {
      customerIndex: Int32Array.from(customerIndex),
      customerIds: Array.from({ length: customers }, (_, i) => String(i)),
      days: Int32Array.from(days),
      amounts: Float64Array.from(amounts),
    },
    { calibrationEnd: end, timeUnit: "week" }
  );
}

export const clvCases: ClvBenchCase[] = [
  {
    name: "CDNOW sample (2,357 customers)",
    setup: (dir) => cdnowSummary(dir, CDNOW_SAMPLE),
  },
  {
    name: "CDNOW master (23,570 customers)",
    setup: (dir) => cdnowSummary(dir, CDNOW_MASTER),
  },
  { name: "synthetic (200,000 customers)", setup: () => syntheticSummary(200_000) },
];

/** The timed work: both fits. */
export function fitBoth(summary: CustomerSummary): unknown {
  return [fitBgnbd(summary), fitGammaGamma(summary)];
}

export { fitBgnbd, fitGammaGamma };
