/**
 * The **Model** sheet (SPEC §4 "Generate"): the settings the report was made with (live
 * formulas on every sheet read these cells), then the predictive model — BG/NBD and
 * Gamma-Gamma parameters, log-likelihoods, the time unit and calibration end, the counts the
 * fit used and left out (repeat buyers left out of the spend fit, SPEC §2 "Spend model
 * eligibility") and the parameters' standard errors — the holdout check (actual vs expected
 * repeat purchases by calibration frequency, with its chart) when the data span one, what
 * each predicted number means, and the full cohort table (cohortTable.ts; the summary's heatmap
 * shows only the last cohorts).
 */

import type { ReportModel } from "./reportModel";
import { REPORT_STRINGS, type ReportStrings } from "../../i18n/report.strings";
import { isCrmError, type CrmError } from "../errors";
import type { HoldoutTooShort, ReportComputation } from "./computed";
import type { HoldoutValidation } from "../models/holdout";
import { isoFromSerial } from "../input/dates";
import type { PreparedData } from "./data";
import {
  ALERT_THRESHOLDS_RANGE,
  formulaRefs,
  GRADE_THRESHOLDS_RANGE,
  SETTINGS_TOP,
} from "./formulas";
import { COLORS, FORMAT, levelLabel, percentText, SheetLayout } from "./layout";
import type { ReportOptions } from "./options";
import { writeTrendTable } from "./trendTable";
import { writeCohortTable } from "./cohortTable";

/**
 * The Model sheet: settings from row {@link SETTINGS_TOP} (the cells live formulas read), the
 * churn-trend table right of them (trendTable.ts; the spill the summary's KPIs read), the
 * fitted model or why it could not be fitted, the summary's definitions and the meaning of
 * each predicted number. Cost O(1).
 */
