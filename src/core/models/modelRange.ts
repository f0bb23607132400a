/**
 * The fitted model as a worksheet range (issue 13 "Fit once, use everywhere"; SPEC §2
 * "Predictive CLV": the fitted parameters "are a result in their own right that the
 * per-customer functions accept"). CRM.CLVFIT spills the rows {@link modelRangeRows} lays out;
 * the *.MODEL functions read that range back with {@link parseModelRange}. Both live here so
 * that the layout is defined once.
 *
 * Layout (one row per line; columns parameter, value, standard_error):
 *
 *   1–4  the purchase model's parameters: r, alpha, a, b (BG/NBD) or r, alpha, s, beta (Pareto/NBD)
 *   5    <model>_log_likelihood (bgnbd_log_likelihood, pareto_nbd_log_likelihood)
 *   6–8  p, q, gamma (Gamma-Gamma)
 *   9    gamma_gamma_log_likelihood
 *   10   customers, 11 repeat_buyers, 12 spend_fit_left_out
 *   13   model ("bgnbd" or "pareto_nbd"), 14 time_unit ("day", "week", "month"),
 *   15   calibration_end (a date serial), 16 penalizer
 *
 * Rows 1–12 are those CLVFIT always had, in the same order (`INDEX(CRM.CLVFIT(…), 2, 2)` is
 * still r); rows 13–16 make the range self-describing. A range reads as a model with or
 * without its header row (parameter, value[, standard_error]) and with or without the
 * standard_error column; anything else is refused with a `value` error saying that the range
 * is not a model made by CRM.CLVFIT and which row is wrong.
 */
import { CrmError, showValue } from "../errors";
import { excelErrorCode } from "../errors";
import { FIRST_EXCEL_DAY, LAST_EXCEL_DAY } from "../input/dates";
import type { TimeUnit } from "./customerSummary";
import { bgnbdPurchaseModel } from "./fitPurchaseModel";
import type { GammaGammaParams } from "./gammaGamma";
import { paretoNbdPurchaseModel } from "./paretoNbd";
import type {
  FittedParameter,
  PurchaseModel,
  PurchaseModelFit,
  PurchaseModelKind,
} from "./purchaseModel";

/** The purchase model's parameter names, in the order of rows 1–4. */
export const PURCHASE_PARAMETER_NAMES: Readonly<Record<PurchaseModelKind, readonly string[]>> = {
  bgnbd: ["r", "alpha", "a", "b"],
  pareto_nbd: ["r", "alpha", "s", "beta"],
};

/** The header row of the spill. */
export const MODEL_RANGE_HEADER = ["parameter", "value", "standard_error"] as const;

/** Rows of a model range (without header). */
export const MODEL_RANGE_ROWS = 16;

/** A standard-error cell: a number, none because the information is not positive definite, or not applicable. */
export type StandardErrorCell = number | "not_positive_definite" | "not_applicable";

export interface ModelRangeRow {
  readonly label: string;
  readonly value: number | string;
  readonly standardError: StandardErrorCell;
}

/** What CLVFIT spills: the two fits and what they were fitted to. */
export interface FittedModels {
  readonly purchase: PurchaseModelFit;
  /** Gamma-Gamma fit; `parameters` p, q, gamma with standard errors */
  readonly spend: {
    readonly parameters: readonly FittedParameter[];
    readonly logLikelihood: number;
    readonly repeatBuyers: number;
    readonly leftOut: number;
  };
  /** the calibration end, a day serial */
  readonly calibrationEnd: number;
  readonly penalizer: number;
}

const seCell = (parameter: FittedParameter): StandardErrorCell =>
  parameter.standardError === undefined ? "not_positive_definite" : parameter.standardError;

/** The 16 rows of the model range (layout in the module comment). */
export function modelRangeRows(models: FittedModels): ModelRangeRow[] {
  const { purchase, spend } = models;
  const none = "not_applicable" as const;
  return [
    ...purchase.parameters.map((p) => ({
      label: p.name,
      value: p.value,
      standardError: seCell(p),
    })),
    {
      label: `${purchase.kind}_log_likelihood`,
      value: purchase.logLikelihood,
      standardError: none,
    },
    ...spend.parameters.map((p) => ({ label: p.name, value: p.value, standardError: seCell(p) })),
    { label: "gamma_gamma_log_likelihood", value: spend.logLikelihood, standardError: none },
    { label: "customers", value: purchase.customers, standardError: none },
    { label: "repeat_buyers", value: spend.repeatBuyers, standardError: none },
    { label: "spend_fit_left_out", value: spend.leftOut, standardError: none },
    { label: "model", value: purchase.kind, standardError: none },
    { label: "time_unit", value: purchase.timeUnit, standardError: none },
    { label: "calibration_end", value: models.calibrationEnd, standardError: none },
    { label: "penalizer", value: models.penalizer, standardError: none },
  ];
}

