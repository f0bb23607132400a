import fc from "fast-check";
import { expect } from "../../support/expect";
import {
  dayToExcelSerial,
  excelSerialToDay,
  isoFromSerial,
  LAST_EXCEL_DAY,
  parseTextDate,
  serialFromYmd,
  ymdFromSerial,
} from "../../../src/core/input/dates";
import { CrmError } from "../../../src/core/errors";
import {
  isBlank,
  readCustomerId,
  readDate,
  readNumber,
  readTransactions,
  sourceRowOf,
} from "../../../src/core/input/input";

const NA = { code: "#N/A" };

describe("calendar properties", () => {
  it("every Excel serial 1..2958465 except 60 round-trips through its calendar date", () => {
    // Exhaustive rather than sampled: 2.9 million serials take well under a second.
    let previous = { year: 1899, month: 12, day: 31 };
    for (let serial = 1; serial <= LAST_EXCEL_DAY; serial++) {
      if (serial === 60) continue;
      const day = excelSerialToDay(serial);
      if (day === undefined) throw new Error(`serial ${serial} has no day`);
      const { year, month, day: dayOfMonth } = ymdFromSerial(day);
      if (serialFromYmd(year, month, dayOfMonth) !== day || dayToExcelSerial(day) !== serial) {
        throw new Error(`serial ${serial} does not round-trip`);
      }
      // Consecutive serials are consecutive calendar days: the next day of the month, or the
      // first of the next month.
      const next =
        (year === previous.year && month === previous.month && dayOfMonth === previous.day + 1) ||
        (dayOfMonth === 1 &&
          ((year === previous.year && month === previous.month + 1) ||
            (year === previous.year + 1 && month === 1 && previous.month === 12)));
      if (!next) throw new Error(`serial ${serial} does not follow ${JSON.stringify(previous)}`);
      previous = { year, month, day: dayOfMonth };
    }
    expect(previous).toEqual({ year: 9999, month: 12, day: 31 });
  });

  it("isoFromSerial then parseTextDate gives the same day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: LAST_EXCEL_DAY }), (day) => {
        expect(parseTextDate(isoFromSerial(day))).toBe(day);
        expect(readDate(isoFromSerial(day), { argument: "dates" })).toBe(day);
      })
    );
  });
});

describe("number properties", () => {
  it("readNumber(String(n)) is n for every finite double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(readNumber(String(n), { argument: "amount" }) === n).toBe(true);
      })
    );
  });

  it("readNumber reads the en-US display form (grouped thousands) of numbers with up to 3 decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (thousandths) => {
        const n = thousandths / 1000;
        expect(readNumber(n.toLocaleString("en-US"), { argument: "amount" })).toBe(n);
        expect(readNumber(`$${Math.abs(n).toLocaleString("en-US")}`, { argument: "amount" })).toBe(
          Math.abs(n)
        );
      })
    );
  });
});

describe("customer id properties", () => {
  it("a safe integer and its text are one customer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (n) => {
          const where = { argument: "customer_id" };
          expect(readCustomerId(n, where)).toBe(readCustomerId(String(n), where));
        }
      )
    );
  });
});

// ─── Transaction tables ──────────────────────────────────────────────────────────────────

const validId = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(
    "a",
    "A",
    " a ",
    "b",
    "001",
    "1",
    "１",
    "2",
    "-0",
    "9007199254740992",
    "9007199254740993"
  ),
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, 1.5, 1e21)
);
const validDate = fc.oneof(
  fc.integer({ min: 1, max: LAST_EXCEL_DAY }).filter((serial) => serial !== 60),
  fc.double({ min: 61, max: 50000, noNaN: true }),
  fc.constantFrom("2024-03-01", "2024/3/1", "2024年3月1日", 19970101, "45352")
);
const validAmount = fc.oneof(
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.constantFrom("$1,234.50", "(2)", "12%", "-7", 0)
);
const validRow = fc.tuple(validId, validDate, validAmount);

/** Rows a platform may pass for empty cells. */
const blankRow = fc.constantFrom<[unknown, unknown, unknown]>(
  ["", "", ""],
  [null, null, null],
  [undefined, "", " "],
  [0, 0, 0],
  ["", 0, ""],
  [0, 0, ""]
);
const badCell = fc.constantFrom<unknown>(
  true,
  NA,
  "abc",
  60,
  "",
  null,
  0,
  "3/1/2024",
  Number.NaN,
  {}
);
const anyRow = fc.oneof(
  { arbitrary: validRow, weight: 6 },
  { arbitrary: blankRow, weight: 1 },
  {
    arbitrary: fc.tuple(
      fc.oneof(validId, badCell),
      fc.oneof(validDate, badCell),
      fc.oneof(validAmount, badCell)
    ),
    weight: 2,
  }
);

type Row = readonly [unknown, unknown, unknown];

function tableOf(rows: readonly Row[]) {
  return {
    customerIds: rows.map((row) => [row[0]]),
    dates: rows.map((row) => [row[1]]),
    amounts: rows.map((row) => [row[2]]),
  };
}

