/**
 * The customer summary behind the predictive-CLV models (BG/NBD, Gamma-Gamma): for each
 * customer at a calibration end date, frequency x, recency tₓ, age T and monetary value, in an
 * explicit time unit. Definitions: SPEC §2 "Predictive CLV" and "From transactions".
 *
 * Day arithmetic (checked on every row of the CDNOW summary shipped with lifetimes, see
 * test/core/models/customerSummary.test.ts): all three quantities are differences of day serials,
 * divided by the unit's length in days,
 *
 *   tₓ = (last purchase day − first purchase day) / unit,
 *   T  = (calibrationEnd − first purchase day) / unit,
 *
 * i.e. every day is taken at the same instant (its start), and the calibration end day is
 * counted as a purchase day would be, not to its midnight. A CDNOW customer who first bought on
 * 1997-01-01 has T = (1997-09-30 − 1997-01-01) / 7 = 272 / 7 = 38.857 weeks (38.86 in the
 * file), although the calibration period 1997-01-01..1997-09-30 spans 273 days (39 weeks);
 * customer 1, buying again on 1997-08-02, has tₓ = 213 / 7 = 30.43.
 */
import { CrmError, describeWhere, showValue, type Where } from "../errors";
import { returnsBetween, type PurchaseHistories } from "../input/history";
import { isoFromSerial } from "../input/dates";

/** The unit of tₓ, T and of every horizon and rate of the models. */
export type TimeUnit = "day" | "week" | "month";

/** Days per time unit. A month is the mean Gregorian month, 365.25 / 12 days, never 30. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  day: 1,
  week: 7,
  month: 30.4375,
};

/** Transaction rows as the input layer produces them (see history.ts). */
export interface TransactionColumns {
  /** customer of each row, 0 … customerIds.length − 1 */
  readonly customerIndex: Int32Array;
  /** distinct customer ids */
  readonly customerIds: readonly string[];
  /** purchase day of each row: a day serial (whole days since 1899-12-30, Excel's serial date) */
  readonly days: Int32Array;
  /** amount of each row */
  readonly amounts: Float64Array;
  /**
   * 1-based row of each row within the user's range (as readTransactions keeps it), for
   * messages; omitted: rows are named by their position in these columns
   */
  readonly sourceRows?: Int32Array;
}

export interface CustomerSummaryOptions {
  /** the last day of the calibration period, a day serial; purchases on it count */
  readonly calibrationEnd: number;
  readonly timeUnit: TimeUnit;
}

/**
 * One row per customer, columnar. Row i describes customer `customerIds[i]`.
 * - `x`: repeat purchase days (distinct purchase days − 1) up to the calibration end
 * - `tx`: recency, time from the first to the last purchase day (0 when x = 0)
 * - `T`: age, time from the first purchase day to the calibration end
 * - `monetary`: net revenue after the first purchase day ÷ x: the repeat purchase days' net
 *   totals plus the return-only days after the first purchase (SPEC §2 "Returns"); 0 when x = 0;
 *   may be ≤ 0 when returns outweigh the repeat purchases
 */
export interface CustomerSummary {
  readonly timeUnit: TimeUnit;
  readonly customerIds: readonly string[];
  /** for each row, the customer's index in the input (transaction customer or table row, 0-based) */
  readonly sourceIndex: Int32Array;
  readonly x: Int32Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly monetary: Float64Array;
  /** the calibration end (day serial) when built from transactions */
  readonly calibrationEnd?: number;
  /** customers left out because their first purchase is after the calibration end */
  readonly excludedCustomers: number;
}

/** Column names used in messages about a summary; a caller may pass its own argument names. */
export interface SummaryArgumentNames {
  readonly x: string;
  readonly tx: string;
  readonly T: string;
  readonly monetary: string;
}

export const DEFAULT_SUMMARY_NAMES: SummaryArgumentNames = {
  x: "x",
  tx: "t_x",
  T: "T",
  monetary: "monetary",
};

