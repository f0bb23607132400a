/**
 * Predictions from a fitted model range (issue 13 "Fit once, use everywhere"; SPEC §2
 * "Predictive CLV": the fit "is a result in their own right that the per-customer functions
 * accept, so a workbook with many prediction formulas fits once"). CRM.CLVFIT fits once and
 * spills the model; these functions read that range and predict for the customers given, with
 * no fitting, so they recalculate in microseconds per customer.
 *
 * Names follow Excel's pattern for variants of one function, a qualifier after a period as in
 * STDEV.S and PERCENTILE.INC (and Microsoft's custom-function naming guidance: uppercase, the
 * name says what the function computes), so PALIVE.MODEL is P(alive) from a model, next to
 * PALIVE from transactions.
 *
 * Inputs x, t_x, t and monetary are each one value or a range, all of one shape; the result
 * has that shape: one cell per customer, so a formula works in a table column (one row per
 * call), spilled over a column (one call for all rows), and inside BYROW/MAP/LAMBDA. A bad row
 * gives an error in its own cell, naming the argument and the row. Each JSDoc block is the
 * function's one documentation.
 */
import { CrmError } from "../core/errors";
import { isBlank, readNumber } from "../core/input/input";
import { requireFraction, requireNonNegative } from "../core/input/validate";
import type { SummaryArgumentNames } from "../core/models/customerSummary";
import { expectedAverageSpend } from "../core/models/gammaGamma";
import { parseModelRange, type ModelFromRange } from "../core/models/modelRange";
import {
  checkHistoryRow,
  discountedPurchases,
  type History,
} from "../core/models/modelPredictions";
import { evaluate, numberArg, optionalNumberArg, toExcelError } from "./adapter";

const NAMES: SummaryArgumentNames = { x: "x", tx: "t_x", T: "t", monetary: "monetary" };

/** One value or a range, as a 2-D array (a single value arrives as [[v]] or, in some hosts, bare). */
function grid(value: unknown): unknown[][] {
  if (Array.isArray(value) && value.every(Array.isArray)) return value as unknown[][];
  return [[value]];
}

/** The shape of the first argument; every other must match it. */
function requireSameShape(args: readonly (readonly [string, unknown[][]])[]): {
  rows: number;
  columns: number;
} {
  const [firstName, first] = args[0]!;
  const rows = first.length;
  const columns = first[0]?.length ?? 0;
  const size = (r: number, c: number) =>
    `${r} row${r === 1 ? "" : "s"} × ${c} column${c === 1 ? "" : "s"}`;
  for (const [name, cells] of args.slice(1)) {
    if (cells.length !== rows || cells.some((row) => row.length !== columns)) {
      throw new CrmError(
        "value",
        `${name} has ${size(cells.length, cells[0]?.length ?? 0)} but ${firstName} has ${size(rows, columns)}; ${args
          .map(([n]) => n)
          .join(", ")} must be one value each or ranges of the same shape.`,
        name
      );
    }
  }
  return { rows, columns };
}

/** A cell's 1-based row within the user's range (and column, for a range wider than one). */
interface Cell {
  readonly row: number;
  readonly column: number;
}

/**
 * Runs `compute` for every cell of the inputs' common shape, each failure becoming that cell's
 * Excel error (the message naming the argument and row); a cell where every input is empty
 * stays empty (a blank row in a table column).
 */
function perCell(
  functionName: string,
  inputs: readonly (readonly [string, unknown[][]])[],
  compute: (values: readonly unknown[], cell: Cell) => number
): unknown[][] {
  const { rows, columns } = requireSameShape(inputs);
  const out: unknown[][] = new Array<unknown[]>(rows);
  const values = new Array<unknown>(inputs.length);
  for (let r = 0; r < rows; r++) {
    const line = new Array<unknown>(columns);
    for (let c = 0; c < columns; c++) {
      let blank = true;
      for (let k = 0; k < inputs.length; k++) {
        values[k] = inputs[k]![1][r]![c];
        if (!isBlank(values[k])) blank = false;
      }
      if (blank) {
        line[c] = "";
        continue;
      }
      try {
        line[c] = compute(values, { row: r + 1, column: c + 1 });
      } catch (error) {
        line[c] = toExcelError(functionName, error);
      }
    }
    out[r] = line;
  }
  return out;
}

