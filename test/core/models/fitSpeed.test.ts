/**
 * The fast fits (issue 13: PREDICTEDCLV over 1M rows in ≤ 1 s): the BG/NBD and Gamma-Gamma
 * likelihoods grouped by distinct values, the typed-array grouping and the prediction table's
 * (x, T) index. Specification: the fits give what they gave before (pinned numbers), and each
 * grouped likelihood equals the customer-by-customer sum of the published per-customer formula.
 */
import { expect } from "../../support/expect";
import {
  bgnbdCustomerLogLikelihood,
  bgnbdFitObjective,
  bgnbdLogLikelihood,
  expectedPurchases,
  fitBgnbd,
  type BgnbdParams,
} from "../../../src/core/models/bgnbd";
import {
  fitGammaGamma,
  gammaGammaCustomerLogLikelihood,
  gammaGammaFitObjective,
} from "../../../src/core/models/gammaGamma";
import { customerSummary } from "../../../src/core/models/customerSummary";
import {
  columnLevels,
  groupTriples,
  NumberPairIndex,
  penalizedObjective,
  type SummaryData,
} from "../../../src/core/models/summaryData";
import { bgnbdHorizonPredictor, distinctHorizonPairs } from "../../../src/core/models/bgnbdHorizon";
import { discountedExpectedPurchases } from "../../../src/core/models/gammaGamma";
import {
  analyticHessian,
  numericHessian,
  type ObjectiveWithHessian,
} from "../../../src/core/models/optimize";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { CDNOW_MASTER, cdnowTransactions } from "../../../bench/cdnowData";
import path from "node:path";

const DATA = path.resolve(import.meta.dirname, "../../../../shared/data/cdnow");

function expectRelative(actual: number, expected: number, tolerance: number, label = ""): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected)
  );
}

const sample = customerSummary(loadCdnowSample(), {
  calibrationEnd: CDNOW_CALIBRATION_END,
  timeUnit: "week",
});
const master = customerSummary(cdnowTransactions(DATA, CDNOW_MASTER), {
  calibrationEnd: CDNOW_CALIBRATION_END,
  timeUnit: "week",
});

/** mulberry32, so the synthetic data are the same in every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 3,000 synthetic customers in days over 2 years: many duplicate histories (few distinct ages
 * and recencies), frequent buyers up to x = 400 (whose factors ((α + T)/(α + tₓ))^(r+x) leave
 * the tabulated range), one-time buyers, a −0 recency and spends in whole cents.
 */
function syntheticSummary(): SummaryData & { monetary: Float64Array } {
  const random = prng(13);
  const n = 3000;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    T[i] = 30 * (1 + Math.floor(random() * 24));
    const kind = random();
    x[i] =
      kind < 0.3
        ? 0
        : kind < 0.95
          ? 1 + Math.floor(random() * 12)
          : 100 + Math.floor(random() * 300);
    tx[i] =
      x[i] === 0 ? (i % 7 === 0 ? -0 : 0) : Math.max(1, Math.floor((random() * T[i]!) / 10) * 10);
    monetary[i] = x[i] === 0 ? 0 : Math.round(500 + 4000 * random() * random()) / 100;
  }
  return { x, tx, T, monetary, timeUnit: "day" };
}

const synthetic = syntheticSummary();

