/**
 * The predictive-CLV functions through the built bundle on the whole CDNOW master file (69,659
 * rows, 23,570 customers), and on inputs that give no fit: every call either gives a fit or
 * says quickly and clearly why not (SPEC §2 "Spend model eligibility", "Predictive CLV";
 * ../shared/cases/README.md, the CLVFIT row).
 *
 * The expected parameters are computed here independently of the add-in's input layer and
 * customer summary: the summary is rolled by hand from the file's rows (same-day rows merged,
 * weeks = days ÷ 7, calibration end 1997-09-30 inclusive), the repeat buyers whose mean repeat
 * spend is not above 0 are filtered out by hand, and the core's fit functions are run on that.
 */
import { expect } from "../support/expect";
import { each } from "../support/each";
import { fitBgnbd } from "../../src/core/models/bgnbd";
import { fitGammaGamma } from "../../src/core/models/gammaGamma";
import { callBuilt as call, StandInError } from "../support/builtAddin";
import { loadCdnowMasterCells, utcDay } from "../support/cdnowCells";
import { gammaSampler } from "../../bench/generate";

/** The value of `name` in CLVFIT's two-column table. */
function parameter(table: unknown[][], name: string): number {
  const row = table.find((r) => r[0] === name);
  expect(row, name).toBeDefined();
  return row![1] as number;
}

function expectRelative(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected)
  );
}

const master = loadCdnowMasterCells();
const END = "1997-09-30";
const END_DAY = utcDay(19970930);

