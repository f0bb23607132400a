/**
 * The models' entry points on purchase histories already built (customerSummaryFromHistories,
 * holdoutValidationFromHistories): the report builds the histories once (src/core/report/data.ts)
 * and summarises them at two calibration ends. They must give the rows-based results number for
 * number (Object.is on every value), on the CDNOW sample and on generated rows with returns,
 * return-only days and same-day rows (SPEC §2 "Returns", "purchases are distinct purchase days").
 */
import { expect } from "../../support/expect";
import { expectedPurchases, type BgnbdParams } from "../../../src/core/models/bgnbd";
import { buildHistories } from "../../../src/core/input/history";
import {
  customerSummary,
  customerSummaryFromHistories,
  type CustomerSummary,
  type TimeUnit,
  type TransactionColumns,
} from "../../../src/core/models/customerSummary";
import { bgnbdPurchaseModel } from "../../../src/core/models/fitPurchaseModel";
import {
  holdoutValidation,
  holdoutValidationFromHistories,
  type HoldoutValidation,
  type PurchaseModelFitter,
} from "../../../src/core/models/holdout";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

/** Deterministic generator (mulberry32), so that a failure can be reproduced. */
function random(seed: number): () => number {
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
 * `rows` rows over `customers` customers and `spanDays` days from `firstDay`, in no order:
 * about one row in six a return (negative amount), one in ten a zero amount, and one in four
 * repeating the previous row's customer and day (same-day rows, some of them purchase + return).
 */
function generated(
  seed: number,
  rows: number,
  customers: number,
  firstDay: number,
  spanDays: number
): TransactionColumns {
  const next = random(seed);
  const customerIndex = new Int32Array(rows);
  const days = new Int32Array(rows);
  const amounts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    if (i > 0 && next() < 0.25) {
      customerIndex[i] = customerIndex[i - 1]!;
      days[i] = days[i - 1]!;
    } else {
      customerIndex[i] = Math.floor(next() * customers);
      days[i] = firstDay + Math.floor(next() * spanDays);
    }
    const kind = next();
    amounts[i] =
      kind < 1 / 6
        ? -Math.round(next() * 5000) / 100
        : kind < 0.27
          ? 0
          : Math.round(next() * 20000) / 100;
  }
  const customerIds = Array.from({ length: customers }, (_, c) => `c${c}`);
  return { customerIndex, customerIds, days, amounts };
}

/** Every field, values compared with Object.is (so 0 and −0, NaN and rounding all count). */
function expectSameSummary(actual: CustomerSummary, expected: CustomerSummary): void {
  expect(actual.timeUnit).toBe(expected.timeUnit);
  expect(actual.customerIds).toStrictEqual(expected.customerIds);
  expect(actual.calibrationEnd).toBe(expected.calibrationEnd);
  expect(actual.excludedCustomers).toBe(expected.excludedCustomers);
  for (const field of ["sourceIndex", "x", "tx", "T", "monetary"] as const) {
    expect(Array.from(actual[field]), field).toStrictEqual(Array.from(expected[field]));
  }
}

function expectSameValidation(actual: HoldoutValidation, expected: HoldoutValidation): void {
  expectSameSummary(actual.summary, expected.summary);
  expect(Array.from(actual.actual)).toStrictEqual(Array.from(expected.actual));
  expect(Array.from(actual.expected)).toStrictEqual(Array.from(expected.expected));
  expect(actual.groups).toStrictEqual(expected.groups);
  expect(actual.total).toStrictEqual(expected.total);
  expect(actual.meanAbsoluteError).toBe(expected.meanAbsoluteError);
  expect(actual.horizon).toBe(expected.horizon);
  expect(actual.lastDataDay).toBe(expected.lastDataDay);
  expect(actual.excludedCustomers).toBe(expected.excludedCustomers);
  expect(actual.model.parameters).toStrictEqual(expected.model.parameters);
}

const CDNOW_PARAMS: BgnbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

/** The CDNOW parameters whatever the data (no fit: the keying of the expectations is tested). */
const givenModel: PurchaseModelFitter = (_kind, summary, options) => ({
  ...bgnbdPurchaseModel({ ...CDNOW_PARAMS, timeUnit: summary.timeUnit }),
  logLikelihood: 0,
  customers: summary.x.length,
  repeatBuyers: 0,
  penalizer: options.penalizer ?? 0,
});