/** Wording of the predictive-CLV messages, in one place (STYLE: "error messages are shared constants"). */
export const ClvMessages = {
  unknownTimeUnit: (argument: string, value: unknown) =>
    `${argument} must be "day", "week" or "month", got ${showValue(value)}.`,
  calibrationEndNotDay: (argument: string, value: number) =>
    `${argument} must be a date (a whole day serial), got ${value}.`,
  lengthMismatch: (argument: string, length: number, other: string, otherLength: number) =>
    `${other} has ${otherLength} ${otherLength === 1 ? "row" : "rows"} but ${argument} has ${length}; the ranges must be the same size.`,
  amountNotFinite: (argument: string, row: number) =>
    `${argument}, row ${row} is not a finite number.`,
  noCustomers: (argument: string, calibrationEnd: number) =>
    `No customer bought on or before ${argument} (${isoFromSerial(calibrationEnd)}).`,
  emptySummary: (argument: string) => `${argument} has no customers.`,
  notFinite: (where: Where, value: number) =>
    `${describeWhere(where)} is ${value}, not a finite number.`,
  frequencyNotCount: (where: Where, value: number) =>
    `${describeWhere(where)} is ${value}; the number of repeat purchase days must be a whole number of at least 0.`,
  frequencyTooLarge: (where: Where, value: number) =>
    `${describeWhere(where)} is ${value}; a summary table holds at most ${MAX_TABLE_FREQUENCY.toLocaleString("en-US")} repeat purchase days.`,
  negativeTime: (where: Where, value: number) =>
    `${describeWhere(where)} is ${value}; a time since the first purchase cannot be negative.`,
  recencyAboveAge: (where: Where, tx: number, ageArgument: string, age: number) =>
    `${describeWhere(where)} (${tx}) exceeds ${ageArgument} (${age}): the last purchase cannot come after the calibration end.`,
  recencyWithoutRepeat: (where: Where, tx: number, frequencyArgument: string) =>
    `${describeWhere(where)} is ${tx} but ${frequencyArgument} is 0: a customer without repeat purchases has recency 0.`,
  repeatWithoutRecency: (where: Where, frequencyArgument: string, x: number) =>
    `${describeWhere(where)} is 0 but ${frequencyArgument} is ${x}: a repeat purchase comes after the first one, so recency must be above 0.`,
  spendNotPositive: (where: Where, value: number, frequencyArgument: string, x: number) =>
    `${describeWhere(where)} is ${value} but ${frequencyArgument} is ${x}: a repeat buyer's average spend must be above 0.`,
  spendNegative: (where: Where, value: number) =>
    `${describeWhere(where)} is ${value}; an average spend cannot be negative.`,
  noRepeatBuyers: (model: string, frequencyArgument: string) =>
    `No customer has a repeat purchase (${frequencyArgument} is 0 in every row), so the ${model} model cannot be fitted: it needs customers who bought on at least two days.`,
  notConverged: (model: string, detail: string) =>
    `The ${model} fit did not converge (${detail}); no parameters are reported. Check that the data span enough time and customers.`,
  parameterNotPositive: (argument: string, value: number) =>
    `${argument} must be a finite number above 0, got ${value}.`,
  spendMeanUndefined: (q: number) =>
    `The Gamma-Gamma q is ${q}: with q ≤ 1 the population mean spend is infinite, so no spend can be predicted for one-time buyers.`,
  spendUndefined: () =>
    "The Gamma-Gamma expected spend is undefined here: p x + q − 1 must be above 0.",
  needsRepeatBuyer: (argument: string) =>
    `${argument} is 0: the Gamma-Gamma likelihood describes repeat buyers only (x of at least 1).`,
} as const;

/** Checks a time unit given at run time (from a cell) and returns it. */
export function requireTimeUnit(value: unknown, argument = "time_unit"): TimeUnit {
  if (value === "day" || value === "week" || value === "month") return value;
  throw new CrmError("value", ClvMessages.unknownTimeUnit(argument, value), argument);
}

