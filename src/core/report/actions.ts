/**
 * The **Customers to act on** sheet (SPEC §4 "Generate"): every customer the RFM early warning
 * puts at red, orange or yellow — not a capped sample — one row each with the level, R and the
 * F and M windows, grade, RFM segment, P(alive) and predicted CLV (blank when the model could
 * not be fitted). Most urgent first: red, orange, yellow; within a level the longest silence
 * (R descending); then the highest predicted CLV; then the customer id. A native table with a
 * filter, the header row and id column frozen, the header repeated on every printed page.
 */

import { isoFromSerial } from "../input/dates";
import { ALERT_LEVELS, compareCustomerIds, type AlertLevel } from "../metrics/rfmAlert";
import type { ReportModel, ReportValue, SheetRange } from "./reportModel";
import { REPORT_STRINGS } from "../../i18n/report.strings";
import type { ReportComputation } from "./computed";
import { displayIds, type PreparedData } from "./data";
import { excelText, FORMAT, LEVEL_FILL, levelLabel, segmentName, SheetLayout } from "./layout";
import type { ReportOptions } from "./options";

/** Urgency of the listed levels: red first. */
const URGENCY: Readonly<Partial<Record<AlertLevel, number>>> = { red: 0, orange: 1, yellow: 2 };

/** Rows of the sheet above the table: title, note, then the header. */
export const ACTIONS_HEADER_ROW = 2;

/**
 * The Customers to act on sheet from the computed metrics: title and count in rows 0–1, the
 * table from row 2 (every red, orange and yellow customer, sorted as the module says), its
 * layout fitted last. Cost O(C log C) for C alerted customers.
 */
export function buildActions(
  data: PreparedData,
  options: ReportOptions,
  computed: ReportComputation
): ReportModel {
  const strings = REPORT_STRINGS[options.language];
  const a = strings.actions;
  const layout = new SheetLayout(false);
  const finish = (frozenRows: number, frozenColumns = 0) =>
    layout.finish({
      kind: "actions",
      sheetName: strings.sheetNames.actions,
      mode: options.mode,
      frozenRows,
      frozenColumns,
      pageSetup: {
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 0,
        ...(frozenRows > ACTIONS_HEADER_ROW
          ? { printTitleRows: { first: ACTIONS_HEADER_ROW, last: ACTIONS_HEADER_ROW } }
          : {}),
      },
    });
  const alerts = computed.alerts;
  // the sheet's name as its title; the count and day under it; the rules on the Model sheet
  layout.title("actions.title", 0, 0, strings.sheetNames.actions, 14);
  if (!("levels" in alerts)) {
    layout.notAvailable("actions.error", 1, 0, strings, alerts);
    return finish(1);
  }

  // grade, segment and predictions by customer id (each metric's own table)
  const grades = new Map<string, string>();
  if ("customers" in computed.grading)
    for (const g of computed.grading.customers) grades.set(g.customer, g.grade);
  const segments = new Map<string, string>();
  if ("segments" in computed.scores) {
    const scores = computed.scores;
    scores.customers.forEach((id, i) =>
      segments.set(id, segmentName(scores.segments[i]!, options.language))
    );
  }
  const predictions = new Map<string, number>();
  const predictive = "alive" in computed.predictive ? computed.predictive : undefined;
  predictive?.summary.customerIds.forEach((id, i) => predictions.set(id, i));

  const listed: number[] = [];
  for (let i = 0; i < alerts.customers.length; i++) {
    if (URGENCY[ALERT_LEVELS[alerts.levels[i]!]!] !== undefined) listed.push(i);
  }
  const clvOf = (i: number): number | null => {
    const p = predictions.get(alerts.customers[i]!);
    return predictive && p !== undefined ? predictive.clv[p]! : null;
  };
  listed.sort(
    (i, j) =>
      URGENCY[ALERT_LEVELS[alerts.levels[i]!]!]! - URGENCY[ALERT_LEVELS[alerts.levels[j]!]!]! ||
      alerts.recencyDays[j]! - alerts.recencyDays[i]! ||
      (clvOf(j) ?? -Infinity) - (clvOf(i) ?? -Infinity) ||
      compareCustomerIds(alerts.customers[i]!, alerts.customers[j]!)
  );

  const subtitle = a.title(listed.length, isoFromSerial(options.asOf));
  layout.note(
    "actions.subtitle",
    1,
    0,
    options.mode === "formulas" ? `${subtitle} ${strings.staticBlock}` : subtitle
  );
  if (listed.length === 0) {
    layout.note("actions.none", ACTIONS_HEADER_ROW, 0, a.none);
    return finish(1);
  }

  const ids = displayIds(data);
  const rows: ReportValue[][] = listed.map((i) => {
    const id = alerts.customers[i]!;
    const p = predictions.get(id);
    return [
      ids.get(id) ?? id,
      levelLabel(ALERT_LEVELS[alerts.levels[i]!]!, options.language),
      alerts.recencyDays[i]!,
      alerts.frequencyRecent[i]!,
      alerts.frequencyPrevious[i]!,
      alerts.frequencyDecline[i]!,
      alerts.monetaryRecent[i]!,
      alerts.monetaryPrevious[i]!,
      alerts.monetaryDecline[i]!,
      grades.get(id) ?? null,
      segments.get(id) ?? null,
      predictive && p !== undefined ? predictive.alive[p]! : null,
      predictive && p !== undefined ? predictive.clv[p]! : null,
    ];
  });
  const range = layout.block("actions", ACTIONS_HEADER_ROW, 0, [[...a.header], ...rows]);
  layout.tables.push({ name: "CrmActions", range, style: "TableStyleMedium2" });
  const body: SheetRange = {
    row: ACTIONS_HEADER_ROW + 1,
    column: 0,
    rows: rows.length,
    columns: range.columns,
  };
  const I = FORMAT.integer;
  const P = FORMAT.percent;
  const M = FORMAT.money;
  layout.formatColumns(body, [null, null, I, I, I, P, M, M, P, null, null, P, M]);
  for (const level of ["red", "orange", "yellow"] as const) {
    const colors = LEVEL_FILL[level]!;
    layout.conditionalFormats.push({
      kind: "formula",
      range: { ...body, columns: 2 },
      formula: `=$B${body.row + 1}=${excelText(levelLabel(level, options.language))}`,
      fill: colors.fill,
      fontColor: colors.font,
    });
  }
  return finish(ACTIONS_HEADER_ROW + 1, 1);
}