export function buildModelSheet(
  data: PreparedData,
  options: ReportOptions,
  computed: ReportComputation
): ReportModel {
  const strings = REPORT_STRINGS[options.language];
  const m = strings.model;
  const formulas = options.mode === "formulas";
  const layout = new SheetLayout(formulas);
  layout.title("model.title", 0, 0, m.title, 14);
  layout.note(
    "model.mode",
    1,
    0,
    options.mode === "formulas" ? strings.formulasNote : strings.valuesNote
  );

  // Settings (SETTINGS_TOP; formulas.ts points at these cells)
  layout.title("settings.title", SETTINGS_TOP - 1, 0, strings.settingsTitle);
  const s = strings.settings;
  const top = SETTINGS_TOP;
  const periodCell =
    options.language === "en" ? options.period : strings.periodWord[options.period];
  const settings = layout.block("settings", top, 0, [
    [s.asOf, options.asOf],
    [s.period, periodCell],
    [s.inactiveDays, options.inactiveDays],
    [s.margin, options.margin],
    [s.discountRate, options.discountRate],
    [s.lifespanYears, options.lifespanYears],
    [s.horizonMonths, options.horizonMonths],
  ]);
  layout.format({ row: top, column: 1, rows: 1, columns: 1 }, FORMAT.date);
  layout.format({ row: top + 3, column: 1, rows: 2, columns: 1 }, FORMAT.percent);
  layout.style({ ...settings, columns: 1 }, { fontColor: COLORS.muted });
  const valueCells = {
    bold: true,
    horizontalAlignment: "Right" as const,
    fill: COLORS.tileFill,
    border: COLORS.tileBorder,
  };
  layout.style({ ...settings, column: 1, columns: 1 }, valueCells);
  const g = options.gradeThresholds;
  layout.block("settings.grades", top, GRADE_THRESHOLDS_RANGE.column - 1, [
    [s.gradeThresholds, g.a, g.b, g.c],
  ]);
  layout.style(GRADE_THRESHOLDS_RANGE, {
    bold: true,
    fill: COLORS.tileFill,
    border: COLORS.tileBorder,
  });
  const t = options.alertThresholds;
  const language = options.language;
  layout.block(
    "settings.alerts",
    ALERT_THRESHOLDS_RANGE.row - 1,
    ALERT_THRESHOLDS_RANGE.column - 1,
    [
      [s.alertThresholds, ...s.alertThresholdColumns],
      [
        levelLabel("yellow", language),
        t.recencyDays[0],
        t.frequencyDecline[0],
        t.monetaryDecline[0],
      ],
      [
        levelLabel("orange", language),
        t.recencyDays[1],
        t.frequencyDecline[1],
        t.monetaryDecline[1],
      ],
      [levelLabel("red", language), t.recencyDays[2], null, null],
    ]
  );
  layout.style(
    {
      ...ALERT_THRESHOLDS_RANGE,
      row: ALERT_THRESHOLDS_RANGE.row - 1,
      rows: 1,
      column: ALERT_THRESHOLDS_RANGE.column - 1,
      columns: 4,
    },
    { bold: true, wrapText: true }
  );
  layout.style(ALERT_THRESHOLDS_RANGE, { fill: COLORS.tileFill, border: COLORS.tileBorder });
  layout.format(
    { ...ALERT_THRESHOLDS_RANGE, column: ALERT_THRESHOLDS_RANGE.column + 1, columns: 2 },
    "0%"
  );

  // The churn trend the summary charts (right of the settings; live formulas: its spill,
  // which the summary's KPI tiles read)
  writeTrendTable(layout, strings, computed, formulaRefs(data, formulas, "model"));

  // The predictive model
  let row = top + 8;
  layout.title("fit.title", row++, 0, m.fitTitle);
  layout.note(
    "fit.note",
    row++,
    0,
    m.fitNote(options.horizonMonths, percentText(options.discountRate))
  );
  const predictive = computed.predictive;
  if (!("alive" in predictive)) {
    layout.notAvailable("fit.error", row++, 0, strings, predictive);
  } else {
    const { bgnbd, bgnbdStandardErrors, spend, summary } = predictive;
    const f = m.figures;
    const figures = layout.block("fit.figures", row, 0, [
      [f.timeUnit, f.timeUnitValue],
      [f.calibrationEnd, options.asOf],
      [f.customers, summary.customerIds.length],
      [f.repeatBuyers, spend.repeatBuyers],
      [f.spendFitCustomers, spend.customers],
      [f.spendFitLeftOut, spend.leftOut],
      [f.bgnbdLogLikelihood, bgnbd.logLikelihood],
      [f.spendLogLikelihood, spend.logLikelihood],
    ]);
    layout.style({ ...figures, columns: 1 }, { fontColor: COLORS.muted });
    layout.style({ ...figures, column: 1, columns: 1 }, valueCells);
    layout.format({ row: row + 1, column: 1, rows: 1, columns: 1 }, FORMAT.date);
    layout.format({ row: row + 2, column: 1, rows: 4, columns: 1 }, FORMAT.integer);
    layout.format({ row: row + 6, column: 1, rows: 2, columns: 1 }, FORMAT.decimal);
    row += figures.rows + 1;
    const p = m.params;
    // a blank standard error: the observed information is not positive definite there
    const se = (value: number | undefined): number | null => value ?? null;
    const spendErrors = spend.parameters.map((parameter) => se(parameter.standardError));
    const params = layout.block("fit.parameters", row, 0, [
      [...m.paramsHeader],
      ["r", bgnbd.r, se(bgnbdStandardErrors[0]), p.r],
      ["α", bgnbd.alpha, se(bgnbdStandardErrors[1]), p.alpha],
      ["a", bgnbd.a, se(bgnbdStandardErrors[2]), p.a],
      ["b", bgnbd.b, se(bgnbdStandardErrors[3]), p.b],
      ["p", spend.p, spendErrors[0] ?? null, p.p],
      ["q", spend.q, spendErrors[1] ?? null, p.q],
      ["γ", spend.gamma, spendErrors[2] ?? null, p.gamma],
    ]);
    layout.tables.push({ name: "CrmModelParameters", range: params, style: "TableStyleLight9" });
    layout.format({ row: row + 1, column: 1, rows: 7, columns: 2 }, FORMAT.parameter);
    // numbers' headers right-aligned, over their numbers
    layout.style({ row, column: 1, rows: 1, columns: 2 }, { horizontalAlignment: "Right" });
    // the meanings wrap: one line each would make column D 60 characters wide, and the
    // holdout and cohort tables below print their numbers in that column
    layout.style({ row: row + 1, column: 3, rows: 7, columns: 1 }, { wrapText: true });
    row += params.rows;
    const seNote = layout.block("fit.standardErrors", row++, 0, [[m.standardErrorNote]]);
    layout.style(seNote, { wrapText: true, italic: true, fontColor: COLORS.muted });
  }
  row++;
  row = writeHoldout(layout, row, m, strings, computed.holdout);
  row++;
  layout.title("definitions.title", row++, 0, m.definitionsTitle);
  for (const [id, text] of [
    ["window", strings.kpiNotes.window],
    ["clv", strings.kpiNotes.clv(options.lifespanYears, percentText(options.margin))],
    ["cohorts", strings.cohortNote],
    ["retention", strings.trendAbove100],
    [
      "actions",
      strings.actions.note(
        options.alertThresholds.recencyDays[0],
        options.alertThresholds.recencyDays[2]
      ),
    ],
  ] as const) {
    const range = layout.block(`definitions.${id}`, row++, 0, [[text]]);
    layout.style(range, { wrapText: true });
  }
  row++;
  layout.title("meanings.title", row++, 0, m.meaningsTitle);
  const meaning = m.meanings;
  const rate = percentText(options.discountRate);
  for (const [id, text] of [
    ["pAlive", meaning.pAlive],
    ["expectedPurchases", meaning.expectedPurchases(options.horizonMonths)],
    ["expectedSpend", meaning.expectedSpend],
    ["clv", meaning.clv(options.horizonMonths, rate)],
    ["leftOut", meaning.leftOut],
  ] as const) {
    const range = layout.block(`meanings.${id}`, row++, 0, [[text]]);
    layout.style(range, { wrapText: true });
  }
  // every cohort (the summary shows the last few), last: its live spill grows downwards
  writeCohortTable(layout, row + 1, strings, computed, formulaRefs(data, formulas, "model"));
  return layout.finish({
    kind: "model",
    sheetName: strings.sheetNames.model,
    mode: options.mode,
    frozenRows: 1,
    pageSetup: { orientation: "portrait", fitToWidth: 1, fitToHeight: 0 },
  });
}