/**
 * Summarises transactions per customer at a calibration end date, for the BG/NBD and
 * Gamma-Gamma models.
 *
 * Rules (SPEC §2): rows of one customer on one day are one purchase day, amounts summed; only
 * days up to and including `calibrationEnd` count; x = distinct purchase days − 1;
 * tₓ = (last − first purchase day) / unit; T = (calibrationEnd − first purchase day) / unit (see
 * the module comment for why T of a first-day customer is 38.86 and not 39 weeks in CDNOW);
 * monetary = mean of the repeat days' totals, 0 when x = 0. Customers whose first purchase is
 * after the calibration end (or who have no rows) are left out and counted.
 *
 * Returns (SPEC §2 "Returns"): a day whose rows are all returns (negative amounts) is not a
 * purchase day, so it adds nothing to x, tₓ or T; a customer with only returns has no first
 * purchase and is left out (counted in `excludedCustomers`). Monetary value is net revenue:
 * monetary = (the repeat purchase days' net totals + the return-only days after the first
 * purchase day, up to the calibration end) ÷ x. Returns before the first purchase, and returns
 * of customers with x = 0, are not in it. It can therefore be 0 or negative; the spend fit
 * leaves such repeat buyers out (SPEC §2 "Spend model eligibility").
 *
 * Cost O(n + C) for n rows and C customers, plus sorting each customer's own rows by day
 * (see summariseByCustomer; 1M rows of 200,000 customers: about 100 ms, and half the memory of
 * building the purchase histories first). The numbers are those of
 * {@link customerSummaryFromHistories} of the same rows, bit for bit.
 *
 * @throws CrmError `value` for columns of different lengths, a non-finite amount or an unknown
 *   time unit; `num` for a calibration end that is not a whole day serial; `na` when no
 *   customer bought on or before the calibration end
 * @example customerSummary({ customerIndex: Int32Array.of(0, 0, 0, 0), customerIds: ["a"], days: Int32Array.of(35431, 35431, 35448, 35644), amounts: Float64Array.of(20, 9.33, 29.73, 14.96) }, { calibrationEnd: 35703, timeUnit: "week" })
 *   //=> x [2], tx [30.428571428571427], T [38.857142857142854], monetary [22.345]
 */
export function customerSummary(
  transactions: TransactionColumns,
  options: CustomerSummaryOptions
): CustomerSummary {
  const timeUnit = requireTimeUnit(options.timeUnit);
  checkCalibrationEnd(options.calibrationEnd);
  checkTransactionColumns(transactions);
  // Summarised without building the purchase histories: a third of the large arrays (each
  // counts towards V8's next full garbage collection) and one pass fewer over the rows.
  return summariseByCustomer(transactions, options.calibrationEnd, timeUnit);
}

/**
 * {@link customerSummary} of purchase histories already built from the transactions
 * (`buildHistories` of the same rows, amounts included): the same summary, number for number,
 * without grouping the rows again. The caller has checked the rows (as
 * {@link checkTransactionColumns} does); a report builds the histories once and summarises them
 * at two calibration ends.
 *
 * Cost O(C + purchase days up to the calibration end + return-only days).
 *
 * @throws CrmError `value` for an unknown time unit; `num` for a calibration end that is not a
 *   whole day serial; `na` when no customer bought on or before the calibration end
 * @example customerSummaryFromHistories(buildHistories(rows), { calibrationEnd: 35703, timeUnit: "week" })
 *   //=> customerSummary(rows, { calibrationEnd: 35703, timeUnit: "week" })
 */
export function customerSummaryFromHistories(
  histories: PurchaseHistories,
  options: CustomerSummaryOptions
): CustomerSummary {
  const timeUnit = requireTimeUnit(options.timeUnit);
  checkCalibrationEnd(options.calibrationEnd);
  return summarise(histories, options.calibrationEnd, timeUnit);
}

function checkCalibrationEnd(calibrationEnd: number): void {
  if (!Number.isInteger(calibrationEnd)) {
    throw new CrmError(
      "num",
      ClvMessages.calibrationEndNotDay("calibration_end", calibrationEnd),
      "calibration_end"
    );
  }
}

