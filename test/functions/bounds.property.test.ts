/**
 * SPEC §2 "Bounds", as a property of every worksheet function the built bundle registers: called
 * with anything Excel can pass, a function returns a value a cell can hold, in time.
 *
 * The functions and their parameters come from dist/functions.json (a new function is covered
 * without touching this file); each is called through the bundle's own registration (dist/
 * functions.js), as Excel calls it. Half the calls are plausible, so that they reach the metric:
 * each matrix parameter gets a column (chosen by the parameter's name) of one table, random rows,
 * a table built customer by customer, or a slice of the CDNOW data (so that the predictive fits
 * converge too), and each scalar a plausible value for its name. The other half are hostile: odd
 * cells in the table, odd shapes (a row instead of a column, 0 × 0, ragged, shorter than its
 * siblings, two columns, a single value), and scalars that are blanks in all three forms ("",
 * null, 0), Excel error values, huge and tiny numbers (±1E+308, 5E-324, 2^53 + 2), far dates
 * (serial 2958465 = 9999-12-31, 2958466, 1, 60, negative serials), booleans and text.
 *
 * Asserted for every call:
 * - nothing but a CustomFunctions.Error escapes, and no #VALUE! is an "internal error";
 * - #VALUE! and #N/A carry a message that starts with the function's name, and every
 *   "<argument>, row N" in it names one of the function's own parameters and a row within it;
 * - no NaN or ±Infinity anywhere in the result; a scalar is a number, text or boolean;
 * - a spill is rectangular, at least 1 × 1 and within Excel's grid (1,048,576 × 16,384);
 * - rates that SPEC §2 bounds stay in range (churn, repeat, relative churn, CSAT and P(alive) in
 *   [0, 1]; declines in [0, 1]; NPS in [−100, 100]);
 * - each call takes under CALL_BUDGET_MS (3 s: generous for a 2-core CI box).
 *
 * Size: RUNS_PER_FUNCTION (150) random calls per registered function, 25 functions today, so
 * 3,750 calls, plus the named edge cases below. Time: the file runs in 10–30 s on a 2-core box,
 * depending on load (most of it in the predictive fits); its budget is 60 s, each call's
 * CALL_BUDGET_MS.
 * fast-check prints the seed and the shrunk counterexample of a failure; rerun one with
 * `BOUNDS_SEED=<seed> npx mocha test/functions/bounds.property.test.ts` (BOUNDS_RUNS=<n>
 * for a longer hunt, BOUNDS_STATS=1 to see how the calls ended).
 */
import { expect } from "../support/expect";
import fc from "fast-check";
import { existsSync } from "node:fs";
import path from "node:path";
import { CDNOW_DIR, loadCdnowMasterCells, utcDay } from "../support/cdnowCells";
import {
  loadBuiltAddin,
  StandInError,
  type FunctionMetadata,
  type ParameterMetadata,
} from "../support/builtAddin";

const RUNS_PER_FUNCTION = Number(process.env.BOUNDS_RUNS ?? 150);
const CALL_BUDGET_MS = 3000;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
const SEED = process.env.BOUNDS_SEED === undefined ? undefined : Number(process.env.BOUNDS_SEED);

const { metadata, implementations } = loadBuiltAddin();

// ── What Excel can pass ──────────────────────────────────────────────────────────────────────

/** The three forms an empty cell takes, depending on the platform. */
const blank = fc.constantFrom<unknown>("", null, 0);

/** Excel error values as a custom function receives them. */
const errorValue = fc.constantFrom<unknown>(
  new StandInError("#N/A"),
  new StandInError("#DIV/0!"),
  new StandInError("#VALUE!", "from another formula"),
  { code: "#REF!" }
);

/** Numbers at and beyond the edges. */
const extremeNumber = fc.constantFrom<unknown>(
  1e308,
  -1e308,
  5e-324,
  -5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  0.1,
  -1,
  -0.5
);

/** Day serials at and beyond the edges of Excel's calendar. */
const farDate = fc.constantFrom<unknown>(2958465, 2958466, 1, 60, 61, -1, -45292, 0.5, 1e308);

/** Dates in 2024–2025, where the tables below live. */
const plausibleDate = fc.integer({ min: 45292, max: 45292 + 600 });

