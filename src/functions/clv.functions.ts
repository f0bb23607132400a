/**
 * Predictive customer lifetime value in a cell: the BG/NBD purchase model and the Gamma-Gamma
 * spend model, fitted by maximum likelihood from the transactions themselves (SPEC §2
 * "Predictive CLV"). Each JSDoc block is the function's one documentation.
 */
import {
  expectedPurchases,
  expectedPurchasesPopulation,
  probabilityAlive,
  type BgnbdFit,
} from "../core/models/bgnbd";
import {
  expectedAverageSpend,
  isExpectedSpendDefined,
  type GammaGammaFit,
} from "../core/models/gammaGamma";
import {
  checkSummaryRow,
  checkTableFrequency,
  ClvMessages,
  type CustomerSummary,
  type SummaryArgumentNames,
} from "../core/models/customerSummary";
import { readCustomerId, readNumber, toColumn } from "../core/input/input";
import { bgnbdHorizonPredictor, horizonPairs } from "../core/models/bgnbdHorizon";
import type { NumberPairIndex } from "../core/models/summaryData";
import { requirePenalizer } from "../core/models/bgnbd";
import {
  cachedBgnbdFit,
  cachedGammaGammaFit,
  cachedPurchaseFit,
  cachedSpendFit,
} from "../core/models/fitCache";
import {
  MODEL_RANGE_HEADER,
  modelRangeRows,
  type StandardErrorCell,
} from "../core/models/modelRange";
import type { PurchaseModelKind } from "../core/models/purchaseModel";
import { CrmError } from "../core/errors";
import { requireFraction, requireNonNegative } from "../core/input/validate";
import {
  dateArg,
  displayId,
  evaluate,
  numberArg,
  optionalBooleanArg,
  optionalChoiceArg,
  optionalNumberArg,
  notFiniteError,
  numberCell,
  spill,
  spillCells,
  summaryArgs,
  timeUnitArg,
} from "./adapter";

const SUMMARY_HEADER = ["customer_id", "x", "t_x", "T"];

function summaryColumns(summary: CustomerSummary, i: number): (string | number)[] {
  return [displayId(summary.customerIds[i]!), summary.x[i]!, summary.tx[i]!, summary.T[i]!];
}

function header(show: unknown, names: string[]): string[] | undefined {
  return optionalBooleanArg(show, "show_header", true) ? names : undefined;
}

/**
 * Per-customer summary for the predictive models: repeat purchase days, recency and age in a stated time unit, and mean repeat-day spend.
 * @customfunction CLVSUMMARY
 * @helpurl https://localhost:3000/reference/index.html#clvsummary
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period; purchases on it count, later ones are ignored.
 * @param time_unit "day", "week" or "month" (a month is 30.4375 days, the mean Gregorian month), also 天, 周, 月.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: customer_id, x, t_x, T, monetary.
 * @remarks Rows of one customer on one day are one purchase day, amounts summed. x = purchase days − 1 (repeat purchase days), t_x = time from the first to the last purchase day, T = time from the first purchase day to calibration_end, both in time_unit; monetary = net revenue after the first purchase day up to calibration_end ÷ x (the repeat purchase days' totals plus the days of only returns after the first purchase), 0 when x = 0. Returns (SPEC §2): a customer-day whose rows are all negative amounts is no purchase day (not in x, t_x or T) but counts in monetary, which can then be 0 or less; a customer with only returns is left out. Customers whose first purchase is after calibration_end are left out. This is the x, t_x, T, monetary summary of Fader, Hardie and Lee (2005) and of R's BTYD and Python's lifetimes.
 * @example =CRM.CLVSUMMARY(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week") ⇒ spills 2358 rows × 5 columns: the header and the 2,357 CDNOW customers; customer 1: x 2, t_x 30.43, T 38.86, monetary 22.35
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), or time_unit is not day, week or month.
 * @throws #NUM! the amounts add up beyond the largest number Excel can hold (about 1.8E+308).
 * @throws #N/A nobody bought on or before calibration_end.
 */