const UNITS: readonly TimeUnit[] = ["day", "week", "month"];

describe("customerSummaryFromHistories equals customerSummary of the same rows", () => {
  it("on the CDNOW sample, at the published calibration end and two others, in every unit", () => {
    const sample = loadCdnowSample();
    const histories = buildHistories(sample);
    for (const calibrationEnd of [CDNOW_CALIBRATION_END - 100, CDNOW_CALIBRATION_END, 35976]) {
      for (const timeUnit of UNITS) {
        expectSameSummary(
          customerSummaryFromHistories(histories, { calibrationEnd, timeUnit }),
          customerSummary(sample, { calibrationEnd, timeUnit })
        );
      }
    }
  });

  it("on generated rows with returns, return-only days, zero amounts and same-day rows", () => {
    // 3,000 rows over 400 customers and 700 days (the day-sorted grouping), and 300 rows over
    // 9,000 days (each customer's days sorted): both of buildHistories' ways
    for (const [seed, rows, customers, span] of [
      [1, 3000, 400, 700],
      [2, 300, 40, 9000],
      [3, 5000, 50, 300],
    ] as const) {
      const data = generated(seed, rows, customers, 45000, span);
      const histories = buildHistories(data);
      expect(histories.returnDays.length, "return-only days exist").toBeGreaterThan(0);
      for (const calibrationEnd of [45000 + Math.floor(span / 3), 45000 + span]) {
        for (const timeUnit of UNITS) {
          const fromRows = customerSummary(data, { calibrationEnd, timeUnit });
          expect(fromRows.excludedCustomers + fromRows.x.length).toBe(customers);
          expectSameSummary(
            customerSummaryFromHistories(histories, { calibrationEnd, timeUnit }),
            fromRows
          );
        }
      }
    }
  });

  it("the summary without histories equals the histories' on 40 generated tables: −0 and 0 amounts, all-return customers, a customer with hundreds of rows, ends before, inside and after the data", () => {
    // customerSummary summarises each customer's rows without building the histories; it must
    // agree with summarise(buildHistories) bit for bit, including the order of every
    // floating-point sum
    for (let seed = 10; seed < 50; seed++) {
      const next = random(seed);
      const rows = 256 + Math.floor(next() * 3000);
      const customers = 1 + Math.floor(next() * 300);
      const span = 1 + Math.floor(next() * 400);
      const data = generated(seed, rows, customers, 45000, span);
      for (let i = 0; i < rows; i += 7) if (data.amounts[i] === 0) data.amounts[i] = -0;
      // a customer whose every row is a return
      for (let i = 0; i < rows; i++) if (data.customerIndex[i] === 0) data.amounts[i] = -12.5;
      // a customer with many rows in no order (its days sorted by keys, not insertion)
      if (customers > 2) for (let i = 0; i < rows; i += 3) data.customerIndex[i] = 1;
      const histories = buildHistories(data);
      for (const calibrationEnd of [
        45000 + Math.floor(next() * span),
        45000 + span - 1,
        45000 + span + 30,
      ]) {
        const timeUnit = UNITS[seed % 3]!;
        expectSameSummary(
          customerSummary(data, { calibrationEnd, timeUnit }),
          customerSummaryFromHistories(histories, { calibrationEnd, timeUnit })
        );
      }
      expectCrmError(() => customerSummary(data, { calibrationEnd: 44999, timeUnit: "day" }), "na");
    }
  });

  it("a customer of 2.2M rows spread over the whole 32-bit day range (sort keys past 2^53): the histories' numbers (QA)", function () {
    this.timeout(120_000);
    const k = 2_200_000;
    const next = random(99);
    const days = new Int32Array(k);
    const amounts = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      days[i] = Math.floor(-2147483648 + next() * 4294967295);
      amounts[i] = Math.round((next() - 0.3) * 10000) / 100;
    }
    days[0] = -2147483648;
    days[1] = 2147483647;
    const data = { customerIndex: new Int32Array(k), customerIds: ["only"], days, amounts };
    const options = { calibrationEnd: 2147483647, timeUnit: "day" as const };
    expectSameSummary(
      customerSummary(data, options),
      customerSummaryFromHistories(buildHistories(data), options)
    );
  });

  it("refuses what customerSummary refuses in its options: the time unit, a fractional or too early calibration end", () => {
    const data = generated(4, 200, 20, 45000, 100);
    const histories = buildHistories(data);
    expectCrmError(
      () =>
        customerSummaryFromHistories(histories, {
          calibrationEnd: 45050,
          timeUnit: "year" as TimeUnit,
        }),
      "value"
    );
    expectCrmError(
      () => customerSummaryFromHistories(histories, { calibrationEnd: 45050.5, timeUnit: "day" }),
      "num"
    );
    expectCrmError(
      () => customerSummaryFromHistories(histories, { calibrationEnd: 44999, timeUnit: "day" }),
      "na"
    );
  });
});