const hostileScalar = fc.oneof(
  blank,
  errorValue,
  extremeNumber,
  farDate,
  fc.constantFrom<unknown>(true, false, "abc", "2024-03-01", "1,000", " 7 ", "TRUE", "月"),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 100 })
);

/** A value that makes sense for a parameter of this name, so that calls reach the metric. */
function plausibleScalar(name: string): fc.Arbitrary<unknown> {
  if (/(^|_)(as_of|start|end)$|date/.test(name)) return plausibleDate;
  if (name === "time_unit") return fc.constantFrom("day", "week", "month", "周", "月");
  if (name === "period") return fc.constantFrom("month", "quarter", "year", "季度");
  if (name === "measure") return fc.constantFrom("customers", "revenue");
  if (name === "variant") return fc.constantFrom(0, 1, 2);
  if (name.startsWith("show_") || name.startsWith("sort_")) return fc.boolean();
  if (/rate|margin|share/.test(name)) return fc.double({ min: 0, max: 1, noNaN: true });
  if (name === "inactive_days") return fc.integer({ min: 1, max: 400 });
  if (/offset/.test(name)) return fc.integer({ min: 0, max: 30 });
  if (name === "horizon" || name === "years" || /periods|lifespan/.test(name))
    return fc.double({ min: 0, max: 100, noNaN: true });
  return fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e4, noNaN: true }));
}

function scalarArg(name: string, hostile: boolean): fc.Arbitrary<unknown> {
  return hostile
    ? fc.oneof(
        { weight: 3, arbitrary: plausibleScalar(name) },
        { weight: 2, arbitrary: hostileScalar }
      )
    : plausibleScalar(name);
}

/** A rare odd cell in an otherwise plausible column. */
const oddCell = fc.oneof(blank, errorValue, extremeNumber, farDate, fc.constantFrom("x", true));

/** One row of a random transaction table, every column a matrix parameter may ask for. */
interface TableRow {
  readonly id: unknown;
  readonly date: unknown;
  readonly amount: unknown;
  readonly score: unknown;
  readonly count: unknown;
  readonly time: unknown;
}

/** A table row; in a hostile call, about one cell in 25 is odd. */
function tableRow(hostile: boolean): fc.Arbitrary<TableRow> {
  const column = (good: fc.Arbitrary<unknown>) =>
    hostile ? fc.oneof({ weight: 24, arbitrary: good }, { weight: 1, arbitrary: oddCell }) : good;
  return fc.record({
    id: column(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom("a", "B", "客户1"))),
    date: column(fc.oneof(plausibleDate, fc.constant("2024-03-01"))),
    amount: column(
      hostile
        ? fc.oneof(
            fc.integer({ min: -50, max: 500 }),
            fc.double({ min: -1000, max: 1000, noNaN: true }),
            fc.constantFrom(1e308, -1e308, 5e-324)
          )
        : fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double({ min: 0, max: 1000, noNaN: true }))
    ),
    score: column(fc.integer({ min: 1, max: 5 })),
    count: column(fc.integer({ min: 0, max: 5 })),
    time: column(fc.double({ min: 0, max: 100, noNaN: true })),
  });
}

/** Which column of the table a matrix parameter reads, by its name. */
function columnOf(name: string): keyof TableRow {
  if (name.includes("id")) return "id";
  if (name.includes("date")) return "date";
  if (name.includes("amount") || name === "monetary") return "amount";
  if (name.includes("score")) return "score";
  if (name === "x") return "count";
  return "time";
}

/** The shapes a range can arrive in, applied to a column of values. */
type Shape = "column" | "row" | "empty" | "emptyRow" | "ragged" | "short" | "twoColumns" | "grid";
const shape = fc.oneof(
  { weight: 20, arbitrary: fc.constant<Shape>("column") },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Shape>("row", "empty", "emptyRow", "ragged", "short", "twoColumns"),
  },
  { weight: 2, arbitrary: fc.constant<Shape>("grid") }
);

