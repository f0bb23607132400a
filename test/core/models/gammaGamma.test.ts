import { expect } from "../../support/expect";
import {
  expectedPurchases,
  fitBgnbd,
  type BgnbdFit,
  type BgnbdModel,
} from "../../../src/core/models/bgnbd";
import {
  customerSummary,
  summaryFromTable,
  type CustomerSummary,
} from "../../../src/core/models/customerSummary";
import {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaCustomerLogLikelihood,
  isInSpendFit,
  populationMeanSpend,
  predictedClv,
  type GammaGammaFit,
  type GammaGammaParams,
} from "../../../src/core/models/gammaGamma";
import { logGamma } from "../../../src/core/models/special";
import { fitSpendModel } from "../../../src/core/models/fitSpendModel";
import {
  CDNOW_CALIBRATION_END,
  loadCdnowPublishedSummary,
  loadCdnowSample,
} from "../../support/cdnow";
import { expectCrmError } from "../expectError";

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** Fader & Hardie 2013's estimates as printed. */
const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("Gamma-Gamma on the CDNOW sample (Fader & Hardie 2013)", () => {
  let summary: CustomerSummary;
  let fit: GammaGammaFit;
  before(() => {
    summary = customerSummary(loadCdnowSample(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      timeUnit: "week",
    });
    fit = fitGammaGamma(summary);
  });

  it("fits p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat buyers (Fader & Hardie 2013; lifetimes docs)", () => {
    expect(fit.customers).toBe(946);
    expect(fit.p).toBeCloseTo(6.25, 2);
    expect(fit.q).toBeCloseTo(3.74, 2);
    expect(fit.gamma).toBeCloseTo(15.44, 2);
    expect(fit.converged).toBe(true);
  });

  it("fits nearly the same on the 2-dp summary shipped with lifetimes (γ 15.4477: the rounding of zbar moves it)", () => {
    const table = summaryFromTable(
      loadCdnowPublishedSummary().map((row) => ({ ...row, monetary: row.zbar })),
      "week"
    );
    const fromTable = fitGammaGamma(table);
    expect(fromTable.p).toBeCloseTo(6.25, 2);
    expect(fromTable.q).toBeCloseTo(3.74, 2);
    // On the rounded zbar column the maximum is at γ = 15.4477 (checked with scipy 1.17
    // BFGS), 0.004 above the fit on exact amounts (15.4435); 15.44 is the exact-data value.
    expect(Math.abs(fromTable.gamma - 15.44)).toBeLessThan(0.01);
  });

  it("expects average spends 24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17 for customers 1–10 (lifetimes docs, conditional_expected_average_profit)", () => {
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const rowOf = new Map(summary.customerIds.map((id, i) => [id, i]));
    expected.forEach((spend, k) => {
      const i = rowOf.get(String(k + 1))!;
      expect(expectedAverageSpend(fit, summary.x[i]!, summary.monetary[i]!)).toBeCloseTo(spend, 2);
    });
  });

  it("does not depend on the currency unit: spends ×10⁸ give the same p and q and γ ×10⁸ (each parameter may run 20 from its own start; QA 14)", () => {
    // γ then starts at the mean spend, ~e^22: the search used to stop every parameter at
    // e^±20 (p's start, 1, plus 20) and refuse the fit as "gamma runs off"
    const scaled = fitGammaGamma({
      ...summary,
      monetary: summary.monetary.map((m) => m * 1e8),
    });
    expectRelative(scaled.p, fit.p, 1e-5);
    expectRelative(scaled.q, fit.q, 1e-5);
    expectRelative(scaled.gamma, fit.gamma * 1e8, 1e-5);
  });

  it("has standard errors in any currency unit: spends ×25,000 and ×10⁸ give p's and q's and γ's ×K (QA 14)", () => {
    const standardErrors = (k: number) =>
      fitSpendModel({ ...summary, monetary: summary.monetary.map((m) => m * k) }).parameters.map(
        (parameter) => parameter.standardError
      );
    const [p, q, gamma] = standardErrors(1) as [number, number, number];
    for (const k of [25_000, 1e8]) {
      const scaled = standardErrors(k);
      expectRelative(scaled[0]!, p, 1e-3);
      expectRelative(scaled[1]!, q, 1e-3);
      expectRelative(scaled[2]!, gamma * k, 1e-3);
    }
  });

  it("is a maximum: moving any parameter by 0.1 % lowers the log-likelihood", () => {
    const total = (params: GammaGammaParams) => {
      let sum = 0;
      for (let i = 0; i < summary.x.length; i++) {
        if (summary.x[i]! > 0)
          sum += gammaGammaCustomerLogLikelihood(params, summary.x[i]!, summary.monetary[i]!);
      }
      return sum;
    };
    const best = total(fit);
    expectRelative(best, fit.logLikelihood, 1e-12);
    for (const key of ["p", "q", "gamma"] as const) {
      for (const factor of [0.999, 1.001])
        expect(total({ ...fit, [key]: fit[key] * factor })).toBeLessThan(best);
    }
  });
});