describe("the fits give the numbers they gave before the grouped likelihoods", () => {
  // Pinned: fitBgnbd / fitGammaGamma at commit 728c7d0 (before this change), full precision;
  // the grouped sums round differently, so 1e-9 relative (they agree to about 1e-11), and the
  // optimiser takes the same path (same iteration counts).
  it("CDNOW sample BG/NBD: r 0.2426, α 4.4136, a 0.7929, b 2.4259, LL −9582.43 (FHL 2005, p. 280), pinned to 1e-9", () => {
    const fit = fitBgnbd(sample);
    expectRelative(fit.r, 0.2425945225141953, 1e-9, "r");
    expectRelative(fit.alpha, 4.4136020231624356, 1e-9, "alpha");
    expectRelative(fit.a, 0.7929220164226876, 1e-9, "a");
    expectRelative(fit.b, 2.4259067718503844, 1e-9, "b");
    expectRelative(fit.logLikelihood, -9582.42920667393, 1e-12, "LL");
    expect(fit.iterations).toBe(24);
    expect(fit.r.toFixed(4)).toBe("0.2426");
    expect(fit.alpha.toFixed(4)).toBe("4.4136");
    expect(fit.a.toFixed(4)).toBe("0.7929");
    expect(fit.b.toFixed(4)).toBe("2.4259");
  });

  it("CDNOW sample Gamma-Gamma: p 6.25, q 3.74, γ 15.44 (Fader & Hardie 2013), pinned to 1e-9", () => {
    const fit = fitGammaGamma(sample);
    expectRelative(fit.p, 6.2495722684718125, 1e-9, "p");
    expectRelative(fit.q, 3.7442246669831167, 1e-9, "q");
    expectRelative(fit.gamma, 15.4435209666599, 1e-9, "gamma");
    expectRelative(fit.logLikelihood, -4055.917694801881, 1e-12, "LL");
    expect(fit.iterations).toBe(17);
    expect(fit.customers).toBe(946);
  });

  it("CDNOW master (23,570 customers) BG/NBD and Gamma-Gamma, pinned to 1e-9", () => {
    const purchase = fitBgnbd(master);
    expectRelative(purchase.r, 0.25162395887393435, 1e-9, "r");
    expectRelative(purchase.alpha, 4.788942962920927, 1e-9, "alpha");
    expectRelative(purchase.a, 0.723433576180697, 1e-9, "a");
    expectRelative(purchase.b, 2.1610883563821335, 1e-9, "b");
    expectRelative(purchase.logLikelihood, -95368.44393316045, 1e-12, "LL");
    expect(purchase.iterations).toBe(24);
    const spend = fitGammaGamma(master);
    expectRelative(spend.p, 6.275359073733334, 1e-9, "p");
    expectRelative(spend.q, 3.6244500179742443, 1e-9, "q");
    expectRelative(spend.gamma, 14.983686993538313, 1e-9, "gamma");
    expectRelative(spend.logLikelihood, -40763.47626139115, 1e-12, "LL");
    expect(spend.iterations).toBe(15);
  });
});

/** θ = ln of the parameters */
const logs = (values: number[]) => Float64Array.from(values, Math.log);

/** Central differences of f at θ (step 1e-6). */
function numericGradient(f: (theta: Float64Array) => number, theta: Float64Array): number[] {
  return Array.from(theta, (_, i) => {
    const up = Float64Array.from(theta);
    const down = Float64Array.from(theta);
    up[i] = up[i]! + 1e-6;
    down[i] = down[i]! - 1e-6;
    return (f(up) - f(down)) / 2e-6;
  });
}

/** Where the grouped BG/NBD likelihood is checked: the CDNOW optimum and three far from it. */
const BGNBD_POINTS: BgnbdParams[] = [
  { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
  { r: 1, alpha: 1, a: 1, b: 1 },
  { r: 2.59, alpha: 250, a: 0.13, b: 19.3 },
  // (α + T)/(α + tₓ) up to 720/1.01 with r + x up to 450: ρ's factors far outside 1e±150, so
  // the log-sum-exp path
  { r: 50, alpha: 0.01, a: 30, b: 0.02 },
];

/** The data it is checked on. */
const BGNBD_CASES: [string, SummaryData][] = [
  ["CDNOW sample", sample],
  ["synthetic, with duplicates and x up to 400", synthetic],
];

describe("the grouped BG/NBD likelihood equals the customer-by-customer sum (FHL 2005 eq. (6))", () => {
  const points = BGNBD_POINTS;
  const ungrouped = (data: SummaryData, params: BgnbdParams): number => {
    let total = 0;
    for (let i = 0; i < data.x.length; i++)
      total += bgnbdCustomerLogLikelihood(params, data.x[i]!, data.tx[i]!, data.T[i]!);
    return total;
  };
  const cases = BGNBD_CASES;
  for (const [name, data] of cases) {
    it(`${name}: value to 1e-12, gradient to 1e-6, at four parameter points`, () => {
      const objective = bgnbdFitObjective(data);
      const n = data.x.length;
      const gradient = new Float64Array(4);
      for (const params of points) {
        const theta = logs([params.r, params.alpha, params.a, params.b]);
        const value = objective(theta, gradient);
        const expected = -ungrouped(data, params) / n;
        expectRelative(value, expected, 1e-12, `value at ${JSON.stringify(params)}`);
        // the reference sum (bgnbdLogLikelihood, term by term over the triples) agrees too
        expectRelative(-bgnbdLogLikelihood(params, data) / n, expected, 1e-12, "reference");
        const numeric = numericGradient((t) => {
          const [r, alpha, a, b] = Array.from(t, Math.exp) as [number, number, number, number];
          return -ungrouped(data, { r, alpha, a, b }) / n;
        }, theta);
        numeric.forEach((d, i) =>
          expect(Math.abs(gradient[i]! - d), `∂/∂θ${i}`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(d))
          )
        );
      }
    });
  }
});

