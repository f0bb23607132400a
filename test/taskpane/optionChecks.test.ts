/**
 * The wizard's option checks (src/taskpane/optionChecks.ts): a problem is reported at its
 * field, in the user's language and in the field's unit, never with the core's argument names;
 * what passes is exactly what the core accepts (report.ts checkOptions, rfmAlert.ts
 * checkAlertThresholds, grading.ts checkGradeThresholds). And the theme helpers
 * (src/taskpane/officeTheme.ts).
 */
import { expect } from "../support/expect";
import { serialFromYmd } from "../../src/core/input/dates";
import { TASKPANE_STRINGS } from "../../src/i18n/taskpane.strings";
import {
  checkOptionTexts,
  fieldOfArgument,
  OPTION_FIELDS,
  optionNameOf,
  parseEntry,
} from "../../src/taskpane/optionChecks";
import { isDark, luminance } from "../../src/taskpane/officeTheme";

const en = TASKPANE_STRINGS.en;
const zhCN = TASKPANE_STRINGS["zh-CN"];
const zhTW = TASKPANE_STRINGS["zh-TW"];

/** The form as the wizard fills it for the defaults (SPEC §2 thresholds 10/30/60, 30 %/50 %). */
const DEFAULT_FORM: Readonly<Record<string, string>> = {
  "opt-as-of": "2024-11-20",
  "opt-inactive": "70",
  "opt-margin": "100",
  "opt-discount": "10",
  "opt-lifespan": "3",
  "opt-horizon": "12",
  "opt-r-0": "10",
  "opt-r-1": "30",
  "opt-r-2": "60",
  "opt-f-0": "30",
  "opt-f-1": "50",
  "opt-m-0": "30",
  "opt-m-1": "50",
  "opt-grade-a": "3",
  "opt-grade-b": "2",
  "opt-grade-c": "1",
};
const FIRST_DAY = serialFromYmd(2024, 1, 1);

function check(changes: Record<string, string>, t = en) {
  const form = { ...DEFAULT_FORM, ...changes };
  return checkOptionTexts((id) => form[id] ?? "", t, FIRST_DAY, "2024-01-01");
}

