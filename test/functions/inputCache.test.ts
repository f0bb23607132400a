/**
 * The input cache (issue 14 part 3; src/functions/inputCache.ts): a hit only for ranges of the
 * same content, passed as new arrays as Excel does; any single edited cell misses, wherever it
 * is (first row, last row, rows the fingerprint does not sample, a blank); failed reads are
 * not kept; memory stays within the entry and byte bounds, least recently used dropped first.
 * The reading itself is readTransactions' (SPEC §3 "Inputs"), which is the reference here.
 */
import fc from "fast-check";
import { expect } from "../support/expect";
import { each } from "../support/each";
import { CrmError } from "../../src/core/errors";
import { readTransactions } from "../../src/core/input/input";
import { customerSummary } from "../../src/core/models/customerSummary";
import {
  clearInputCache,
  inputCacheStats,
  readTransactionsCached,
  setInputCacheLimits,
} from "../../src/functions/inputCache";

/** A table of `rows` rows as Excel passes it (n×1 ranges), with one blank row (row 3). */
function table(rows: number, seed = 1) {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const blank = i === 2;
    ids.push([blank ? "" : i % 7 === 0 ? `C${(i * seed) % 11}` : 1000 + ((i * seed) % 13)]);
    dates.push([blank ? "" : i % 5 === 0 ? "2024-03-01" : 45292 + ((i * 3 + seed) % 90)]);
    amounts.push([blank ? "" : ((i * 37 + seed) % 200) - 20 + 0.25]);
  }
  return { ids, dates, amounts };
}

/** A deep copy: new arrays, the same cells (what Excel passes on a recalculation). */
const copy = (column: unknown[][]) => column.map((row) => [...row]);

