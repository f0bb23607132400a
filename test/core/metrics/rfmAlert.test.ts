import { expect } from "../../support/expect";
import fc from "fast-check";
import { buildHistories, hasPurchase } from "../../../src/core/input/history";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  ALERT_LEVELS,
  DEFAULT_ALERT_THRESHOLDS,
  checkAlertThresholds,
  compareCustomerIds,
  rfmAlertTable,
  rfmAlerts,
  thresholdsFromGrid,
  type AlertLevel,
  type AlertThresholds,
  type CustomerAlert,
} from "../../../src/core/metrics/rfmAlert";
import { expectCrmError } from "../expectError";
import { historiesOf } from "../../support/histories";

/** One transaction row: customer, day serial, amount. */
type Row = readonly [customer: string, day: number, amount: number];

// Most examples have their last purchase L on day 1000: recent window 971–1000, previous 941–970.
const L = 1000;

/** The level of the first (only) customer. */
function levelOf(rows: readonly Row[], asOf = L, thresholds?: AlertThresholds): AlertLevel {
  return rfmAlerts(historiesOf(rows), { asOf, ...(thresholds ? { thresholds } : {}) })[0]!.level;
}

const severity = (level: AlertLevel) => ALERT_LEVELS.indexOf(level);

describe("rfmAlerts", () => {
  it("gives the doc comment's example: 100.00 then 70.00 a month later is a 30 % fall, yellow", () => {
    // computed by hand from SPEC §2: L = 2024-03-31, R = Apr 5 − Mar 31 = 5 (no alarm);
    // recent [Mar 2, Mar 31] holds 70.00, previous [Jan 31, Mar 1] holds 100.00: M falls 30 %
    const march1 = serialFromYmd(2024, 3, 1);
    expect(march1).toBe(45352);
    const histories = buildHistories({
      customerIndex: Int32Array.of(0, 0),
      customerIds: ["a"],
      days: Int32Array.of(45352, 45382),
      amounts: Float64Array.of(100, 70),
    });
    expect(rfmAlerts(histories, { asOf: 45387 })).toEqual([
      {
        customer: "a",
        recencyDays: 5,
        frequencyRecent: 1,
        frequencyPrevious: 1,
        frequencyDecline: 0,
        monetaryRecent: 70,
        monetaryPrevious: 100,
        monetaryDecline: 0.3,
        level: "yellow",
      },
    ]);
    const table = rfmAlertTable(histories, { asOf: 45387 });
    expect(table.customers).toEqual(["a"]);
    expect([...table.recencyDays]).toEqual([5]);
    expect([...table.frequencyRecent, ...table.frequencyPrevious]).toEqual([1, 1]);
    expect([...table.monetaryRecent, ...table.monetaryPrevious]).toEqual([70, 100]);
    expect([...table.frequencyDecline, ...table.monetaryDecline]).toEqual([0, 0.3]);
    expect([...table.levels]).toEqual([1]);
    expect(ALERT_LEVELS[1]).toBe("yellow");
  });

  it("a recent customer with no decline is normal (SPEC §2)", () => {
    // one purchase in each window, same amount: R 0, no decline
    expect(
      levelOf([
        ["a", 950, 10],
        ["a", L, 10],
      ])
    ).toBe("normal");
  });

  it("counts the recent window as [L − 29, L] and the previous one as [L − 59, L − 30]", () => {
    // computed by hand: 971 and 1000 are recent; 970 and 941 previous; 940 in neither window
    const [alert] = rfmAlerts(
      historiesOf([
        ["a", 940, 1000],
        ["a", 941, 4],
        ["a", 970, 8],
        ["a", 971, 2],
        ["a", 1000, 1],
      ]),
      { asOf: L }
    );
    expect(alert).toMatchObject({
      frequencyRecent: 2,
      frequencyPrevious: 2,
      monetaryRecent: 3,
      monetaryPrevious: 12,
      monetaryDecline: 0.75,
      level: "red",
    });
  });

  it("takes the most severe level any of R, F decline and M decline reaches", () => {
    // R 15 is orange; M falls 60 % (100 → 40): red wins
    expect(
      levelOf(
        [
          ["a", 960, 100],
          ["a", L, 40],
        ],
        L + 15
      )
    ).toBe("red");
    // R 5 raises nothing; F falls 2 → 1 (50 %, orange); M falls 20 → 18 (10 %, yellow): orange
    expect(
      levelOf(
        [
          ["a", 950, 10],
          ["a", 960, 10],
          ["a", L, 18],
        ],
        L + 5
      )
    ).toBe("orange");
    // R 45 is red, whatever the declines
    expect(
      levelOf(
        [
          ["a", 950, 10],
          ["a", L, 10],
        ],
        L + 45
      )
    ).toBe("red");
  });

  it("a customer buying twice on one day counts one purchase day, with the day's total", () => {
    // previous: two rows on day 950 = 1 purchase day, 60.00; recent: 1 day, 30.00 → M falls 50 %
    const [alert] = rfmAlerts(
      historiesOf([
        ["a", 950, 20],
        ["a", 950, 40],
        ["a", L, 30],
      ]),
      { asOf: L }
    );
    expect(alert).toMatchObject({
      frequencyPrevious: 1,
      frequencyRecent: 1,
      frequencyDecline: 0,
      monetaryPrevious: 60,
      monetaryDecline: 0.5,
      level: "orange",
    });
  });

  it("the positional form is the options form", () => {
    const histories = historiesOf([
      ["a", 950, 10],
      ["b", 900, 5],
      ["b", 990, 1],
    ]);
    expect(rfmAlerts(histories, L)).toEqual(rfmAlerts(histories, { asOf: L }));
    expect(rfmAlerts(histories, L, DEFAULT_ALERT_THRESHOLDS, false)).toEqual(
      rfmAlerts(histories, { asOf: L, sort: "none" })
    );
  });
});

