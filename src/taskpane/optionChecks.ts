/**
 * The wizard's options step, checked before the core sees it (SPEC §4 "Options"): each entry
 * is read from its field's text and checked against the rules the core applies
 * (report.ts `checkOptions`, rfmAlert.ts `checkAlertThresholds`, grading.ts
 * `checkGradeThresholds`), so a problem is reported at its field, in the user's language and in
 * the field's own unit (a percent field speaks percent: "Margin must be between 0 % and
 * 100 %, got 150 %"), never with the core's argument names. {@link fieldOfArgument} maps a
 * core error's `argument` to its field, for what only the core can see.
 *
 * Pure: no DOM, no Office. The field ids are the wizard's input ids.
 */

import { serialFromYmd } from "../core/input/dates";
import { REPORT_OPTION_LIMITS } from "../core/report";
import type { GradeThresholds } from "../core/metrics/grading";
import type { AlertThresholds } from "../core/metrics/rfmAlert";
import type { TaskpaneStrings } from "../i18n/taskpane.strings";

/** The option inputs' ids, in the order they appear on the form. */
export const OPTION_FIELDS = {
  asOf: "opt-as-of",
  inactiveDays: "opt-inactive",
  margin: "opt-margin",
  discountRate: "opt-discount",
  lifespan: "opt-lifespan",
  horizon: "opt-horizon",
  recency: ["opt-r-0", "opt-r-1", "opt-r-2"],
  frequency: ["opt-f-0", "opt-f-1"],
  monetary: ["opt-m-0", "opt-m-1"],
  grades: ["opt-grade-a", "opt-grade-b", "opt-grade-c"],
} as const;

/** The options the form gives, in the core's units (fractions for percents, day serials). */
export interface CheckedOptions {
  readonly asOf: number;
  readonly inactiveDays: number;
  readonly margin: number;
  readonly discountRate: number;
  readonly lifespanYears: number;
  readonly horizonMonths: number;
  readonly alertThresholds: AlertThresholds;
  readonly gradeThresholds: GradeThresholds;
}

/** Either every option, or at least one error: field id → message. */
export interface OptionCheck {
  readonly options?: CheckedOptions;
  readonly errors: ReadonlyMap<string, string>;
}

type Unit = keyof TaskpaneStrings["units"];

interface NumberRule {
  readonly name: string;
  readonly unit: Unit;
  readonly whole: boolean;
  readonly least: number;
  readonly most?: number;
}