/** x, t_x, t of one cell, read and checked (named by argument and row). */
function history(x: unknown, tx: unknown, T: unknown, { row }: Cell): History {
  const value = {
    x: readNumber(x, { argument: NAMES.x, row }),
    tx: readNumber(tx, { argument: NAMES.tx, row }),
    T: readNumber(T, { argument: NAMES.T, row }),
  };
  checkHistoryRow(value, row, NAMES);
  return value;
}

function modelArg(model: unknown): ModelFromRange {
  return parseModelRange(model, "model");
}

/**
 * Probability that each customer is still alive, from a model fitted once by CRM.CLVFIT: fast enough for thousands of formulas.
 * @customfunction PALIVE.MODEL PALIVE.MODEL
 * @helpurl https://localhost:3000/reference/index.html#palive-model
 * @param model The model range spilled by CRM.CLVFIT (for example H2#), with or without its header row and standard_error column.
 * @param x Repeat purchase days of each customer (purchase days − 1): one value or a range.
 * @param t_x Time from each customer's first to last purchase day, in the model's time_unit: one value or a range the shape of x.
 * @param t Time from each customer's first purchase day to the calibration end, in the model's time_unit: one value or a range the shape of x.
 * @returns P(alive) for each customer, in the shape of x (one value for one customer).
 * @remarks The model's purchase model with its fitted parameters: BG/NBD P(alive | x, t_x, t) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + t) ÷ (alpha + t_x))^(r + x)) (Fader, Hardie and Lee 2005, 2008), or the Pareto/NBD's (Fader and Hardie 2005 note, eqs. 36–37) for a model fitted with model "pareto_nbd". Nothing is fitted: the model range is read (16 rows) and each customer costs microseconds, so a column of 20,000 formulas recalculates at once. x, t_x and t must be in the model's time_unit (its time_unit row), as CLVSUMMARY gives them. A customer who never bought again (x = 0) has P(alive) = 1 under BG/NBD. A row whose inputs are all empty gives an empty cell.
 * @example =CRM.PALIVE.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2, K2, L2) → 0.7266
 * @example =CRM.PALIVE.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2:J2358, K2:K2358, L2:L2358) ⇒ spills 2357 rows × 1 column: P(alive) of each CDNOW customer of the summary, customer 1 first (0.7266)
 * @throws #VALUE! model is not a model made by CRM.CLVFIT (the message says which row is wrong), or x, t_x and t differ in shape; in a customer's cell only, a value is not a number or the row is inconsistent (x fractional or negative, t_x above t, t_x above 0 with x 0, or 0 with x above 0; the message names the argument and the row).
 */
export function PALIVE_MODEL(
  model: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  t: unknown[][]
): unknown[][] {
  const name = "CRM.PALIVE.MODEL";
  return evaluate(name, () => {
    const { purchase } = modelArg(model);
    return perCell(
      name,
      [
        ["x", grid(x)],
        ["t_x", grid(t_x)],
        ["t", grid(t)],
      ],
      ([xv, txv, tv], cell) => {
        const h = history(xv, txv, tv, cell);
        return purchase.probabilityAlive(h.x, h.tx, h.T);
      }
    );
  });
}