/**
 * The checks {@link customerSummary} makes of its rows before grouping them: columns of one
 * length and finite amounts. Cost O(n).
 *
 * @throws CrmError `value` for columns of different lengths or a non-finite amount (naming its
 *   row in the user's range when `sourceRows` is given)
 */
export function checkTransactionColumns(transactions: TransactionColumns): void {
  const { customerIndex, days, amounts } = transactions;
  if (days.length !== customerIndex.length) {
    throw new CrmError(
      "value",
      ClvMessages.lengthMismatch("customers", customerIndex.length, "dates", days.length),
      "dates"
    );
  }
  if (amounts.length !== customerIndex.length) {
    throw new CrmError(
      "value",
      ClvMessages.lengthMismatch("customers", customerIndex.length, "amounts", amounts.length),
      "amounts"
    );
  }
  for (let i = 0; i < amounts.length; i++) {
    if (!Number.isFinite(amounts[i]!)) {
      // i indexes the rows given; sourceRows maps them to the user's range when known
      const row = transactions.sourceRows?.[i] ?? i + 1;
      throw new CrmError("value", ClvMessages.amountNotFinite("amounts", row), "amounts", row);
    }
  }
}

/** The summary of checked histories at a checked calibration end (see customerSummary). */
function summarise(
  histories: PurchaseHistories,
  calibrationEnd: number,
  timeUnit: TimeUnit
): CustomerSummary {
  const { customerIds } = histories;
  const customers = customerIds.length;
  const summary = new SummaryRows(customerIds, calibrationEnd, timeUnit);
  for (let c = 0; c < customers; c++) {
    const from = histories.start[c]!;
    const to = histories.start[c + 1]!;
    if (to === from || histories.days[from]! > calibrationEnd) {
      summary.exclude();
      continue;
    }
    const first = histories.days[from]!;
    let last = first;
    let repeatDays = 0;
    let repeatTotal = 0;
    for (let i = from + 1; i < to && histories.days[i]! <= calibrationEnd; i++) {
      last = histories.days[i]!;
      repeatDays++;
      repeatTotal += histories.totals[i]!;
    }
    if (repeatDays > 0) repeatTotal += returnsBetween(histories, c, first + 1, calibrationEnd);
    summary.add(c, first, last, repeatDays, repeatTotal);
  }
  return summary.finish();
}

/**
 * A summary filled customer by customer, in customer order, by both ways of summarising: each
 * kept customer's row from its first and last purchase days, repeat days and repeat total
 * (returns included), each left-out customer counted.
 */
class SummaryRows {
  private readonly unit: number;
  private readonly sourceIndex: Int32Array;
  private readonly x: Int32Array;
  private readonly tx: Float64Array;
  private readonly T: Float64Array;
  private readonly monetary: Float64Array;
  private readonly ids: string[] = [];
  private excluded = 0;

  constructor(
    private readonly customerIds: readonly string[],
    private readonly calibrationEnd: number,
    private readonly timeUnit: TimeUnit
  ) {
    const customers = customerIds.length;
    this.unit = DAYS_PER_UNIT[timeUnit];
    this.sourceIndex = new Int32Array(customers);
    this.x = new Int32Array(customers);
    this.tx = new Float64Array(customers);
    this.T = new Float64Array(customers);
    this.monetary = new Float64Array(customers);
  }

  /** Customer c: purchase days `first` … `last`, `repeatDays` after the first, their net `repeatTotal`. */
  add(c: number, first: number, last: number, repeatDays: number, repeatTotal: number): void {
    const row = this.ids.length;
    this.ids.push(this.customerIds[c]!);
    this.sourceIndex[row] = c;
    this.x[row] = repeatDays;
    this.tx[row] = (last - first) / this.unit;
    this.T[row] = (this.calibrationEnd - first) / this.unit;
    this.monetary[row] = repeatDays > 0 ? repeatTotal / repeatDays : 0;
  }

  /** A customer without a purchase day up to the calibration end. */
  exclude(): void {
    this.excluded++;
  }

