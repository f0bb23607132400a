/**
 * Kept results (issue 14, recalculation; src/functions/inputCache.ts `InputEntry.result`):
 * COHORTS and RFMALERT keep their spilled table with the input-cache entry, under a key made of
 * every other argument, so a recalculation with unchanged ranges and arguments answers the kept
 * table. Never stale: after any edit of a cell (ids, dates, amounts; first, middle, last row)
 * or of any other argument, the answer is a fresh runtime's (dist/functions.js in a new
 * JavaScript context, nothing cached), and going back to the first inputs answers the first
 * table again. The reference is the fresh runtime: the functions' own tests fix their values.
 */
import { expect } from "../support/expect";
import { resultKey } from "../../src/functions/inputCache";
import { ErrorCode, StandInError, callBuilt, freshBuiltRuntime } from "../support/builtAddin";

/** 90 rows over 2024 (serials from 45292), 12 customers, some returns, a blank row (row 20). */
function table() {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (let i = 0; i < 90; i++) {
    const blank = i === 19;
    ids.push([blank ? "" : i % 8 === 0 ? `k${i % 12}` : 2000 + (i % 12)]);
    dates.push([blank ? "" : 45292 + ((i * 41) % 330)]);
    amounts.push([blank ? "" : ((i * 59) % 150) - 12 + 0.25]);
  }
  return { ids, dates, amounts };
}
type Table = ReturnType<typeof table>;
const copy = (t: Table): Table => ({
  ids: t.ids.map((row) => [...row]),
  dates: t.dates.map((row) => [...row]),
  amounts: t.amounts.map((row) => [...row]),
});

const thresholds = [
  [7, 0.25, 0.25],
  [21, 0.5, 0.5],
  [45, null, null],
];

/** Each function with its other arguments: the first set, then sets differing in one argument. */
const cases: {
  id: string;
  args: (t: Table, other: unknown[]) => unknown[];
  others: unknown[][];
}[] = [
  {
    id: "COHORTS",
    args: (t, o) => [t.ids, t.dates, t.amounts, ...o],
    others: [
      ["month", "revenue", null, null, null],
      ["quarter", "revenue", null, null, null],
      ["month", "customers", null, null, null],
      ["month", "revenue", 3, null, null],
      ["month", "revenue", null, 45500, null],
      ["month", "revenue", null, "2024-07-01", null],
      ["month", "revenue", null, null, false],
    ],
  },
  {
    id: "COHORTS",
    args: (t, o) => [t.ids, t.dates, null, ...o],
    others: [
      ["month", null, null, null, null],
      ["week", null, null, null, null],
      ["month", null, 0, null, null],
    ],
  },
  {
    id: "RFMALERT",
    args: (t, o) => [t.ids, t.dates, t.amounts, ...o],
    others: [
      [null, null, null, null],
      [45550, null, null, null],
      ["2024-08-15", null, null, null],
      [null, thresholds, null, null],
      [
        null,
        [
          [7, 0.25, 0.25],
          [21, 0.5, 0.5],
          [45, null, 0.75],
        ],
        null,
        null,
      ],
      [null, null, false, null],
      [null, null, null, false],
    ],
  },
];

describe("a recalculation with unchanged inputs answers the kept table", () => {
  for (const c of cases) {
    it(`${c.id} (${c.args(table(), c.others[0]!)[2] === null ? "no amounts" : "amounts"})`, () => {
      const first = callBuilt(c.id, ...c.args(table(), c.others[0]!));
      expect(Array.isArray(first)).toBe(true);
      // new arrays, the same cells and arguments: the same table, not computed again
      expect(callBuilt(c.id, ...c.args(copy(table()), [...c.others[0]!]))).toBe(first);
      expect(first).toEqual(freshBuiltRuntime()(c.id, ...c.args(table(), c.others[0]!)));
    });
  }
});

describe("never stale: any other argument edited recomputes, and going back answers the kept table", () => {
  for (const c of cases) {
    it(`${c.id}: ${c.others.length - 1} argument edits`, () => {
      const base = table();
      const kept = callBuilt(c.id, ...c.args(base, c.others[0]!));
      const fresh = freshBuiltRuntime();
      for (const other of c.others.slice(1)) {
        const answer = callBuilt(c.id, ...c.args(copy(base), other));
        expect(answer).not.toBe(kept);
        expect(answer).toEqual(fresh(c.id, ...c.args(copy(base), other)));
        expect(answer).not.toEqual(kept); // each edit changes this table
      }
      // more argument sets than kept per entry: the first may have been dropped, never wrong
      expect(callBuilt(c.id, ...c.args(copy(base), c.others[0]!))).toEqual(kept);
    });
  }
});

describe("never stale: any single cell edited recomputes", () => {
  const edits: [string, (t: Table) => void][] = [
    ["first id", (t) => (t.ids[0]![0] = "new")],
    ["middle id, number to text", (t) => (t.ids[45]![0] = String(t.ids[45]![0]))],
    ["last id", (t) => (t.ids[89]![0] = 2003)],
    ["first date", (t) => (t.dates[0]![0] = (t.dates[0]![0] as number) + 1)],
    ["middle date", (t) => (t.dates[50]![0] = 45600)],
    ["last date, as text", (t) => (t.dates[89]![0] = "2024-02-02")],
    ["first amount", (t) => (t.amounts[0]![0] = (t.amounts[0]![0] as number) + 0.01)],
    ["middle amount, a return", (t) => (t.amounts[33]![0] = -40)],
    ["last amount", (t) => (t.amounts[89]![0] = 0)],
    [
      "the blank row filled",
      (t) => {
        t.ids[19]![0] = 2001;
        t.dates[19]![0] = 45400;
        t.amounts[19]![0] = 10;
      },
    ],
  ];
  for (const c of cases) {
    it(`${c.id} (${c.others[0]!.join(", ")})`, () => {
      const kept = callBuilt(c.id, ...c.args(table(), c.others[0]!));
      const fresh = freshBuiltRuntime();
      for (const [, edit] of edits) {
        const edited = copy(table());
        edit(edited);
        const answer = callBuilt(c.id, ...c.args(edited, c.others[0]!));
        expect(answer).toEqual(fresh(c.id, ...c.args(edited, c.others[0]!)));
        // the unedited table still answers the kept one
        expect(callBuilt(c.id, ...c.args(table(), c.others[0]!))).toBe(kept);
      }
    });
  }
});

describe("resultKey: every argument exactly", () => {
  it("tells apart values Excel may pass that read alike", () => {
    const keys = [
      [0],
      [-0],
      ["0"],
      [""],
      [null],
      [undefined],
      [false],
      [[[0]]],
      [[0]],
      [[[0, 0]]],
      [[[0], [0]]],
      [0.1 + 0.2],
      [0.3],
      ["a", "b"],
      ["a\u0000b"],
      ["ab"],
    ].map((args) => resultKey("F", args));
    expect(new Set(keys).size).toBe(keys.length);
    expect(resultKey("F", [1])).not.toBe(resultKey("G", [1]));
    expect(resultKey("F", [[[1, null]], "x"])).toBe(resultKey("F", [[[1, null]], "x"]));
  });

  it("keeps nothing for an argument it cannot compare (an Excel error value)", () => {
    expect(resultKey("F", [new StandInError(ErrorCode.invalidValue)])).toBeUndefined();
    expect(resultKey("F", [[[1, new StandInError(ErrorCode.notAvailable)]]])).toBeUndefined();
  });
});