/**
 * Expected number of purchases of each customer in the next horizon time units, from a model fitted once by CRM.CLVFIT.
 * @customfunction EXPECTEDPURCHASES.MODEL EXPECTEDPURCHASES.MODEL
 * @helpurl https://localhost:3000/reference/index.html#expectedpurchases-model
 * @param model The model range spilled by CRM.CLVFIT (for example H2#), with or without its header row and standard_error column.
 * @param x Repeat purchase days of each customer (purchase days − 1): one value or a range.
 * @param t_x Time from each customer's first to last purchase day, in the model's time_unit: one value or a range the shape of x.
 * @param t Time from each customer's first purchase day to the calibration end, in the model's time_unit: one value or a range the shape of x.
 * @param horizon How far ahead, in the model's time_unit (for example 39 weeks).
 * @returns E[purchases in the next horizon | x, t_x, t] for each customer, in the shape of x.
 * @remarks BG/NBD: Fader, Hardie and Lee (2005, eq. 10), with the Gauss hypergeometric function summed to convergence; Pareto/NBD: the model's own conditional expectation (Schmittlein, Morrison and Colombo 1987). Purchases are purchase days. A customer with x = 0, t_x = 0 and t = 0 is a newly acquired one: the result is E[X(horizon)] (eq. 9). Nothing is fitted: the model range is read once per call.
 * @example =CRM.EXPECTEDPURCHASES.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2, K2, L2, 39) → 1.226
 * @example =CRM.EXPECTEDPURCHASES.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2:J2358, K2:K2358, L2:L2358, 39) ⇒ spills 2357 rows × 1 column: expected purchases of each CDNOW customer in the next 39 weeks, customer 1 first (1.226)
 * @throws #VALUE! model is not a model made by CRM.CLVFIT (the message says which row is wrong), or x, t_x and t differ in shape; in a customer's cell only, a value is not a number or the row is inconsistent (x fractional or negative, t_x above t, t_x above 0 with x 0, or 0 with x above 0; the message names the argument and the row).
 * @throws #NUM! horizon is negative or not finite; in a customer's cell only, the hypergeometric series does not converge.
 */
export function EXPECTEDPURCHASES_MODEL(
  model: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  t: unknown[][],
  horizon: unknown
): unknown[][] {
  const name = "CRM.EXPECTEDPURCHASES.MODEL";
  return evaluate(name, () => {
    const { purchase } = modelArg(model);
    const span = requireNonNegative(numberArg(horizon, "horizon"), "horizon");
    return perCell(
      name,
      [
        ["x", grid(x)],
        ["t_x", grid(t_x)],
        ["t", grid(t)],
      ],
      ([xv, txv, tv], cell) => {
        const h = history(xv, txv, tv, cell);
        return purchase.expectedPurchases(span, h.x, h.tx, h.T);
      }
    );
  });
}

/** A monetary cell: blank or empty means 0 (a one-time buyer's), anything else a number. */
function monetaryValue(value: unknown, row: number): number {
  return isBlank(value) ? 0 : readNumber(value, { argument: NAMES.monetary, row });
}

/** x of one cell: a whole number ≥ 0 (named by argument and row, #VALUE!). */
function frequency(value: unknown, row: number): number {
  const x = readNumber(value, { argument: NAMES.x, row });
  if (!(Number.isInteger(x) && x >= 0)) {
    throw new CrmError(
      "value",
      `x, row ${row} is ${x}; a number of repeat purchase days is a whole number 0 or above.`,
      "x",
      row
    );
  }
  return x;
}

