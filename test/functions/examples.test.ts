/**
 * Every example in the function reference is true: each `@example` of every custom function is
 * evaluated through the built bundle, over the reference's own sample table, and compared with
 * the documented result: `=F(…) → 0.05` to the digits shown, `=F(…) ⇒ spills R rows × C columns`
 * by the spilled block's size.
 */
import path from "node:path";
import { createRequire } from "node:module";
import fs from "node:fs";
import { expect } from "../support/expect";
import { each } from "../support/each";
import type { RawCellContent } from "hyperformula";
import { evaluate, evaluateSpill, excelSerial } from "../support/formulaEngine";
import { CDNOW_DIR } from "../support/cdnowCells";

const require = createRequire(import.meta.url);
const { collectFunctionDocs, SAMPLE_TABLE } = require("../../scripts/reference.cjs") as {
  collectFunctionDocs(files: string[]): { id: string; examples: string[] }[];
  SAMPLE_TABLE: (string | number)[][];
};

const functionsDir = path.resolve(import.meta.dirname, "../../src/functions");
const files = fs
  .readdirSync(functionsDir)
  .filter((f) => f.endsWith(".functions.ts"))
  .map((f) => path.join(functionsDir, f));
const docs = collectFunctionDocs(files);
const examples = docs.flatMap((doc) => doc.examples.map((example) => ({ id: doc.id, example })));

/**
 * The sheet the reference's examples refer to: its sample table in A1:C12 (dates as Excel
 * dates), the CDNOW sample's transactions in E1:G6920 (sample id, yyyymmdd date, dollars) and
 * the published CDNOW summary in I1:M2358 (ID, x, t_x, T, zbar).
 */
const sheet: RawCellContent[][] = (() => {
  const cells: RawCellContent[][] = [];
  const put = (row: number, column: number, value: RawCellContent) => {
    while (cells.length <= row) cells.push([]);
    cells[row]![column] = value;
  };
  SAMPLE_TABLE.forEach((row, r) =>
    row.forEach((cell, c) => put(r, c, r > 0 && c === 1 ? excelSerial(String(cell)) : cell))
  );
  const transactions = fs
    .readFileSync(path.join(CDNOW_DIR, "CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 5);
  ["customer", "date", "amount"].forEach((name, c) => put(0, 4 + c, name));
  transactions.forEach(([, id, date, , dollars], r) => {
    put(r + 1, 4, Number(id));
    put(r + 1, 5, Number(date));
    put(r + 1, 6, Number(dollars));
  });
  fs.readFileSync(path.join(CDNOW_DIR, "cdnow_customers_summary_with_transactions.csv"), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .forEach((line, r) =>
      line.split(",").forEach((cell, c) => put(r, 8 + c, r === 0 ? cell : Number(cell)))
    );
  for (const row of cells)
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  return cells;
})();

describe("documented examples", () => {
  it("exist for every function", () => {
    for (const doc of docs)
      expect(doc.examples.length, `${doc.id} has no @example`).toBeGreaterThan(0);
  });

  for (const testCase of each(examples)) {
    it(
      testCase.name("$id: $example"),
      testCase.run(({ example }) => {
        const spill = /^(=.+?)\s*⇒\s*spills (\d+) rows? × (\d+) columns?/.exec(example);
        if (spill) {
          const block = evaluateSpill(spill[1]!, sheet);
          expect(block.length).toBe(Number(spill[2]));
          expect(block[0]!.length).toBe(Number(spill[3]));
          return;
        }
        const [formula, documented] = example.split(/\s*→\s*/);
        expect(
          documented,
          "an example reads `=FORMULA → result` or `=FORMULA ⇒ spills R rows × C columns`"
        ).toBeDefined();
        const expected = Number(documented);
        const decimals = (documented!.split(".")[1] ?? "").length;
        const actual = evaluate(formula!, sheet);
        expect(typeof actual, `${formula} gave ${String(actual)}`).toBe("number");
        // The documented result is the true one rounded to the digits shown.
        expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
          0.5 * 10 ** -decimals + 1e-12
        );
      })
    );
  }
});
