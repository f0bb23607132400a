/**
 * The fast path of readTransactions (issue 14 part 2: ranges of the common shapes read one
 * column at a time, without a per-cell reader) against the per-cell reader, on random mixed
 * input: the same columns when both read, the same error (kind, argument, row, message) when
 * the per-cell reader refuses. The per-cell reader is the specification (SPEC §3 "Inputs").
 */
import fc from "fast-check";
import { expect } from "../../support/expect";
import { CrmError } from "../../../src/core/errors";
import {
  auditTransactions,
  countReturns,
  readCommonShapes,
  readTransactions,
  readTransactionsPerCell,
  type TransactionInput,
} from "../../../src/core/input/input";

const NA = { code: "#N/A" };

/** Ids of the common shapes: whole numbers (small and up to 2^53), digits, other text. */
const commonId = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e15, 123456789012345, -0),
  fc.integer({ min: 0, max: 40 }).map(String),
  fc.constantFrom(
    "abc",
    "ABC",
    " abc ",
    "straße",
    "STRASSE",
    "1001.0",
    "00001",
    "-7",
    " 12 ",
    "1234567890123456",
    "9007199254740993",
    "Ａ",
    "é",
    "e\u0301",
    "x-1"
  )
);
/** Ids the fast path leaves to the per-cell reader (some still valid ids). */
const unusualId = fc.constantFrom<unknown>(
  "",
  "  ",
  null,
  undefined,
  true,
  NA,
  10.5,
  1e300,
  2 ** 53 + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1.5e-7,
  "1.5E-7",
  0
);

/** Serial dates from 61 on, some with a time of day. */
const commonDate = fc.oneof(
  fc.integer({ min: 45280, max: 45320 }),
  fc.constantFrom(61, 61.5, 2958465, 2958465.99, 45292.25)
);
const unusualDate = fc.constantFrom<unknown>(
  0,
  "",
  null,
  60,
  1,
  59.5,
  0.5,
  -1,
  2958466,
  "2024-03-01",
  "45292",
  "05.01.2024",
  "13.01.2024",
  "01.13.2024",
  "3/1/24",
  19970101,
  19970231,
  true,
  NA,
  "abc",
  "  ",
  Number.NaN
);

const commonAmount = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 12.5, -100, 1e300)
);
const unusualAmount = fc.constantFrom<unknown>(
  "12,50",
  "1.234",
  "$5",
  "",
  null,
  "abc",
  0,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  NA,
  "7,25",
  "(3)",
  " "
);

/** Mostly common cells, an unusual one now and then (none at all in about half the tables). */
function column(
  common: fc.Arbitrary<unknown>,
  unusual: fc.Arbitrary<unknown>,
  rows: number,
  rare: boolean
) {
  const cell = rare
    ? fc.oneof({ weight: 12, arbitrary: common }, { weight: 1, arbitrary: unusual })
    : common;
  return fc.array(cell, { minLength: rows, maxLength: rows });
}

type Shape = "nested" | "list" | "row";
/** Mostly n×1 ranges (what Excel passes for a column), sometimes a list or a 1×n row. */
const shape = fc.constantFrom<Shape>("nested", "nested", "list", "row");
function shaped(cells: unknown[], shape: Shape): unknown {
  if (shape === "list") return cells;
  if (shape === "row") return [cells];
  return cells.map((cell) => [cell]);
}

const table = fc
  .record({
    rows: fc.integer({ min: 1, max: 30 }),
    rare: fc.boolean(),
    withAmounts: fc.boolean(),
    shapes: fc.tuple(shape, shape, shape),
  })
  .chain(({ rows, rare, withAmounts, shapes }) =>
    fc.record({
      ids: column(commonId, unusualId, rows, rare),
      dates: column(commonDate, unusualDate, rows, rare),
      amounts: column(commonAmount, unusualAmount, rows, rare),
      withAmounts: fc.constant(withAmounts),
      shapes: fc.constant(shapes),
    })
  )
  .map(({ ids, dates, amounts, withAmounts, shapes }): TransactionInput => {
    const input = { customerIds: shaped(ids, shapes[0]), dates: shaped(dates, shapes[1]) };
    return withAmounts ? { ...input, amounts: shaped(amounts, shapes[2]) } : input;
  });