/**
 * Expected average spend per purchase day of each customer (Gamma-Gamma), from a model fitted once by CRM.CLVFIT.
 * @customfunction EXPECTEDSPEND.MODEL EXPECTEDSPEND.MODEL
 * @helpurl https://localhost:3000/reference/index.html#expectedspend-model
 * @param model The model range spilled by CRM.CLVFIT (for example H2#), with or without its header row and standard_error column.
 * @param x Repeat purchase days of each customer (purchase days − 1): one value or a range.
 * @param monetary Mean spend of each customer's repeat purchase days (ignored, may be 0 or empty, when x is 0): one value or a range the shape of x.
 * @returns E[spend per purchase day | x, monetary] for each customer, in the shape of x.
 * @remarks Gamma-Gamma (Fader and Hardie 2013, eq. 5): (gamma + monetary × x) × p ÷ (p × x + q − 1), a weighted mean of the customer's own monetary and the population mean p × gamma ÷ (q − 1). Customers outside the spend fit, one-time buyers (x = 0) and repeat buyers whose monetary is 0 or less (SPEC §2 "Spend model eligibility"), are expected to spend the population mean; where that mean is infinite (q ≤ 1) their cell is #NUM!.
 * @example =CRM.EXPECTEDSPEND.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2, M2) → 24.66
 * @example =CRM.EXPECTEDSPEND.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2:J2358, M2:M2358) ⇒ spills 2357 rows × 1 column: expected spend of each CDNOW customer, customers 1–3 first (24.66, 18.91, 35.17)
 * @throws #VALUE! model is not a model made by CRM.CLVFIT (the message says which row is wrong), or x and monetary differ in shape; in a customer's cell only, a value is not a number or x is not a whole number 0 or above (the message names the argument and the row).
 * @throws #NUM! in a customer's cell only, the population mean spend is infinite (q ≤ 1) for a customer outside the spend fit, or p × x + q ≤ 1.
 */
export function EXPECTEDSPEND_MODEL(
  model: unknown[][],
  x: unknown[][],
  monetary: unknown[][]
): unknown[][] {
  const name = "CRM.EXPECTEDSPEND.MODEL";
  return evaluate(name, () => {
    const { spend } = modelArg(model);
    return perCell(
      name,
      [
        ["x", grid(x)],
        ["monetary", grid(monetary)],
      ],
      ([xv, mv], { row }) => expectedAverageSpend(spend, frequency(xv, row), monetaryValue(mv, row))
    );
  });
}

/**
 * Most discounting steps one PREDICTEDCLV.MODEL call may cost, as PREDICTEDCLV's bound (BG/NBD
 * carries each step's ₂F₁ from the previous one: 2,000,000 steps took 0.6 s at load 10; other
 * models evaluate each step, about a second). The steps are taken once per distinct (x, t)
 * for a model with a horizonPredictor (BG/NBD: bgnbdHorizon.ts), else once per distinct
 * (x, t_x, t) history.
 */
const MAX_PREDICTION_STEPS = 2_000_000;

/**
 * Predicted customer lifetime value of each customer over a horizon, from a model fitted once by CRM.CLVFIT: expected purchases × expected spend, discounted per time unit.
 * @customfunction PREDICTEDCLV.MODEL PREDICTEDCLV.MODEL
 * @helpurl https://localhost:3000/reference/index.html#predictedclv-model
 * @param model The model range spilled by CRM.CLVFIT (for example H2#), with or without its header row and standard_error column.
 * @param x Repeat purchase days of each customer (purchase days − 1): one value or a range.
 * @param t_x Time from each customer's first to last purchase day, in the model's time_unit: one value or a range the shape of x.
 * @param t Time from each customer's first purchase day to the calibration end, in the model's time_unit: one value or a range the shape of x.
 * @param monetary Mean spend of each customer's repeat purchase days (ignored, may be 0 or empty, when x is 0): one value or a range the shape of x.
 * @param horizon How far ahead, in the model's time_unit (for example 52 weeks).
 * @param discount_rate Discount rate per time_unit of the model, as a fraction (0.002 is 0.2% per week when the model is in weeks).
 * @param [margin] Profit margin as a fraction. Omitted: 1 (revenue).
 * @returns The predicted CLV of each customer, in the shape of x.
 * @remarks As PREDICTEDCLV, with the model's time_unit as the unit of horizon and discount_rate: the horizon is cut into steps of one time_unit; step k's expected purchases E[Y(k)] − E[Y(k − 1)] (the model's purchase model, conditional on the customer's history) times the Gamma-Gamma expected spend per purchase day times margin is discounted by (1 + discount_rate)^k. Customers outside the spend fit (one-time buyers, repeat buyers with monetary 0 or less) are expected to spend the population mean; where it is infinite (q ≤ 1) their cell is #NUM!. Nothing is fitted; the discounted purchases are computed once per distinct (x, t) for BG/NBD (times each customer's P(alive), exactly as eq. 10 factors) and once per distinct (x, t_x, t) for Pareto/NBD.
 * @example =CRM.PREDICTEDCLV.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2, K2, L2, M2, 52, 0.002) → 36.60
 * @example =CRM.PREDICTEDCLV.MODEL(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), J2:J2358, K2:K2358, L2:L2358, M2:M2358, 52, 0.002) ⇒ spills 2357 rows × 1 column: the 52-week CLV of each CDNOW customer, customer 1 first (36.60)
 * @throws #VALUE! model is not a model made by CRM.CLVFIT (the message says which row is wrong), x, t_x, t and monetary differ in shape, or horizon is too large (at most 2,000,000 discounting steps over all distinct (x, t) pairs for BG/NBD, (x, t_x, t) histories for Pareto/NBD; the message gives the largest horizon); in a customer's cell only, a value is not a number or the row is inconsistent (x fractional or negative, t_x above t, t_x above 0 with x 0, or 0 with x above 0; the message names the argument and the row).
 * @throws #NUM! horizon is negative, or discount_rate or margin lies outside 0 to 1; in a customer's cell only, the population mean spend is infinite (q ≤ 1) for a customer outside the spend fit.
 */