/** Months, one decimal, for the holdout note. */
function monthsText(days: number): string {
  return (Math.round((days / 30.4375) * 10) / 10).toString();
}

/**
 * The holdout check (SPEC §2 "Predictive CLV", §4 "model"): a note saying what was fitted on
 * what, the table of actual vs expected mean repeat purchases by calibration frequency (a native
 * table), the total and the mean absolute error under it, and a line chart of the two means
 * beside it; or one line saying why there is none. Returns the next free row.
 */
function writeHoldout(
  layout: SheetLayout,
  top: number,
  m: ReportStrings["model"],
  strings: ReportStrings,
  holdout: HoldoutValidation | HoldoutTooShort | CrmError
): number {
  const h = m.holdout;
  let row = top;
  layout.title("holdout.title", row++, 0, h.title);
  if (isCrmError(holdout)) {
    layout.notAvailable("holdout.error", row++, 0, strings, holdout);
    return row + 1;
  }
  if ("kind" in holdout) {
    const range = layout.block("holdout.tooShort", row++, 0, [
      [h.tooShort(holdout.spanDays, holdout.minimumSpanDays)],
    ]);
    layout.style(range, { italic: true, fontColor: COLORS.redText, wrapText: true });
    return row + 1;
  }
  const note = layout.block("holdout.note", row++, 0, [
    [
      h.note(
        isoFromSerial(holdout.calibrationEnd),
        isoFromSerial(holdout.calibrationEnd + 1),
        isoFromSerial(holdout.holdoutEnd),
        monthsText(holdout.holdoutEnd - holdout.calibrationEnd)
      ),
    ],
  ]);
  layout.style(note, { wrapText: true });
  const tableTop = row;
  const table = layout.block("holdout.table", row, 0, [
    [...h.header],
    ...holdout.groups.map((group) => [
      group.label,
      group.customers,
      group.actualMean,
      group.expectedMean,
    ]),
  ]);
  layout.tables.push({ name: "CrmHoldoutCheck", range: table, style: "TableStyleLight9" });
  const body = { row: tableTop + 1, column: 0, rows: holdout.groups.length, columns: 4 };
  layout.formatColumns(body, [null, FORMAT.integer, FORMAT.parameter, FORMAT.parameter]);
  // numbers' headers right-aligned, over their numbers
  layout.style({ row: tableTop, column: 1, rows: 1, columns: 3 }, { horizontalAlignment: "Right" });
  row += table.rows;
  const totals = layout.block("holdout.total", row, 0, [
    [h.total, holdout.total.customers, holdout.total.actualMean, holdout.total.expectedMean],
    [h.meanAbsoluteError, null, null, holdout.meanAbsoluteError],
  ]);
  // the groups (counts: 0, 1, … 7+), their header and the totals' labels right-aligned alike,
  // beside the numbers they label: column A is as wide as the sheet's text (its notes)
  layout.style(
    { row: tableTop, column: 0, rows: table.rows + totals.rows, columns: 1 },
    { horizontalAlignment: "Right" }
  );
  layout.style({ ...totals, rows: 1 }, { bold: true });
  layout.formatColumns(totals, [null, FORMAT.integer, FORMAT.parameter, FORMAT.parameter]);
  row += totals.rows;
  layout.chart({
    id: "holdout.chart",
    kind: "line",
    title: h.chartTitle,
    data: { row: tableTop, column: 0, rows: 1 + holdout.groups.length, columns: 4 },
    seriesColumns: [2, 3],
    position: { row: tableTop, column: 5, rows: Math.max(12, row - tableTop), columns: 6 },
    valueAxisFormat: "0.0",
  });
  return Math.max(row, tableTop + 12) + 1;
}