  /**
   * The summary of the rows added.
   *
   * @throws CrmError `na` when no customer bought on or before the calibration end
   */
  finish(): CustomerSummary {
    const { ids, calibrationEnd } = this;
    if (ids.length === 0) {
      throw new CrmError(
        "na",
        ClvMessages.noCustomers("calibration_end", calibrationEnd),
        "calibration_end"
      );
    }
    const kept = ids.length;
    const customers = this.customerIds.length;
    // Views when at most half the slots go unused (customers whose first purchase is after
    // calibration_end): no second set of five large arrays. Copies otherwise, so that a summary
    // of a few customers never holds arrays sized for all of them (QA).
    const trim = <T extends Int32Array | Float64Array>(column: T): T =>
      (2 * kept >= customers ? column.subarray(0, kept) : column.slice(0, kept)) as T;
    return {
      timeUnit: this.timeUnit,
      customerIds: ids,
      sourceIndex: trim(this.sourceIndex),
      x: trim(this.x),
      tx: trim(this.tx),
      T: trim(this.T),
      monetary: trim(this.monetary),
      calibrationEnd,
      excludedCustomers: this.excluded,
    };
  }
}

/**
 * {@link summarise} of the histories the rows would make, number for number, without building
 * them: the rows are grouped by customer (a stable counting sort of their indices), and each
 * customer's few rows are read into scratch arrays, sorted by day (stable: same-day rows stay in
 * row order) and scanned once: same-day rows merge into one day whose net is their sum, a
 * purchase day is the first or a repeat day (counted, its net added to the repeat total), a
 * return-only day after the first purchase adds its net to the returns, and days after the
 * calibration end are not read. The sums run in the same order as buildHistories' and
 * summarise's, so the floating-point results are identical (customerSummary.histories.test.ts).
 * Four random reads a row; the summary is written in customer order.
 *
 * Cost O(n + C) plus each customer's sort: insertion sort for a few rows, a typed-array sort of
 * (day, position) keys for many.
 */
