/**
 * The wizard's options (SPEC §4 "Options"), their defaults from the data, and the checks that
 * refuse options that do not fit the data, naming the option.
 */

import { checkActivityRule, type PeriodKind } from "../metrics/customerBase";
import { CrmError } from "../errors";
import { DEFAULT_GRADE_THRESHOLDS, type GradeThresholds } from "../metrics/grading";
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from "../metrics/rfmAlert";
import { requireFraction } from "../input/validate";
import type { ReportLanguage } from "../../i18n/report.strings";
import type { PreparedData } from "./data";

export type ReportMode = "values" | "formulas";

/** The wizard's options (SPEC §4 "Options"); {@link defaultReportOptions} gives the defaults. */
export interface ReportOptions {
  readonly language: ReportLanguage;
  /** the as-of date (day serial); default: the last date in the data */
  readonly asOf: number;
  readonly period: PeriodKind;
  readonly inactiveDays: number;
  /** profit margin, a fraction (1 = revenue) */
  readonly margin: number;
  /** yearly discount rate, a fraction, for predictive CLV */
  readonly discountRate: number;
  /** years of the simple CLV KPI */
  readonly lifespanYears: number;
  /** months ahead for predictive CLV */
  readonly horizonMonths: number;
  readonly alertThresholds: AlertThresholds;
  readonly gradeThresholds: GradeThresholds;
  readonly mode: ReportMode;
  /** shown in the subtitle, e.g. `2026-11-23 14:05`; omitted: no "generated" text */
  readonly generatedAt?: string;
  /**
   * the highest cohort offset shown on the summary (default 11: periods +0 … +11, a year of
   * months); the summary shows at most {@link SUMMARY_COHORTS} cohorts
   */
  readonly maxCohortOffset?: number;
}

/** Default options for the data: as-of = last date, month, suggested inactive days, … */
export function defaultReportOptions(data: PreparedData, language: ReportLanguage): ReportOptions {
  return {
    language,
    asOf: data.lastDay,
    period: "month",
    inactiveDays: data.suggestedInactiveDays,
    margin: data.suggestedMargin ?? 1,
    discountRate: 0.1,
    lifespanYears: 3,
    horizonMonths: 12,
    alertThresholds: DEFAULT_ALERT_THRESHOLDS,
    gradeThresholds: DEFAULT_GRADE_THRESHOLDS,
    mode: "values",
  };
}

/**
 * The summary's caps (SPEC §4: the summary reads on one screen): the last 12 periods of the
 * trend, the last 4 cohorts and offsets +0 … +11 of the heatmap (4 cohort columns keep the
 * sheet 17 columns, ≤ 1,008 pt wide, with any number of cohorts; the Model sheet has every
 * cohort). The sheet says so where it cuts, and the CRM functions give everything.
 */
/**
 * The largest values the report's whole-number options take: beyond them a figure means
 * nothing to an analyst and only costs time (a 100-year CLV horizon ran for minutes on the
 * CDNOW master file). The wizard and crm-report check the same limits before computing.
 */
export const REPORT_OPTION_LIMITS = {
  inactiveDays: 3650,
  lifespanYears: 100,
  horizonMonths: 120,
} as const;

export const SUMMARY_PERIODS = 12;
export const SUMMARY_COHORTS = 4;
export const SUMMARY_MAX_OFFSET = 11;

/** Checks the options against the data; problems are CrmErrors naming the option. */
export function checkOptions(data: PreparedData, options: ReportOptions): void {
  if (data.audit.transactions.days.length === 0) {
    throw new CrmError("na", "no row of the table could be read as a transaction.", "data");
  }
  if (Number.isNaN(data.firstDay)) {
    throw new CrmError(
      "na",
      'every amount is negative: returns only, no purchase (SPEC §2 "Returns").',
      "amount"
    );
  }
  const wholeAtLeast = (value: number, least: number, argument: string, most = Infinity) => {
    if (!Number.isInteger(value) || value < least || value > most) {
      throw new CrmError(
        "num",
        most === Infinity
          ? `${argument} must be a whole number of at least ${least}.`
          : `${argument} must be a whole number from ${least} to ${most}.`,
        argument
      );
    }
  };
  if (!Number.isInteger(options.asOf) || options.asOf < data.firstDay) {
    throw new CrmError("num", "the as-of date must be on or after the first purchase.", "as_of");
  }
  checkActivityRule(options);
  wholeAtLeast(options.inactiveDays, 1, "inactive_days", REPORT_OPTION_LIMITS.inactiveDays);
  wholeAtLeast(options.lifespanYears, 1, "lifespan_years", REPORT_OPTION_LIMITS.lifespanYears);
  wholeAtLeast(options.horizonMonths, 1, "horizon_months", REPORT_OPTION_LIMITS.horizonMonths);
  if (options.maxCohortOffset !== undefined)
    wholeAtLeast(options.maxCohortOffset, 0, "max_cohort_offset");
  requireFraction(options.margin, "margin");
  requireFraction(options.discountRate, "discount_rate");
  if (options.mode === "formulas" && data.audit.rowsWithProblems > 0) {
    throw new CrmError(
      "value",
      `live formulas read every row, and ${data.audit.rowsWithProblems} rows have unreadable cells; fix them or choose values.`,
      "mode"
    );
  }
  if (options.mode === "formulas" && !data.source.location) {
    throw new CrmError("value", "live formulas need to know where the source data is.", "mode");
  }
}
