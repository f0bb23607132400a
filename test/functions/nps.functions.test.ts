/**
 * CRM.NPS.SCORES (NPS from a column of 0–10 survey scores) and CRM.NPS (from the three counts)
 * as a user meets them: formulas in a real formula engine calling the built bundle, with empty
 * cells passed as null, "" and 0 as Excel's platforms differ.
 */
import { expect } from "../support/expect";
import { each } from "../support/each";
import { DetailedCellError, type CellValue } from "hyperformula";
import { evaluate, type EmptyCell } from "../support/formulaEngine";
import { loadBuiltAddin } from "../support/builtAddin";

function expectError(value: CellValue, code: string, messageParts: string[] = []): void {
  expect(value, `expected ${code}, got ${String(value)}`).toBeInstanceOf(DetailedCellError);
  const error = value as DetailedCellError;
  expect(error.value).toBe(code);
  for (const part of messageParts) expect(error.message).toContain(part);
}

/** One score per row, from A1 down. */
const column = (...scores: unknown[]): (string | number | boolean | null)[][] =>
  scores.map((score) => [score as string | number | boolean | null]);

describe("CRM.NPS.SCORES: SPEC §2 NPS from the scores", () => {
  it("10, 9, 8, 7, 6, 3 → 0: (2 promoters − 2 detractors) ÷ 6 × 100 (computed by hand)", () => {
    expect(evaluate("=CRM.NPS.SCORES(A1:A6)", column(10, 9, 8, 7, 6, 3))).toBe(0);
  });

  it("10, 9, 9, 7, 2 → 40: (3 promoters − 1 detractor) ÷ 5 × 100 (computed by hand)", () => {
    expect(evaluate("=CRM.NPS.SCORES(A1:A5)", column(10, 9, 9, 7, 2))).toBe(40);
  });

  it("takes a row (a horizontal range) as well as a column", () => {
    expect(evaluate("=CRM.NPS.SCORES(A1:E1)", [[10, 9, 9, 7, 2]])).toBe(40);
  });

  it("takes a single cell: one response", () => {
    expect(evaluate("=CRM.NPS.SCORES(A1)", [[9]])).toBe(100);
    expect(evaluate("=CRM.NPS.SCORES(A1)", [[6]])).toBe(-100);
  });

  it("reads numbers stored as text", () => {
    expect(evaluate("=CRM.NPS.SCORES(A1:A6)", column("10", "9", " 8 ", "7", "6", "3"))).toBe(0);
  });

  it("by its Chinese names gives the same", () => {
    const cells = column(10, 9, 9, 7, 2);
    expect(evaluate("=CRM.净推荐值.评分(A1:A5)", cells, null, "zh-CN")).toBe(40);
    expect(evaluate("=CRM.淨推薦值.評分(A1:A5)", cells, null, "zh-TW")).toBe(40);
  });

  it("equals CRM.NPS over the COUNTIFs of the same scores (the report's live formula)", () => {
    const cells = column(10, 9, 9, 8, 7, 7, 6, 5, 0, 10, 4);
    const fromScores = evaluate("=CRM.NPS.SCORES(A1:A11)", cells);
    const fromCounts = evaluate(
      '=CRM.NPS(COUNTIF(A1:A11,">=9"),COUNTIFS(A1:A11,">=7",A1:A11,"<9"),COUNTIF(A1:A11,"<7"))',
      cells
    );
    // 4 promoters, 3 passives, 4 detractors → 0
    expect(fromScores).toBe(0);
    expect(fromScores).toBe(fromCounts);
  });
});

for (const suiteCase of each<[string, EmptyCell]>([
  ["null", null],
  ['""', ""],
  ["0", 0],
])) {
  describe(
    suiteCase.name("CRM.NPS.SCORES with empty cells passed as %s"),
    suiteCase.run((_label, emptyCell) => {
      it("skips an empty cell, except where the platform passes it as 0, a score (a detractor)", () => {
        // 10, (empty), 9, (empty), 3
        const value = evaluate("=CRM.NPS.SCORES(A1:A5)", column(10, null, 9, null, 3), emptyCell);
        if (emptyCell === 0) {
          // Indistinguishable from typed 0s: 2 promoters, 3 detractors of 5 → (2 − 3) ÷ 5 × 100
          expect(value).toBe(-20);
        } else {
          // 3 responses: 2 promoters, 1 detractor → (2 − 1) ÷ 3 × 100
          expect(value).toBeCloseTo(100 / 3, 12);
        }
      });

      it("gives #DIV/0! when nobody answered (a range of zeros where blanks arrive as 0)", () => {
        const value = evaluate("=CRM.NPS.SCORES(A1:A3)", column(null, null, null), emptyCell);
        if (emptyCell === 0) expect(value).toBe(-100);
        else expectError(value, "#DIV/0!");
      });

      it("leaves the count form as it was: an empty count is refused, never read as a silent 0", () => {
        const value = evaluate("=CRM.NPS(A1, B1, C1)", [[100, null, 80]], emptyCell);
        if (emptyCell === 0) {
          // Indistinguishable from a typed 0: 100 × (100 − 80) ÷ 180
          expect(value).toBeCloseTo(100 / 9, 12);
        } else {
          expectError(value, "#VALUE!", ["CRM.NPS", "passives", "empty"]);
        }
      });
    })
  );
}