function summariseByCustomer(
  rows: TransactionColumns,
  calibrationEnd: number,
  timeUnit: TimeUnit
): CustomerSummary {
  const { customerIndex, customerIds, days, amounts } = rows;
  const n = days.length;
  const customers = customerIds.length;
  // end[c]: one past customer c's last row in `order` (the counting sort's cursor ends there)
  const end = new Int32Array(customers);
  for (let i = 0; i < n; i++) end[customerIndex[i]!]!++;
  let most = 0;
  for (let c = 0, sum = 0; c < customers; c++) {
    const count = end[c]!;
    if (count > most) most = count;
    end[c] = sum;
    sum += count;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[end[customerIndex[i]!]!++] = i;
  const dayOf = new Int32Array(most);
  const amountOf = new Float64Array(most);
  let keys: Float64Array | undefined;
  const summary = new SummaryRows(customerIds, calibrationEnd, timeUnit);
  for (let c = 0, from = 0; c < customers; from = end[c]!, c++) {
    const k = end[c]! - from;
    let sorted = true;
    for (let j = 0; j < k; j++) {
      const row = order[from + j]!;
      dayOf[j] = days[row]!;
      amountOf[j] = amounts[row]!;
      if (j > 0 && dayOf[j - 1]! > dayOf[j]!) sorted = false;
    }
    if (!sorted) {
      if (k <= 32) insertionSortByDay(dayOf, amountOf, k);
      else keys = sortByDay(dayOf, amountOf, k, keys) ?? keys;
    }
    let first = Number.NaN;
    let last = Number.NaN;
    let repeatDays = 0;
    let repeatTotal = 0;
    let returns = 0;
    for (let j = 0; j < k && dayOf[j]! <= calibrationEnd;) {
      const day = dayOf[j]!;
      let net = 0;
      let purchase = false;
      for (; j < k && dayOf[j] === day; j++) {
        const amount = amountOf[j]!;
        net += amount;
        if (!(amount < 0)) purchase = true;
      }
      if (purchase) {
        if (first !== first) first = day;
        else {
          repeatDays++;
          repeatTotal += net;
        }
        last = day;
      } else if (first === first) {
        returns += net;
      }
    }
    if (first !== first) {
      summary.exclude();
      continue;
    }
    if (repeatDays > 0) repeatTotal += returns;
    summary.add(c, first, last, repeatDays, repeatTotal);
  }
  return summary.finish();
}

/** Sorts the first k (day, amount) pairs by day, stably (a pair moves past strictly later days only). */
function insertionSortByDay(days: Int32Array, amounts: Float64Array, k: number): void {
  for (let i = 1; i < k; i++) {
    const day = days[i]!;
    const amount = amounts[i]!;
    let j = i - 1;
    while (j >= 0 && days[j]! > day) {
      days[j + 1] = days[j]!;
      amounts[j + 1] = amounts[j]!;
      j--;
    }
    days[j + 1] = day;
    amounts[j + 1] = amount;
  }
}

/**
 * Sorts the first k (day, amount) pairs by day, stably, through keys (day − lowest) · k + position
 * sorted as numbers (exact doubles while (highest − lowest + 1) · k ≤ 2^53, always so for Excel's
 * dates; beyond, by a comparison sort of positions); `scratch` is reused when large enough, and
 * returned, or undefined after a comparison sort.
 */
function sortByDay(
  days: Int32Array,
  amounts: Float64Array,
  k: number,
  scratch: Float64Array | undefined
): Float64Array | undefined {
  let lowest = days[0]!;
  let highest = lowest;
  for (let j = 1; j < k; j++) {
    if (days[j]! < lowest) lowest = days[j]!;
    else if (days[j]! > highest) highest = days[j]!;
  }
  if ((highest - lowest + 1) * k > 2 ** 53) {
    const order = Array.from({ length: k }, (_, j) => j).sort(
      (p, q) => days[p]! - days[q]! || p - q
    );
    const sortedDays = order.map((j) => days[j]!);
    const sortedAmounts = order.map((j) => amounts[j]!);
    days.set(sortedDays);
    amounts.set(sortedAmounts);
    return undefined;
  }
  const keys = scratch !== undefined && scratch.length >= 2 * k ? scratch : new Float64Array(2 * k);
  const sortedKeys = keys.subarray(0, k);
  for (let j = 0; j < k; j++) sortedKeys[j] = (days[j]! - lowest) * k + j;
  sortedKeys.sort();
  // amounts in sorted order, through the second half of the scratch
  const moved = keys.subarray(k, 2 * k);
  for (let j = 0; j < k; j++) moved[j] = amounts[sortedKeys[j]! % k]!;
  for (let j = 0; j < k; j++) {
    const key = sortedKeys[j]!;
    days[j] = lowest + (key - (key % k)) / k;
    amounts[j] = moved[j]!;
  }
  return keys;
}

/** One row of a ready-made summary table (lifetimes' and BTYD's `x, t_x, T, monetary`). */
export interface SummaryTableRow {
  readonly id: string;
  /** repeat purchase days */
  readonly x: number;
  /** recency, in the table's time unit */
  readonly tx: number;
  /** age at the calibration end, in the table's time unit */
  readonly T: number;
  /** mean spend of the repeat purchase days (0 or blank-as-0 when x = 0) */
  readonly monetary: number;
}

/** The largest x a summary holds: its x column is 32-bit (CustomerSummary.x). */
export const MAX_TABLE_FREQUENCY = 2_147_483_647;

/**
 * Refuses an x a summary cannot hold (above {@link MAX_TABLE_FREQUENCY}), naming the argument
 * and the row: stored in 32 bits it would wrap around to another count (QA). Cost O(1).
 *
 * @throws CrmError `num` naming the column and the row
 */
export function checkTableFrequency(x: number, where: Where): void {
  if (x > MAX_TABLE_FREQUENCY) {
    throw new CrmError("num", ClvMessages.frequencyTooLarge(where, x), where.argument, where.row);
  }
}

/**
 * Checks one summary row: x a whole number ≥ 0; 0 ≤ tₓ ≤ T; tₓ = 0 when x = 0; monetary finite
 * and ≥ 0, and > 0 when x > 0 (unless `monetary` is undefined: the BG/NBD needs no spend).
 * `row` is 1-based, omitted for a single customer. Cost O(1).
 *
 * @throws CrmError `num` naming the column and the row
 */
export function checkSummaryRow(
  x: number,
  tx: number,
  T: number,
  monetary: number | undefined,
  row?: number,
  names: SummaryArgumentNames = DEFAULT_SUMMARY_NAMES
): void {
  // the rules below in one expression (NaN fails every comparison), so that a valid row costs
  // a few comparisons and no allocation; a row that fails it is checked rule by rule for the
  // message
  if (
    x >= 0 &&
    Number.isInteger(x) &&
    tx >= 0 &&
    tx <= T &&
    T < Infinity &&
    (x !== 0 || tx === 0) &&
    (monetary === undefined || (monetary >= 0 && monetary < Infinity && (x === 0 || monetary > 0)))
  )
    return;
  const fail = (argument: string, message: (where: Where) => string): never => {
    throw new CrmError("num", message({ argument, row }), argument, row);
  };
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x))
    fail(names.x, (w) => ClvMessages.frequencyNotCount(w, x));
  if (!Number.isFinite(tx)) fail(names.tx, (w) => ClvMessages.notFinite(w, tx));
  if (!Number.isFinite(T)) fail(names.T, (w) => ClvMessages.notFinite(w, T));
  if (tx < 0) fail(names.tx, (w) => ClvMessages.negativeTime(w, tx));
  if (T < 0) fail(names.T, (w) => ClvMessages.negativeTime(w, T));
  if (tx > T) fail(names.tx, (w) => ClvMessages.recencyAboveAge(w, tx, names.T, T));
  if (x === 0 && tx !== 0) fail(names.tx, (w) => ClvMessages.recencyWithoutRepeat(w, tx, names.x));
  if (monetary === undefined) return;
  if (!Number.isFinite(monetary)) fail(names.monetary, (w) => ClvMessages.notFinite(w, monetary));
  if (x > 0 && !(monetary > 0))
    fail(names.monetary, (w) => ClvMessages.spendNotPositive(w, monetary, names.x, x));
  if (monetary < 0) fail(names.monetary, (w) => ClvMessages.spendNegative(w, monetary));
}