/** The reading, or the error as plain data. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    return { kind: error.kind, argument: error.argument, row: error.row, message: error.message };
  }
}

beforeEach(function () {
  // vitest ran this hook for this file's tests only; a mocha root hook runs for all.
  if (this.currentTest?.file !== import.meta.filename) return;
  return clearInputCache();
});
afterEach(function () {
  // vitest ran this hook for this file's tests only; a mocha root hook runs for all.
  if (this.currentTest?.file !== import.meta.filename) return;
  return setInputCacheLimits();
});

describe("hits: the same content, passed as new arrays", () => {
  it("a second read of equal ranges is a hit and shares the columns and histories", () => {
    const t = table(200);
    const first = readTransactionsCached(t.ids, t.dates, t.amounts);
    const second = readTransactionsCached(copy(t.ids), copy(t.dates), copy(t.amounts));
    expect(inputCacheStats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
    expect(second.transactions).toBe(first.transactions);
    expect(second.histories()).toBe(first.histories());
    expect(first.transactions).toEqual(
      readTransactions({ customerIds: t.ids, dates: t.dates, amounts: t.amounts })
    );
  });

  it("with and without amounts are two entries", () => {
    const t = table(50);
    const withAmounts = readTransactionsCached(t.ids, t.dates, t.amounts);
    const without = readTransactionsCached(t.ids, t.dates, null);
    expect(without.transactions.amounts).toBeUndefined();
    expect(withAmounts.transactions.amounts).toBeDefined();
    expect(inputCacheStats()).toMatchObject({ hits: 0, misses: 2, entries: 2 });
  });

  it("keeps a summary per key, made once", () => {
    const t = table(50);
    const entry = readTransactionsCached(t.ids, t.dates, t.amounts);
    let made = 0;
    const make = (timeUnit: "week" | "day") => () => {
      made++;
      const columns = entry.transactions;
      return customerSummary(
        { ...columns, amounts: columns.amounts ?? new Float64Array(columns.days.length) },
        { calibrationEnd: 45400, timeUnit }
      );
    };
    const a = entry.summary("45400|week", make("week"));
    const again = readTransactionsCached(copy(t.ids), t.dates, t.amounts);
    expect(again.summary("45400|week", make("week"))).toBe(a);
    expect(entry.summary("45400|day", make("day")).timeUnit).toBe("day");
    expect(made).toBe(2);
  });
});

describe("never stale: any single edited cell misses", () => {
  const rows = 300; // more rows than the fingerprint samples (64 per column)
  const edits: [string, "ids" | "dates" | "amounts", number, unknown][] = [
    ["an id in the first row", "ids", 0, 999],
    ["an id in the last row", "ids", rows - 1, "Z"],
    ["an id in a row the fingerprint skips", "ids", 150, 1001.5],
    ["a number id to its text", "ids", 1, "1001"],
    ["a date in the first row", "dates", 0, 45500],
    ["a date in the last row", "dates", rows - 1, 45292.5],
    ["a date in a row the fingerprint skips", "dates", 151, "2024-03-02"],
    ["an amount in the first row", "amounts", 0, 1e6],
    ["an amount in the last row", "amounts", rows - 1, -0.25],
    ["an amount in a row the fingerprint skips", "amounts", 152, "12,50"],
    ["an amount of 0 to −0", "amounts", 4, -0],
    ["a blank row's amount to a number", "amounts", 2, 5],
    ['a blank row\'s id from "" to null', "ids", 2, null],
    ["a blank row filled with a date", "dates", 2, 45300],
  ];
  for (const testCase of each(edits)) {
    it(
      testCase.name("%s"),
      testCase.run((_, column, row, value) => {
        const t = table(rows);
        if (column === "amounts" && row === 4) t.amounts[4] = [0];
        readTransactionsCached(t.ids, t.dates, t.amounts);
        const edited = { ids: copy(t.ids), dates: copy(t.dates), amounts: copy(t.amounts) };
        expect(Object.is(edited[column][row]![0], value)).toBe(false);
        edited[column][row] = [value];
        const cached = outcome(
          () => readTransactionsCached(edited.ids, edited.dates, edited.amounts).transactions
        );
        expect(inputCacheStats().hits).toBe(0);
        expect(cached).toEqual(
          outcome(() =>
            readTransactions({
              customerIds: edited.ids,
              dates: edited.dates,
              amounts: edited.amounts,
            })
          )
        );
      })
    );
  }

  it("on random tables and random single-cell edits, reads as readTransactions", () => {
    const cell = fc.oneof(
      fc.integer({ min: 1000, max: 1010 }),
      fc.integer({ min: 45292, max: 45400 }),
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.constantFrom<unknown>("", null, 0, -0, "A", "a", "1001", "2024-03-01", "12,50", true)
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom<"ids" | "dates" | "amounts">("ids", "dates", "amounts"),
        fc.nat(),
        cell,
        (rows, seed, column, at, value) => {
          clearInputCache();
          const t = table(rows, seed);
          readTransactionsCached(t.ids, t.dates, t.amounts);
          const edited = { ids: copy(t.ids), dates: copy(t.dates), amounts: copy(t.amounts) };
          const row = at % rows;
          const changed = !Object.is(edited[column][row]![0], value);
          edited[column][row] = [value];
          const read = () =>
            readTransactionsCached(edited.ids, edited.dates, edited.amounts).transactions;
          expect(outcome(read)).toEqual(
            outcome(() =>
              readTransactions({
                customerIds: edited.ids,
                dates: edited.dates,
                amounts: edited.amounts,
              })
            )
          );
          if (changed) expect(inputCacheStats().hits).toBe(0);
        }
      ),
      { numRuns: 400 }
    );
  });

  it("on a table of the common shapes (the read dates and amounts stand for their cells), any edit misses", () => {
    const rows = 200;
    const clean = () => ({
      ids: Array.from({ length: rows }, (_, i) => [1000 + (i % 17)]),
      dates: Array.from({ length: rows }, (_, i) => [45292 + ((i * 7) % 100)]),
      amounts: Array.from({ length: rows }, (_, i) => [(i % 9) * 1.25 - 2]),
    });
    const edits: ["ids" | "dates" | "amounts", number, unknown][] = [
      ["dates", 0, 45400],
      ["dates", rows - 1, 45292.5], // the same day, another cell
      ["dates", 99, "45292"],
      ["amounts", 0, 3],
      ["amounts", rows - 1, "1.25"],
      ["amounts", 100, -0],
      ["ids", 101, 1001.5],
    ];
    for (const [column, row, value] of edits) {
      clearInputCache();
      const t = clean();
      if (column === "amounts" && row === 100) t.amounts[100] = [0];
      readTransactionsCached(t.ids, t.dates, t.amounts);
      const edited = { ids: copy(t.ids), dates: copy(t.dates), amounts: copy(t.amounts) };
      edited[column][row] = [value];
      expect(
        outcome(() => readTransactionsCached(edited.ids, edited.dates, edited.amounts).transactions)
      ).toEqual(
        outcome(() =>
          readTransactions({
            customerIds: edited.ids,
            dates: edited.dates,
            amounts: edited.amounts,
          })
        )
      );
      expect(inputCacheStats().hits, `${column} row ${row + 1}`).toBe(0);
      // unchanged, it hits
      readTransactionsCached(copy(t.ids), copy(t.dates), copy(t.amounts));
      expect(inputCacheStats().hits).toBe(1);
    }
  });

  it("ids of the common shapes (copied as the fast reader reads them): any edit misses, even one that reads alike", () => {
    const rows = 300;
    // numbers, digits as text, names, a 0 and a −0 (each must not read as the other)
    const clean = () => ({
      ids: Array.from({ length: rows }, (_, i) => [
        i === 7
          ? 0
          : i === 17
            ? -0
            : i % 10 === 0
              ? String(2000 + (i % 13))
              : i % 10 === 3
                ? `Name${i % 4}`
                : 2000 + (i % 13),
      ]),
      dates: Array.from({ length: rows }, (_, i) => [45292 + ((i * 11) % 90)]),
      amounts: Array.from({ length: rows }, (_, i) => [(i % 7) * 2.5]),
    });
    const edits: [number, unknown][] = [
      [1, "2001"], // a number to the same digits as text
      [10, 2010], // digits as text to the number
      [3, "name3"], // another case
      [13, "Name1 "], // a trailing space
      [7, -0],
      [17, 0],
      [299, 1e6],
    ];
    for (const [row, value] of edits) {
      clearInputCache();
      const t = clean();
      readTransactionsCached(t.ids, t.dates, t.amounts);
      const edited = copy(t.ids);
      edited[row] = [value];
      expect(
        outcome(() => readTransactionsCached(edited, t.dates, t.amounts).transactions)
      ).toEqual(
        outcome(() => readTransactions({ customerIds: edited, dates: t.dates, amounts: t.amounts }))
      );
      expect(inputCacheStats().hits, `ids row ${row + 1} → ${String(value)}`).toBe(0);
      readTransactionsCached(copy(t.ids), copy(t.dates), copy(t.amounts));
      expect(inputCacheStats().hits).toBe(1);
    }
  });

  it("a failed read is not kept, and is refused again", () => {
    const t = table(20);
    t.dates[5] = ["not a date"];
    expect(() => readTransactionsCached(t.ids, t.dates, t.amounts)).toThrow(/dates, row 6/);
    expect(inputCacheStats()).toMatchObject({ entries: 0, misses: 1 });
    expect(() => readTransactionsCached(t.ids, t.dates, t.amounts)).toThrow(/dates, row 6/);
  });

  it("ranges it does not compare (scalars, 2-D) are read, not kept", () => {
    expect(readTransactionsCached(1001, 45292, 5).transactions.customerIds).toEqual(["1001"]);
    expect(() =>
      readTransactionsCached(
        [
          [1, 2],
          [3, 4],
        ],
        [[45292], [45293]],
        null
      )
    ).toThrow(/customer_ids must be a single column/);
    expect(inputCacheStats().entries).toBe(0);
  });
});

describe("bounded memory", () => {
  it("keeps at most the entry bound, least recently used dropped first", () => {
    setInputCacheLimits({ entries: 2 });
    const [a, b, c] = [table(30, 1), table(30, 2), table(30, 3)];
    readTransactionsCached(a.ids, a.dates, a.amounts);
    readTransactionsCached(b.ids, b.dates, b.amounts);
    readTransactionsCached(a.ids, a.dates, a.amounts); // a is now the most recent
    readTransactionsCached(c.ids, c.dates, c.amounts); // drops b
    expect(inputCacheStats()).toMatchObject({ entries: 2, hits: 1, misses: 3 });
    readTransactionsCached(a.ids, a.dates, a.amounts);
    expect(inputCacheStats().hits).toBe(2);
    readTransactionsCached(b.ids, b.dates, b.amounts);
    expect(inputCacheStats().misses).toBe(4);
  });

  it("keeps at most the byte bound, counting histories built later, and skips an input larger than the bound", () => {
    const big = table(2000, 5);
    const entry = readTransactionsCached(big.ids, big.dates, big.amounts);
    const bytesRead = inputCacheStats().bytes;
    entry.histories();
    const bytesWithHistories = inputCacheStats().bytes;
    expect(bytesWithHistories).toBeGreaterThan(bytesRead);
    // 2,000 rows of 3 columns: 52,000 bytes of typed columns at least, and the raw cells of ids
    // and dates (some text in each): 4 bytes a number, 1 byte a row of kinds, 8 a text cell
    expect(bytesRead).toBeGreaterThan(52_000 + 2 * (4 + 1) * 2000);

    clearInputCache();
    setInputCacheLimits({ bytes: bytesWithHistories + 1000 });
    readTransactionsCached(big.ids, big.dates, big.amounts).histories();
    const other = table(2000, 6);
    readTransactionsCached(other.ids, other.dates, other.amounts); // both do not fit: big dropped
    expect(inputCacheStats().entries).toBe(1);
    expect(inputCacheStats().bytes).toBeLessThanOrEqual(bytesWithHistories + 1000);

    setInputCacheLimits({ bytes: 1000 });
    expect(inputCacheStats().entries).toBe(0);
    const read = readTransactionsCached(big.ids, big.dates, big.amounts);
    expect(read.transactions.days.length).toBe(1999); // read all the same (one blank row)
    expect(inputCacheStats().entries).toBe(0);
  });
});