/** A model read back from a range: everything the per-customer predictions need. */
export interface ModelFromRange {
  readonly purchase: PurchaseModel;
  readonly spend: GammaGammaParams;
  readonly timeUnit: TimeUnit;
  readonly calibrationEnd: number;
  readonly penalizer: number;
}

/** A purchase model from its parameter values (rows 1–4, in `timeUnit`). */
type PurchaseModelFactory = (values: readonly number[], timeUnit: TimeUnit) => PurchaseModel;

const purchaseModelFactories: Record<PurchaseModelKind, PurchaseModelFactory> = {
  bgnbd: ([r, alpha, a, b], timeUnit) =>
    bgnbdPurchaseModel({ r: r!, alpha: alpha!, a: a!, b: b!, timeUnit }),
  pareto_nbd: ([r, alpha, s, beta], timeUnit) =>
    paretoNbdPurchaseModel({ r: r!, alpha: alpha!, s: s!, beta: beta! }, timeUnit),
};

const TIME_UNITS: readonly TimeUnit[] = ["day", "week", "month"];

function notAModel(argument: string, detail: string): CrmError {
  return new CrmError(
    "value",
    `${argument} is not a model made by CRM.CLVFIT: ${detail}. Pass CLVFIT's whole spill (for example H2#, or H1:J17 with its header row), with or without its standard_error column.`,
    argument
  );
}

const label = (cell: unknown): string | undefined =>
  typeof cell === "string" ? cell.trim().toLowerCase() : undefined;

/**
 * Reads a model range made by CRM.CLVFIT (layout in the module comment) back into a purchase
 * model, the Gamma-Gamma parameters, the time unit, the calibration end and the penalizer.
 * Rows are counted within the range as the user selected it (a header row is row 1). Cost O(1)
 * (16 rows): cheap enough to run on every call.
 *
 * @param argument the argument's name in messages (e.g. "model")
 * @throws CrmError `value` when the range is not a 2-D range of 16 rows (17 with the header) and
 *   2 or 3 columns, a label is not the one CLVFIT writes in its row, the model or time unit is
 *   unknown, a parameter is not a number above 0, calibration_end is not a date serial or
 *   penalizer is below 0 (the message names the row and the label)
 */
export function parseModelRange(range: unknown, argument = "model"): ModelFromRange {
  const known = recentlyParsed(range);
  if (known !== undefined) return known;
  const model = parseModelCells(range, argument);
  remember(range as unknown[][], model);
  return model;
}

/**
 * The last few ranges read, by content: Excel hands each call a new array, and a column of
 * 20,000 PALIVE.MODEL formulas reads the same 16 rows 20,000 times. A hit compares the label
 * and value cells (what the model is read from; standard errors are not read) one by one, so
 * it is the same model exactly, never a stale one. Failures are not remembered.
 */
const RECENT_MODELS = 4;
const recent: { cells: unknown[][]; model: ModelFromRange }[] = [];

function recentlyParsed(range: unknown): ModelFromRange | undefined {
  if (!Array.isArray(range)) return undefined;
  for (const entry of recent) {
    const cells = entry.cells;
    if (cells.length !== range.length) continue;
    let same = true;
    for (let r = 0; r < cells.length && same; r++) {
      const row: unknown = range[r];
      same =
        Array.isArray(row) &&
        row.length === cells[r]!.length &&
        row[0] === cells[r]![0] &&
        row[1] === cells[r]![1];
    }
    if (same) return entry.model;
  }
  return undefined;
}

function remember(range: unknown[][], model: ModelFromRange): void {
  recent.unshift({ cells: range.map((row) => row.slice()), model });
  if (recent.length > RECENT_MODELS) recent.length = RECENT_MODELS;
}