describe("sorting", () => {
  it("lists lost, red, orange, yellow, normal; then R, longest first", () => {
    // computed by hand: c last bought 70 days before as_of (lost), b 50 (red), d 20 (orange),
    // e 5 days ago (995), with 2 purchase days in its previous window [936, 965] and 1 in its
    // recent window [966, 995]: F falls 50 % (orange); a today (normal)
    const alerts = rfmAlerts(
      historiesOf([
        ["a", L, 1],
        ["b", L - 50, 1],
        ["c", L - 70, 1],
        ["d", L - 20, 1],
        ["e", L - 60, 1],
        ["e", L - 50, 1],
        ["e", L - 5, 1],
      ]),
      { asOf: L }
    );
    expect(alerts.map((a) => [a.customer, a.level, a.recencyDays])).toEqual([
      ["c", "lost", 70],
      ["b", "red", 50],
      ["d", "orange", 20],
      ["e", "orange", 5],
      ["a", "normal", 0],
    ]);
  });

  it("breaks ties by customer id: whole numbers by value first, then text", () => {
    const rows: Row[] = ["B", "10", "A", "9", "100", "A-2"].map((id) => [id, L, 1]);
    expect(rfmAlerts(historiesOf(rows), { asOf: L }).map((a) => a.customer)).toEqual([
      "9",
      "10",
      "100",
      "A",
      "A-2",
      "B",
    ]);
  });

  it("orders customers decades apart the same way (R spanning far more days than customers)", () => {
    // computed by hand: as of day 20000, b (R 19900) and a (R 19000) are lost, c (R 1) normal
    const alerts = rfmAlerts(
      historiesOf([
        ["c", 19999, 1],
        ["a", 1000, 1],
        ["b", 100, 1],
      ]),
      { asOf: 20000 }
    );
    expect(alerts.map((a) => [a.customer, a.level, a.recencyDays])).toEqual([
      ["b", "lost", 19900],
      ["a", "lost", 19000],
      ["c", "normal", 1],
    ]);
  });

  it("keeps the histories' order with sort: none", () => {
    const rows: Row[] = [
      ["z", L, 1],
      ["y", L - 90, 1],
      ["x", L - 40, 1],
    ];
    expect(rfmAlerts(historiesOf(rows), { asOf: L, sort: "none" }).map((a) => a.customer)).toEqual([
      "z",
      "y",
      "x",
    ]);
  });

  it("orders ids as the compareCustomerIds example says", () => {
    expect(["B", "10", "A", "9"].sort(compareCustomerIds)).toEqual(["9", "10", "A", "B"]);
    // leading zeros, signs and decimals are text, as the input layer keeps them
    expect(["007", "7", "-1", "1.5", "2"].sort(compareCustomerIds)).toEqual([
      "2",
      "7",
      "-1",
      "007",
      "1.5",
    ]);
  });
});

