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
import { displayIdOf, rowsByCustomer, type PreparedData } from "./data";
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

  // grade, segment and predictions of each alert row, by customer (each metric's own table,
  // joined through the histories' customers: alerts are in severity order, the others in the
  // histories' order)
  const customers = alerts.customers;
  const customerIds = data.histories.customerIds;
  const customerOf = new Map<string, number>();
  customerIds.forEach((id, c) => customerOf.set(id, c));
  const alertCustomer = new Int32Array(customers.length);
  for (let i = 0; i < customers.length; i++) alertCustomer[i] = customerOf.get(customers[i]!) ?? -1;
  /** for alert row i, its row in a table whose ids are `table`, or −1 */
  const joined = (table: readonly string[]): Int32Array => {
    const byCustomer = rowsByCustomer(customerIds, table);
    return alertCustomer.map((c) => (c < 0 ? -1 : byCustomer[c]!));
  };
  const gradeOf: (string | undefined)[] = new Array<string | undefined>(customers.length);
  if ("customers" in computed.grading) {
    const graded = computed.grading.customers;
    const at = joined(graded.map((g) => g.customer));
    for (let i = 0; i < customers.length; i++)
      gradeOf[i] = at[i]! < 0 ? undefined : graded[at[i]!]!.grade;
  }
  const segmentOf: (string | undefined)[] = new Array<string | undefined>(customers.length);
  if ("segments" in computed.scores) {
    const scores = computed.scores;
    const at = joined(scores.customers);
    const names = new Map<number, string>();
    for (let i = 0; i < customers.length; i++) {
      if (at[i]! < 0) continue;
      const segment = scores.segments[at[i]!]!;
      let name = names.get(segment);
      if (name === undefined) names.set(segment, (name = segmentName(segment, options.language)));
      segmentOf[i] = name;
    }
  }
  const predictive = "alive" in computed.predictive ? computed.predictive : undefined;
  const predictionAt = predictive
    ? joined(predictive.summary.customerIds)
    : new Int32Array(customers.length).fill(-1);

  const listed: number[] = [];
  const urgency = new Float64Array(customers.length);
  const clvKey = new Float64Array(customers.length);
  for (let i = 0; i < customers.length; i++) {
    const level = URGENCY[ALERT_LEVELS[alerts.levels[i]!]!];
    if (level === undefined) continue;
    listed.push(i);
    urgency[i] = level;
    const p = predictionAt[i]!;
    clvKey[i] = predictive && p >= 0 ? predictive.clv[p]! : -Infinity;
  }
  listed.sort(
    (i, j) =>
      urgency[i]! - urgency[j]! ||
      alerts.recencyDays[j]! - alerts.recencyDays[i]! ||
      clvKey[j]! - clvKey[i]! ||
      compareCustomerIds(customers[i]!, customers[j]!)
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

  const idOf = displayIdOf(data);
  const labels = ALERT_LEVELS.map((level) => levelLabel(level, options.language));
  const rows: ReportValue[][] = listed.map((i) => {
    const id = customers[i]!;
    const p = predictionAt[i]! < 0 ? undefined : predictionAt[i]!;
    return [
      idOf(id),
      labels[alerts.levels[i]!]!,
      alerts.recencyDays[i]!,
      alerts.frequencyRecent[i]!,
      alerts.frequencyPrevious[i]!,
      alerts.frequencyDecline[i]!,
      alerts.monetaryRecent[i]!,
      alerts.monetaryPrevious[i]!,
      alerts.monetaryDecline[i]!,
      gradeOf[i] ?? null,
      segmentOf[i] ?? null,
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