/**
 * A customer summary from a ready-made table (for example one exported from lifetimes or BTYD),
 * validated row by row with {@link checkSummaryRow} and {@link checkTableFrequency} (x at most
 * {@link MAX_TABLE_FREQUENCY}). Rows keep their order; `sourceIndex` is
 * the 0-based table row. A repeat-free row's monetary value is stored as 0 whatever it was.
 *
 * Cost O(C).
 *
 * @throws CrmError `num` naming the column and the 1-based row of the first bad value; `na`
 *   for an empty table
 * @example summaryFromTable([{ id: "1", x: 2, tx: 30.43, T: 38.86, monetary: 22.35 }], "week").x //=> Int32Array [2]
 */
export function summaryFromTable(
  rows: readonly SummaryTableRow[],
  timeUnit: TimeUnit,
  names: SummaryArgumentNames = DEFAULT_SUMMARY_NAMES
): CustomerSummary {
  const unit = requireTimeUnit(timeUnit);
  if (rows.length === 0) throw new CrmError("na", ClvMessages.emptySummary(names.x), names.x);
  const n = rows.length;
  const summary = {
    timeUnit: unit,
    customerIds: rows.map((row) => row.id),
    sourceIndex: Int32Array.from({ length: n }, (_, i) => i),
    x: new Int32Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    excludedCustomers: 0,
  };
  rows.forEach((row, i) => {
    checkSummaryRow(row.x, row.tx, row.T, row.monetary, i + 1, names);
    checkTableFrequency(row.x, { argument: names.x, row: i + 1 });
    summary.x[i] = row.x;
    summary.tx[i] = row.tx;
    summary.T[i] = row.T;
    summary.monetary[i] = row.x > 0 ? row.monetary : 0;
  });
  return summary;
}
