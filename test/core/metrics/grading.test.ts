import { expect } from "../../support/expect";
import fc from "fast-check";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  DEFAULT_GRADE_THRESHOLDS,
  GRADES,
  checkGradeThresholds,
  gradeCustomers,
  type GradeThresholds,
} from "../../../src/core/metrics/grading";
import { expectCrmError } from "../expectError";
import { historiesOf } from "../../support/histories";

/** One transaction row: customer, day serial. */
type Row = readonly [customer: string, day: number];

const rowsOf = (grading: ReturnType<typeof gradeCustomers>) =>
  grading.customers.map((g) => [g.customer, g.visits, g.grade]);

describe("gradeCustomers", () => {
  it("gives the doc comment's example: 3 visits in 2024 is A, a visit in 2023 only is D", () => {
    // computed by hand from SPEC §2: the window is the 365 days ending 2024-12-31 (2024-01-02 …
    // 2024-12-31, a leap year); a visited 2024-03-01, 06-01 and 12-31; b only 2023-06-01
    expect([
      serialFromYmd(2024, 3, 1),
      serialFromYmd(2024, 6, 1),
      serialFromYmd(2024, 12, 31),
      serialFromYmd(2023, 6, 1),
    ]).toEqual([45352, 45444, 45657, 45078]);
    const grading = gradeCustomers(
      historiesOf([
        ["a", 45352],
        ["a", 45444],
        ["a", 45657],
        ["b", 45078],
      ]),
      { asOf: 45657 }
    );
    expect(grading).toEqual({
      customers: [
        { customer: "a", visits: 3, grade: "A" },
        { customer: "b", visits: 0, grade: "D" },
      ],
      counts: { A: 1, B: 0, C: 0, D: 1 },
    });
  });

  it("grades A ≥ 3, B = 2, C = 1, D = 0 visits by default (the source's after-sales example)", () => {
    // as of day 1000 the window is 636 … 1000
    const grading = gradeCustomers(
      historiesOf([
        ["a", 700],
        ["a", 800],
        ["a", 900],
        ["a", 1000],
        ["b", 900],
        ["b", 950],
        ["c", 640],
        ["d", 100],
      ]),
      { asOf: 1000 }
    );
    expect(rowsOf(grading)).toEqual([
      ["a", 4, "A"],
      ["b", 2, "B"],
      ["c", 1, "C"],
      ["d", 0, "D"],
    ]);
    expect(grading.counts).toEqual({ A: 1, B: 1, C: 1, D: 1 });
    expect(GRADES).toEqual(["A", "B", "C", "D"]);
    expect(DEFAULT_GRADE_THRESHOLDS).toEqual({ a: 3, b: 2, c: 1 });
  });

  it("takes thresholds: with A from 5, B from 3 and C from 2 visits, 1 visit is D", () => {
    const rows: Row[] = [
      ...[1, 2, 3, 4, 5].map((d): Row => ["a", 990 + d]),
      ...[1, 2, 3].map((d): Row => ["b", 990 + d]),
      ...[1, 2].map((d): Row => ["c", 990 + d]),
      ["d", 999],
    ];
    const thresholds: GradeThresholds = { a: 5, b: 3, c: 2 };
    expect(rowsOf(gradeCustomers(historiesOf(rows), { asOf: 1000, thresholds }))).toEqual([
      ["a", 5, "A"],
      ["b", 3, "B"],
      ["c", 2, "C"],
      ["d", 1, "D"],
    ]);
  });

  it("the positional form is the options form", () => {
    const histories = historiesOf([
      ["a", 900],
      ["a", 990],
      ["b", 10],
    ]);
    expect(gradeCustomers(histories, 1000)).toEqual(gradeCustomers(histories, { asOf: 1000 }));
    const thresholds = { a: 4, b: 2, c: 1 };
    expect(gradeCustomers(histories, 1000, thresholds)).toEqual(
      gradeCustomers(histories, { asOf: 1000, thresholds })
    );
  });
});