export function CLVSUMMARY(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: unknown,
  time_unit: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.CLVSUMMARY", () => {
    const summary = summaryArgs(customer_ids, dates, amounts, calibration_end, time_unit, {
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: SUMMARY_HEADER.length + 1,
    });
    return spill(
      header(show_header, [...SUMMARY_HEADER, "monetary"]),
      summary.customerIds.map((_, i) => [...summaryColumns(summary, i), summary.monetary[i]!])
    );
  });
}

/**
 * Fits a purchase model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend model to transactions and spills the fitted model: parameters with standard errors, log-likelihoods, counts and settings.
 * @customfunction CLVFIT
 * @helpurl https://localhost:3000/reference/index.html#clvfit
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period; later purchases are ignored.
 * @param time_unit "day", "week" or "month" (30.4375 days): the unit of t_x, T and of the rate parameter alpha.
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @param [model] The purchase model: "bgnbd" (BG/NBD) or "pareto_nbd" (Pareto/NBD), also "BG/NBD", "Pareto/NBD", 帕累托. Omitted: "bgnbd".
 * @param [penalizer] L2 penalty coefficient, a number from 0 to 1, as lifetimes' penalizer_coef (typically 0.001 to 0.1 for small data; above 1 the penalty outweighs the data and is refused). Omitted: 0 (plain maximum likelihood).
 * @returns A three-column table that spills: parameter, value, standard_error; rows r, alpha, a, b (Pareto/NBD: r, alpha, s, beta), bgnbd_log_likelihood (pareto_nbd_log_likelihood), p, q, gamma, gamma_gamma_log_likelihood, customers, repeat_buyers, spend_fit_left_out, model, time_unit, calibration_end (a date serial), penalizer. This range is the model that PALIVE.MODEL, EXPECTEDPURCHASES.MODEL, EXPECTEDSPEND.MODEL and PREDICTEDCLV.MODEL read.
 * @remarks BG/NBD (Fader, Hardie and Lee 2005): while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, alpha); after each purchase they drop out with probability p ~ Beta(a, b); it is fitted on every customer. Gamma-Gamma (Fader and Hardie 2013): a customer's purchase-day totals are Gamma(p, ν) with ν ~ Gamma(q, gamma), independent of the purchase process; it models positive spend, so it is fitted on the repeat buyers whose mean repeat-day spend is above 0, and repeat buyers whose repeat days net to 0 or less (free orders, returns) are left out of it (never out of the BG/NBD fit) and counted in spend_fit_left_out. Both are fitted by maximum likelihood in log-parameters (BFGS with analytic gradients, Nelder–Mead as a fallback), each within 2 seconds; a fit that does not reach a certified interior maximum gives #VALUE! with a message saying why and what to do, never unconverged numbers. Assumptions: purchases per day merged; spend independent of purchase frequency; alpha is per time_unit, so the same data fitted in weeks and in days gives the same r, a, b and an alpha 7 times larger in days. Pareto/NBD (Schmittlein, Morrison and Colombo 1987): purchases as in BG/NBD, lifetimes exponential with rate μ ~ Gamma(s, beta). Standard errors are the square roots of the diagonal of the inverse observed information matrix (the Hessian of the log-likelihood at the estimate, by central differences), as lifetimes' summary gives them; where that matrix is not positive definite the cell is #N/A, never a made-up number; rows without a standard error are empty. Penalizer c (lifetimes' penalizer_coef, exactly): the fit minimises the mean negative log-likelihood per customer plus c × (r² + (alpha ÷ T_max)² + a² + b²) for BG/NBD or c × (r² + (alpha ÷ T_max)² + s² + (beta ÷ T_max)²) for Pareto/NBD, T_max the oldest customer's age, and for Gamma-Gamma plus c × (p² + q² + gamma²): an L2 penalty on the parameters themselves (not their logarithms) that keeps them finite on small or degenerate data; the log-likelihood rows are the unpenalised ones, and the standard errors those of the penalised log-likelihood. Identical inputs are fitted once per session: a recalculation with unchanged data reuses the fit.
 * @example =CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week") ⇒ spills 17 rows × 3 columns: the header, then r 0.2426 (standard error 0.0126), alpha 4.4136 (0.3782), a 0.7929 (0.1857), b 2.4259 (0.7054), log-likelihood −9582.43, p 6.25 (1.19), q 3.74 (0.29), gamma 15.44 (4.16), …, model bgnbd, time_unit week, calibration_end 35703, penalizer 0
 * @example =INDEX(CRM.CLVFIT(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "week"), 2, 2) → 0.2426
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), time_unit is not day, week or month, model is not bgnbd or pareto_nbd, or a fit has no maximum on these data: every customer has the same history, every repeat buyer the same mean spend (without a penalizer), a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #NUM! the amounts add up beyond the largest number Excel can hold (about 1.8E+308), or penalizer is negative or above 1.
 * @throws #N/A nobody bought on or before calibration_end, nobody bought on two different days, or fewer than 2 repeat buyers have a mean repeat spend above 0 (the message says which); in a standard_error cell only, the observed information is not positive definite at the estimate.
 */