describe("CRM.NPS.SCORES refuses scores that are not whole numbers from 0 to 10", () => {
  it("a score above 10 is #VALUE!, naming the argument and its row", () => {
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, 9, 11)), "#VALUE!", [
      "CRM.NPS.SCORES: scores, row 3 is 11, outside the scale 0 to 10.",
    ]);
  });

  it("a negative score is #VALUE!, naming its row", () => {
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(-1, 9, 10)), "#VALUE!", [
      "scores, row 1 is -1",
    ]);
  });

  it("a fractional score, typed or as text, is #VALUE!, naming its row", () => {
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, 8.5, 7)), "#VALUE!", [
      "CRM.NPS.SCORES: scores, row 2 is 8.5; scores are whole numbers from 0 to 10.",
    ]);
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, 7, "9.5")), "#VALUE!", [
      "scores, row 3 is 9.5",
    ]);
  });

  it("counts rows within the user's range, not the sheet (A3:A5: the sheet's A4 is row 2)", () => {
    const cells = [["survey"], ["score"], [10], [12], [9]];
    expectError(evaluate("=CRM.NPS.SCORES(A3:A5)", cells), "#VALUE!", ["scores, row 2 is 12"]);
  });

  it("names the cell's position along a horizontal range as its row, as CRM.CSAT does", () => {
    expectError(evaluate("=CRM.NPS.SCORES(A1:D1)", [[10, 9, 7, 7.5]]), "#VALUE!", [
      "scores, row 4 is 7.5",
    ]);
  });

  it("text that is not a number, TRUE/FALSE and error cells are #VALUE!, naming the row", () => {
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, "great", 7)), "#VALUE!", [
      "scores, row 2",
      '"great"',
    ]);
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, 9, true)), "#VALUE!", [
      "scores, row 3",
    ]);
    expectError(evaluate("=CRM.NPS.SCORES(A1:A3)", column(10, "=NA()", 7)), "#VALUE!", [
      "scores, row 2",
      "#N/A",
    ]);
  });

  it("a block of several rows and columns is #VALUE!", () => {
    expectError(
      evaluate("=CRM.NPS.SCORES(A1:B2)", [
        [10, 9],
        [3, 2],
      ]),
      "#VALUE!",
      ["scores", "single column or row"]
    );
  });
});

describe("CRM.NPS (the count form) unchanged", () => {
  it("100 promoters, 30 passives, 80 detractors → 9.52… (SPEC §2 worked example)", () => {
    expect(evaluate("=CRM.NPS(100, 30, 80)")).toBeCloseTo(9.52380952381, 9);
  });

  it("reads counts from cells, numbers stored as text too", () => {
    expect(evaluate("=CRM.NPS(A1, B1, C1)", [["100", "30", "80"]])).toBeCloseTo(9.52380952381, 9);
  });

  it("keeps its errors: #DIV/0! with no respondents, #NUM! for impossible counts", () => {
    expectError(evaluate("=CRM.NPS(0, 0, 0)"), "#DIV/0!");
    expectError(evaluate("=CRM.NPS(1.5, 0, 0)"), "#NUM!");
  });

  it("keeps its three required count parameters, and the scores form takes one range", () => {
    const { metadata } = loadBuiltAddin();
    const byId = new Map(metadata.functions.map((fn) => [fn.id, fn]));
    // functions.json leaves out dimensionality for a scalar (Excel's default)
    const shape = (id: string) =>
      byId.get(id)!.parameters.map((p) => [p.name, p.dimensionality ?? "scalar", !!p.optional]);
    expect(shape("NPS")).toEqual([
      ["promoters", "scalar", false],
      ["passives", "scalar", false],
      ["detractors", "scalar", false],
    ]);
    expect(shape("NPS.SCORES")).toEqual([["scores", "matrix", false]]);
  });
});