function shaped(values: unknown[], form: Shape, gridCells: unknown[]): unknown[][] {
  switch (form) {
    case "column":
      return values.length === 0 ? [[""]] : values.map((v) => [v]);
    case "row":
      return [values.length === 0 ? [""] : values];
    case "empty":
      return [];
    case "emptyRow":
      return [[]];
    case "ragged":
      return values.map((v, i) => (i % 2 === 0 ? [v] : [v, v]));
    case "short":
      return values.slice(1).map((v) => [v]);
    case "twoColumns":
      return values.map((v) => [v, v]);
    case "grid": {
      // a threshold-like grid, 3 × 3 or 1 × 3, of small, huge and tiny numbers and blanks
      const [a = 10, b = 30, c = 60, ...rest] = gridCells;
      return [[a, b, c], rest.slice(0, 3), rest.slice(3, 6)].filter((r) => r.length > 0);
    }
  }
}

const gridCell = fc.oneof(
  fc.constantFrom<unknown>(10, 30, 60, 0.3, 0.5, 3, 2, 1, ""),
  fc.integer({ min: -1, max: 400 }),
  extremeNumber
);

/**
 * A plausible table built customer by customer, the shape the predictive fits need: 15–40
 * customers, each with a first purchase in 2024 and 0–8 repeat purchases after it.
 */
const customerTable: fc.Arbitrary<TableRow[]> = fc
  .array(
    fc.record({
      first: plausibleDate,
      gaps: fc.array(fc.integer({ min: 1, max: 90 }), { maxLength: 8 }),
      spend: fc.integer({ min: 5, max: 300 }),
    }),
    { minLength: 15, maxLength: 40 }
  )
  .map((customers) =>
    customers.flatMap(({ first, gaps, spend }, id) => {
      let day = first;
      return [0, ...gaps].map((gap, k) => {
        day += gap;
        return { id: id + 1, date: day, amount: spend + k, score: 1 + (k % 5), count: k, time: k };
      });
    })
  );

/**
 * Real purchase histories, so that the predictive fits converge and their results get checked
 * too: the first 1,000 rows of the CDNOW master data (about 290 customers), dates moved from
 * 1997-01-01 to 2024-01-01 (serial 45292) to meet the dates drawn above; a call takes a slice.
 */
const cdnowRows: TableRow[] = (() => {
  if (!existsSync(path.join(CDNOW_DIR, "CDNOW_master.txt"))) return [];
  const shift = 45292 - utcDay(19970101);
  return loadCdnowMasterCells()
    .rows.slice(0, 1000)
    .map(([id, day, amount], k) => ({
      id,
      date: day + shift,
      amount,
      score: 1 + (k % 5),
      count: k % 4,
      time: k % 7,
    }));
})();
const cdnowTable: fc.Arbitrary<TableRow[]> = fc
  .record({ from: fc.integer({ min: 0, max: 400 }), length: fc.integer({ min: 200, max: 600 }) })
  .map(({ from, length }) => cdnowRows.slice(from, from + length));

/**
 * All arguments of one call of `fn`, in parameter order (an omitted optional is null). Half the
 * calls are plausible throughout, so that they reach the metric; the other half are hostile.
 */
function callArguments(fn: FunctionMetadata): fc.Arbitrary<unknown[]> {
  return fc.boolean().chain((hostile) => argumentsOf(fn, hostile));
}

function argumentsOf(fn: FunctionMetadata, hostile: boolean): fc.Arbitrary<unknown[]> {
  const params = fn.parameters;
  return fc
    .tuple(
      hostile
        ? fc.array(tableRow(true), { maxLength: 30 })
        : fc.oneof(
            fc.array(tableRow(false), { minLength: 5, maxLength: 60 }),
            customerTable,
            ...(cdnowRows.length > 0 ? [cdnowTable] : [])
          ),
      fc.tuple(...params.map((p) => parameterArg(p, hostile))),
      fc.oneof(
        fc.array(gridCell, { minLength: 3, maxLength: 3 }),
        fc.array(gridCell, { minLength: 9, maxLength: 9 })
      )
    )
    .map(([rows, perParameter, gridCells]) =>
      perParameter.map((arg, k) => {
        const p = params[k]!;
        if (arg.kind === "omitted") return null;
        if (arg.kind === "scalar") return arg.value;
        return shaped(
          rows.map((r) => r[columnOf(p.name)]),
          arg.shape,
          gridCells
        );
      })
    );
}