export function CLVFIT(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: unknown,
  time_unit: unknown,
  show_header?: unknown,
  model?: unknown,
  penalizer?: unknown
): unknown[][] {
  return evaluate("CRM.CLVFIT", () => {
    const kind = purchaseModelArg(model);
    const c = penalizerArg(penalizer);
    const summary = summaryArgs(customer_ids, dates, amounts, calibration_end, time_unit);
    const purchase = cachedPurchaseFit(kind, summary, { penalizer: c });
    // SPEC §2 "Spend model eligibility": the fit itself leaves out repeat buyers whose mean
    // repeat spend is 0 or less, and counts them.
    const spend = cachedSpendFit(summary, { penalizer: c });
    const rows = modelRangeRows({
      purchase,
      spend,
      calibrationEnd: summary.calibrationEnd ?? dateArg(calibration_end, "calibration_end"),
      penalizer: c,
    });
    return spill(
      header(show_header, [...MODEL_RANGE_HEADER]),
      rows.map((row) => [row.label, row.value, standardErrorCell(row.standardError)])
    );
  });
}

/** CLVFIT's `model` argument: "bgnbd" (default) or "pareto_nbd", in the words users type. */
function purchaseModelArg(value: unknown): PurchaseModelKind {
  return optionalChoiceArg<PurchaseModelKind>(value, "model", {
    bgnbd: ["bg/nbd", "bg-nbd", "bg_nbd", "bg nbd"],
    pareto_nbd: [
      "pareto/nbd",
      "pareto-nbd",
      "pareto nbd",
      "paretonbd",
      "pareto",
      "帕累托",
      "帕雷托",
    ],
  });
}

/** The `penalizer` argument: a number ≥ 0 (lifetimes' penalizer_coef); omitted: 0. */
function penalizerArg(value: unknown): number {
  return requirePenalizer(optionalNumberArg(value, "penalizer", 0));
}

/**
 * A standard_error cell: the number, an empty cell where none applies (log-likelihoods,
 * counts, settings), or #N/A with a message where the observed information is not positive
 * definite at the estimate (never a made-up number).
 */
function standardErrorCell(cell: StandardErrorCell): number | string | CustomFunctions.Error {
  if (typeof cell === "number") return cell;
  if (cell === "not_applicable") return "";
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.notAvailable,
    "CRM.CLVFIT: no standard error: the observed information matrix is not positive definite at this estimate (the likelihood is flat or curved the wrong way in some direction)."
  );
}

/**
 * Probability that each customer is still alive (will buy again), from the BG/NBD model fitted to the transactions.
 * @customfunction PALIVE
 * @helpurl https://localhost:3000/reference/index.html#palive
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period; later purchases are ignored.
 * @param time_unit "day", "week" or "month" (30.4375 days).
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: customer_id, x, t_x, T, p_alive.
 * @remarks P(alive | x, t_x, T) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + T) ÷ (alpha + t_x))^(r + x)), with r, alpha, a, b fitted as in CLVFIT (within 2 seconds, or #VALUE! with a message). A customer who never bought again (x = 0) has P(alive) = 1 under BG/NBD: the model lets customers drop out only after a purchase, a known caveat for one-time buyers.
 * @example =CRM.PALIVE(E2:E6920, F2:F6920, "1997-09-30", "week") ⇒ spills 2358 rows × 5 columns: the header and one row per CDNOW customer
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), time_unit is not day, week or month, or the BG/NBD fit has no maximum on these data: every customer has the same history, a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #N/A nobody bought on or before calibration_end, or nobody bought on two different days (the message says which).
 */
