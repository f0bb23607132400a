import { expect } from "../../support/expect";
import fc from "fast-check";
import {
  accountPeriod,
  accountPeriods,
  calendarPeriods,
  customPeriod,
  type Period,
  periodKindOf,
} from "../../../src/core/metrics/customerBase";
import {
  churnRateFromHistories,
  relativeChurnFromHistories,
} from "../../../src/core/metrics/churn";
import { retentionRateFromHistories } from "../../../src/core/metrics/retention";
import { repeatPurchaseRateFromHistories } from "../../../src/core/metrics/repeatPurchase";
import { churnTrend } from "../../../src/core/metrics/trend";
import { serialFromYmd } from "../../../src/core/input/dates";
import { expectCrmError } from "../expectError";
import { historiesOf as histories } from "../../support/histories";

const period = (first: number, last: number): Period => ({
  first,
  last,
  label: `${first}..${last}`,
});

// A small base, accounted by hand for the period days 60–120 with a 30-day activity rule
// (active on day d = bought on some p with d − 30 < p ≤ d):
//   a: 10, 50, 110  active on 59 (50) → S; active on 120 (110) → E
//   b: 20           lost long before; not active on 59, no purchase in the period → nowhere
//   c: 70, 100      first purchase in the period → N; active on 120 (100) → E
//   d: 5, 75        not new, not in S, bought in the period → reactivated; 75 ≤ 90 → lapsed
//   e: 62           N; 62 ≤ 90 → lapsed
// S 1 + N 2 + reactivated 1 − lost 2 = E 2.
const base = histories([
  ["a", 10],
  ["a", 50],
  ["a", 110],
  ["b", 20],
  ["c", 70],
  ["c", 100],
  ["d", 5],
  ["d", 75],
  ["e", 62],
]);

describe("accountPeriods", () => {
  it("accounts for every customer as S, N, reactivated, lost and E (computed by hand from SPEC §2)", () => {
    const account = accountPeriod(base, period(60, 120), { inactiveDays: 30 });
    expect(account).toMatchObject({
      atStart: 1,
      new: 2,
      newAtEnd: 1,
      reactivated: 1,
      lostFromStart: 0,
      lapsed: 2,
      lost: 2,
      atEnd: 2,
    });
  });

  it("counts a customer lost from the start when they stop buying", () => {
    // days 111–150: active on 110 are a (110) and c (100); nobody buys after → both lost
    const account = accountPeriod(base, period(111, 150), { inactiveDays: 30 });
    expect(account).toMatchObject({
      atStart: 2,
      new: 0,
      reactivated: 0,
      lostFromStart: 2,
      lapsed: 0,
      atEnd: 0,
    });
  });

  it("a customer buying twice on one day counts once", () => {
    const twice = histories([
      ["a", 10, 5],
      ["a", 10, 7],
    ]);
    expect(twice.days).toEqual(Int32Array.of(10));
    expect(twice.totals).toEqual(Float64Array.of(12));
  });

  it("treats a purchase exactly inactive_days before as no longer active (d − inactive < p ≤ d)", () => {
    const h = histories([["a", 30]]);
    // active on day 59 needs p > 29: 30 counts; active on day 60 needs p > 30: 30 does not
    expect(accountPeriod(h, period(60, 60), { inactiveDays: 30 })).toMatchObject({
      atStart: 1,
      atEnd: 0,
      lostFromStart: 1,
    });
    expect(accountPeriod(h, period(61, 61), { inactiveDays: 30 })).toMatchObject({
      atStart: 0,
      atEnd: 0,
    });
  });

  describe("edge cases", () => {
    it("refuses an activity window that is not a whole number of days ≥ 1", () => {
      expectCrmError(
        () => accountPeriods(base, [period(1, 2)], { inactiveDays: 0 }),
        "num",
        "inactive_days"
      );
      expectCrmError(
        () => accountPeriods(base, [period(1, 2)], { inactiveDays: 2.5 }),
        "num",
        "inactive_days"
      );
    });
    it("refuses a period that ends before it starts", () => {
      expectCrmError(
        () => customPeriod(serialFromYmd(2024, 3, 2), serialFromYmd(2024, 3, 1)),
        "num",
        "period_end"
      );
    });
  });
});

