/**
 * RFM early warning (RFM 预警): a level per customer from how long ago they last bought and how
 * much their purchase frequency and spend fell, by the source's bank rules (SPEC §2).
 */
import { CrmError } from "./errors";
import type { PurchaseHistories } from "./history";

export const ALERT_LEVELS = ["normal", "yellow", "orange", "red", "lost"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * Upper band edges. recencyDays: [no alarm up to, orange up to, red up to] (beyond: lost);
 * declines (fractions): [yellow up to, orange up to] (beyond: red; 0 is normal).
 */
export interface AlertThresholds {
  readonly recencyDays: readonly [number, number, number];
  readonly frequencyDecline: readonly [number, number];
  readonly monetaryDecline: readonly [number, number];
}

/** The source's rules: R ≤ 10 / 11–30 / 31–60 / > 60 days; declines ≤ 30 % / 30–50 % / > 50 %. */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  recencyDays: [10, 30, 60],
  frequencyDecline: [0.3, 0.5],
  monetaryDecline: [0.3, 0.5],
};

export interface CustomerAlert {
  readonly customer: string;
  /** R: days from the last purchase (on or before asOf) to asOf */
  readonly recencyDays: number;
  readonly frequencyRecent: number;
  readonly frequencyPrevious: number;
  /** (previous − recent) ÷ previous, floored at 0; 0 when previous is 0 */
  readonly frequencyDecline: number;
  readonly monetaryRecent: number;
  readonly monetaryPrevious: number;
  readonly monetaryDecline: number;
  readonly level: AlertLevel;
}

const WINDOW = 30;
const BASIS_POINTS = 10_000;

/** Checks thresholds: whole, increasing recency edges ≥ 0; increasing declines in [0, 1]. */
export function checkAlertThresholds(t: AlertThresholds, argument = "thresholds"): void {
  const [r1, r2, r3] = t.recencyDays;
  const ok =
    [r1, r2, r3].every((r) => Number.isInteger(r) && r >= 0) &&
    r1 < r2 &&
    r2 < r3 &&
    [t.frequencyDecline, t.monetaryDecline].every(([y, o]) => y >= 0 && y < o && o <= 1);
  if (!ok) {
    throw new CrmError(
      "num",
      `${argument} must hold increasing whole recency days (e.g. 10, 30, 60) and increasing declines between 0 and 1 (e.g. 0.3, 0.5).`,
      argument
    );
  }
}

/**
 * Reads a 3×3 threshold grid as an Excel user types it: rows yellow, orange, red; columns R
 * (days), F decline, M decline. The yellow R cell is the recency up to which R raises no alarm;
 * the red F and M cells may be blank (nothing above red). Blank cells keep the defaults.
 */
export function thresholdsFromGrid(
  grid: readonly (readonly (number | null)[])[],
  argument = "thresholds"
): AlertThresholds {
  const cell = (row: number, column: number): number | null => grid[row]?.[column] ?? null;
  if (grid.length !== 3 || grid.some((row) => row.length !== 3)) {
    throw new CrmError(
      "value",
      `${argument} must be 3 rows (yellow, orange, red) × 3 columns (R days, F decline, M decline).`,
      argument
    );
  }
  const d = DEFAULT_ALERT_THRESHOLDS;
  const pick = (row: number, column: number, fallback: number) => cell(row, column) ?? fallback;
  const thresholds: AlertThresholds = {
    recencyDays: [
      pick(0, 0, d.recencyDays[0]),
      pick(1, 0, d.recencyDays[1]),
      pick(2, 0, d.recencyDays[2]),
    ],
    frequencyDecline: [pick(0, 1, d.frequencyDecline[0]), pick(1, 1, d.frequencyDecline[1])],
    monetaryDecline: [pick(0, 2, d.monetaryDecline[0]), pick(1, 2, d.monetaryDecline[1])],
  };
  checkAlertThresholds(thresholds, argument);
  return thresholds;
}

/**
 * The band of a decline, compared exactly: (previous − recent) × 10000 against edge × previous
 * in basis points, all integers (counts, or amounts in cents), so 70.00 against 100.00 is exactly
 * 30 % and yellow, with no floating-point drift at the edges. Edges belong to the lower band.
 */