export function PALIVE(
  customer_ids: unknown[][],
  dates: unknown[][],
  calibration_end: unknown,
  time_unit: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.PALIVE", () => {
    // the grid is checked before the fit (SPEC §2 "Bounds")
    const summary = summaryArgs(customer_ids, dates, undefined, calibration_end, time_unit, {
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: SUMMARY_HEADER.length + 1,
    });
    const model = cachedBgnbdFit(summary);
    return spill(
      header(show_header, [...SUMMARY_HEADER, "p_alive"]),
      summary.customerIds.map((_, i) => [
        ...summaryColumns(summary, i),
        probabilityAlive(model, summary.x[i]!, summary.tx[i]!, summary.T[i]!),
      ])
    );
  });
}

/**
 * Expected number of purchases of each customer in the next horizon time units, from the BG/NBD model fitted to the transactions.
 * @customfunction EXPECTEDPURCHASES
 * @helpurl https://localhost:3000/reference/index.html#expectedpurchases
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period; later purchases are ignored.
 * @param time_unit "day", "week" or "month" (30.4375 days): the unit of horizon.
 * @param horizon How far ahead, in time_unit (for example 52 weeks).
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: customer_id, x, t_x, T, expected_purchases; the last row, customer_id "(new customer)", is E[X(horizon)] for a newly acquired customer.
 * @remarks E[Y(t) | x, t_x, T] of Fader, Hardie and Lee (2005, eq. 10), with the Gauss hypergeometric function summed to convergence (with a transformation where its argument approaches 1); E[X(t)] for a new customer is eq. 9. Purchases are purchase days. The model is fitted as in CLVFIT (within 2 seconds, or #VALUE! with a message).
 * @example =CRM.EXPECTEDPURCHASES(E2:E6920, F2:F6920, "1997-09-30", "week", 39) ⇒ spills 2359 rows × 5 columns: the header, the 2,357 customers (customer 1: 1.226) and a new customer
 * @example =INDEX(CRM.EXPECTEDPURCHASES(E2:E6920, F2:F6920, "1997-09-30", "week", 39), 2, 5) → 1.226
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), time_unit is not day, week or month, or the BG/NBD fit has no maximum on these data: every customer has the same history, a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #NUM! horizon is negative.
 * @throws #N/A nobody bought on or before calibration_end, or nobody bought on two different days (the message says which).
 */
export function EXPECTEDPURCHASES(
  customer_ids: unknown[][],
  dates: unknown[][],
  calibration_end: unknown,
  time_unit: unknown,
  horizon: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.EXPECTEDPURCHASES", () => {
    const summary = summaryArgs(customer_ids, dates, undefined, calibration_end, time_unit, {
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: SUMMARY_HEADER.length + 1,
      extraRows: 1, // the new customer
    });
    const t = requireNonNegative(numberArg(horizon, "horizon"), "horizon");
    const model = cachedBgnbdFit(summary);
    const rows: (string | number)[][] = summary.customerIds.map((_, i) => [
      ...summaryColumns(summary, i),
      expectedPurchases(model, t, summary.x[i]!, summary.tx[i]!, summary.T[i]!),
    ]);
    rows.push(["(new customer)", 0, 0, 0, expectedPurchasesPopulation(model, t)]);
    return spill(header(show_header, [...SUMMARY_HEADER, "expected_purchases"]), rows);
  });
}

/** The prediction arguments of PREDICTEDCLV and PREDICTEDCLV.SUMMARY, checked before any fit. */
interface PredictionArgs {
  readonly horizon: number;
  readonly discountRate: number;
  readonly margin: number;
}