/** Where the first bad cell is, by the documented rules, read one cell at a time. */
function naiveFirstProblem(rows: readonly Row[]): { argument: string; row: number } | undefined {
  for (let i = 0; i < rows.length; i++) {
    const [id, date, amount] = rows[i] as Row;
    const allBlank = isBlank(id) && isBlank(date) && isBlank(amount);
    const zeroBlank = date === 0 && (isBlank(id) || id === 0) && (isBlank(amount) || amount === 0);
    if (allBlank || zeroBlank) continue;
    const cells: [string, () => unknown][] = [
      ["customer_ids", () => readCustomerId(id, { argument: "customer_ids" })],
      ["dates", () => readDate(date, { argument: "dates" })],
      ["amounts", () => readNumber(amount, { argument: "amounts" })],
    ];
    for (const [argument, read] of cells) {
      try {
        read();
      } catch {
        return { argument, row: i + 1 };
      }
    }
  }
  return undefined;
}

function thrownBy(action: () => unknown): CrmError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
}

describe("readTransactions properties", () => {
  it("gives each row the customer whose canonical id readCustomerId gives", () => {
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const result = readTransactions(tableOf(rows));
        rows.forEach((row, i) => {
          // The id shown is the customer's first cell; it matches the row's cell by key.
          const id = result.customerIds[result.customerIndex[i] ?? -1];
          expect(readCustomerId(id, { argument: "customer_ids" })).toBe(
            readCustomerId(row[0], { argument: "customer_ids" })
          );
          expect(result.days[i]).toBe(readDate(row[1], { argument: "dates" }));
          expect(result.amounts?.[i]).toBe(readNumber(row[2], { argument: "amounts" }));
        });
        expect(new Set(result.customerIds).size).toBe(result.customerIds.length);
      })
    );
  });

  it("is unchanged by blank rows appended at the end, except for their count", () => {
    fc.assert(
      fc.property(
        fc.array(validRow, { minLength: 1, maxLength: 30 }),
        fc.array(blankRow, { maxLength: 30 }),
        (rows, blanks) => {
          const plain = readTransactions(tableOf(rows));
          const padded = readTransactions(tableOf([...rows, ...blanks]));
          expect({ ...padded, skippedBlankRows: 0 }).toEqual({ ...plain, skippedBlankRows: 0 });
          expect(padded.skippedBlankRows).toBe(plain.skippedBlankRows + blanks.length);
        }
      )
    );
  });

  it("reports the same first bad cell as a naive loop over readCustomerId, readDate and readNumber", () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 30 }), (rows) => {
        const expected = naiveFirstProblem(rows);
        const error = thrownBy(() => readTransactions(tableOf(rows)));
        if (expected === undefined) {
          // No bad cell: either the rows were read, or all were blank (no data).
          if (error !== undefined) expect(error.kind).toBe("na");
        } else {
          expect(error?.kind).toBe("value");
          expect({ argument: error?.argument, row: error?.row }).toEqual(expected);
        }
      })
    );
  });

  it("permutes its output with the rows: shuffled input gives the same reading for each source row", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(
            validRow,
            fc.array(
              fc.oneof({ arbitrary: validRow, weight: 4 }, { arbitrary: blankRow, weight: 1 }),
              { maxLength: 30 }
            )
          )
          .map(([first, rest]): Row[] => [first, ...rest])
          .chain((rows) =>
            fc.tuple(
              fc.constant(rows),
              fc.shuffledSubarray(
                rows.map((_, i) => i),
                { minLength: rows.length }
              )
            )
          ),
        ([rows, order]) => {
          const original = readTransactions(tableOf(rows));
          const shuffled = readTransactions(tableOf(order.map((i) => rows[i] as Row)));
          const readingByRow = (
            result: typeof original,
            originalRowOf: (row: number) => number
          ) => {
            const readings = new Map<
              number,
              [string | undefined, number | undefined, number | undefined]
            >();
            for (let k = 0; k < result.days.length; k++) {
              readings.set(originalRowOf(sourceRowOf(result, k)), [
                // by key: which spelling shows depends on which row comes first
                readCustomerId(result.customerIds[result.customerIndex[k] ?? -1], {
                  argument: "customer_ids",
                }),
                result.days[k],
                result.amounts?.[k],
              ]);
            }
            return readings;
          };
          const originalReadings = readingByRow(original, (row) => row);
          const shuffledReadings = readingByRow(shuffled, (row) => (order[row - 1] ?? -1) + 1);
          expect(shuffledReadings).toEqual(originalReadings);
          expect(shuffled.skippedBlankRows).toBe(original.skippedBlankRows);
          const keys = (ids: string[]) =>
            ids.map((id) => readCustomerId(id, { argument: "customer_ids" })).sort();
          expect(keys(shuffled.customerIds)).toEqual(keys(original.customerIds));
        }
      )
    );
  });
});