describe("edge cases", () => {
  it("the window holds as_of and the 364 days before it, no more", () => {
    // as of 1000: day 636 is the window's first day, 635 lies before it
    const grading = gradeCustomers(
      historiesOf([
        ["a", 636],
        ["b", 635],
        ["c", 1000],
      ]),
      { asOf: 1000 }
    );
    expect(rowsOf(grading)).toEqual([
      ["a", 1, "C"],
      ["b", 0, "D"],
      ["c", 1, "C"],
    ]);
  });

  it("a customer buying several times on one day makes one visit", () => {
    const grading = gradeCustomers(
      historiesOf([
        ["a", 900],
        ["a", 900],
        ["a", 900],
        ["a", 950],
      ]),
      { asOf: 1000 }
    );
    expect(rowsOf(grading)).toEqual([["a", 2, "B"]]);
  });

  it("ignores purchases after as_of and leaves out customers who had not bought by then", () => {
    const grading = gradeCustomers(
      historiesOf([
        ["a", 900],
        ["a", 1001],
        ["a", 1002],
        ["b", 1001],
      ]),
      { asOf: 1000 }
    );
    expect(rowsOf(grading)).toEqual([["a", 1, "C"]]);
    expect(grading.counts).toEqual({ A: 0, B: 0, C: 1, D: 0 });
  });

  it("refuses thresholds that are not whole numbers with A > B > C ≥ 1", () => {
    const bad: GradeThresholds[] = [
      { a: 2, b: 2, c: 1 },
      { a: 3, b: 1, c: 2 },
      { a: 3, b: 2, c: 0 },
      { a: 3.5, b: 2, c: 1 },
      { a: Number.NaN, b: 2, c: 1 },
    ];
    for (const thresholds of bad) {
      expectCrmError(() => checkGradeThresholds(thresholds), "num", "thresholds");
      expectCrmError(
        () => gradeCustomers(historiesOf([["a", 1]]), { asOf: 1, thresholds }),
        "num",
        "thresholds"
      );
    }
  });

  it("refuses an as_of that is no date (#NUM!) and answers #N/A when nobody bought by then", () => {
    const histories = historiesOf([["a", 500]]);
    for (const asOf of [Number.NaN, 0, 2958466]) {
      expectCrmError(() => gradeCustomers(histories, { asOf }), "num", "as_of");
    }
    expectCrmError(() => gradeCustomers(histories, { asOf: 499 }), "na", "as_of");
  });
});

describe("properties", () => {
  const rowsArbitrary = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 1200 })),
    { minLength: 1, maxLength: 80 }
  );

  it("the grade counts add up to the customers who bought by as_of", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 1, max: 1300 }), (rows, asOf) => {
        const histories = historiesOf(rows.map(([c, day]): Row => [`c${c}`, day]));
        const buyers = new Set(rows.filter(([, day]) => day <= asOf).map(([c]) => c)).size;
        if (buyers === 0) return;
        const { customers, counts } = gradeCustomers(histories, { asOf });
        expect(counts.A + counts.B + counts.C + counts.D).toBe(buyers);
        expect(customers.length).toBe(buyers);
      })
    );
  });

  it("agrees with counting distinct days in [as_of − 364, as_of] naively", () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 400, max: 1300 }), (rows, asOf) => {
        const histories = historiesOf(rows.map(([c, day]): Row => [`c${c}`, day]));
        if (!rows.some(([, day]) => day <= asOf)) return;
        for (const { customer, visits, grade } of gradeCustomers(histories, { asOf }).customers) {
          const days = new Set(
            rows
              .filter(([c, day]) => `c${c}` === customer && day > asOf - 365 && day <= asOf)
              .map(([, day]) => day)
          );
          expect(visits).toBe(days.size);
          expect(grade).toBe(visits >= 3 ? "A" : visits === 2 ? "B" : visits === 1 ? "C" : "D");
        }
      })
    );
  });
});
