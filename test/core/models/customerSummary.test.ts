import { expect } from "../../support/expect";
import {
  checkSummaryRow,
  customerSummary,
  DAYS_PER_UNIT,
  requireTimeUnit,
  summaryFromTable,
  type TransactionColumns,
} from "../../../src/core/models/customerSummary";
import {
  CDNOW_CALIBRATION_END,
  CDNOW_FIRST_DAY,
  loadCdnowPublishedSummary,
  loadCdnowSample,
} from "../../support/cdnow";
import { expectCrmError } from "../expectError";

/** Rows as (customer index, day serial, amount) triples, for hand-built examples. */
function transactions(customerIds: string[], rows: [number, number, number][]): TransactionColumns {
  return {
    customerIds,
    customerIndex: Int32Array.from(rows.map((row) => row[0])),
    days: Int32Array.from(rows.map((row) => row[1])),
    amounts: Float64Array.from(rows.map((row) => row[2])),
  };
}

describe("customerSummary", () => {
  it("counts repeat purchase days, recency and age in weeks from the first purchase day", () => {
    // CDNOW customer 1: 1997-01-01 (29.33), 01-18 (29.73), 08-02 (14.96), 12-12 (after the end)
    const summary = customerSummary(
      transactions(
        ["1"],
        [
          [0, 35431, 29.33],
          [0, 35448, 29.73],
          [0, 35644, 14.96],
          [0, 35775, 26.48],
        ]
      ),
      { calibrationEnd: 35703, timeUnit: "week" }
    );
    expect(Array.from(summary.x)).toEqual([2]);
    expect(summary.tx[0]).toBe(213 / 7); // 1997-01-01 → 1997-08-02: 213 days
    expect(summary.T[0]).toBe(272 / 7); // 1997-01-01 → 1997-09-30: 272 days
    expect(summary.monetary[0]).toBeCloseTo((29.73 + 14.96) / 2, 12); // the first day is excluded
  });

  it("a customer buying twice on one day counts once, with the day's amounts summed", () => {
    const summary = customerSummary(
      transactions(
        ["a"],
        [
          [0, 100, 5],
          [0, 100, 7],
          [0, 107, 3],
          [0, 107, 4],
        ]
      ),
      { calibrationEnd: 114, timeUnit: "day" }
    );
    expect(summary.x[0]).toBe(1);
    expect(summary.tx[0]).toBe(7);
    expect(summary.T[0]).toBe(14);
    expect(summary.monetary[0]).toBe(7); // 3 + 4 on the repeat day
  });

  it("a one-time buyer has x = 0, recency 0 and monetary value 0", () => {
    const summary = customerSummary(transactions(["a"], [[0, 100, 50]]), {
      calibrationEnd: 130,
      timeUnit: "day",
    });
    expect([summary.x[0], summary.tx[0], summary.T[0], summary.monetary[0]]).toEqual([0, 0, 30, 0]);
  });

  it("a month is 30.4375 days, never 30", () => {
    expect(DAYS_PER_UNIT.month).toBe(30.4375);
    const summary = customerSummary(
      transactions(
        ["a"],
        [
          [0, 1000, 1],
          [0, 1000 + 365, 1],
        ]
      ),
      { calibrationEnd: 1000 + 730, timeUnit: "month" }
    );
    expect(summary.tx[0]).toBe(365 / 30.4375);
    expect(summary.T[0]).toBe(730 / 30.4375);
  });

  it("purchases after the calibration end are ignored; a purchase on the end day counts", () => {
    const summary = customerSummary(
      transactions(
        ["a"],
        [
          [0, 10, 1],
          [0, 20, 2],
          [0, 21, 3],
        ]
      ),
      { calibrationEnd: 20, timeUnit: "day" }
    );
    expect([summary.x[0], summary.tx[0], summary.T[0], summary.monetary[0]]).toEqual([
      1, 10, 10, 2,
    ]);
  });

  it("leaves out customers whose first purchase is after the calibration end, and counts them", () => {
    const summary = customerSummary(
      transactions(
        ["early", "late", "also early"],
        [
          [1, 50, 1],
          [0, 10, 1],
          [2, 12, 1],
        ]
      ),
      { calibrationEnd: 40, timeUnit: "day" }
    );
    expect(summary.customerIds).toEqual(["early", "also early"]);
    expect(Array.from(summary.sourceIndex)).toEqual([0, 2]);
    expect(summary.excludedCustomers).toBe(1);
    expect(summary.calibrationEnd).toBe(40);
  });

  it("rows in any order give the same summary", () => {
    const rows: [number, number, number][] = [
      [0, 30, 1],
      [1, 5, 2],
      [0, 10, 3],
      [0, 20, 4],
      [1, 9, 5],
    ];
    const forward = customerSummary(transactions(["a", "b"], rows), {
      calibrationEnd: 40,
      timeUnit: "day",
    });
    const backward = customerSummary(transactions(["a", "b"], [...rows].reverse()), {
      calibrationEnd: 40,
      timeUnit: "day",
    });
    expect(backward).toEqual(forward);
    expect(Array.from(forward.x)).toEqual([2, 1]);
    expect(Array.from(forward.monetary)).toEqual([2.5, 5]);
  });

  describe("CDNOW sample (Fader, Hardie & Lee 2005)", () => {
    const summary = customerSummary(loadCdnowSample(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      timeUnit: "week",
    });

    it("day serial of 1997-01-01 is 35431 and the calibration ends on 1997-09-30 (35703)", () => {
      expect(CDNOW_FIRST_DAY).toBe(35431);
      expect(CDNOW_CALIBRATION_END - CDNOW_FIRST_DAY).toBe(272);
    });

    it("has 2,357 customers, 946 of them repeat buyers (FHL 2005; Fader & Hardie 2013)", () => {
      expect(summary.customerIds.length).toBe(2357);
      expect(summary.excludedCustomers).toBe(0);
      expect(Array.from(summary.x).filter((x) => x > 0).length).toBe(946);
    });

    it("equals the summary shipped with lifetimes (cdnow_customers_summary_with_transactions.csv) to its 2-dp rounding, every row", () => {
      // The file's T of 38.86 weeks for a 1997-01-01 customer is 272 / 7: T runs from the first
      // purchase day to the calibration end day, both taken at the same time of day (not to
      // the end of 1997-09-30, which would give 273 / 7 = 39.00).
      const published = loadCdnowPublishedSummary();
      expect(published.length).toBe(summary.customerIds.length);
      const row = new Map(summary.customerIds.map((id, i) => [id, i]));
      const mismatches: string[] = [];
      const half = 0.005 + 1e-9;
      for (const expected of published) {
        const i = row.get(expected.id);
        if (i === undefined) {
          mismatches.push(`${expected.id}: missing`);
          continue;
        }
        if (
          summary.x[i] !== expected.x ||
          Math.abs(summary.tx[i]! - expected.tx) > half ||
          Math.abs(summary.T[i]! - expected.T) > half ||
          Math.abs(summary.monetary[i]! - expected.zbar) > half
        ) {
          mismatches.push(
            `${expected.id}: ${summary.x[i]}, ${summary.tx[i]}, ${summary.T[i]}, ${summary.monetary[i]} vs ${JSON.stringify(expected)}`
          );
        }
      }
      expect(mismatches).toEqual([]);
    });

    it("T to the end of the calibration day (273 days) would not match the file", () => {
      const published = loadCdnowPublishedSummary();
      expect(published[0]!.T).toBe(38.86);
      expect((272 / 7).toFixed(2)).toBe("38.86");
      expect((273 / 7).toFixed(2)).toBe("39.00");
    });
  });

  describe("edge cases", () => {
    const one = transactions(["a"], [[0, 10, 1]]);

    it("refuses columns of different lengths", () => {
      expectCrmError(
        () =>
          customerSummary(
            { ...one, amounts: Float64Array.of(1, 2) },
            { calibrationEnd: 20, timeUnit: "day" }
          ),
        "value",
        "amounts"
      );
      expectCrmError(
        () =>
          customerSummary(
            { ...one, days: Int32Array.of(1, 2) },
            { calibrationEnd: 20, timeUnit: "day" }
          ),
        "value",
        "dates"
      );
    });

    it("refuses a non-finite amount, naming its row", () => {
      expectCrmError(
        () =>
          customerSummary(
            transactions(
              ["a"],
              [
                [0, 1, 1],
                [0, 2, Number.NaN],
              ]
            ),
            { calibrationEnd: 20, timeUnit: "day" }
          ),
        "value",
        "amounts",
        2
      );
    });

    it("refuses a calibration end that is not a whole day", () => {
      expectCrmError(
        () => customerSummary(one, { calibrationEnd: 20.5, timeUnit: "day" }),
        "num",
        "calibration_end"
      );
    });

    it("refuses an unknown time unit", () => {
      expectCrmError(() => requireTimeUnit("fortnight"), "value", "time_unit");
    });

    it("is #N/A when nobody bought by the calibration end", () => {
      expectCrmError(
        () => customerSummary(one, { calibrationEnd: 5, timeUnit: "day" }),
        "na",
        "calibration_end"
      );
    });
  });
});

