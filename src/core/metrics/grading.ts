/**
 * Customer grading (客户分级, CRM.GRADE): A/B/C/D by visits in the last 365 days, as in the
 * source's after-sales example (SPEC §2 "Grading").
 */
import { CrmError } from "../errors";
import type { PurchaseHistories } from "../input/history";
import { requireAsOfDay } from "../input/validate";

export type Grade = "A" | "B" | "C" | "D";

/** The grades, best first. */
export const GRADES: readonly Grade[] = ["A", "B", "C", "D"];

/**
 * The fewest visits for each grade: A from `a`, B from `b`, C from `c`, D below `c`. Whole numbers
 * with a > b > c ≥ 1. Default `{ a: 3, b: 2, c: 1 }`.
 */
export interface GradeThresholds {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** The source's after-sales example: A ≥ 3 visits, B = 2, C = 1, D = 0. */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { a: 3, b: 2, c: 1 };

/** Length of the visit window, as-of day included. */
export const GRADING_WINDOW_DAYS = 365;

export interface GradingOptions {
  /**
   * the as-of date (day serial 1 … 2958465, inclusive), the window's last day; a fraction of a
   * day is dropped
   */
  readonly asOf: number;
  /** the fewest visits per grade (default {@link DEFAULT_GRADE_THRESHOLDS}) */
  readonly thresholds?: GradeThresholds;
}

export interface CustomerGrade {
  readonly customer: string;
  /** distinct purchase days in [asOf − 364, asOf] */
  readonly visits: number;
  readonly grade: Grade;
}

export interface Grading {
  /** one row per customer with a purchase on or before asOf, in the histories' order */
  readonly customers: readonly CustomerGrade[];
  /** customers per grade; the four counts add up to customers.length */
  readonly counts: Readonly<Record<Grade, number>>;
}

const GradingMessages = {
  badThresholds: (argument: string) =>
    `${argument} must be whole numbers of visits with A > B > C ≥ 1 (e.g. 3, 2, 1).`,
  noCustomers: () => "there are no purchases on or before as_of.",
} as const;

/**
 * Checks grade thresholds: whole numbers with a > b > c ≥ 1.
 *
 * @throws CrmError `num` naming `argument` (default `thresholds`)
 */
export function checkGradeThresholds(t: GradeThresholds, argument = "thresholds"): void {
  const whole = [t.a, t.b, t.c].every((visits) => Number.isInteger(visits));
  if (!whole || !(t.a > t.b && t.b > t.c && t.c >= 1)) {
    throw new CrmError("num", GradingMessages.badThresholds(argument), argument);
  }
}

/**
 * A/B/C/D grade of every customer who bought on or before asOf (SPEC §2 "Grading").
 *
 * Definition. visits = distinct purchase days in the 365 days ending on asOf, asOf included:
 * [asOf − 364, asOf] (several purchases on one day are one visit). Grade A when visits ≥ a,
 * B when ≥ b, C when ≥ c, else D; by default A ≥ 3, B = 2, C = 1, D = 0, the source's after-sales
 * example. Customers whose purchases all lie before the window are D; customers whose first
 * purchase is after asOf are not listed. Returns (SPEC §2 "Returns"): a day whose rows are all
 * returns (negative amounts) is no visit, and a customer with only returns is not listed; this
 * needs the amounts, without them every row is a visit.
 *
 * Reference: SPEC §2; the source course material's 客户分级 (after-sales visits). Cost O(n) over
 * the purchase days.
 *
 * @param histories purchase histories (same-day purchases merged)
 * @param optionsOrAsOf as-of date and thresholds; or (the older positional form, kept for
 *   existing callers) the as-of date, followed by `thresholdsArgument`, read only in that form
 * @throws CrmError `num` for an asOf that is no day serial from 1 to 2958465 (`as_of`) or for
 *   bad thresholds (`thresholds`);
 *   `na` when nobody bought on or before asOf
 * @example
 * // as of 2024-12-31 (serial 45657): a visited on 2024-03-01, 2024-06-01 and 2024-12-31
 * // (45352, 45444, 45657); b only on 2023-06-01 (45078), before the window
 * gradeCustomers(histories, { asOf: 45657 })
 * //=> { customers: [{ customer: "a", visits: 3, grade: "A" },
 * //                  { customer: "b", visits: 0, grade: "D" }],
 * //     counts: { A: 1, B: 0, C: 0, D: 1 } }
 */
export function gradeCustomers(
  histories: PurchaseHistories,
  optionsOrAsOf: GradingOptions | number,
  thresholdsArgument?: GradeThresholds
): Grading {
  const options: GradingOptions =
    typeof optionsOrAsOf === "number"
      ? { asOf: optionsOrAsOf, thresholds: thresholdsArgument ?? DEFAULT_GRADE_THRESHOLDS }
      : optionsOrAsOf;
  const asOf = requireAsOfDay(options.asOf);
  const thresholds = options.thresholds ?? DEFAULT_GRADE_THRESHOLDS;
  checkGradeThresholds(thresholds);
  const { a, b, c: lowestC } = thresholds;

  const { start, days, customerIds } = histories;
  const customerCount = customerIds.length;
  let listed = 0;
  for (let c = 0; c < customerCount; c++) {
    if (start[c + 1]! > start[c]! && days[start[c]!]! <= asOf) listed++;
  }
  if (listed === 0) throw new CrmError("na", GradingMessages.noCustomers(), "as_of");

  const windowFirst = asOf - (GRADING_WINDOW_DAYS - 1);
  const customers = new Array<CustomerGrade>(listed);
  let countA = 0;
  let countB = 0;
  let countC = 0;
  for (let c = 0, row = 0; c < customerCount; c++) {
    const first = start[c]!;
    if (start[c + 1]! === first || days[first]! > asOf) continue;
    let visits = 0;
    for (let i = start[c + 1]! - 1; i >= first && days[i]! >= windowFirst; i--) {
      if (days[i]! <= asOf) visits++;
    }
    let grade: Grade;
    if (visits >= a) {
      grade = "A";
      countA++;
    } else if (visits >= b) {
      grade = "B";
      countB++;
    } else if (visits >= lowestC) {
      grade = "C";
      countC++;
    } else {
      grade = "D";
    }
    customers[row++] = { customer: customerIds[c]!, visits, grade };
  }
  return {
    customers,
    counts: { A: countA, B: countB, C: countC, D: listed - countA - countB - countC },
  };
}