/**
 * The exact Hessian an objective writes equals central differences of its gradient to 1e-6 of
 * the largest entry (at least 1), and is symmetric.
 */
function expectExactHessian(
  objective: ObjectiveWithHessian,
  theta: Float64Array,
  at: string
): void {
  const n = theta.length;
  const exact = analyticHessian(objective, theta);
  const differences = numericHessian(objective, theta);
  const scale = Math.max(1, ...Array.from(differences, Math.abs));
  exact.forEach((h, k) =>
    expect(
      Math.abs(h - differences[k]!),
      `∂²/∂θ${Math.floor(k / n)}∂θ${k % n} at ${at}`
    ).toBeLessThanOrEqual(1e-6 * scale)
  );
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) expect(exact[i * n + j]).toBe(exact[j * n + i]);
}

describe("the grouped BG/NBD likelihood's exact Hessian (what the fit's certification reads)", () => {
  const points = BGNBD_POINTS;
  const cases = BGNBD_CASES;
  for (const [name, data] of cases) {
    it(`${name}: equals central differences of the analytic gradient to 1e-6, at four parameter points`, () => {
      const objective = bgnbdFitObjective(data);
      for (const params of points) {
        const theta = logs([params.r, params.alpha, params.a, params.b]);
        expectExactHessian(objective, theta, JSON.stringify(params));
      }
    });
  }

  it("with lifetimes' penalty added (penalizedObjective), equals central differences too", () => {
    const objective = penalizedObjective(bgnbdFitObjective(sample), 0.1, [1, 39, 1, 1]);
    expectExactHessian(objective, logs([0.5, 8, 1.2, 3]), "r 0.5, α 8, a 1.2, b 3, c 0.1");
  });

  it("leaves the value and the gradient as they are without it", () => {
    const objective = bgnbdFitObjective(synthetic);
    const theta = logs([2.59, 250, 0.13, 19.3]);
    const plain = new Float64Array(4);
    const withHessian = new Float64Array(4);
    const value = objective(theta, plain);
    expect(objective(theta, withHessian, new Float64Array(16))).toBe(value);
    expect(Array.from(withHessian)).toEqual(Array.from(plain));
  });
});

describe("the grouped Gamma-Gamma likelihood's exact Hessian (what the fit's certification reads)", () => {
  it("equals central differences of the analytic gradient to 1e-6, on CDNOW and at three parameter points", () => {
    const objective = gammaGammaFitObjective(sample);
    for (const point of [
      [6.25, 3.74, 15.44],
      [1, 2, 30],
      [54, 5.6, 2.9],
    ]) {
      expectExactHessian(objective, logs(point), point.join(", "));
    }
  });
});

describe("the grouped Gamma-Gamma likelihood equals the customer-by-customer sum (Fader & Hardie 2013 eq. (3))", () => {
  const points = [
    [6.25, 3.74, 15.44],
    [1, 2, 30],
    [54, 5.6, 2.9],
  ];
  const cases: [string, { x: ArrayLike<number>; monetary: ArrayLike<number> }][] = [
    ["CDNOW sample", sample],
    ["synthetic, with duplicate (x, m_x)", synthetic],
  ];
  for (const [name, data] of cases) {
    it(`${name}: value to 1e-12, gradient to 1e-6`, () => {
      const objective = gammaGammaFitObjective(data);
      const ungrouped = ([p, q, gamma]: number[]) => {
        let total = 0;
        let n = 0;
        for (let i = 0; i < data.x.length; i++) {
          if (!(data.x[i]! > 0 && data.monetary[i]! > 0)) continue;
          total += gammaGammaCustomerLogLikelihood(
            { p: p!, q: q!, gamma: gamma! },
            data.x[i]!,
            data.monetary[i]!
          );
          n++;
        }
        return -total / n;
      };
      const gradient = new Float64Array(3);
      for (const params of points) {
        const theta = logs(params);
        expectRelative(objective(theta, gradient), ungrouped(params), 1e-12, `at ${params}`);
        numericGradient((t) => ungrouped(Array.from(t, Math.exp)), theta).forEach((d, i) =>
          expect(Math.abs(gradient[i]! - d), `∂/∂θ${i}`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(d))
          )
        );
      }
    });
  }
});