/**
 * Most horizon steps a prediction table may cost over all distinct (x, T) pairs (the discounted
 * purchases are computed once per pair and scaled by each history's P(alive); after the first
 * steps each step's ₂F₁ is carried from the previous one, bgnbdHorizon.ts): well under a second
 * of work (2,000,000 steps took 0.6 s at load 10). Beyond it the call is refused before fitting,
 * so that a horizon of 10⁹ days never freezes Excel.
 */
const MAX_PREDICTION_STEPS = 2_000_000;

function predictionArgs(horizon: unknown, discountRate: unknown, margin: unknown): PredictionArgs {
  return {
    horizon: requireNonNegative(numberArg(horizon, "horizon"), "horizon"),
    discountRate: requireFraction(numberArg(discountRate, "discount_rate"), "discount_rate"),
    margin: requireFraction(optionalNumberArg(margin, "margin", 1), "margin"),
  };
}

/** The distinct (x, T) pairs of a summary's customers, and each customer's pair. */
interface PredictionPairs {
  readonly index: NumberPairIndex;
  readonly pairOf: Int32Array;
}

/**
 * The horizon steps of a prediction are taken once per distinct (x, T) pair (bgnbdHorizon.ts):
 * refuses a horizon whose steps over those pairs exceed the limit, and returns the pairs
 * indexed, with each customer's, for the prediction's own use.
 */
function checkPredictionWork(summary: CustomerSummary, horizon: number): PredictionPairs {
  const pairOf = new Int32Array(summary.x.length);
  const index = horizonPairs(summary.x, summary.T, pairOf);
  const pairs = index.count;
  // The largest horizon these data allow, compared before multiplying: 1E+308 must say "too
  // large", never "Infinity steps".
  const largest = Math.floor(MAX_PREDICTION_STEPS / Math.max(1, pairs));
  if (Math.ceil(horizon) > largest) {
    throw new CrmError(
      "value",
      `horizon ${horizon} is too large: with ${pairs.toLocaleString("en-US")} distinct (x, T) pairs of the customers it can be at most ${largest.toLocaleString("en-US")} time_unit steps (${MAX_PREDICTION_STEPS.toLocaleString("en-US")} discounting steps in all); use a larger time_unit (for example "month") or a shorter horizon.`,
      "horizon"
    );
  }
  return { index, pairOf };
}

/**
 * One row per customer: summary, P(alive), expected purchases, expected spend and predicted CLV
 * (= margin × expected spend × discounted expected purchases, as predictedClv defines it; the
 * purchase part is computed once per distinct (x, T) and times P(alive) per history:
 * bgnbdHorizon.ts, equal to discountedExpectedPurchases to rounding). A customer outside the
 * spend fit (isInSpendFit) is expected to spend the population mean; where a customer's expected
 * spend is undefined (that mean infinite, q ≤ 1, or p x + q ≤ 1 for one in the fit:
 * isExpectedSpendDefined) their spend and CLV cells alone are #NUM!. Every number goes through
 * numberCell as its row is made, so the table spills with {@link spillCells} (no second look
 * at 1.8 million cells).
 */
function predictionRows(
  summary: CustomerSummary,
  model: BgnbdFit,
  spend: GammaGammaFit,
  args: PredictionArgs,
  pairs: PredictionPairs
): (string | number | CustomFunctions.Error)[][] {
  const predict = bgnbdHorizonPredictor(
    model,
    { horizon: args.horizon, discountRate: args.discountRate },
    pairs.index
  );
  const { pairOf } = pairs;
  return summary.customerIds.map((_, i) => {
    const x = summary.x[i]!;
    const monetary = summary.monetary[i]!;
    const history = predict(x, summary.tx[i]!, summary.T[i]!, pairOf[i]);
    let expectedSpend: number | CustomFunctions.Error;
    let clv: number | CustomFunctions.Error;
    if (isExpectedSpendDefined(spend, x, monetary)) {
      const perPurchase = expectedAverageSpend(spend, x, monetary);
      expectedSpend = numberCell(perPurchase);
      clv = numberCell(args.margin * perPurchase * history.discounted);
    } else {
      expectedSpend = notFiniteError();
      clv = notFiniteError();
    }
    // summaryColumns' cells written out: no spread of a temporary array per customer
    return [
      displayId(summary.customerIds[i]!),
      x,
      numberCell(summary.tx[i]!),
      numberCell(summary.T[i]!),
      numberCell(monetary),
      numberCell(history.alive),
      numberCell(history.purchases),
      expectedSpend,
      clv,
    ];
  });
}

