/**
 * The input cache as Excel meets it (issue 14 part 3), through the built bundle: a runtime that
 * has already read a table answers for a table with one cell edited exactly as a runtime that
 * never saw the first table (a fresh JavaScript context running dist/functions.js). Edits
 * cover ids, dates and amounts in the first row, the last row and rows between, blank cells
 * and a blank row; the functions cover the cached histories (COHORTS, RFMALERT) and the cached
 * customer summaries (CLVSUMMARY).
 */
import fc from "fast-check";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { callBuilt, freshBuiltRuntime } from "../support/builtAddin";

/** 120 rows over 2024 (serials from 45292), 15 customers, with a blank row (row 40). */
function table() {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (let i = 0; i < 120; i++) {
    const blank = i === 39;
    ids.push([blank ? "" : i % 9 === 0 ? `c${i % 15}` : 1000 + (i % 15)]);
    dates.push([blank ? "" : 45292 + ((i * 37) % 300)]);
    amounts.push([blank ? "" : ((i * 53) % 170) - 10 + 0.5]);
  }
  return { ids, dates, amounts };
}
const copy = (column: unknown[][]) => column.map((row) => [...row]);

/** The calls compared: by customers and by revenue, per customer, at a calibration end. */
const calls: [string, (t: ReturnType<typeof table>) => unknown[]][] = [
  ["COHORTS", (t) => [t.ids, t.dates, null, "month", null, null, null, null]],
  ["COHORTS", (t) => [t.ids, t.dates, t.amounts, "month", "revenue", null, null, null]],
  ["RFMALERT", (t) => [t.ids, t.dates, t.amounts, null, null, null, null]],
  ["CLVSUMMARY", (t) => [t.ids, t.dates, t.amounts, 45500, "week", null]],
];

describe("a runtime that read a table answers for an edited table as a fresh runtime", () => {
  const base = table();
  for (const [id, args] of calls) callBuilt(id, ...args(base)); // the cache now holds the base

  it("unchanged cells passed as new arrays give the same answer", () => {
    const again = { ids: copy(base.ids), dates: copy(base.dates), amounts: copy(base.amounts) };
    const fresh = freshBuiltRuntime();
    for (const [id, args] of calls)
      expect(callBuilt(id, ...args(again))).toEqual(fresh(id, ...args(again)));
  });

  const edits: [string, "ids" | "dates" | "amounts", number, unknown][] = [
    ["the first row's id", "ids", 0, 2000],
    ["the last row's id", "ids", 119, "C3"],
    ["a middle row's id, number to another customer's", "ids", 50, 1003],
    ["the first row's date", "dates", 0, 45600],
    ["the last row's date", "dates", 119, 45292],
    ["a middle row's date, to a text date", "dates", 61, "2024-12-01"],
    ["the first row's amount", "amounts", 0, -500],
    ["the last row's amount", "amounts", 119, 1e6],
    ["a middle row's amount", "amounts", 77, 0.25],
    ["an amount emptied (a blank cell: an error)", "amounts", 10, ""],
    ["the blank row's date filled (its id still blank: an error)", "dates", 39, 45300],
    ['the blank row\'s id from "" to null (still blank)', "ids", 39, null],
  ];
  for (const testCase of each(edits)) {
    it(
      testCase.name("%s"),
      testCase.run((_, column, row, value) => {
        const edited = {
          ids: copy(base.ids),
          dates: copy(base.dates),
          amounts: copy(base.amounts),
        };
        edited[column][row] = [value];
        const fresh = freshBuiltRuntime();
        for (const [id, args] of calls) {
          expect(callBuilt(id, ...args(edited)), `${id}`).toEqual(fresh(id, ...args(edited)));
        }
        // and the base still reads as before (its entry is kept beside the edited one)
        for (const [id, args] of calls)
          expect(callBuilt(id, ...args(base))).toEqual(fresh(id, ...args(base)));
      })
    );
  }

  it("random single-cell edits", () => {
    const fresh = freshBuiltRuntime();
    fc.assert(
      fc.property(
        fc.constantFrom<"ids" | "dates" | "amounts">("ids", "dates", "amounts"),
        fc.integer({ min: 0, max: 119 }),
        fc.oneof(
          fc.integer({ min: 1000, max: 1020 }),
          fc.integer({ min: 45292, max: 45650 }),
          fc.double({ min: -50, max: 500, noNaN: true })
        ),
        (column, row, value) => {
          const edited = {
            ids: copy(base.ids),
            dates: copy(base.dates),
            amounts: copy(base.amounts),
          };
          edited[column][row] = [value];
          callBuilt("COHORTS", ...calls[1]![1](base)); // the base is the most recent entry
          for (const [id, args] of calls) {
            // the fresh runtime reads each edited table once (a miss there too), so it is the
            // reference; its own cache is tested by the cases above
            expect(callBuilt(id, ...args(edited))).toEqual(fresh(id, ...args(edited)));
          }
        }
      ),
      { numRuns: 40 }
    );
  });
});