describe("holdoutValidationFromHistories equals holdoutValidation of the same rows", () => {
  it("on the CDNOW sample with the fitted BG/NBD (calibration to 1997-09-30, 39-week holdout)", () => {
    const sample = loadCdnowSample();
    const options = {
      calibrationEnd: CDNOW_CALIBRATION_END,
      holdoutEnd: 35976,
      timeUnit: "week" as const,
    };
    expectSameValidation(
      holdoutValidationFromHistories(buildHistories(sample), options),
      holdoutValidation(sample, options)
    );
  });

  it("on generated rows: each customer's expectation is E[Y(t) | x, tₓ, T] of its own summary row, actual its holdout purchase days", () => {
    // the second set's calibration period spans 250,000 days: more than ∛2⁵³ ≈ 208,000, so the
    // distinct histories are keyed by text rather than by one number (holdout.ts)
    for (const [seed, rows, customers, firstDay, span] of [
      [5, 4000, 300, 45000, 730],
      [6, 600, 60, 1000, 500000],
    ] as const) {
      const data = generated(seed, rows, customers, firstDay, span);
      const calibrationEnd = firstDay + Math.floor(span / 2);
      const holdoutEnd = firstDay + span - 1 - Math.floor(span / 10);
      for (const timeUnit of UNITS) {
        const options = { calibrationEnd, holdoutEnd, timeUnit, fit: givenModel };
        const fromHistories = holdoutValidationFromHistories(buildHistories(data), options);
        expectSameValidation(fromHistories, holdoutValidation(data, options));
        const { summary, horizon } = fromHistories;
        for (let i = 0; i < summary.x.length; i++) {
          const c = summary.sourceIndex[i]!;
          // purchase days after the calibration end, up to the holdout end: distinct days with
          // at least one row of amount ≥ 0 (SPEC §2 "Returns")
          const bought = new Set<number>();
          for (let k = 0; k < data.days.length; k++) {
            const day = data.days[k]!;
            if (
              data.customerIndex[k] === c &&
              day > calibrationEnd &&
              day <= holdoutEnd &&
              !(data.amounts[k]! < 0)
            ) {
              bought.add(day);
            }
          }
          expect(fromHistories.actual[i]).toBe(bought.size);
          expect(fromHistories.expected[i]).toBe(
            expectedPurchases(
              { ...CDNOW_PARAMS },
              horizon,
              summary.x[i]!,
              summary.tx[i]!,
              summary.T[i]!
            )
          );
        }
      }
    }
  });

  it("refuses, as holdoutValidation does, a holdout end not after the calibration end and data ending before the holdout", () => {
    const data = generated(7, 300, 30, 45000, 200);
    const histories = buildHistories(data);
    expectCrmError(
      () =>
        holdoutValidationFromHistories(histories, {
          calibrationEnd: 45100,
          holdoutEnd: 45100,
          timeUnit: "week",
          fit: givenModel,
        }),
      "num"
    );
    expectCrmError(
      () =>
        holdoutValidationFromHistories(histories, {
          calibrationEnd: 45300,
          holdoutEnd: 45400,
          timeUnit: "week",
          fit: givenModel,
        }),
      "na"
    );
  });
});