/** The reading, or the error as plain data. */
function outcome(read: () => unknown): unknown {
  try {
    return { read: read() };
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    return { kind: error.kind, argument: error.argument, row: error.row, message: error.message };
  }
}

describe("readTransactions' fast path reads as the per-cell reader", () => {
  it("gives the same columns, or the same error, on random mixed tables", () => {
    fc.assert(
      fc.property(table, (input) => {
        expect(outcome(() => readTransactions(input))).toEqual(
          outcome(() => readTransactionsPerCell(input))
        );
      }),
      { numRuns: 1500 }
    );
  });

  it("takes the fast path whenever every cell is of a common shape, and reads the same", () => {
    const commonTable = fc.integer({ min: 1, max: 40 }).chain((rows) =>
      fc.record({
        ids: column(commonId, commonId, rows, false),
        dates: column(commonDate, commonDate, rows, false),
        amounts: column(commonAmount, commonAmount, rows, false),
      })
    );
    fc.assert(
      fc.property(commonTable, ({ ids, dates, amounts }) => {
        const input = {
          customerIds: shaped(ids, "nested"),
          dates: shaped(dates, "nested"),
          amounts: shaped(amounts, "nested"),
        };
        const fast = readCommonShapes(input);
        expect(fast).toBeDefined();
        const perCell = readTransactionsPerCell(input);
        expect(fast).toEqual(perCell);
        // the data-quality audit takes the same path: nothing to report, returns counted
        expect(auditTransactions(input)).toEqual({
          transactions: perCell,
          problems: [],
          problemCount: 0,
          rowsWithProblems: 0,
          ...countReturns(perCell),
        });
      }),
      { numRuns: 500 }
    );
  });

  it("leaves unusual cells, other shapes and mismatched lengths to the per-cell reader", () => {
    const ok = { customerIds: [[1], [2]], dates: [[45292], [45293]], amounts: [[1], [2]] };
    expect(readCommonShapes(ok)).toBeDefined();
    // a text date, a blank, an error value, text amounts, an early serial
    expect(readCommonShapes({ ...ok, dates: [[45292], ["2024-03-01"]] })).toBeUndefined();
    expect(readCommonShapes({ ...ok, customerIds: [[1], [""]] })).toBeUndefined();
    expect(readCommonShapes({ ...ok, customerIds: [[1], [NA]] })).toBeUndefined();
    expect(readCommonShapes({ ...ok, amounts: [[1], ["12,50"]] })).toBeUndefined();
    expect(readCommonShapes({ ...ok, dates: [[45292], [59]] })).toBeUndefined();
    // a 2-D range, a scalar, columns of different lengths
    expect(
      readCommonShapes({
        ...ok,
        dates: [
          [45292, 1],
          [45293, 1],
        ],
      })
    ).toBeUndefined();
    expect(readCommonShapes({ ...ok, customerIds: 1 })).toBeUndefined();
    expect(readCommonShapes({ ...ok, amounts: [[1]] })).toBeUndefined();
  });

  it("interns numbered customers spread wider than a table the same way (a map)", () => {
    // ids 1 and 2^53 − 1: a span no table covers
    const input = {
      customerIds: [[2 ** 53 - 1], [1], ["9007199254740991"], [1]],
      dates: [[45292], [45293], [45294], [45295]],
    };
    const fast = readCommonShapes(input);
    expect(fast?.customerIds).toEqual(["9007199254740991", "1"]);
    expect(Array.from(fast?.customerIndex ?? [])).toEqual([0, 1, 0, 1]);
    expect(fast).toEqual(readTransactionsPerCell(input));
  });
});