/** The summary by hand: per customer, purchase days (same-day rows merged) up to END_DAY. */
function handSummary(rows: readonly [string, number, number][]) {
  const days = new Map<string, Map<number, number>>();
  for (const [id, day, amount] of rows) {
    if (day > END_DAY) continue;
    const byDay = days.get(id) ?? new Map<number, number>();
    byDay.set(day, (byDay.get(day) ?? 0) + amount);
    days.set(id, byDay);
  }
  const ids: string[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const monetary: number[] = [];
  for (const [id, byDay] of days) {
    const sorted = [...byDay.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const repeatTotal = sorted.slice(1).reduce((sum, day) => sum + byDay.get(day)!, 0);
    ids.push(id);
    x.push(sorted.length - 1);
    tx.push((last - first) / 7);
    T.push((END_DAY - first) / 7);
    monetary.push(sorted.length > 1 ? repeatTotal / (sorted.length - 1) : 0);
  }
  return { ids, x, tx, T, monetary };
}

describe("CLVFIT and PREDICTEDCLV on the whole CDNOW master file (customer 10244's only repeat day is $0.00)", () => {
  const hand = handSummary(master.rows);
  const eligible = hand.x.map((x, i) => x > 0 && hand.monetary[i]! > 0);
  const repeatBuyers = hand.x.filter((x) => x > 0).length;
  const leftOut = hand.x.filter((x, i) => x > 0 && !eligible[i]).length;
  const expectedPurchaseFit = fitBgnbd({ x: hand.x, tx: hand.tx, T: hand.T, timeUnit: "week" });
  const expectedSpendFit = fitGammaGamma({
    x: hand.x.filter((_, i) => eligible[i]),
    monetary: hand.monetary.filter((_, i) => eligible[i]),
  });

  it("the hand-rolled summary has 23,570 customers, and customer 10244 is a repeat buyer with repeat spend 0", () => {
    expect(hand.ids).toHaveLength(23570);
    const i = hand.ids.indexOf("10244");
    expect(hand.x[i]).toBe(1);
    expect(hand.monetary[i]).toBe(0);
    expect(leftOut).toBeGreaterThanOrEqual(1);
  });

  const started = Date.now();
  const table = call(
    "CLVFIT",
    master.customerIds,
    master.dates,
    master.amounts,
    END,
    "week"
  ) as unknown[][];
  const fitMs = Date.now() - started;

  it("gives a fit, not an error", () => {
    expect(table).not.toBeInstanceOf(StandInError);
    expect(Array.isArray(table)).toBe(true);
  });

  it("fits BG/NBD on all 23,570 customers: r, α, a, b and the log-likelihood equal the core's fit of the hand-rolled summary (1e-6 relative)", () => {
    expect(parameter(table, "customers")).toBe(23570);
    for (const name of ["r", "alpha", "a", "b"] as const)
      expectRelative(parameter(table, name), expectedPurchaseFit[name], 1e-6, name);
    expectRelative(
      parameter(table, "bgnbd_log_likelihood"),
      expectedPurchaseFit.logLikelihood,
      1e-9,
      "log-likelihood"
    );
  });

  it("fits Gamma-Gamma on the repeat buyers whose mean repeat spend is above 0, and shows how many were left out", () => {
    expect(parameter(table, "repeat_buyers")).toBe(repeatBuyers);
    expect(parameter(table, "spend_fit_left_out")).toBe(leftOut);
    for (const name of ["p", "q", "gamma"] as const)
      expectRelative(parameter(table, name), expectedSpendFit[name], 1e-6, name);
    expectRelative(
      parameter(table, "gamma_gamma_log_likelihood"),
      expectedSpendFit.logLikelihood,
      1e-9,
      "log-likelihood"
    );
  });

  it("takes no more than a few seconds (69,659 rows)", () => {
    expect(fitMs).toBeLessThan(10_000);
  });

  it("PREDICTEDCLV gives every customer a row; customer 10244 is expected to spend the population mean pγ/(q − 1)", () => {
    const predictionStarted = Date.now();
    const prediction = call(
      "PREDICTEDCLV",
      master.customerIds,
      master.dates,
      master.amounts,
      END,
      "week",
      52,
      0.002,
      null,
      false
    ) as unknown[][];
    expect(Date.now() - predictionStarted).toBeLessThan(10_000);
    expect(prediction).not.toBeInstanceOf(StandInError);
    expect(prediction).toHaveLength(23570);
    const p = parameter(table, "p");
    const q = parameter(table, "q");
    const gamma = parameter(table, "gamma");
    const customer = prediction.find((row) => row[0] === 10244)!;
    expect(customer).toBeDefined();
    expect(customer[1]).toBe(1); // x
    expect(customer[4]).toBe(0); // monetary
    expectRelative(customer[7] as number, (p * gamma) / (q - 1), 1e-12, "expected spend");
    const unfit = prediction.filter(
      (row) => !Number.isFinite(row[7]) || !((row[8] as number) >= 0)
    );
    expect(unfit.map((row) => row[0])).toEqual([]);
  });
});

describe("bounded: 100,000 synthetic rows of shapes without a fit stay within a few seconds", () => {
  /** A deterministic uniform generator (a linear congruential one), so the rows are the same every run. */
  function uniform(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state + 0.5) / 2147483648;
    };
  }
  const CALIBRATION_END = 45500; // an Excel serial: 2024-07-27

  /** Columns as a sheet holds them: ids, serial dates, amounts, one row per transaction. */
  function sheet(rows: [number, number, number][]) {
    return {
      ids: rows.map((r) => [r[0]]),
      dates: rows.map((r) => [r[1]]),
      amounts: rows.map((r) => [r[2]]),
    };
  }

  /**
   * Customers who buy as BG/NBD says (heterogeneous purchase gaps, a dropout chance drawn per
   * customer as u^dropoutPower) on daily dates over 500 days, spending heavy-tailed (Pareto)
   * amounts, until there are 100,000 rows.
   */
  function heavyTailedSpenders(seed: number, dropoutPower: number): [number, number, number][] {
    const random = uniform(seed);
    const rows: [number, number, number][] = [];
    for (let customer = 0; rows.length < 100_000; customer++) {
      let day = 45000 + Math.floor(random() * 400);
      const dropout = random() ** dropoutPower;
      const meanGap = 1 + 120 * random() ** 2;
      for (;;) {
        rows.push([customer, day, Math.round(100 / random() ** 1.25) / 100]);
        if (random() < dropout) break;
        day += 1 + Math.floor(-Math.log(random()) * meanGap);
        if (day > CALIBRATION_END) break;
      }
    }
    return rows;
  }
  // The slowest shape found: the purchase fit is fine, but the spend likelihood keeps rising as
  // p → ∞ and γ → 0 along a ridge, each step costing a pass over ~15,000 repeat buyers.
  const ridge = heavyTailedSpenders(12345, 1);
  // Every customer buys every 7 days, 4 times, for the same amount up to 1e-7: no
  // heterogeneity for either model to estimate.
  const random = uniform(777);
  const clockwork: [number, number, number][] = [];
  for (let customer = 0; clockwork.length < 100_000; customer++) {
    const first = 45000 + (customer % 300);
    for (let k = 0; k < 4; k++) clockwork.push([customer, first + 7 * k, 20 + 1e-7 * random()]);
  }

  for (const testCase of each([
    ["heavy-tailed spend along a ridge", ridge],
    ["clockwork buyers", clockwork],
  ])) {
    it(
      testCase.name("%s: PREDICTEDCLV answers (a table, or #VALUE!/#N/A saying why) in under 10 s"),
      testCase.run((_, rows) => {
        const { ids, dates, amounts } = sheet(rows);
        const started = Date.now();
        const result = call("PREDICTEDCLV", ids, dates, amounts, CALIBRATION_END, "day", 90, 0);
        const elapsed = Date.now() - started;
        expect(elapsed).toBeLessThan(10_000);
        if (result instanceof StandInError) {
          expect(["#VALUE!", "#N/A"]).toContain(result.code);
          expect(result.message).toMatch(/^CRM\.PREDICTEDCLV: The (BG\/NBD|Gamma-Gamma) fit/);
        } else {
          expect(Array.isArray(result)).toBe(true);
        }
      }, 20_000)
    );
  }

  it("spend so heavy-tailed that its population mean is infinite (q < 1): a table, with #NUM! only in the spend and CLV cells of customers outside the spend fit", function () {
    this.timeout(20_000);
    const rows = heavyTailedSpenders(12345, 3);
    const { ids, dates, amounts } = sheet(rows);
    const started = Date.now();
    const fit = call("CLVFIT", ids, dates, amounts, CALIBRATION_END, "day") as unknown[][];
    const table = call(
      "PREDICTEDCLV",
      ids,
      dates,
      amounts,
      CALIBRATION_END,
      "day",
      90,
      0,
      null,
      false
    ) as unknown[][];
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(parameter(fit, "q")).toBeLessThan(1);
    const oneTime = table.filter((row) => row[1] === 0);
    const repeat = table.filter((row) => (row[1] as number) > 0 && (row[4] as number) > 0);
    expect(oneTime.length).toBeGreaterThan(0);
    for (const row of oneTime.slice(0, 50)) {
      expect((row[7] as StandInError).code).toBe("#NUM!");
      expect((row[8] as StandInError).code).toBe("#NUM!");
      expect(typeof row[5]).toBe("number"); // P(alive) is still there
    }
    expect(repeat.every((row) => Number.isFinite(row[7]) && Number.isFinite(row[8]))).toBe(true);
  });

  it("a spend fit with p + q < 1: a table, with #NUM! in the spend and CLV cells of every customer whose expected spend is undefined (QA 14)", () => {
    // Gamma-Gamma spend (Fader & Hardie 2013) with shape p 0.2 and ν ~ Gamma(q 0.5, ·): a repeat
    // buyer in the spend fit with x = 1 has p·x + q − 1 < 0, so E[M] = p(γ + m x)/(p x + q − 1)
    // is undefined for them (SPEC §2 "Bounds": that customer's cells alone, never the table)
    const random = uniform(1);
    const gamma = gammaSampler(random);
    const rows: [number, number, number][] = [];
    for (let customer = 0; customer < 1500; customer++) {
      let day = 45000 + Math.floor(random() * 300);
      const rate = gamma(0.7) * 0.02;
      const scale = gamma(0.5) / 10;
      const dropout = random() * 0.4;
      rows.push([customer, day, Math.round(100 + 5000 * random()) / 100]);
      for (;;) {
        day += Math.max(1, Math.round(-Math.log(random() || 1e-300) / rate));
        if (day > CALIBRATION_END) break;
        rows.push([customer, day, Math.max(0.01, Math.round((100 * gamma(0.2)) / scale) / 100)]);
        if (random() < dropout) break;
      }
    }
    const { ids, dates, amounts } = sheet(rows);
    const fit = call("CLVFIT", ids, dates, amounts, CALIBRATION_END, "week") as unknown[][];
    const p = parameter(fit, "p");
    const q = parameter(fit, "q");
    expect(p + q).toBeLessThan(1);
    const table = call(
      "PREDICTEDCLV",
      ids,
      dates,
      amounts,
      CALIBRATION_END,
      "week",
      52,
      0.01
    ) as unknown[][];
    expect(Array.isArray(table)).toBe(true);
    let undefinedSpend = 0;
    for (const row of table.slice(1)) {
      const x = row[1] as number;
      const inFit = x > 0 && (row[4] as number) > 0;
      const defined = inFit ? p * x + q > 1 : q > 1;
      if (defined) {
        expect(Number.isFinite(row[7]) && Number.isFinite(row[8]), `row ${row[0]}`).toBe(true);
      } else {
        undefinedSpend++;
        expect((row[7] as StandInError).code).toBe("#NUM!");
        expect((row[8] as StandInError).code).toBe("#NUM!");
      }
      expect(Number.isFinite(row[5]) && Number.isFinite(row[6]), `row ${row[0]}`).toBe(true);
    }
    expect(undefinedSpend).toBeGreaterThan(0);
  });
});