/** "150", " 1,5 " → 150, 1.5; anything else (the empty text of a bad number input too) → NaN. */
export function parseEntry(text: string): number {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** A number as the messages print it: no binary noise (0.1 + 0.2 → 0.3). */
function shown(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Checks every option field.
 *
 * @param read the text of a field by id
 * @param firstDay the first purchase day (serial): the as-of date may not be earlier
 * @param firstDayText that day as the pane prints dates
 */
export function checkOptionTexts(
  read: (id: string) => string,
  t: TaskpaneStrings,
  firstDay: number,
  firstDayText: string
): OptionCheck {
  const errors = new Map<string, string>();
  const names = t.optionNames;
  const withUnit = (unit: Unit, value: number) => t.units[unit](shown(value));

  const number = (id: string, rule: NumberRule): number => {
    const value = parseEntry(read(id));
    const fail = (message: string) => {
      errors.set(id, message);
      return Number.NaN;
    };
    if (!Number.isFinite(value)) return fail(t.optionError.notANumber(rule.name));
    const got = withUnit(rule.unit, value);
    if (rule.most !== undefined && (value < rule.least || value > rule.most)) {
      return fail(
        t.optionError.between(
          rule.name,
          withUnit(rule.unit, rule.least),
          withUnit(rule.unit, rule.most),
          got
        )
      );
    }
    if (value < rule.least)
      return fail(t.optionError.atLeast(rule.name, withUnit(rule.unit, rule.least), got));
    if (rule.whole && !Number.isInteger(value)) return fail(t.optionError.whole(rule.name, got));
    return value;
  };
  /** `later` must exceed `earlier` (both already valid, or the check is skipped). */
  const increasing = (
    ids: readonly string[],
    values: readonly number[],
    ruleNames: readonly string[],
    unit: Unit
  ) => {
    for (let i = 1; i < values.length; i++) {
      const earlier = values[i - 1]!;
      const later = values[i]!;
      if (Number.isNaN(earlier) || Number.isNaN(later) || later > earlier) continue;
      errors.set(
        ids[i]!,
        t.optionError.moreThan(
          ruleNames[i]!,
          ruleNames[i - 1]!,
          withUnit(unit, earlier),
          withUnit(unit, later)
        )
      );
    }
  };

  // as-of: a date input gives "YYYY-MM-DD", or "" for anything it cannot read
  const asOfText = read(OPTION_FIELDS.asOf).trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOfText);
  let asOf = Number.NaN;
  if (!match) errors.set(OPTION_FIELDS.asOf, t.optionError.notADate(names.asOf));
  else {
    asOf = serialFromYmd(Number(match[1]), Number(match[2]), Number(match[3]));
    if (asOf < firstDay)
      errors.set(OPTION_FIELDS.asOf, t.optionError.beforeData(names.asOf, firstDayText));
  }

  const percent = (name: string): NumberRule => ({
    name,
    unit: "percent",
    whole: false,
    least: 0,
    most: 100,
  });
  const inactiveDays = number(OPTION_FIELDS.inactiveDays, {
    name: names.inactiveDays,
    unit: "days",
    whole: true,
    least: 1,
    most: REPORT_OPTION_LIMITS.inactiveDays,
  });
  const margin = number(OPTION_FIELDS.margin, percent(names.margin));
  const discountRate = number(OPTION_FIELDS.discountRate, percent(names.discountRate));
  const lifespanYears = number(OPTION_FIELDS.lifespan, {
    name: names.lifespan,
    unit: "years",
    whole: true,
    least: 1,
    most: REPORT_OPTION_LIMITS.lifespanYears,
  });
  const horizonMonths = number(OPTION_FIELDS.horizon, {
    name: names.horizon,
    unit: "months",
    whole: true,
    least: 1,
    most: REPORT_OPTION_LIMITS.horizonMonths,
  });

  const recencyNames = [names.noAlert, names.orange, names.red];
  const recency = OPTION_FIELDS.recency.map((id, i) =>
    number(id, { name: recencyNames[i]!, unit: "days", whole: true, least: 0 })
  );
  increasing(OPTION_FIELDS.recency, recency, recencyNames, "days");
  const declineNames = [names.yellow, names.orange];
  const decline = (ids: readonly string[]) => {
    const values = ids.map((id, i) => number(id, percent(declineNames[i]!)));
    increasing(ids, values, declineNames, "percent");
    return values;
  };
  const frequency = decline(OPTION_FIELDS.frequency);
  const monetary = decline(OPTION_FIELDS.monetary);

  // grades: A needs more visits than B, B more than C, C at least 1 (listed A, B, C)
  const grades = OPTION_FIELDS.grades.map((id, i) =>
    number(id, { name: names.grades[i]!, unit: "visits", whole: true, least: 1 })
  );
  const reversed = [...grades].reverse();
  increasing([...OPTION_FIELDS.grades].reverse(), reversed, [...names.grades].reverse(), "visits");

  if (errors.size > 0) return { errors };
  const fraction = (value: number) => Math.round(value * 10_000) / 1_000_000;
  return {
    errors,
    options: {
      asOf,
      inactiveDays,
      margin: fraction(margin),
      discountRate: fraction(discountRate),
      lifespanYears,
      horizonMonths,
      alertThresholds: {
        recencyDays: [recency[0]!, recency[1]!, recency[2]!],
        frequencyDecline: [fraction(frequency[0]!), fraction(frequency[1]!)],
        monetaryDecline: [fraction(monetary[0]!), fraction(monetary[1]!)],
      },
      gradeThresholds: { a: grades[0]!, b: grades[1]!, c: grades[2]! },
    },
  };
}

/**
 * The field that a core error's `argument` names (report.ts `checkOptions` and the metrics it
 * calls), or undefined for a problem of the data itself (`data`, `amount`).
 */
export function fieldOfArgument(argument: string | undefined): string | undefined {
  const fields: Readonly<Record<string, string>> = {
    as_of: OPTION_FIELDS.asOf,
    inactive_days: OPTION_FIELDS.inactiveDays,
    margin: OPTION_FIELDS.margin,
    discount_rate: OPTION_FIELDS.discountRate,
    lifespan_years: OPTION_FIELDS.lifespan,
    horizon_months: OPTION_FIELDS.horizon,
    thresholds: OPTION_FIELDS.recency[0],
    mode: "mode-formulas",
  };
  return argument === undefined ? undefined : fields[argument];
}

/** The name the messages use for a field (see {@link fieldOfArgument}), by input id. */
export function optionNameOf(id: string, t: TaskpaneStrings): string {
  const names = t.optionNames;
  const byId: Readonly<Record<string, string>> = {
    [OPTION_FIELDS.asOf]: names.asOf,
    [OPTION_FIELDS.inactiveDays]: names.inactiveDays,
    [OPTION_FIELDS.margin]: names.margin,
    [OPTION_FIELDS.discountRate]: names.discountRate,
    [OPTION_FIELDS.lifespan]: names.lifespan,
    [OPTION_FIELDS.horizon]: names.horizon,
    [OPTION_FIELDS.recency[0]]: names.noAlert,
    "mode-formulas": t.outputFormulas,
  };
  return byId[id] ?? t.optionsTitle;
}