/** The prediction table as it spills (see predictionRows). */
function predictionSpill(
  show: unknown,
  summary: CustomerSummary,
  model: BgnbdFit,
  spend: GammaGammaFit,
  args: PredictionArgs,
  pairs: PredictionPairs
): unknown[][] {
  const withHeader = optionalBooleanArg(show, "show_header", true);
  const rows = predictionRows(summary, model, spend, args, pairs);
  return spillCells(withHeader ? PREDICTION_HEADER : undefined, rows);
}

const PREDICTION_HEADER = [
  ...SUMMARY_HEADER,
  "monetary",
  "p_alive",
  "expected_purchases",
  "expected_spend",
  "clv",
];

/**
 * Predicted customer lifetime value of each customer over a horizon: BG/NBD expected purchases × Gamma-Gamma expected spend, discounted per time unit.
 * @customfunction PREDICTEDCLV
 * @helpurl https://localhost:3000/reference/index.html#predictedclv
 * @param customer_ids Customer id of each transaction (a column). Case is ignored ("abc" is "ABC") but nothing else: ß and SS, Ａ and A stay apart; 1001 and "1001" are one customer. Shown as first written.
 * @param dates Date of each transaction, same length as customer_ids.
 * @param amounts Amount of each transaction, same length as customer_ids.
 * @param calibration_end Last day of the calibration period; later purchases are ignored.
 * @param time_unit "day", "week" or "month" (30.4375 days): the unit of horizon and of discount_rate.
 * @param horizon How far ahead, in time_unit (for example 12 months).
 * @param discount_rate Discount rate per time_unit as a fraction (0.01 is 1% per month when time_unit is "month").
 * @param [margin] Profit margin as a fraction. Omitted: 1 (revenue).
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills: customer_id, x, t_x, T, monetary, p_alive, expected_purchases, expected_spend, clv.
 * @remarks The horizon is cut into steps of one time_unit; step k's expected purchases E[Y(k)] − E[Y(k − 1)] (BG/NBD, conditional on the customer's history) times the expected spend per purchase day (Gamma-Gamma: (gamma + monetary × x) × p ÷ (p × x + q − 1)) times margin is discounted by (1 + discount_rate)^k. The discount rate is per time_unit, never silently per 30 days or per week. The models are fitted as in CLVFIT: the Gamma-Gamma fit leaves out repeat buyers whose mean repeat spend is 0 or less. Customers outside the spend fit, one-time buyers (x = 0, because the model ignores the first purchase's amount) and those left-out repeat buyers, are expected to spend the population mean p × gamma ÷ (q − 1); where that mean is infinite (q ≤ 1) their expected_spend and clv cells are #NUM!.
 * @example =CRM.PREDICTEDCLV(E2:E6920, F2:F6920, G2:G6920, "1997-09-30", "month", 12, 0.01) ⇒ spills 2358 rows × 9 columns: the header and one row per CDNOW customer
 * @throws #VALUE! the columns differ in length or hold an unreadable cell (the message names the argument and row), time_unit is not day, week or month, horizon is too large (at most 2,000,000 discounting steps over all distinct (x, T) pairs of the customers; the message gives the largest horizon; use a larger time_unit), or a fit has no maximum on these data: every customer has the same history, every repeat buyer the same mean spend, a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #NUM! horizon is negative, discount_rate or margin lies outside 0 to 1, or the amounts add up beyond the largest number Excel can hold (about 1.8E+308); in a customer's expected_spend and clv cells only, the customer's expected spend is undefined: the population mean spend is infinite (q ≤ 1) for a customer outside the spend fit, or p × x + q ≤ 1 for one in it.
 * @throws #N/A nobody bought on or before calibration_end, nobody bought on two different days, or fewer than 2 repeat buyers have a mean repeat spend above 0 (the message says which).
 */
