/**
 * The count-form functions as a user meets them: formulas in a real formula engine, calling the
 * built bundle registered from the generated functions.json.
 */
import { expect } from "../support/expect";
import { each } from "../support/each";
import { DetailedCellError, type CellValue } from "hyperformula";
import { evaluate, type EmptyCell } from "../support/formulaEngine";

function expectError(value: CellValue, code: string, messageParts: string[] = []): void {
  expect(value, `expected ${code}, got ${String(value)}`).toBeInstanceOf(DetailedCellError);
  const error = value as DetailedCellError;
  expect(error.value).toBe(code);
  for (const part of messageParts) expect(error.message).toContain(part);
}

describe("SPEC §2 worked examples, typed as formulas", () => {
  for (const testCase of each([
    ["=CRM.CHURNRATE(50, 1000)", 0.05],
    ["=CRM.RELATIVECHURN(10, 100, 200, 100)", 0.2],
    ["=CRM.RETENTIONRATE(100, 30, 120)", 0.9],
    ["=CRM.REPEATRATE(150, 500)", 0.3],
    ["=CRM.CLV(50, 2, 24)", 2400],
    ["=CRM.CLVANNUITY(100, 0.1, 3)", 248.68519909842],
    ["=CRM.CLVRETENTION(100, 0.8, 0.1, 0)", 266.666666667],
    ["=CRM.NPS(100, 30, 80)", 9.52380952381],
  ])) {
    it(
      testCase.name("%s → %d"),
      testCase.run((formula, expected) => {
        expect(evaluate(formula)).toBeCloseTo(expected, 9);
      })
    );
  }
});

describe("arguments from cells", () => {
  it("reads numbers and numbers stored as text alike", () => {
    expect(evaluate("=CRM.CHURNRATE(A1, B1)", [[50, 1000]])).toBeCloseTo(0.05, 15);
    expect(evaluate("=CRM.CHURNRATE(A1, B1)", [["50", "1,000"]])).toBeCloseTo(0.05, 15);
    expect(evaluate("=CRM.CHURNRATE(A1, B1)", [[" 50 ", "1000"]])).toBeCloseTo(0.05, 15);
  });

  it("names the argument when a cell holds text that is not a number", () => {
    expectError(evaluate("=CRM.CHURNRATE(A1, B1)", [["fifty", 1000]]), "#VALUE!", [
      "CRM.CHURNRATE",
      "lost",
    ]);
    expectError(evaluate("=CRM.RETENTIONRATE(A1, B1, C1)", [[100, 30, "n/a"]]), "#VALUE!", [
      "CRM.RETENTIONRATE",
      "customers_at_end",
    ]);
  });

  it("refuses TRUE/FALSE instead of reading it as 1/0", () => {
    expectError(evaluate("=CRM.CHURNRATE(A1, B1)", [[true, 1000]]), "#VALUE!", ["lost"]);
  });

  it("passes an error cell on as that error", () => {
    expectError(evaluate("=CRM.CHURNRATE(NA(), 1000)"), "#N/A");
    expectError(evaluate("=CRM.CHURNRATE(1/0, 1000)"), "#DIV/0!");
  });

  it("gives #DIV/0! for a zero base and #NUM! for impossible counts", () => {
    expectError(evaluate("=CRM.CHURNRATE(0, 0)"), "#DIV/0!");
    expectError(evaluate("=CRM.CHURNRATE(11, 10)"), "#NUM!");
    expectError(evaluate("=CRM.CHURNRATE(-1, 10)"), "#NUM!");
    expectError(evaluate("=CRM.CHURNRATE(1.5, 10)"), "#NUM!");
    expectError(evaluate("=CRM.RETENTIONRATE(10, 5, 4)"), "#NUM!");
  });

  it("refuses a rate written as a percentage number (30 for 30 %) but takes 30% and 0.3", () => {
    expectError(evaluate("=CRM.CLV(50, 2, 24, 30)"), "#NUM!");
    expect(evaluate("=CRM.CLV(50, 2, 24, 30%)")).toBeCloseTo(720, 9);
    expect(evaluate('=CRM.CLV(50, 2, 24, "30%")')).toBeCloseTo(720, 9);
    expect(evaluate("=CRM.CLV(50, 2, 24, 0.3)")).toBeCloseTo(720, 9);
  });
});