type ParameterArg =
  { kind: "omitted" } | { kind: "scalar"; value: unknown } | { kind: "matrix"; shape: Shape };

function parameterArg(p: ParameterMetadata, hostile: boolean): fc.Arbitrary<ParameterArg> {
  const matrix = (
    hostile ? shape : fc.constant<Shape>(p.name === "thresholds" ? "grid" : "column")
  ).map((s): ParameterArg => ({ kind: "matrix", shape: s }));
  const given: fc.Arbitrary<ParameterArg> =
    p.dimensionality === "matrix"
      ? hostile
        ? fc.oneof(
            { weight: 12, arbitrary: matrix },
            // a single value or blank where a range was expected
            {
              weight: 1,
              arbitrary: hostileScalar.map((v): ParameterArg => ({ kind: "scalar", value: v })),
            }
          )
        : matrix
      : scalarArg(p.name, hostile).map((value): ParameterArg => ({ kind: "scalar", value }));
  return p.optional
    ? fc.oneof(
        { weight: 1, arbitrary: fc.constant<ParameterArg>({ kind: "omitted" }) },
        { weight: 2, arbitrary: given }
      )
    : given;
}

// ── What a cell can hold ─────────────────────────────────────────────────────────────────────

/** Scalar results SPEC §2 bounds, by function id. */
const SCALAR_RANGES: Record<string, readonly [number, number]> = {
  CHURNRATE: [0, 1],
  RELATIVECHURN: [0, 1],
  REPEATRATE: [0, 1],
  CSAT: [0, 1],
  NPS: [-100, 100],
  "NPS.SCORES": [-100, 100],
  "CHURNRATE.TX": [0, 1],
  "REPEATRATE.TX": [0, 1],
};

/** Spilled columns SPEC §2 bounds, by header name (checked when the header row is shown). */
const COLUMN_RANGES: Record<string, readonly [number, number]> = {
  churn_rate: [0, 1],
  f_decline: [0, 1],
  m_decline: [0, 1],
  p_alive: [0, 1],
};

interface Outcome {
  /** the value returned, or the error thrown */
  readonly value: unknown;
  readonly thrown: boolean;
  readonly ms: number;
}

function call(fn: FunctionMetadata, args: readonly unknown[]): Outcome {
  const implementation = implementations.get(fn.id.toUpperCase());
  if (!implementation) throw new Error(`${fn.id} is in functions.json but not registered`);
  const started = performance.now();
  try {
    const value = implementation(...args);
    return { value, thrown: false, ms: performance.now() - started };
  } catch (error) {
    return { value: error, thrown: true, ms: performance.now() - started };
  }
}

/** Argument sizes, for the "row N lies within the argument" check. */
function rowsOf(arg: unknown): number {
  if (!Array.isArray(arg)) return 1;
  return Math.max(arg.length, ...arg.map((row) => (Array.isArray(row) ? row.length : 1)));
}

/**
 * Every parameter name with an underscore (as_of, max_offset …): words no message uses otherwise.
 * t_x is left out: it is also the name of a quantity every predictive function spills (a
 * customer's history is "x 1, t_x 60, T 60"), not only PREDICTEDCLV.SUMMARY's argument.
 */
const ARGUMENT_NAMES = [
  ...new Set(metadata.functions.flatMap((f) => f.parameters.map((p) => p.name))),
].filter((name) => name.includes("_") && name !== "t_x");

/** What is wrong with an error result, or undefined. */
function errorProblem(
  fn: FunctionMetadata,
  error: StandInError,
  args: readonly unknown[]
): string | undefined {
  if (error.code !== "#VALUE!" && error.code !== "#N/A") return undefined;
  const where = `${error.code} "${error.message ?? ""}"`;
  const prefix = `CRM.${fn.name}: `;
  if (!error.message?.startsWith(prefix)) return `${where}: no message starting with ${prefix}`;
  if (/internal error/.test(error.message)) return `${where}: a defect, not a user error`;
  for (const name of ARGUMENT_NAMES) {
    const mentioned = new RegExp(`(^|[^a-z_])${name}($|[^a-z_])`).test(error.message);
    if (mentioned && !fn.parameters.some((p) => p.name === name))
      return `${where}: names "${name}", which ${fn.id} does not have`;
  }
  for (const [, argument, row] of error.message.matchAll(/([a-z_]+), row (\d+)/g)) {
    const k = fn.parameters.findIndex((p) => p.name === argument);
    if (k < 0) return `${where}: names "${argument}", which ${fn.id} does not have`;
    if (Number(row) > rowsOf(args[k])) return `${where}: row ${row} lies beyond ${argument}`;
  }
  return undefined;
}