describe("customerSummary's memory", () => {
  // 1,000 customers, of whom the first `before` bought by the calibration end (day 100)
  const columns = (before: number) =>
    transactions(
      Array.from({ length: 1000 }, (_, c) => `c${c}`),
      Array.from({ length: 1000 }, (_, c): [number, number, number] => [
        c,
        c < before ? 50 : 200,
        1,
      ])
    );
  const options = { calibrationEnd: 100, timeUnit: "day" as const };

  it("holds arrays of about its own size: a summary of 10 customers out of 1,000 holds 10 slots", () => {
    const summary = customerSummary(columns(10), options);
    expect(summary.x.length).toBe(10);
    for (const column of [
      summary.sourceIndex,
      summary.x,
      summary.tx,
      summary.T,
      summary.monetary,
    ]) {
      expect(column.buffer.byteLength).toBe(column.byteLength);
    }
  });

  it("shares the arrays it filled when at most half their slots go unused (900 of 1,000)", () => {
    const summary = customerSummary(columns(900), options);
    expect(summary.x.length).toBe(900);
    expect(summary.x.buffer.byteLength).toBe(4 * 1000);
  });
});

describe("summaryFromTable", () => {
  it("reads a ready-made summary (lifetimes' CDNOW file, first rows)", () => {
    const summary = summaryFromTable(
      [
        { id: "1", x: 2, tx: 30.43, T: 38.86, monetary: 22.35 },
        { id: "3", x: 0, tx: 0, T: 38.86, monetary: 0 },
      ],
      "week"
    );
    expect(summary.customerIds).toEqual(["1", "3"]);
    expect(Array.from(summary.x)).toEqual([2, 0]);
    expect(Array.from(summary.T)).toEqual([38.86, 38.86]);
    expect(Array.from(summary.monetary)).toEqual([22.35, 0]);
    expect(Array.from(summary.sourceIndex)).toEqual([0, 1]);
  });

  describe("edge cases: each rule names the column and the row", () => {
    const good = { id: "ok", x: 1, tx: 2, T: 3, monetary: 10 };
    const table = (bad: Partial<typeof good>) => [good, { ...good, ...bad }];

    it("x must be a whole number ≥ 0", () => {
      expectCrmError(() => summaryFromTable(table({ x: 1.5 }), "week"), "num", "x", 2);
      expectCrmError(() => summaryFromTable(table({ x: -1 }), "week"), "num", "x", 2);
    });
    it("x fits the summary's 32-bit column: 2,147,483,647 at most, never wrapped around (QA)", () => {
      expect(summaryFromTable(table({ x: 2 ** 31 - 1 }), "week").x[1]).toBe(2 ** 31 - 1);
      expectCrmError(() => summaryFromTable(table({ x: 2 ** 31 }), "week"), "num", "x", 2);
      expectCrmError(() => summaryFromTable(table({ x: 2 ** 32 + 2 }), "week"), "num", "x", 2);
    });
    it("0 ≤ t_x ≤ T", () => {
      expectCrmError(() => summaryFromTable(table({ tx: 4 }), "week"), "num", "t_x", 2);
      expectCrmError(() => summaryFromTable(table({ tx: -1 }), "week"), "num", "t_x", 2);
      expectCrmError(() => summaryFromTable(table({ T: -1, tx: 0 }), "week"), "num", "T", 2);
    });
    it("x = 0 means t_x = 0", () => {
      expectCrmError(() => summaryFromTable(table({ x: 0, tx: 1 }), "week"), "num", "t_x", 2);
    });
    it("a repeat buyer's monetary value is above 0", () => {
      expectCrmError(() => summaryFromTable(table({ monetary: 0 }), "week"), "num", "monetary", 2);
      expectCrmError(
        () => summaryFromTable(table({ monetary: Number.NaN }), "week"),
        "num",
        "monetary",
        2
      );
    });
    it("the caller's argument names appear in the message", () => {
      const error = expectCrmError(
        () =>
          checkSummaryRow(1, 5, 3, 10, 7, {
            x: "frequency",
            tx: "recency",
            T: "age",
            monetary: "spend",
          }),
        "num",
        "recency",
        7
      );
      expect(error.message).toContain("age");
    });
    it("an empty table is #N/A", () => {
      expectCrmError(() => summaryFromTable([], "week"), "na");
    });
  });
});