function declineLevel(recent: number, previous: number, edges: readonly [number, number]): number {
  if (previous <= 0 || recent >= previous) return 0;
  const fall = (previous - recent) * BASIS_POINTS;
  if (fall <= Math.round(edges[0] * BASIS_POINTS) * previous) return 1;
  if (fall <= Math.round(edges[1] * BASIS_POINTS) * previous) return 2;
  return 3;
}

function recencyLevel(days: number, edges: readonly [number, number, number]): number {
  if (days <= edges[0]) return 0;
  if (days <= edges[1]) return 2;
  if (days <= edges[2]) return 3;
  return 4;
}

const decline = (recent: number, previous: number) =>
  previous > 0 ? Math.max(0, (previous - recent) / previous) : 0;

/**
 * RFM early warning for every customer who bought on or before asOf (SPEC §2).
 *
 * R = asOf − last purchase day L. Windows: recent = the 30 days ending on L, L included
 * ([L − 29, L]); previous = the 30 days before ([L − 59, L − 30]). F = purchase days in a window,
 * M = amount in a window (in cents). Decline = (previous − recent) ÷ previous when previous > 0,
 * else 0, never negative. Level = the most severe of:
 * - R: up to 10 days no alarm, 11–30 orange, 31–60 red, beyond 60 lost. The source's table lists
 *   "R ≤ 10" in the yellow row as the recency yellow customers have; SPEC: "a recent customer
 *   with no decline is normal", so recency alone never raises yellow.
 * - F and M declines: 0 normal, up to 30 % yellow, up to 50 % orange, above 50 % red.
 * Band edges belong to the lower band and are compared exactly.
 *
 * Sorted by severity (lost first), then R descending, then order of first appearance, unless
 * sortBySeverity is false (then in order of first appearance). Cost O(n + C log C).
 *
 * @example // a: bought 4 times in the 30 days before Mar 1 and twice in the 30 days ending on
 * // Mar 31 (as of Apr 5): R 5, F decline 50 % → orange
 */
export function rfmAlerts(
  histories: PurchaseHistories,
  asOf: number,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
  sortBySeverity = true
): CustomerAlert[] {
  checkAlertThresholds(thresholds);
  const { start, days, totals, customerIds } = histories;
  const alerts: CustomerAlert[] = [];
  const severity: number[] = [];
  for (let c = 0; c < customerIds.length; c++) {
    let end = start[c + 1]! - 1;
    while (end >= start[c]! && days[end]! > asOf) end--;
    if (end < start[c]!) continue;
    const last = days[end]!;
    let fRecent = 0;
    let fPrevious = 0;
    let mRecent = 0;
    let mPrevious = 0;
    for (let i = end; i >= start[c]! && days[i]! > last - 2 * WINDOW; i--) {
      const cents = Math.round(totals[i]! * 100);
      if (days[i]! > last - WINDOW) {
        fRecent++;
        mRecent += cents;
      } else {
        fPrevious++;
        mPrevious += cents;
      }
    }
    const recencyDays = asOf - last;
    const level = Math.max(
      recencyLevel(recencyDays, thresholds.recencyDays),
      declineLevel(fRecent, fPrevious, thresholds.frequencyDecline),
      declineLevel(mRecent, mPrevious, thresholds.monetaryDecline)
    );
    severity.push(level);
    alerts.push({
      customer: customerIds[c]!,
      recencyDays,
      frequencyRecent: fRecent,
      frequencyPrevious: fPrevious,
      frequencyDecline: decline(fRecent, fPrevious),
      monetaryRecent: mRecent / 100,
      monetaryPrevious: mPrevious / 100,
      monetaryDecline: decline(mRecent, mPrevious),
      level: ALERT_LEVELS[level]!,
    });
  }
  if (alerts.length === 0) throw new CrmError("na", "nobody bought on or before as_of.", "as_of");
  if (!sortBySeverity) return alerts;
  // One numeric key per customer: severity first, then R (longest first); equal keys keep the
  // order of first appearance (a stable sort), which is deterministic for given rows.
  const keys = new Float64Array(alerts.length);
  for (let i = 0; i < alerts.length; i++) keys[i] = -(severity[i]! * 1e7 + alerts[i]!.recencyDays);
  const order = Array.from({ length: alerts.length }, (_, i) => i);
  order.sort((x, y) => keys[x]! - keys[y]! || x - y);
  return order.map((i) => alerts[i]!);
}