/** What is wrong with one cell of a result, or undefined. */
function cellProblem(cell: unknown, range?: readonly [number, number]): string | undefined {
  if (cell instanceof StandInError) return undefined;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return `${cell} in a cell`;
    if (range && !(cell >= range[0] && cell <= range[1]))
      return `${cell} outside [${range[0]}, ${range[1]}]`;
    return undefined;
  }
  return typeof cell === "string" || typeof cell === "boolean"
    ? undefined
    : `a cell holds ${String(cell)}`;
}

/** What is wrong with a call's outcome, or undefined. */
function outcomeProblem(
  fn: FunctionMetadata,
  outcome: Outcome,
  args: readonly unknown[]
): string | undefined {
  if (outcome.ms >= CALL_BUDGET_MS) return `took ${Math.round(outcome.ms)} ms`;
  const { value } = outcome;
  if (outcome.thrown || value instanceof StandInError) {
    if (!(value instanceof StandInError)) return `let ${String(value)} escape`;
    return errorProblem(fn, value, args);
  }
  if (fn.result?.dimensionality !== "matrix") {
    return cellProblem(value, SCALAR_RANGES[fn.id.toUpperCase()]);
  }
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0]))
    return "a spill that is no non-empty 2-D array";
  const rows = value as unknown[][];
  const width = rows[0]!.length;
  if (width === 0) return "a spill with no columns";
  if (rows.length > EXCEL_MAX_ROWS || width > EXCEL_MAX_COLUMNS)
    return `a spill of ${rows.length} × ${width}, beyond the grid`;
  const header = rows[0]!.every((cell) => typeof cell === "string") ? rows[0]! : undefined;
  const ranges = header?.map((name) => COLUMN_RANGES[name as string]);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row) || row.length !== width) return `row ${r + 1} is ragged`;
    for (let c = 0; c < width; c++) {
      const problem = cellProblem(row[c], ranges?.[c]);
      if (problem) return `row ${r + 1}, column ${c + 1}: ${problem}`;
    }
  }
  return undefined;
}

function checkOutcome(fn: FunctionMetadata, outcome: Outcome, args: readonly unknown[]): void {
  const problem = outcomeProblem(fn, outcome, args);
  expect(problem, `${fn.id}: ${problem}`).toBeUndefined();
}

// ── The properties ───────────────────────────────────────────────────────────────────────────

describe('every registered function is bounded (SPEC §2 "Bounds")', () => {
  it("covers the registered functions", () => {
    expect(metadata.functions.length).toBeGreaterThanOrEqual(20);
  });

  for (const fn of metadata.functions) {
    it(`${fn.id}: random and hostile arguments give a cell-safe result in time`, () => {
      const codes = new Map<string, number>();
      fc.assert(
        fc.property(callArguments(fn), (args) => {
          const outcome = call(fn, args);
          checkOutcome(fn, outcome, args);
          const code = outcome.value instanceof StandInError ? outcome.value.code : "value";
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }),
        { numRuns: RUNS_PER_FUNCTION, ...(SEED === undefined ? {} : { seed: SEED }) }
      );
      // BOUNDS_STATS=1 shows how the calls ended, to see that they reach the metrics.
      if (process.env.BOUNDS_STATS) console.log(fn.id, JSON.stringify([...codes]));
    });
  }
});

// ── Named edge cases: the ones the issue reported, through the bundle ────────────────────────

function run(id: string, ...args: unknown[]): Outcome {
  const fn = metadata.functions.find((f) => f.id.toUpperCase() === id);
  if (!fn) throw new Error(`${id} is not registered`);
  const outcome = call(fn, args);
  checkOutcome(fn, outcome, args);
  return outcome;
}

function codeOf(outcome: Outcome): string | undefined {
  return outcome.value instanceof StandInError ? outcome.value.code : undefined;
}