for (const suiteCase of each<[string, EmptyCell]>([
  ["null", null],
  ['""', ""],
  ["0", 0],
])) {
  describe(
    suiteCase.name("empty cells passed as %s"),
    suiteCase.run((_label, emptyCell) => {
      it("an empty required argument is refused, never read as a silent number", () => {
        const value = evaluate("=CRM.CHURNRATE(A1, B1)", [[null, 1000]], emptyCell);
        if (emptyCell === 0) {
          // Indistinguishable from a typed 0: 0 lost of 1000 is a churn rate of 0.
          expect(value).toBe(0);
        } else {
          expectError(value, "#VALUE!", ["CRM.CHURNRATE", "lost", "empty"]);
        }
      });

      it("an empty base is never a rate", () => {
        const value = evaluate("=CRM.CHURNRATE(A1, B1)", [[5, null]], emptyCell);
        expect(value).toBeInstanceOf(DetailedCellError);
      });

      it("an empty optional argument takes its default", () => {
        // margin omitted → 1, discount_rate omitted → 0: 50 × 2 × 24
        expect(evaluate("=CRM.CLV(50, 2, 24, , )", [], emptyCell)).toBe(2400);
        expect(evaluate("=CRM.CLV(50, 2, 24)", [], emptyCell)).toBe(2400);
      });

      it("CSAT skips cells with no response", () => {
        // scores 5, (empty), 3, 4: two of three responses are ≥ 4
        const cells = [[5], [null], [3], [4]];
        expect(evaluate("=CRM.CSAT(A1:A4)", cells, emptyCell)).toBeCloseTo(2 / 3, 12);
      });
    })
  );
}

describe("CLV agrees with Excel's own financial functions", () => {
  it("CLVANNUITY(R, r, n) equals PV(r, n, −R)", () => {
    for (const [revenue, rate, years] of [
      [100, 0.1, 3],
      [250, 0.07, 10],
      [80, 0.0001, 5],
      [1200, 0.25, 1.5],
    ]) {
      const ours = evaluate(`=CRM.CLVANNUITY(${revenue}, ${rate}, ${years})`);
      const excel = evaluate(`=PV(${rate}, ${years}, ${-revenue!})`);
      expect(ours).toBeCloseTo(excel as number, 9);
    }
  });

  it("CLV with a discount rate equals PV of the per-period value, skipping an omitted margin", () => {
    expect(evaluate("=CRM.CLV(50, 2, 3, , 0.1)")).toBeCloseTo(
      evaluate("=PV(0.1, 3, -100)") as number,
      9
    );
  });

  it("CLVANNUITY subtracts the yearly cost to serve", () => {
    expect(evaluate("=CRM.CLVANNUITY(150, 0.1, 3, 50)")).toBeCloseTo(248.68519909842, 9);
  });
});

describe("CSAT over a range", () => {
  it("takes a row as well as a column", () => {
    expect(evaluate("=CRM.CSAT(A1:D1)", [[5, 4, 3, 2]])).toBe(0.5);
  });

  it("names the row of a score that is text", () => {
    expectError(evaluate("=CRM.CSAT(A1:A3)", [[5], ["good"], [4]]), "#VALUE!", [
      "CRM.CSAT",
      "scores",
      "row 2",
    ]);
  });

  it("names the row of an error cell inside the range", () => {
    expectError(evaluate("=CRM.CSAT(A1:A3)", [[5], [4], ["=NA()"]]), "#VALUE!", [
      "scores",
      "row 3",
      "#N/A",
    ]);
  });

  it("refuses a score off the scale with #VALUE!, naming its row", () => {
    expectError(evaluate("=CRM.CSAT(A1:A3)", [[5], [6], [4]]), "#VALUE!", ["scores, row 2"]);
  });

  it("refuses a block of several rows and columns", () => {
    expectError(
      evaluate("=CRM.CSAT(A1:B2)", [
        [5, 4],
        [3, 2],
      ]),
      "#VALUE!",
      ["scores", "single column or row"]
    );
  });

  it("gives #DIV/0! when nobody answered", () => {
    expectError(evaluate("=CRM.CSAT(A1:A2)", [[null], [null]]), "#DIV/0!");
  });

  it("takes a 0–10 scale where 0 is a score", () => {
    // satisfied from 7: 9 and 7 of 9, 7, 0 → 2/3
    expect(evaluate("=CRM.CSAT(A1:A3, 7, 0, 10)", [[9], [7], [0]])).toBeCloseTo(2 / 3, 12);
  });
});