export function PREDICTEDCLV(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: unknown,
  time_unit: unknown,
  horizon: unknown,
  discount_rate: unknown,
  margin?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.PREDICTEDCLV", () => {
    const summary = summaryArgs(customer_ids, dates, amounts, calibration_end, time_unit, {
      header: optionalBooleanArg(show_header, "show_header", true),
      columns: PREDICTION_HEADER.length,
    });
    const args = predictionArgs(horizon, discount_rate, margin);
    const pairs = checkPredictionWork(summary, args.horizon);
    const model = cachedBgnbdFit(summary);
    const spend = cachedGammaGammaFit(summary);
    return predictionSpill(show_header, summary, model, spend, args, pairs);
  });
}

const TABLE_NAMES: SummaryArgumentNames = { x: "x", tx: "t_x", T: "t", monetary: "monetary" };

/**
 * The customer summary typed into PREDICTEDCLV.SUMMARY's columns, each cell read and each row
 * checked (x a whole number ≥ 0, 0 ≤ t_x ≤ t, t_x = 0 when x = 0, monetary finite), naming the
 * argument and the row within its range. A repeat buyer's monetary of 0 or less is not an error
 * but the spend fit's business (SPEC §2 "Spend model eligibility": left out of the spend fit);
 * a one-time buyer's monetary is ignored.
 */
function summaryFromColumns(
  columns: Record<"customer_ids" | "x" | "t_x" | "t" | "monetary", readonly unknown[]>,
  timeUnit: CustomerSummary["timeUnit"]
): CustomerSummary {
  const n = columns.customer_ids.length;
  if (n === 0) throw new CrmError("na", ClvMessages.emptySummary("x"), "x");
  const summary = {
    timeUnit,
    customerIds: new Array<string>(n),
    sourceIndex: Int32Array.from({ length: n }, (_, i) => i),
    x: new Int32Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    excludedCustomers: 0,
  };
  for (let i = 0; i < n; i++) {
    const row = i + 1;
    const spend = columns.monetary[i];
    const x = readNumber(columns.x[i], { argument: "x", row });
    const tx = readNumber(columns.t_x[i], { argument: "t_x", row });
    const T = readNumber(columns.t[i], { argument: "t", row });
    const monetary =
      spend === null || spend === undefined || spend === ""
        ? 0
        : readNumber(spend, { argument: "monetary", row });
    checkTableRow(x, tx, T, row);
    // Checked as an id, shown as the sheet holds it (`abc` keeps its case).
    const idCell = columns.customer_ids[i];
    const id = readCustomerId(idCell, { argument: "customer_ids", row });
    summary.customerIds[i] = typeof idCell === "string" ? idCell.trim() : id;
    summary.x[i] = x;
    summary.tx[i] = tx;
    summary.T[i] = T;
    summary.monetary[i] = x > 0 ? monetary : 0;
  }
  return summary;
}

/**
 * {@link checkSummaryRow} for a row of the user's summary table: an inconsistent row is bad
 * input data, so it is #VALUE! with the message naming the argument and the row within its
 * range (SPEC §3), not the #NUM! (no message shown) of a scalar argument.
 */
function checkTableRow(x: number, tx: number, T: number, row: number): void {
  try {
    checkSummaryRow(x, tx, T, undefined, row, TABLE_NAMES);
    checkTableFrequency(x, { argument: TABLE_NAMES.x, row });
    // a summary computed from transactions never has a repeat purchase at recency 0 (QA round 2)
    if (x > 0 && tx === 0) {
      const where = { argument: TABLE_NAMES.tx, row };
      throw new CrmError(
        "value",
        ClvMessages.repeatWithoutRecency(where, TABLE_NAMES.x, x),
        where.argument,
        row
      );
    }
  } catch (error) {
    if (!(error instanceof CrmError) || error.kind !== "num") throw error;
    throw new CrmError("value", error.message, error.argument, error.row);
  }
}