describe("grouping by typed hash tables", () => {
  it("groups (x, tₓ, T) as a Map of the values would: first-occurrence order, counts, −0 as 0", () => {
    const groups = groupTriples(synthetic);
    const expected = new Map<string, number>();
    const order: string[] = [];
    for (let i = 0; i < synthetic.x.length; i++) {
      const key = `${synthetic.x[i]! + 0},${synthetic.tx[i]! + 0},${synthetic.T[i]! + 0}`;
      if (!expected.has(key)) order.push(key);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(groups.count).toBe(order.length);
    expect(groups.customers).toBe(3000);
    order.forEach((key, g) => {
      const triple = `${groups.xValues[groups.xOf[g]!]},${groups.txValues[groups.txOf[g]!]},${groups.ageValues[groups.ageOf[g]!]}`;
      expect(triple).toBe(key);
      expect(groups.weight[g]).toBe(expected.get(key));
    });
  });

  it("lists a column's distinct values once each, NaN and −0 included as a Map would", () => {
    const levels = columnLevels([3, -0, 0, NaN, 3, NaN, 2.5, 1e300, 2.5]);
    expect(Array.from(levels.values)).toEqual([3, 0, NaN, 2.5, 1e300]);
    expect(Array.from(levels.of)).toEqual([0, 1, 1, 2, 0, 2, 3, 4, 3]);
  });

  it("indexes pairs of numbers in first-occurrence order through rehashing", () => {
    const index = new NumberPairIndex();
    for (let i = 0; i < 1000; i++) expect(index.indexOf(i % 37, i / 7)).toBe(i);
    for (let i = 0; i < 1000; i++) expect(index.indexOf(i % 37, i / 7)).toBe(i);
    expect(index.indexOf(-0, 0)).toBe(0);
    expect(index.indexOf(1, 2)).toBe(1000);
    expect(index.count).toBe(1001);
    expect(distinctHorizonPairs(sample.x, sample.T)).toBe(
      new Set(Array.from(sample.x, (x, i) => `${x},${sample.T[i]}`)).size
    );
  });
});

describe("the prediction table's horizon predictor", () => {
  const model = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, timeUnit: "week" as const };
  it("equals discountedExpectedPurchases for every CDNOW customer (52 weeks at 0.2 %)", () => {
    const predict = bgnbdHorizonPredictor(model, { horizon: 52, discountRate: 0.002 });
    for (let i = 0; i < sample.x.length; i += 7) {
      const customer = { x: sample.x[i]!, tx: sample.tx[i]!, T: sample.T[i]! };
      const expected = discountedExpectedPurchases(model, customer, {
        horizon: 52,
        discountRatePerUnit: 0.002,
        timeUnit: "week",
      });
      expectRelative(predict(customer.x, customer.tx, customer.T).discounted, expected, 1e-12);
    }
  });

  it("carries long horizons step to step (a Taylor step of the hypergeometric equation) and still equals the direct evaluation: x 0 to 3,000, up to 20,000 steps, to 1e-10", () => {
    const fits = [
      { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 },
      { r: 2.59, alpha: 8.4, a: 0.13, b: 19.3 },
      { r: 1.5, alpha: 1, a: 3.2, b: 0.5 },
    ];
    const histories = [
      [0, 0, 38],
      [2, 30.43, 38.86],
      [40, 9, 10],
      [3000, 15, 20],
    ] as const;
    for (const params of fits) {
      const model = { ...params, timeUnit: "week" as const };
      for (const [x, tx, T] of histories) {
        // E[Y(H)] for the whole horizon, by one direct ₂F₁ (expectedPurchases)
        for (const horizon of [12, 20_000]) {
          const predict = bgnbdHorizonPredictor(model, { horizon, discountRate: 0 });
          expectRelative(
            predict(x, tx, T).purchases,
            expectedPurchases(params, horizon, x, tx, T),
            1e-10,
            `E[Y(${horizon})] at x ${x}`
          );
        }
        // the discounted sum, step by step with a direct ₂F₁ at every step (1,000 steps of 7 days)
        const options = { horizon: 1000.5, discountRatePerUnit: 0.001, timeUnit: "week" as const };
        const predict = bgnbdHorizonPredictor(model, {
          horizon: 1000.5,
          discountRate: 0.001,
        });
        expectRelative(
          predict(x, tx, T).discounted,
          discountedExpectedPurchases(model, { x, tx, T }, options),
          1e-10,
          `discounted at x ${x}`
        );
      }
    }
  });

  it("still names an inconsistent row (tₓ above T) and keeps no part for a failed one", () => {
    const predict = bgnbdHorizonPredictor(model, { horizon: 4, discountRate: 0 });
    expect(() => predict(2, 40, 30)).toThrow(/exceeds T/);
    expect(() => predict(Number.NaN, 0, 30)).toThrow();
    expect(() => predict(Number.NaN, 0, 30)).toThrow();
    expect(predict(2, 10, 30).alive).toBeGreaterThan(0);
  });
});