describe("thresholds", () => {
  it("can be overridden: with R up to 5 days quiet, 6 days is orange", () => {
    const thresholds: AlertThresholds = {
      recencyDays: [5, 20, 40],
      frequencyDecline: [0.3, 0.5],
      monetaryDecline: [0.3, 0.5],
    };
    expect(levelOf([["a", L, 1]], L + 5, thresholds)).toBe("normal");
    expect(levelOf([["a", L, 1]], L + 6, thresholds)).toBe("orange");
    expect(levelOf([["a", L, 1]], L + 41, thresholds)).toBe("lost");
  });

  it("puts a custom decline edge in the lower band too: exactly 25 % against an edge of 0.25 is yellow", () => {
    const thresholds: AlertThresholds = {
      ...DEFAULT_ALERT_THRESHOLDS,
      monetaryDecline: [0.25, 0.4],
    };
    const rows = (recent: number): Row[] => [
      ["a", 950, 80],
      ["a", L, recent],
    ];
    expect(levelOf(rows(60), L, thresholds)).toBe("yellow"); // 80 → 60: 25 %
    expect(levelOf(rows(59.99), L, thresholds)).toBe("orange");
    expect(levelOf(rows(48), L, thresholds)).toBe("orange"); // 40 %
    expect(levelOf(rows(47.99), L, thresholds)).toBe("red");
  });

  it("refuses edges that are not increasing, not whole days, negative or above 1", () => {
    const bad: AlertThresholds[] = [
      { ...DEFAULT_ALERT_THRESHOLDS, recencyDays: [30, 10, 60] },
      { ...DEFAULT_ALERT_THRESHOLDS, recencyDays: [10, 30, 30] },
      { ...DEFAULT_ALERT_THRESHOLDS, recencyDays: [10.5, 30, 60] },
      { ...DEFAULT_ALERT_THRESHOLDS, recencyDays: [-1, 30, 60] },
      { ...DEFAULT_ALERT_THRESHOLDS, frequencyDecline: [0.5, 0.3] },
      { ...DEFAULT_ALERT_THRESHOLDS, frequencyDecline: [0.3, 0.3] },
      { ...DEFAULT_ALERT_THRESHOLDS, monetaryDecline: [-0.1, 0.5] },
      { ...DEFAULT_ALERT_THRESHOLDS, monetaryDecline: [0.3, 1.5] },
      { ...DEFAULT_ALERT_THRESHOLDS, monetaryDecline: [Number.NaN, 0.5] },
    ];
    for (const thresholds of bad) {
      expectCrmError(() => checkAlertThresholds(thresholds), "num", "thresholds");
      expectCrmError(() => rfmAlerts(historiesOf([["a", L, 1]]), { asOf: L, thresholds }), "num");
    }
    expect(() =>
      checkAlertThresholds({ ...DEFAULT_ALERT_THRESHOLDS, frequencyDecline: [0, 1] })
    ).not.toThrow();
  });

  it("reads a 3 × 3 grid: rows yellow, orange, red; columns R days, F decline, M decline", () => {
    expect(
      thresholdsFromGrid([
        [7, 0.2, 0.25],
        [30, 0.5, 0.5],
        [90, null, null],
      ])
    ).toEqual({
      recencyDays: [7, 30, 90],
      frequencyDecline: [0.2, 0.5],
      monetaryDecline: [0.25, 0.5],
    });
  });

  it("keeps the defaults for empty cells and accepts 0, 1 or the orange edge in the red F and M cells", () => {
    const empty = [
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ];
    expect(thresholdsFromGrid(empty)).toEqual(DEFAULT_ALERT_THRESHOLDS);
    for (const red of [0, 1, 0.5]) {
      expect(
        thresholdsFromGrid([
          [10, 0.3, 0.3],
          [30, 0.5, 0.5],
          [60, red, red],
        ])
      ).toEqual(DEFAULT_ALERT_THRESHOLDS);
    }
  });

  it("refuses a grid that is not 3 × 3 (#VALUE!) or holds bad edges (#NUM!)", () => {
    expectCrmError(() => thresholdsFromGrid([[10, 0.3, 0.3]]), "value", "thresholds");
    expectCrmError(
      () =>
        thresholdsFromGrid([
          [10, 0.3],
          [30, 0.5],
          [60, null],
        ]),
      "value",
      "thresholds"
    );
    expectCrmError(
      () =>
        thresholdsFromGrid([
          [10, 0.3, 0.3],
          [30, 0.5, 0.5],
          [60, 0.8, null],
        ]),
      "num",
      "thresholds"
    );
    expectCrmError(
      () =>
        thresholdsFromGrid([
          [10, 30, 30],
          [30, 50, 50],
          [60, null, null],
        ]),
      "num",
      "thresholds"
    );
  });
});