describe("edge cases", () => {
  const ids = [["a"], ["b"], ["a"]];
  const dates = [[45292], [45300], [45400]];
  const amounts = [[10], [20], [30]];

  it("COHORTS with max_offset 1E+308 is #NUM! (a spill wider than the grid), decided at once", () => {
    const outcome = run("COHORTS", [["a"]], [[45292]], null, null, null, 1e308);
    expect(codeOf(outcome)).toBe("#NUM!");
    expect(outcome.ms).toBeLessThan(100);
  });

  it("COHORTS as of 9999-12-31 would need 95,000 offset columns: #NUM!, before any period is built", () => {
    const outcome = run("COHORTS", ids, dates, null, null, null, null, 2958465);
    expect(codeOf(outcome)).toBe("#NUM!");
    expect(outcome.ms).toBeLessThan(200);
  });

  it("COHORTS as of 9999-12-31 with a small max_offset fits, and its late offsets are empty", () => {
    const outcome = run("COHORTS", ids, dates, null, "year", null, 3, 2958465);
    const spill = outcome.value as unknown[][];
    expect(spill[0]).toEqual([
      "cohort",
      "first_day",
      "customers",
      "offset_0",
      "offset_1",
      "offset_2",
      "offset_3",
    ]);
    expect(spill[1]).toEqual(["2024", 45292, 2, 1, 0, 0, 0]);
  });

  it("CHURNTREND as of 9999-12-31 spills one row per month, well within the time budget", () => {
    const outcome = run("CHURNTREND", ids, dates, null, 30, 2958465, true);
    // 2024-01 … 9999-12: (9999 − 2024 + 1) × 12 months, plus the header
    expect((outcome.value as unknown[][]).length).toBe((9999 - 2024 + 1) * 12 + 1);
  });

  it("CLV, CLVANNUITY and NPS overflowing are #NUM!", () => {
    expect(codeOf(run("CLV", 1e308, 2, 1))).toBe("#NUM!");
    expect(codeOf(run("CLVANNUITY", 1e308, 0, 3))).toBe("#NUM!");
    expect(codeOf(run("NPS", 1e308, 0, 0))).toBe("#NUM!");
    expect(codeOf(run("CLVRETENTION", 1e308, 0.9999999999999999, 0, 0))).toBe("#NUM!");
    expect(codeOf(run("RELATIVECHURN", 1, 2, 1e308, 5e-324))).toBe("#NUM!");
  });

  it("a zero factor keeps CLV at 0 however large the others are", () => {
    expect(run("CLV", 1e308, 10, 1, 0).value).toBe(0);
  });

  it("huge amounts are #NUM! in the spills that add them up", () => {
    const huge = [[1e308], [1e308], [1e308]];
    for (const id of ["RFMSEGMENTS", "RFMALERT"])
      expect(codeOf(run(id, ids, dates, huge)), id).toBe("#NUM!");
    expect(codeOf(run("TOPSHARE", ids, huge))).toBe("#NUM!");
  });

  it("TOPSHARE names only its own arguments, and reads id 0 as a customer", () => {
    // {0;1},{5;6}: customer 0 spent 5, customer 1 spent 6; the top 20 % (1 customer) has 6 of 11
    expect(run("TOPSHARE", [[0], [1]], [[5], [6]]).value).toBeCloseTo(6 / 11, 15);
    // a blank-as-0 row (id 0, amount 0) is a blank row, not customer 0
    expect(run("TOPSHARE", [[0], [1]], [[0], [6]]).value).toBe(1);
    // nothing but returns: the message names amounts (TOPSHARE has no as_of)
    const onlyReturns = run("TOPSHARE", [["a"], ["b"]], [[-5], [-6]]).value as StandInError;
    expect(onlyReturns.code).toBe("#N/A");
    expect(onlyReturns.message).toContain("amounts hold no purchase");
    const missing = run("TOPSHARE", [[""], [1]], [[5], [6]]).value as StandInError;
    expect(missing.code).toBe("#VALUE!");
    expect(missing.message).toContain("customer_ids, row 1");
  });

  it("amounts that add up within range still work", () => {
    expect(codeOf(run("RFMSEGMENTS", ids, dates, amounts))).toBeUndefined();
  });
});