describe("checkOptionTexts", () => {
  it("turns the default form into the core's options (percents as fractions)", () => {
    const { options, errors } = check({});
    expect(errors.size).toBe(0);
    expect(options).toEqual({
      asOf: serialFromYmd(2024, 11, 20),
      inactiveDays: 70,
      margin: 1,
      discountRate: 0.1,
      lifespanYears: 3,
      horizonMonths: 12,
      alertThresholds: {
        recencyDays: [10, 30, 60],
        frequencyDecline: [0.3, 0.5],
        monetaryDecline: [0.3, 0.5],
      },
      gradeThresholds: { a: 3, b: 2, c: 1 },
    });
  });

  it("a percent field speaks percent, in each language", () => {
    expect(check({ "opt-margin": "150" }).errors.get("opt-margin")).toBe(
      "Margin must be between 0 % and 100 %, got 150 %."
    );
    expect(check({ "opt-margin": "150" }, zhCN).errors.get("opt-margin")).toBe(
      "利润率必须在 0% 到 100% 之间，当前为 150%。"
    );
    expect(check({ "opt-discount": "-5" }, zhTW).errors.get("opt-discount")).toBe(
      "年折現率必須介於 0% 到 100% 之間，目前為 -5%。"
    );
  });

  it("never names the core's arguments", () => {
    const bad = Object.fromEntries(Object.keys(DEFAULT_FORM).map((id) => [id, "-1.5"]));
    for (const t of [en, zhCN, zhTW]) {
      const messages = [...check({ ...bad, "opt-as-of": "" }, t).errors.values()].join(" ");
      expect(messages).not.toMatch(/as_of|inactive_days|margin:|discount_rate|_years|_months/);
      expect(messages).not.toMatch(/thresholds|fraction/);
    }
  });

  it("whole numbers of days, years and months, at least 1", () => {
    const { errors } = check({ "opt-inactive": "1.5", "opt-lifespan": "0", "opt-horizon": "x" });
    expect(errors.get("opt-inactive")).toBe(
      "The inactive period must be a whole number, got 1.5 days."
    );
    expect(errors.get("opt-lifespan")).toBe(
      "The lifespan must be between 1 year and 100 years, got 0 years."
    );
    expect(errors.get("opt-horizon")).toBe("The horizon must be a number.");
  });

  it("a horizon beyond 120 months, like every whole-number option, is refused at its field", () => {
    // QA round 2: a 100-year horizon ran for minutes; REPORT_OPTION_LIMITS bounds it
    const { errors } = check({
      "opt-horizon": "121",
      "opt-lifespan": "101",
      "opt-inactive": "3651",
    });
    expect(errors.get("opt-horizon")).toMatch(/120/);
    expect(errors.get("opt-lifespan")).toMatch(/100/);
    expect(errors.get("opt-inactive")).toMatch(/3[,.]?650/);
  });

  it("the as-of date: a date, not before the first purchase", () => {
    expect(check({ "opt-as-of": "" }).errors.get("opt-as-of")).toBe(
      "The as-of date must be a date."
    );
    expect(check({ "opt-as-of": "2023-12-31" }).errors.get("opt-as-of")).toBe(
      "The as-of date must be on or after the first purchase (2024-01-01)."
    );
  });

  it("band edges must increase: the later edge is marked (rfmAlert.ts checkAlertThresholds)", () => {
    const { errors, options } = check({ "opt-r-1": "10", "opt-f-1": "20" });
    expect(options).toBeUndefined();
    expect(errors.get("opt-r-1")).toBe(
      "The orange limit must be more than the no-alert limit (10 days), got 10 days."
    );
    expect(errors.get("opt-f-1")).toBe(
      "The orange limit must be more than the yellow limit (30 %), got 20 %."
    );
    expect(errors.has("opt-r-0")).toBe(false);
  });

  it("grades: A more visits than B, B more than C (grading.ts checkGradeThresholds)", () => {
    const { errors } = check({ "opt-grade-b": "3" });
    expect(errors.get("opt-grade-a")).toBe(
      "Grade A's minimum must be more than grade B's minimum (3 visits), got 3 visits."
    );
    expect([...errors.keys()]).toEqual(["opt-grade-a"]);
  });

  it("a decimal comma is read as a point", () => {
    expect(parseEntry(" 12,5 ")).toBe(12.5);
    expect(check({ "opt-margin": "33,3" }).options?.margin).toBe(0.333);
  });
});

describe("fieldOfArgument: a core error's argument → the field to mark", () => {
  it("maps the options the core checks, and leaves data problems unmapped", () => {
    expect(fieldOfArgument("margin")).toBe(OPTION_FIELDS.margin);
    expect(fieldOfArgument("discount_rate")).toBe(OPTION_FIELDS.discountRate);
    expect(fieldOfArgument("as_of")).toBe(OPTION_FIELDS.asOf);
    expect(fieldOfArgument("inactive_days")).toBe(OPTION_FIELDS.inactiveDays);
    expect(fieldOfArgument("lifespan_years")).toBe(OPTION_FIELDS.lifespan);
    expect(fieldOfArgument("horizon_months")).toBe(OPTION_FIELDS.horizon);
    expect(fieldOfArgument("mode")).toBe("mode-formulas");
    expect(fieldOfArgument("data")).toBeUndefined();
    expect(fieldOfArgument(undefined)).toBeUndefined();
    expect(optionNameOf(OPTION_FIELDS.margin, zhCN)).toBe("利润率");
  });
});

describe("officeTheme", () => {
  it("reads a theme as dark from isDarkTheme, else from the body background", () => {
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("teal")).toBeUndefined();
    expect(isDark({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(true);
    expect(isDark({ bodyBackgroundColor: "#262626" })).toBe(true); // Office's Black
    expect(isDark({ bodyBackgroundColor: "#E6E6E6" })).toBe(false); // Office's Colorful
    expect(isDark({})).toBe(false);
  });
});
