/**
 * Every example in the function reference is true: each `@example` of every custom function is
 * evaluated through the built bundle, over the reference's own sample table, and compared with
 * the documented result: `=F(…) → 0.05` to the digits shown, `=F(…) ⇒ spills R rows × C columns`
 * by the spilled block's size.
 */
import path from "node:path";
import { createRequire } from "node:module";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { RawCellContent } from "hyperformula";
import { evaluate, evaluateSpill, excelSerial } from "../support/formulaEngine";

const require = createRequire(import.meta.url);
const { collectFunctionDocs, SAMPLE_TABLE } = require("../../scripts/reference.cjs") as {
  collectFunctionDocs(files: string[]): { id: string; examples: string[] }[];
  SAMPLE_TABLE: (string | number)[][];
};

const functionsDir = path.resolve(__dirname, "../../src/functions");
const files = fs
  .readdirSync(functionsDir)
  .filter((f) => f.endsWith(".functions.ts"))
  .map((f) => path.join(functionsDir, f));
const docs = collectFunctionDocs(files);
const examples = docs.flatMap((doc) => doc.examples.map((example) => ({ id: doc.id, example })));

/** The sample table as the reference shows it, with its dates as Excel dates, in A1:C12. */
const sheet: RawCellContent[][] = SAMPLE_TABLE.map((row, i) =>
  i === 0 ? row : row.map((cell, column) => (column === 1 ? excelSerial(String(cell)) : cell))
);

describe("documented examples", () => {
  it("exist for every function", () => {
    for (const doc of docs)
      expect(doc.examples.length, `${doc.id} has no @example`).toBeGreaterThan(0);
  });

  it.each(examples)("$id: $example", ({ example }) => {
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
  });
});
