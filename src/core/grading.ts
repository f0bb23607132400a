/**
 * Customer grading (客户分级) A/B/C/D by recent visits, as in the source's after-sales example.
 */
import { CrmError } from "./errors";
import type { PurchaseHistories } from "./history";

export type Grade = "A" | "B" | "C" | "D";

/** Lowest visits for each grade (default A ≥ 3, B ≥ 2, C ≥ 1; D below). */
export interface GradeThresholds {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { a: 3, b: 2, c: 1 };

export interface CustomerGrade {
  readonly customer: string;
  /** distinct purchase days in the 365 days ending on asOf, asOf included */
  readonly visits: number;
  readonly grade: Grade;
}

export interface Grading {
  readonly customers: readonly CustomerGrade[];
  readonly counts: Readonly<Record<Grade, number>>;
}

export function checkGradeThresholds(t: GradeThresholds, argument = "thresholds"): void {
  const whole = [t.a, t.b, t.c].every((v) => Number.isInteger(v));
  if (!whole || !(t.a > t.b && t.b > t.c && t.c >= 1)) {
    throw new CrmError(
      "num",
      `${argument} must be whole numbers of visits with A > B > C ≥ 1 (e.g. 3, 2, 1).`,
      argument
    );
  }
}

/**
 * Grades every customer who bought on or before asOf by visits = distinct purchase days in
 * [asOf − 364, asOf]: A ≥ 3, B ≥ 2, C ≥ 1, D = 0 by default (SPEC §2). Customers whose purchases
 * all lie before the window are D. Cost O(n).
 *
 * @example // as of 2024-12-31, a visited on 2024-03-01, 2024-06-01 and 2024-12-31 → A;
 * // b only on 2023-06-01 → D
 */
export function gradeCustomers(
  histories: PurchaseHistories,
  asOf: number,
  thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS
): Grading {
  checkGradeThresholds(thresholds);
  const { start, days, customerIds } = histories;
  const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  const customers: CustomerGrade[] = [];
  const windowFirst = asOf - 364;
  for (let c = 0; c < customerIds.length; c++) {
    if (start[c + 1]! === start[c]! || days[start[c]!]! > asOf) continue;
    let visits = 0;
    for (let i = start[c + 1]! - 1; i >= start[c]! && days[i]! >= windowFirst; i--)
      if (days[i]! <= asOf) visits++;
    const grade: Grade =
      visits >= thresholds.a
        ? "A"
        : visits >= thresholds.b
          ? "B"
          : visits >= thresholds.c
            ? "C"
            : "D";
    counts[grade]++;
    customers.push({ customer: customerIds[c]!, visits, grade });
  }
  if (customers.length === 0)
    throw new CrmError("na", "nobody bought on or before as_of.", "as_of");
  return { customers, counts };
}