/**
 * Predicted customer lifetime value from a ready-made summary table (x, t_x, T, monetary per customer), for data summarised elsewhere.
 * @customfunction PREDICTEDCLV.SUMMARY PREDICTEDCLV.SUMMARY
 * @helpurl https://localhost:3000/reference/index.html#predictedclv-summary
 * @param customer_ids Customer ids, one per row of the summary.
 * @param x Repeat purchase days of each customer (purchase days − 1).
 * @param t_x Time from each customer's first to last purchase, in time_unit.
 * @param t Time from each customer's first purchase to the calibration end, in time_unit.
 * @param monetary Mean spend of each customer's repeat purchase days (ignored, may be 0 or empty, when x is 0).
 * @param time_unit "day", "week" or "month" (30.4375 days): the unit of t_x, t, horizon and discount_rate.
 * @param horizon How far ahead, in time_unit.
 * @param discount_rate Discount rate per time_unit as a fraction.
 * @param [margin] Profit margin as a fraction. Omitted: 1 (revenue).
 * @param [show_header] TRUE to add a header row. Omitted: TRUE.
 * @returns A table that spills, as PREDICTEDCLV: customer_id, x, t_x, T, monetary, p_alive, expected_purchases, expected_spend, clv.
 * @remarks The same models and method as PREDICTEDCLV, fitted to the given summary instead of transactions. Each row must be consistent: x a whole number ≥ 0, 0 ≤ t_x ≤ t, t_x = 0 when x = 0. A repeat buyer (x > 0) whose monetary is 0 or less is left out of the Gamma-Gamma fit and expected to spend the population mean, as in PREDICTEDCLV.
 * @example =CRM.PREDICTEDCLV.SUMMARY(I2:I2358, J2:J2358, K2:K2358, L2:L2358, M2:M2358, "week", 52, 0.002) ⇒ spills 2358 rows × 9 columns: the header and one row per customer of the published summary
 * @throws #VALUE! the columns differ in length, a cell is empty or not a number, or a row is inconsistent (x fractional, negative or above 2,147,483,647, t_x above t, t_x above 0 with x 0, …; the message names the argument and the row within its range), horizon is too large (at most 2,000,000 discounting steps over all distinct (x, T) pairs of the customers; the message gives the largest horizon), or a fit has no maximum on these data: every customer has the same history, every repeat buyer the same mean spend, a parameter runs off to 0 or infinity, or the fit does not converge within its iteration limit or 2 seconds (the message says which and what to do).
 * @throws #NUM! horizon is negative, or discount_rate or margin lies outside 0 to 1; in a customer's expected_spend and clv cells only, the customer's expected spend is undefined: the population mean spend is infinite (q ≤ 1) for a customer outside the spend fit, or p × x + q ≤ 1 for one in it.
 * @throws #N/A the summary is empty, nobody bought on two different days (x is 0 in every row), or fewer than 2 rows with x above 0 have a monetary above 0 (the message says which).
 */
export function PREDICTEDCLV_SUMMARY(
  customer_ids: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  t: unknown[][],
  monetary: unknown[][],
  time_unit: unknown,
  horizon: unknown,
  discount_rate: unknown,
  margin?: unknown,
  show_header?: unknown
): unknown[][] {
  return evaluate("CRM.PREDICTEDCLV.SUMMARY", () => {
    const columns = {
      customer_ids: toColumn(customer_ids, "customer_ids"),
      x: toColumn(x, "x"),
      t_x: toColumn(t_x, "t_x"),
      t: toColumn(t, "t"),
      monetary: toColumn(monetary, "monetary"),
    };
    const n = columns.customer_ids.length;
    for (const [name, column] of Object.entries(columns)) {
      if (column.length !== n) {
        throw new CrmError(
          "value",
          `${name} has ${column.length} rows but customer_ids has ${n}; the ranges must be the same size.`,
          name
        );
      }
    }
    const args = predictionArgs(horizon, discount_rate, margin);
    const summary = summaryFromColumns(columns, timeUnitArg(time_unit, "time_unit"));
    const pairs = checkPredictionWork(summary, args.horizon);
    const model = cachedBgnbdFit(summary);
    const spend = cachedGammaGammaFit(summary);
    return predictionSpill(show_header, summary, model, spend, args, pairs);
  });
}
