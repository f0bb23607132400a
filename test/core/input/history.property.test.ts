/**
 * buildHistories against a naive reading of SPEC §2 ("purchases are distinct purchase days per
 * customer: same-day rows merge; amounts sum"; "Returns": a customer-day of only negative
 * amounts is no purchase day), on random tables large enough for both of its grouping forms:
 * the counting sort by day (days spanning about the row count or less) and the per-customer
 * sort (days spanning far more).
 */
import fc from "fast-check";
import { expect } from "../../support/expect";
import { buildHistories } from "../../../src/core/input/history";

interface Rows {
  customerIndex: Int32Array;
  customerIds: string[];
  days: Int32Array;
  amounts: Float64Array | undefined;
}

/** Per customer, its days in order with each day's net (row order) and whether it is a purchase. */
function naive(rows: Rows) {
  return rows.customerIds.map((_, c) => {
    const byDay = new Map<number, { net: number; purchase: boolean }>();
    for (let i = 0; i < rows.days.length; i++) {
      if (rows.customerIndex[i] !== c) continue;
      const amount = rows.amounts ? rows.amounts[i]! : 0;
      const day = byDay.get(rows.days[i]!) ?? { net: 0, purchase: false };
      day.net += amount;
      if (!(amount < 0)) day.purchase = true;
      byDay.set(rows.days[i]!, day);
    }
    const days = [...byDay.keys()].sort((a, b) => a - b);
    return {
      purchases: days.filter((d) => byDay.get(d)!.purchase).map((d) => [d, byDay.get(d)!.net]),
      returns: days.filter((d) => !byDay.get(d)!.purchase).map((d) => [d, byDay.get(d)!.net]),
    };
  });
}

function grouped(rows: Rows) {
  const h = buildHistories(rows);
  return rows.customerIds.map((_, c) => {
    const purchases: number[][] = [];
    for (let i = h.start[c]!; i < h.start[c + 1]!; i++) purchases.push([h.days[i]!, h.totals[i]!]);
    const returns: number[][] = [];
    for (let i = h.returnStart[c]!; i < h.returnStart[c + 1]!; i++)
      returns.push([h.returnDays[i]!, h.returnTotals[i]!]);
    return { purchases, returns };
  });
}

const table = (maxSpan: number) =>
  fc
    .record({
      rows: fc.integer({ min: 200, max: 1200 }),
      customers: fc.integer({ min: 1, max: 80 }),
      span: fc.integer({ min: 1, max: maxSpan }),
      withAmounts: fc.boolean(),
      seed: fc.integer(),
    })
    .chain(({ rows, customers, span, withAmounts }) =>
      fc.record({
        customerIndex: fc.array(fc.integer({ min: 0, max: customers - 1 }), {
          minLength: rows,
          maxLength: rows,
        }),
        days: fc.array(fc.integer({ min: 45000, max: 45000 + span - 1 }), {
          minLength: rows,
          maxLength: rows,
        }),
        amounts: withAmounts
          ? fc.array(fc.oneof(fc.double({ min: -500, max: 500, noNaN: true }), fc.constant(0)), {
              minLength: rows,
              maxLength: rows,
            })
          : fc.constant(undefined),
        customers: fc.constant(customers),
      })
    )
    .map((t): Rows => ({
      customerIndex: Int32Array.from(t.customerIndex),
      customerIds: Array.from({ length: t.customers }, (_, c) => `c${c}`),
      days: Int32Array.from(t.days),
      amounts: t.amounts === undefined ? undefined : Float64Array.from(t.amounts),
    }));

describe("buildHistories reads as SPEC §2 says, in both grouping forms", () => {
  it("days spanning less than the rows (grouped by a counting sort by day)", () => {
    fc.assert(
      fc.property(table(400), (rows) => {
        expect(grouped(rows)).toEqual(naive(rows));
      }),
      { numRuns: 150 }
    );
  });

  it("days spanning far more than the rows (each customer's days sorted)", () => {
    fc.assert(
      fc.property(table(2_000_000), (rows) => {
        expect(grouped(rows)).toEqual(naive(rows));
      }),
      { numRuns: 150 }
    );
  });

  it("first and last day: first purchase day, last day of any row", () => {
    // computed by hand: customer 0 buys on 45010 and returns on 45020; customer 1 returns only
    const n = 300;
    const rows: Rows = {
      customerIndex: new Int32Array(n).fill(0),
      customerIds: ["a", "b"],
      days: new Int32Array(n).fill(45010),
      amounts: new Float64Array(n).fill(1),
    };
    rows.days[5] = 45020;
    rows.amounts![5] = -3;
    rows.customerIndex[7] = 1;
    rows.days[7] = 45005;
    rows.amounts![7] = -2;
    const h = buildHistories(rows);
    expect([h.firstDay, h.lastDay]).toEqual([45010, 45020]);
    expect(Array.from(h.totals)).toEqual([298]);
    expect(Array.from(h.returnDays)).toEqual([45020, 45005]);
  });
});