describe("rates from transactions", () => {
  it("churn rate is lost from the start over S", () => {
    expect(churnRateFromHistories(base, period(111, 150), { inactiveDays: 30 })).toBe(1);
    expect(churnRateFromHistories(base, period(60, 120), { inactiveDays: 30 })).toBe(0);
  });

  it("retention rate is (E − N_E) ÷ S, N_E = the new customers still active at the end", () => {
    // days 60–120 (longer than the 30-day rule): N = {c, e}, but e lapsed, so N_E = {c};
    // E = {a, c} → (2 − 1) ÷ 1 = 1 (SPEC §2 "CRR" as amended; the literal (E − N) ÷ S gave 0)
    expect(retentionRateFromHistories(base, period(60, 120), { inactiveDays: 30 })).toBe(1);
    // days 101–120, 30-day rule: S = active on 100 = {c (100), d (75)}; N none; E on 120 = {a, c};
    // a reactivated (last 50 before, buys 110) → (2 − 0) ÷ 2 = 1
    expect(retentionRateFromHistories(base, period(101, 120), { inactiveDays: 30 })).toBe(1);
  });

  it("gives #DIV/0! (div0) when nobody was active at the start", () => {
    expectCrmError(
      () => churnRateFromHistories(base, period(1, 4), { inactiveDays: 30 }),
      "div0",
      "period_start"
    );
  });

  it("relative churn weighs the lost by their spend in the activity window before the period", () => {
    // 30-day rule, period 50–60: S = active on 49 = a (bought 40 for 300) and b (45 for 100);
    // b is not active on 60 (needs a purchase in 31–60? b's 45 is, so add a later period)
    const h = histories([
      ["a", 40, 300],
      ["a", 70, 10],
      ["b", 45, 100],
    ]);
    // period 71–80: S = active on 70: a (70), b (45 > 40) → S = {a, b}; spend in days 41–70:
    // a 10 (day 70; day 40 is outside), b 100 (day 45). On 80: a active (70 > 50), b not (45 ≤ 50).
    // lost spend share = 100 ÷ 110
    expect(relativeChurnFromHistories(h, period(71, 80), { inactiveDays: 30 })).toBeCloseTo(
      100 / 110,
      15
    );
  });

  it("repeat rate counts distinct purchase days within the period", () => {
    const h = histories([
      ["a", 3],
      ["a", 9],
      ["b", 4],
      ["b", 4],
      ["c", 20],
    ]);
    expect(repeatPurchaseRateFromHistories(h, period(1, 10))).toBe(0.5);
  });
});

describe("churnTrend", () => {
  it("shows complete calendar months only, up to as_of", () => {
    const jan = serialFromYmd(2024, 1, 15);
    const h = histories([
      ["a", jan],
      ["b", jan + 40],
    ]);
    const rows = churnTrend(h, {
      inactiveDays: 90,
      period: "month",
      asOf: serialFromYmd(2024, 3, 30),
    });
    expect(rows.map((r) => r.period.label)).toEqual(["2024-01", "2024-02"]);
    expect(rows[0]).toMatchObject({ atStart: 0, new: 1, atEnd: 1 });
    expect(rows[0]!.churnRate).toBeNaN();
    expect(rows[1]).toMatchObject({ atStart: 1, new: 1, atEnd: 2, churnRate: 0, retentionRate: 1 });
  });

  it("labels quarters and years", () => {
    expect(
      calendarPeriods(serialFromYmd(2023, 11, 5), serialFromYmd(2024, 2, 1), "quarter").map(
        (p) => p.label
      )
    ).toEqual(["2023-Q4", "2024-Q1"]);
    expect(
      calendarPeriods(serialFromYmd(2023, 11, 5), serialFromYmd(2024, 2, 1), "year").map(
        (p) => p.label
      )
    ).toEqual(["2023", "2024"]);
  });
});

describe("invariants", () => {
  const rowsArbitrary = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 400 })),
    {
      minLength: 1,
      maxLength: 80,
    }
  );
  const toRows = (rows: [number, number][]): [string, number, number][] =>
    rows.map(([c, d]) => [`c${c}`, d, 1]);

  it("S + N + reactivated − lost = E in every period of any length", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 120 }),
        (rows, first, length, inactiveDays) => {
          const a = accountPeriod(histories(toRows(rows)), period(first, first + length), {
            inactiveDays,
          });
          expect(a.atStart + a.new + a.reactivated - a.lost).toBe(a.atEnd);
          expect(a.lost).toBe(a.lostFromStart + a.lapsed);
        }
      )
    );
  });

  it("row order does not matter", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 120 }),
        (rows, first, inactiveDays) => {
          const p = period(first, first + 30);
          const forward = accountPeriod(histories(toRows(rows)), p, { inactiveDays });
          const backward = accountPeriod(histories(toRows([...rows].reverse())), p, {
            inactiveDays,
          });
          expect(backward).toEqual(forward);
        }
      )
    );
  });

  it("splitting a period in two is consistent: the first half's E is the second half's S", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 120 }),
        (rows, first, firstLength, secondLength, inactiveDays) => {
          const h = histories(toRows(rows));
          const rule = { inactiveDays };
          const [one, two] = accountPeriods(
            h,
            [
              period(first, first + firstLength),
              period(first + firstLength + 1, first + firstLength + secondLength),
            ],
            rule
          );
          const whole = accountPeriod(h, period(first, first + firstLength + secondLength), rule);
          expect(two!.atStart).toBe(one!.atEnd);
          expect(whole.atStart).toBe(one!.atStart);
          expect(whole.atEnd).toBe(two!.atEnd);
          // new customers of the whole period are new in exactly one half
          expect(whole.new).toBe(one!.new + two!.new);
        }
      )
    );
  });

  it("churn rate lies in [0, 1] whenever there is a base", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 120 }),
        (rows, first, inactiveDays) => {
          const h = histories(toRows(rows));
          const a = accountPeriod(h, period(first, first + 29), { inactiveDays });
          if (a.atStart > 0) {
            const rate = churnRateFromHistories(h, period(first, first + 29), { inactiveDays });
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
      )
    );
  });
});

describe("period words (one table for the functions and crm-report)", () => {
  it("reads English and Chinese words, ignoring case and spaces", () => {
    expect(periodKindOf(" Quarter ")).toBe("quarter");
    expect(periodKindOf("季度")).toBe("quarter");
    expect(periodKindOf("月")).toBe("month");
    expect(periodKindOf("y")).toBe("year");
    expect(periodKindOf("week")).toBeUndefined();
  });
});
