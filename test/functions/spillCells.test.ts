/**
 * The two ways a table spills (src/functions/adapter.ts): `spill` looks at every cell,
 * `spillCells` trusts rows whose numbers went through `numberCell` as they were made (the
 * prediction table's 200,000 rows × 9 cells; issue 13). Both keep SPEC §2 "Bounds": no cell
 * holds NaN or ±Infinity, and no table passes Excel's grid.
 */
import { expect } from "../support/expect";
import { evaluate, numberCell, spill, spillCells } from "../../src/functions/adapter";
import { CrmError } from "../../src/core/errors";
import { ErrorCode, StandInError } from "../support/builtAddin";

const HEADER = ["customer_id", "clv"];

/**
 * The source modules run here without Excel: the runtime's global for the tests of the
 * enclosing describe, as the built add-in's tests stand it in (test/support/builtAddin.ts).
 */
function standInRuntime(): void {
  const global = globalThis as { CustomFunctions?: unknown };
  before(() => {
    global.CustomFunctions = { Error: StandInError, ErrorCode };
  });
  after(() => {
    delete global.CustomFunctions;
  });
}

function errorCode(cell: unknown): string | undefined {
  return cell instanceof StandInError ? cell.code : undefined;
}

describe("numberCell", () => {
  standInRuntime();

  it("passes a finite number as it is, −0 and the largest double included", () => {
    for (const value of [0, -0, 1.5, -2, Number.MAX_VALUE, Number.MIN_VALUE]) {
      expect(Object.is(numberCell(value), value)).toBe(true);
    }
  });

  it("shows NaN (no base to divide by) as #DIV/0! and ±Infinity (an overflow) as #NUM!, as spill does", () => {
    expect(errorCode(numberCell(Number.NaN))).toBe(ErrorCode.divisionByZero);
    expect(errorCode(numberCell(Number.POSITIVE_INFINITY))).toBe(ErrorCode.invalidNumber);
    expect(errorCode(numberCell(Number.NEGATIVE_INFINITY))).toBe(ErrorCode.invalidNumber);
  });
});

describe("spillCells", () => {
  standInRuntime();

  it("gives the table spill gives for rows made with numberCell", () => {
    const values = [
      ["a", 1.25],
      ["b", Number.NaN],
      [7, Number.POSITIVE_INFINITY],
    ] as const;
    const made = values.map(([id, clv]) => [id, numberCell(clv)]);
    for (const header of [HEADER, undefined]) {
      const trusted = spillCells(header, made);
      const checked = spill(
        header,
        values.map((row) => [...row])
      );
      expect(trusted.length).toBe(checked.length);
      trusted.forEach((row, i) => {
        expect(row.map((cell) => errorCode(cell) ?? cell)).toEqual(
          checked[i]!.map((cell) => errorCode(cell) ?? cell)
        );
      });
    }
  });

  it("passes the rows on without copying them, behind the header row", () => {
    const rows = [
      ["a", 1],
      ["b", 2],
    ];
    const table = spillCells(HEADER, rows);
    expect(table[0]).toEqual(HEADER);
    expect(table[1]).toBe(rows[0]);
    expect(table[2]).toBe(rows[1]);
    expect(spillCells(undefined, rows)).not.toBe(rows);
  });

  it("spills one row of blanks for no rows", () => {
    expect(spillCells(undefined, [])).toEqual([[""]]);
    expect(spillCells(HEADER, [])).toEqual([HEADER]);
  });

  it("refuses a table taller than Excel's grid with #NUM! naming the argument that sized it", () => {
    const rows = new Array<string[]>(1_048_576).fill(["a", "1"]);
    let refusal: unknown;
    try {
      spillCells(HEADER, rows, "customer_ids");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CrmError);
    expect((refusal as CrmError).kind).toBe("num");
    expect((refusal as CrmError).argument).toBe("customer_ids");
    expect(spillCells(undefined, rows).length).toBe(1_048_576);
  });

  it("is returned by evaluate as it is (already safe: no second look at each cell)", () => {
    const table = spillCells(HEADER, [["a", 1]]);
    expect(evaluate("PREDICTEDCLV", () => table)).toBe(table);
  });
});