describe("edge cases", () => {
  it("R exactly 10 raises nothing, 11 and 30 are orange, 31 and 60 red, 61 lost", () => {
    const rows: Row[] = [["a", L, 10]];
    const byR = [0, 10, 11, 30, 31, 60, 61, 400].map((r) => levelOf(rows, L + r));
    expect(byR).toEqual(["normal", "normal", "orange", "orange", "red", "red", "lost", "lost"]);
  });

  it("a decline of exactly 30 % is yellow and of exactly 50 % orange (100.00 → 70.00 / 50.00)", () => {
    const rows = (previous: number, recent: number): Row[] => [
      ["a", 960, previous],
      ["a", L, recent],
    ];
    expect(levelOf(rows(100, 70))).toBe("yellow");
    expect(levelOf(rows(100, 69.99))).toBe("orange");
    expect(levelOf(rows(100, 50))).toBe("orange");
    expect(levelOf(rows(100, 49.99))).toBe("red");
    expect(levelOf(rows(100, 99.99))).toBe("yellow");
    expect(levelOf(rows(100, 100))).toBe("normal");
  });

  it("compares floating-point-prone amounts exactly: 0.1 + 0.2 → 0.21 is 30 %, yellow", () => {
    // In floating point (0.3 − 0.21) ÷ 0.3 is not 0.3, but in cents (30 − 21) ÷ 30 is exactly 30 %.
    expect((0.1 + 0.2 - (0.1 + 0.11)) / (0.1 + 0.2)).not.toBe(0.3);
    // previous: 0.1 and 0.2 on two days; recent: 0.1 and 0.11 on two days (F 2 → 2, no fall)
    const [twoDays] = rfmAlerts(
      historiesOf([
        ["a", 945, 0.1],
        ["a", 950, 0.2],
        ["a", 990, 0.1],
        ["a", L, 0.11],
      ]),
      { asOf: L }
    );
    expect(twoDays).toMatchObject({ monetaryPrevious: 0.3, monetaryRecent: 0.21, level: "yellow" });
    // the same on single days, the rows merged by buildHistories (0.1 + 0.2 = 0.30000000000000004)
    expect(
      levelOf([
        ["a", 950, 0.1],
        ["a", 950, 0.2],
        ["a", L, 0.1],
        ["a", L, 0.11],
      ])
    ).toBe("yellow");
  });

  it("compares frequency declines exactly: 10 → 7 purchase days is 30 %, 4 → 2 is 50 %, 10 → 4 red", () => {
    const customer = (previousDays: number, recentDays: number): Row[] => [
      ...Array.from({ length: previousDays }, (_, k): Row => ["a", 941 + k, 1]),
      ...Array.from({ length: recentDays }, (_, k): Row => ["a", L - k, 100]),
    ];
    // M rises in every case (100 per recent day), so F alone decides
    expect(levelOf(customer(10, 7))).toBe("yellow");
    expect(levelOf(customer(4, 2))).toBe("orange");
    expect(levelOf(customer(10, 5))).toBe("orange");
    expect(levelOf(customer(10, 4))).toBe("red");
  });

  it("stays exact for amounts beyond 2^53 basis points: 100 bn → 70 bn is exactly 30 %", () => {
    expect(
      levelOf([
        ["a", 950, 100_000_000_000],
        ["a", L, 70_000_000_000],
      ])
    ).toBe("yellow");
    expect(
      levelOf([
        ["a", 950, 100_000_000_000],
        ["a", L, 69_999_999_999.99],
      ])
    ).toBe("orange");
  });

  it("previous = 0 means no decline, and growth is no decline either", () => {
    const [first] = rfmAlerts(historiesOf([["a", L, 10]]), { asOf: L });
    expect(first).toMatchObject({
      frequencyPrevious: 0,
      monetaryPrevious: 0,
      frequencyDecline: 0,
      monetaryDecline: 0,
      level: "normal",
    });
    const [growing] = rfmAlerts(
      historiesOf([
        ["a", 950, 10],
        ["a", 990, 30],
        ["a", L, 30],
      ]),
      { asOf: L }
    );
    expect(growing).toMatchObject({ frequencyDecline: 0, monetaryDecline: 0, level: "normal" });
  });

  it('a day of only returns is no purchase: R counts from the last purchase day (SPEC §2 "Returns")', () => {
    // computed by hand from SPEC §2 "Returns": the −20 on L is a return-only day, so the last
    // purchase is day 950: R = 50 → red; the return lies after 950, in neither window
    const [refund] = rfmAlerts(
      historiesOf([
        ["a", 950, 100],
        ["a", L, -20],
      ]),
      { asOf: L }
    );
    expect(refund).toMatchObject({
      recencyDays: 50,
      frequencyRecent: 1,
      monetaryRecent: 100,
      monetaryDecline: 0,
      level: "red",
    });
  });

  it("nets a return inside the recent window in M; the decline stays within [0, 1]", () => {
    // previous window [941, 970]: 100 on 950; recent [971, 1000]: 10 on L and a return of −30 on
    // 990 → recent −20, a fall of 120 %, shown as 1 (SPEC §2 "Bounds"), red
    const [refund] = rfmAlerts(
      historiesOf([
        ["a", 950, 100],
        ["a", 990, -30],
        ["a", L, 10],
      ]),
      { asOf: L }
    );
    expect(refund).toMatchObject({
      recencyDays: 0,
      frequencyRecent: 1,
      frequencyPrevious: 1,
      monetaryRecent: -20,
      monetaryPrevious: 100,
      monetaryDecline: 1,
      level: "red",
    });
    // a previous window that nets to 0 or less is no base: no decline
    expect(
      levelOf([
        ["a", 950, -5],
        ["a", L, 1],
      ])
    ).toBe("normal");
  });

  it("ignores purchases after as_of, and customers whose first purchase is after it", () => {
    const alerts = rfmAlerts(
      historiesOf([
        ["a", 950, 100],
        ["a", L, 100],
        ["a", L + 20, 1],
        ["b", L + 11, 50],
      ]),
      { asOf: L + 10 }
    );
    expect(alerts).toEqual([
      {
        customer: "a",
        recencyDays: 10,
        frequencyRecent: 1,
        frequencyPrevious: 1,
        frequencyDecline: 0,
        monetaryRecent: 100,
        monetaryPrevious: 100,
        monetaryDecline: 0,
        level: "normal",
      },
    ]);
  });

  it("drops a fraction of a day from as_of", () => {
    const histories = historiesOf([["a", L, 1]]);
    expect(rfmAlerts(histories, { asOf: L + 10.75 })).toEqual(
      rfmAlerts(histories, { asOf: L + 10 })
    );
  });

  it("refuses an as_of that is no date (#NUM!) and answers #N/A when nobody bought by then", () => {
    const histories = historiesOf([["a", L, 1]]);
    for (const asOf of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5, 2958466]) {
      expectCrmError(() => rfmAlerts(histories, { asOf }), "num", "as_of");
    }
    expectCrmError(() => rfmAlerts(histories, { asOf: L - 1 }), "na", "as_of");
    expectCrmError(() => rfmAlerts(historiesOf([]), { asOf: L }), "na", "as_of");
  });
});