export function PREDICTEDCLV_MODEL(
  model: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  t: unknown[][],
  monetary: unknown[][],
  horizon: unknown,
  discount_rate: unknown,
  margin?: unknown
): unknown[][] {
  const name = "CRM.PREDICTEDCLV.MODEL";
  return evaluate(name, () => {
    const { purchase, spend } = modelArg(model);
    const span = requireNonNegative(numberArg(horizon, "horizon"), "horizon");
    const rate = requireFraction(numberArg(discount_rate, "discount_rate"), "discount_rate");
    const share = requireFraction(optionalNumberArg(margin, "margin", 1), "margin");
    const inputs = [
      ["x", grid(x)],
      ["t_x", grid(t_x)],
      ["t", grid(t)],
      ["monetary", grid(monetary)],
    ] as const;
    requireSameShape(inputs);
    // The work bound, decided before any expected-purchases evaluation (SPEC §2 "Bounds").
    const predictor = purchase.horizonPredictor?.(span, rate);
    const histories = new Set<string>();
    for (let r = 0; r < inputs[0][1].length; r++)
      for (let c = 0; c < inputs[0][1][r]!.length; c++)
        histories.add(
          predictor
            ? `${String(inputs[0][1][r]![c])}|${String(inputs[2][1][r]![c])}`
            : `${String(inputs[0][1][r]![c])}|${String(inputs[1][1][r]![c])}|${String(inputs[2][1][r]![c])}`
        );
    const largest = Math.floor(MAX_PREDICTION_STEPS / Math.max(1, histories.size));
    if (Math.ceil(span) > largest) {
      const what = predictor ? "(x, t) pairs" : "customer histories (x, t_x, t)";
      throw new CrmError(
        "value",
        `horizon ${span} is too large: with ${histories.size.toLocaleString("en-US")} distinct ${what} it can be at most ${largest.toLocaleString("en-US")} time_unit steps (${MAX_PREDICTION_STEPS.toLocaleString("en-US")} discounting steps in all); use a shorter horizon or a model fitted in a larger time_unit.`,
        "horizon"
      );
    }
    const discounted = new Map<string, number>();
    return perCell(name, inputs, ([xv, txv, tv, mv], cell) => {
      const h = history(xv, txv, tv, cell);
      const money = monetaryValue(mv, cell.row);
      const expectedSpend = expectedAverageSpend(spend, h.x, money);
      if (predictor) return share * expectedSpend * predictor(h.x, h.tx, h.T).discounted;
      const key = `${h.x}|${h.tx}|${h.T}`;
      let purchases = discounted.get(key);
      if (purchases === undefined) {
        purchases = discountedPurchases(purchase, h, span, rate);
        discounted.set(key, purchases);
      }
      return share * expectedSpend * purchases;
    });
  });
}