describe("Gamma-Gamma formulas", () => {
  it("the likelihood is Fader & Hardie 2013 eq. (3), written out", () => {
    const { p, q, gamma } = PUBLISHED;
    const [x, mx] = [2, 22.345];
    const logDensity =
      logGamma(p * x + q) -
      logGamma(p * x) -
      logGamma(q) +
      q * Math.log(gamma) +
      (p * x - 1) * Math.log(mx) +
      p * x * Math.log(x) -
      (p * x + q) * Math.log(gamma + mx * x);
    expectRelative(gammaGammaCustomerLogLikelihood(PUBLISHED, x, mx), logDensity, 1e-14);
  });

  it("expected spend is p(γ + m x)/(p x + q − 1): a weighted mean of the population mean and the customer's mean", () => {
    const { p, q, gamma } = PUBLISHED;
    const [x, mx] = [3, 40];
    const weight = (p * x) / (p * x + q - 1);
    const weighted = (1 - weight) * ((p * gamma) / (q - 1)) + weight * mx;
    expectRelative(
      expectedAverageSpend(PUBLISHED, x, mx),
      (p * (gamma + mx * x)) / (p * x + q - 1),
      1e-15
    );
    expectRelative(expectedAverageSpend(PUBLISHED, x, mx), weighted, 1e-14);
  });

  it("a one-time buyer's expected spend falls back to the population mean pγ/(q − 1)", () => {
    expect(populationMeanSpend(PUBLISHED)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(expectedAverageSpend(PUBLISHED, 0, 0)).toBe(populationMeanSpend(PUBLISHED));
  });

  describe("edge cases", () => {
    it("refuses q ≤ 1 for one-time buyers (infinite population mean)", () => {
      expectCrmError(() => expectedAverageSpend({ ...PUBLISHED, q: 0.9 }, 0, 0), "num", "q");
    });
    it("expects a repeat buyer whose repeat spend is 0 or less to spend the population mean (SPEC §2 'Spend model eligibility')", () => {
      const mean = populationMeanSpend(PUBLISHED);
      expect(expectedAverageSpend(PUBLISHED, 2, 0)).toBe(mean);
      expect(expectedAverageSpend(PUBLISHED, 1, -12.5)).toBe(mean);
      expect(isInSpendFit(1, 0)).toBe(false);
      expect(isInSpendFit(1, -3)).toBe(false);
      expect(isInSpendFit(0, 20)).toBe(false);
      expect(isInSpendFit(1, 0.01)).toBe(true);
    });
    it("refuses x = 0 or a spend of 0 in the likelihood, and a spend that is not finite", () => {
      expectCrmError(() => gammaGammaCustomerLogLikelihood(PUBLISHED, 0, 0), "num", "x");
      expectCrmError(() => gammaGammaCustomerLogLikelihood(PUBLISHED, 2, 0), "num", "monetary");
      expectCrmError(() => expectedAverageSpend(PUBLISHED, 2, Number.NaN), "num", "monetary");
    });
    it("refuses parameters ≤ 0", () => {
      expectCrmError(() => populationMeanSpend({ ...PUBLISHED, gamma: -1 }), "num", "gamma");
    });
  });
});

describe("fitGammaGamma: no numbers without convergence", () => {
  // the first 200 customers of the CDNOW summary (80 repeat buyers)
  const rows = loadCdnowPublishedSummary().slice(0, 200);
  const small = { x: rows.map((row) => row.x), monetary: rows.map((row) => row.zbar) };

  it("fits a small data set on its repeat buyers only", () => {
    const fit = fitGammaGamma(small);
    expect(fit.customers).toBe(small.x.filter((x) => x > 0).length);
  });

  it("says #VALUE! when there is too little data for a maximum (six repeat buyers)", () => {
    const error = expectCrmError(
      () =>
        fitGammaGamma({ x: [1, 2, 0, 3, 1, 4, 2, 0], monetary: [20, 35, 0, 12, 50, 28, 18, 0] }),
      "value"
    );
    expect(error.message).toMatch(/drifted|runs off/);
    expect(error.message).toContain("6 repeat buyers");
  });

  it("says #N/A when nobody bought twice", () => {
    const error = expectCrmError(() => fitGammaGamma({ x: [0, 0], monetary: [0, 0] }), "na");
    expect(error.message).toContain("None of the 2 customers bought on two different days");
  });

  it("says #VALUE! when the iterations run out (maxIterations 2) or the deadline passes", () => {
    expectCrmError(() => fitGammaGamma(small, { maxIterations: 2 }), "value");
    const late = expectCrmError(() => fitGammaGamma(small, { deadline: Date.now() - 1 }), "value");
    expect(late.message).toContain("did not finish within");
  });

  describe("spend model eligibility (SPEC §2)", () => {
    // the CDNOW rows above plus one repeat buyer whose only repeat day is $0.00 (like CDNOW
    // master customer 10244) and one whose repeat days net to a refund
    const withZero = {
      x: [...small.x, 1, 2],
      monetary: [...small.monetary, 0, -15],
    };

    it("leaves repeat buyers whose mean repeat spend is ≤ 0 out of the fit and counts them", () => {
      const fit = fitGammaGamma(withZero);
      const reference = fitGammaGamma(small);
      expect(fit.leftOut).toBe(2);
      expect(fit.repeatBuyers).toBe(reference.customers + 2);
      expect(fit.customers).toBe(reference.customers);
      // the same customers are fitted, so the same parameters come out
      expect(fit.p).toBe(reference.p);
      expect(fit.q).toBe(reference.q);
      expect(fit.gamma).toBe(reference.gamma);
    });

    it("says #N/A when fewer than 2 repeat buyers have a positive spend", () => {
      const error = expectCrmError(() => fitGammaGamma({ x: [1, 2], monetary: [10, 0] }), "na");
      expect(error.message).toContain("Only 1 repeat buyer has a mean repeat spend above 0");
      expect(error.message).toContain("1 other left out");
    });

    it("says #VALUE! at once when every repeat buyer has the same mean spend (no interior maximum)", () => {
      const error = expectCrmError(
        () => fitGammaGamma({ x: [1, 2, 3, 0, 5], monetary: [20, 20, 20, 0, 20] }),
        "value"
      );
      expect(error.message).toContain("is the same (20) for every one of the 4 repeat buyers");
    });

    it("with a penalizer, identical spends are fitted: the penalised objective has a maximum the search certifies (QA 14)", () => {
      const x = [1, 2, 3, 1, 2, 3, 1, 2, 3, 4];
      const fit = fitGammaGamma({ x, monetary: x.map(() => 30) }, { penalizer: 0.1 });
      // the same as spends 1e-6 apart, which always went through the search
      const near = fitGammaGamma(
        { x, monetary: x.map((_, i) => 30 * (1 + 1e-6 * i)) },
        { penalizer: 0.1 }
      );
      expectRelative(fit.p, near.p, 1e-4);
      expectRelative(fit.q, near.q, 1e-4);
      expectRelative(fit.gamma, near.gamma, 1e-4);
    });

    it("names a spend that is not a number by customer id when the data carry ids", () => {
      const error = expectCrmError(
        () =>
          fitGammaGamma({
            x: [1, 2, 1],
            monetary: [10, Number.POSITIVE_INFINITY, 12],
            customerIds: ["A-1", "B-2", "C-3"],
          }),
        "num",
        "monetary"
      );
      expect(error.message).toMatch(/^Customer B-2: /);
      expect(error.message).not.toContain("row");
    });
  });
});

describe("predictedClv", () => {
  let bgnbd: BgnbdFit;
  let spend: GammaGammaFit;
  before(() => {
    const summary = customerSummary(loadCdnowSample(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      timeUnit: "week",
    });
    bgnbd = fitBgnbd(summary);
    spend = fitGammaGamma(summary);
  });
  const customer = { x: 2, tx: 30.43, T: 38.86, monetary: 22.35 };

  it("undiscounted, is expected spend × expected purchases over the horizon", () => {
    const value = predictedClv(bgnbd, spend, customer, {
      horizon: 12,
      discountRatePerUnit: 0,
      timeUnit: "month",
    });
    const weeks = (12 * 30.4375) / 7;
    const byHand =
      expectedAverageSpend(spend, 2, 22.35) * expectedPurchases(bgnbd, weeks, 2, 30.43, 38.86);
    expectRelative(value, byHand, 1e-12);
  });

  it("discounts each month's purchases at the month's end", () => {
    const month = 30.4375 / 7;
    const purchases = (months: number) => expectedPurchases(bgnbd, months * month, 2, 30.43, 38.86);
    let byHand = 0;
    for (let k = 1; k <= 3; k++) byHand += (purchases(k) - purchases(k - 1)) / 1.01 ** k;
    byHand *= expectedAverageSpend(spend, 2, 22.35) * 0.3;
    const value = predictedClv(bgnbd, spend, customer, {
      horizon: 3,
      discountRatePerUnit: 0.01,
      timeUnit: "month",
      margin: 0.3,
    });
    expectRelative(value, byHand, 1e-12);
  });

  it("a fractional horizon ends with a partial step discounted at its own end", () => {
    const purchases = (weeks: number) => expectedPurchases(bgnbd, weeks, 2, 30.43, 38.86);
    const byHand =
      expectedAverageSpend(spend, 2, 22.35) *
      (purchases(1) / 1.02 + (purchases(1.5) - purchases(1)) / 1.02 ** 1.5);
    expectRelative(
      predictedClv(bgnbd, spend, customer, {
        horizon: 1.5,
        discountRatePerUnit: 0.02,
        timeUnit: "week",
      }),
      byHand,
      1e-12
    );
  });

  it("the same horizon in months or days gives the same undiscounted value (12 months = 365.25 days)", () => {
    const inMonths = predictedClv(bgnbd, spend, customer, {
      horizon: 12,
      discountRatePerUnit: 0,
      timeUnit: "month",
    });
    const inDays = predictedClv(bgnbd, spend, customer, {
      horizon: 365.25,
      discountRatePerUnit: 0,
      timeUnit: "day",
    });
    expectRelative(inMonths, inDays, 1e-12);
  });

  it("12 months at 1 % a month for CDNOW customer 1 is 36.2995 (computed by this method; doc example)", () => {
    const value = predictedClv(bgnbd, spend, customer, {
      horizon: 12,
      discountRatePerUnit: 0.01,
      timeUnit: "month",
    });
    expect(value).toBeCloseTo(36.2995, 4);
  });

  it("a one-time buyer is valued at the population mean spend", () => {
    const oneTimer = { x: 0, tx: 0, T: 38.86, monetary: 0 };
    const value = predictedClv(bgnbd, spend, oneTimer, {
      horizon: 52,
      discountRatePerUnit: 0,
      timeUnit: "week",
    });
    expectRelative(
      value,
      populationMeanSpend(spend) * expectedPurchases(bgnbd, 52, 0, 0, 38.86),
      1e-12
    );
  });

  describe("edge cases", () => {
    it("is 0 over a zero horizon", () => {
      expect(
        predictedClv(bgnbd, spend, customer, {
          horizon: 0,
          discountRatePerUnit: 0.01,
          timeUnit: "month",
        })
      ).toBe(0);
    });
    it("refuses a discount rate given as a percentage, a negative horizon and an unknown unit", () => {
      expectCrmError(
        () =>
          predictedClv(bgnbd, spend, customer, {
            horizon: 12,
            discountRatePerUnit: 10,
            timeUnit: "month",
          }),
        "num",
        "discount_rate"
      );
      expectCrmError(
        () =>
          predictedClv(bgnbd, spend, customer, {
            horizon: -1,
            discountRatePerUnit: 0,
            timeUnit: "month",
          }),
        "num",
        "horizon"
      );
      expectCrmError(
        () =>
          predictedClv({ ...bgnbd, timeUnit: "year" } as unknown as BgnbdModel, spend, customer, {
            horizon: 1,
            discountRatePerUnit: 0,
            timeUnit: "month",
          }),
        "value"
      );
    });
  });
});