/** Random transaction rows over a few customers, with ids that are numbers or text. */
const rowsArbitrary = fc.array(
  fc.tuple(
    fc.constantFrom("1", "2", "10", "007", "A", "B-1", "b", "客户甲", "C-0001"),
    fc.integer({ min: 800, max: 1000 }),
    fc.integer({ min: -500, max: 20_000 }).map((cents) => cents / 100)
  ),
  { minLength: 1, maxLength: 60 }
);

describe("properties", () => {
  it("the level never falls as R grows, when nothing else changes", () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        (rows, wait1, wait2) => {
          const histories = historiesOf(rows.map(([, day, amount]): Row => ["a", day, amount]));
          // a customer with only returns has no purchase day and is not listed (SPEC §2 "Returns")
          if (histories.days.length === 0) return;
          const [near, far] = wait1 <= wait2 ? [wait1, wait2] : [wait2, wait1];
          // every purchase is on or before day 1000, so waiting longer only changes R
          const [before] = rfmAlerts(histories, { asOf: 1000 + near });
          const [after] = rfmAlerts(histories, { asOf: 1000 + far });
          expect(after!.recencyDays - before!.recencyDays).toBe(far - near);
          expect(severity(after!.level)).toBeGreaterThanOrEqual(severity(before!.level));
        }
      )
    );
  });

  it("sorts by severity, then R descending, then compareCustomerIds, and lists everyone once", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 1000, max: 1100 }), (rows, asOf) => {
        const histories = historiesOf(rows);
        if (histories.days.length === 0) return; // only returns: nobody to list
        const sorted = rfmAlerts(histories, { asOf });
        const unsorted = rfmAlerts(histories, { asOf, sort: "none" });
        const expected = [...unsorted].sort(
          (x: CustomerAlert, y: CustomerAlert) =>
            severity(y.level) - severity(x.level) ||
            y.recencyDays - x.recencyDays ||
            compareCustomerIds(x.customer, y.customer)
        );
        expect(sorted).toEqual(expected);
        // customers with only returns are not listed (SPEC §2 "Returns")
        expect(unsorted.map((a) => a.customer)).toEqual(
          histories.customerIds.filter((_, c) => hasPurchase(histories, c))
        );
      })
    );
  });

  it("decides decline bands as exact fractions of whole cents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (previousCents, recentCents) => {
          const level = levelOf([
            ["a", 950, previousCents / 100],
            ["a", L, recentCents / 100],
          ]);
          // reference: compare (previous − recent) ÷ previous with 3/10 and 5/10 in BigInt
          const fall = BigInt(Math.max(0, previousCents - recentCents)) * 10n;
          const base = BigInt(previousCents);
          const expected: AlertLevel =
            fall === 0n
              ? "normal"
              : fall <= 3n * base
                ? "yellow"
                : fall <= 5n * base
                  ? "orange"
                  : "red";
          expect(level).toBe(expected);
        }
      )
    );
  });

  it("sorts many customers by id exactly as compareCustomerIds would", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 10 ** 15 - 1 }).map(String),
            fc.string({ minLength: 1, maxLength: 12 }),
            fc.stringMatching(/^[A-Z]{2}-\d{3,9}$/)
          ),
          { minLength: 1, maxLength: 200 }
        ),
        (ids) => {
          const rows: Row[] = ids.map((id) => [id, L, 1]);
          const histories = historiesOf(rows);
          const listed = rfmAlerts(histories, { asOf: L }).map((a) => a.customer);
          expect(listed).toEqual([...histories.customerIds].sort(compareCustomerIds));
        }
      )
    );
  });
});