function parseModelCells(range: unknown, argument: string): ModelFromRange {
  if (!Array.isArray(range) || range.length === 0 || !range.every(Array.isArray)) {
    throw notAModel(argument, `it is a single value (${showValue(range)}), not a range`);
  }
  const rows = range as unknown[][];
  const width = rows[0]!.length;
  if (width < 2 || width > 3 || rows.some((row) => row.length !== width)) {
    throw notAModel(
      argument,
      `it has ${width} column${width === 1 ? "" : "s"}; a model has 2 (parameter, value) or 3 (with standard_error)`
    );
  }
  const headerRows = label(rows[0]![0]) === MODEL_RANGE_HEADER[0] ? 1 : 0;
  if (headerRows === 1) {
    for (let c = 1; c < width; c++) {
      if (label(rows[0]![c]) !== MODEL_RANGE_HEADER[c]) {
        throw notAModel(
          argument,
          `row 1 (the header) has ${showValue(rows[0]![c])} in column ${c + 1} where CLVFIT writes "${MODEL_RANGE_HEADER[c]}"`
        );
      }
    }
  }
  if (rows.length - headerRows !== MODEL_RANGE_ROWS) {
    throw notAModel(
      argument,
      `it has ${rows.length} row${rows.length === 1 ? "" : "s"}; CLVFIT's model has ${MODEL_RANGE_ROWS} (${MODEL_RANGE_ROWS + 1} with its header row)`
    );
  }
  const at = (i: number) => rows[i + headerRows]!;
  const rowName = (i: number) => `row ${i + headerRows + 1}`;
  const expectLabel = (i: number, expected: string) => {
    const cell = at(i)[0];
    if (label(cell) !== expected) {
      throw notAModel(
        argument,
        `${rowName(i)} is labelled ${showValue(cell)} where CLVFIT writes "${expected}"`
      );
    }
  };
  const number = (i: number, name: string): number => {
    const cell = at(i)[1];
    if (typeof cell !== "number" || !Number.isFinite(cell)) {
      const code = excelErrorCode(cell);
      throw notAModel(
        argument,
        `${rowName(i)} (${name}) holds ${code ?? showValue(cell)}, not a number`
      );
    }
    return cell;
  };
  const positive = (i: number, name: string): number => {
    expectLabel(i, name);
    const value = number(i, name);
    if (!(value > 0))
      throw notAModel(
        argument,
        `${rowName(i)} (${name}) is ${value}; a fitted parameter is above 0`
      );
    return value;
  };

  // Every label that does not depend on the model first, in row order, so that a range that is
  // something else entirely is named by its first row; then row 13 says which purchase model
  // the range holds, and so the labels of rows 3–5.
  const fixedLabels: [number, string][] = [
    [0, "r"],
    [1, "alpha"],
    [5, "p"],
    [6, "q"],
    [7, "gamma"],
    [8, "gamma_gamma_log_likelihood"],
    [9, "customers"],
    [10, "repeat_buyers"],
    [11, "spend_fit_left_out"],
    [12, "model"],
    [13, "time_unit"],
    [14, "calibration_end"],
    [15, "penalizer"],
  ];
  for (const [i, expected] of fixedLabels) expectLabel(i, expected);
  const kindCell = label(at(12)[1]);
  const kind = kindCell === "bgnbd" || kindCell === "pareto_nbd" ? kindCell : undefined;
  if (kind === undefined) {
    throw notAModel(
      argument,
      `${rowName(12)} (model) is ${showValue(at(12)[1])}; CLVFIT writes "bgnbd" or "pareto_nbd"`
    );
  }
  const names = PURCHASE_PARAMETER_NAMES[kind];
  const purchaseValues = names.map((name, i) => positive(i, name));
  expectLabel(4, `${kind}_log_likelihood`);
  number(4, `${kind}_log_likelihood`);
  const [p, q, gamma] = ["p", "q", "gamma"].map((name, i) => positive(5 + i, name)) as [
    number,
    number,
    number,
  ];
  expectLabel(8, "gamma_gamma_log_likelihood");
  number(8, "gamma_gamma_log_likelihood");
  ["customers", "repeat_buyers", "spend_fit_left_out"].forEach((name, i) => {
    expectLabel(9 + i, name);
    const value = number(9 + i, name);
    if (!(Number.isInteger(value) && value >= 0)) {
      throw notAModel(argument, `${rowName(9 + i)} (${name}) is ${value}, not a count`);
    }
  });
  expectLabel(13, "time_unit");
  const unitCell = label(at(13)[1]);
  const timeUnit = TIME_UNITS.find((unit) => unit === unitCell);
  if (timeUnit === undefined) {
    throw notAModel(
      argument,
      `${rowName(13)} (time_unit) is ${showValue(at(13)[1])}; CLVFIT writes "day", "week" or "month"`
    );
  }
  expectLabel(14, "calibration_end");
  const calibrationEnd = number(14, "calibration_end");
  if (
    !Number.isInteger(calibrationEnd) ||
    calibrationEnd < FIRST_EXCEL_DAY ||
    calibrationEnd > LAST_EXCEL_DAY
  ) {
    throw notAModel(
      argument,
      `${rowName(14)} (calibration_end) is ${calibrationEnd}, not a date serial`
    );
  }
  expectLabel(15, "penalizer");
  const penalizer = number(15, "penalizer");
  if (penalizer < 0)
    throw notAModel(
      argument,
      `${rowName(15)} (penalizer) is ${penalizer}; CLVFIT's penalizer is 0 or above`
    );

  return {
    purchase: purchaseModelFactories[kind](purchaseValues, timeUnit),
    spend: { p, q, gamma },
    timeUnit,
    calibrationEnd,
    penalizer,
  };
}
