/**
 * The **Customer value** sheet (SPEC §4 "Generate", §2 "Predictive CLV"): each customer's
 * predicted CLV from BG/NBD and Gamma-Gamma fitted in months — id, repeat purchases x, t_x and
 * T in months, expected purchases over the horizon, expected average spend, P(alive) and CLV —
 * as a native table sorted by CLV, highest first. One row per customer who bought by the
 * as-of date, the same customers the summary counts.
 */

import { compareCustomerIds } from "../metrics/rfmAlert";
import type { ReportModel, ReportValue } from "./reportModel";
import { REPORT_STRINGS } from "../../i18n/report.strings";
import type { ReportComputation } from "./computed";
import { displayIdOf, type PreparedData } from "./data";
import { FORMAT, SheetLayout } from "./layout";
import type { ReportOptions } from "./options";

/** Rows above the table: title, note; the header is on this row. */
export const VALUE_HEADER_ROW = 2;

/**
 * The Customer value sheet from the computed metrics: title in rows 0–1, the table from row 2
 * (one row per customer, by predicted CLV), or one line saying why the model could not be
 * fitted. Cost O(C log C).
 */
export function buildValue(
  data: PreparedData,
  options: ReportOptions,
  computed: ReportComputation
): ReportModel {
  const strings = REPORT_STRINGS[options.language];
  const v = strings.value;
  const layout = new SheetLayout(false);
  // the sheet's name as its title, the horizon under it; the model's details on the Model sheet
  layout.title("value.title", 0, 0, strings.sheetNames.value, 14);
  const subtitle = v.title(options.horizonMonths);
  layout.note(
    "value.subtitle",
    1,
    0,
    options.mode === "formulas" ? `${subtitle} ${strings.staticBlock}` : subtitle
  );
  const predictive = computed.predictive;
  let frozenRows = 1;
  if (!("alive" in predictive)) {
    layout.notAvailable("value.error", VALUE_HEADER_ROW, 0, strings, predictive);
  } else {
    const { summary, alive, purchases, spends, clv } = predictive;
    const order = Array.from({ length: summary.customerIds.length }, (_, i) => i).sort(
      (i, j) =>
        clv[j]! - clv[i]! || compareCustomerIds(summary.customerIds[i]!, summary.customerIds[j]!)
    );
    const idOf = displayIdOf(data);
    const rows: ReportValue[][] = order.map((i) => {
      const id = summary.customerIds[i]!;
      return [
        idOf(id),
        summary.x[i]!,
        summary.tx[i]!,
        summary.T[i]!,
        purchases[i]!,
        spends[i]!,
        alive[i]!,
        clv[i]!,
      ];
    });
    const range = layout.block("value", VALUE_HEADER_ROW, 0, [[...v.header], ...rows]);
    if (rows.length > 0)
      layout.tables.push({ name: "CrmCustomerValue", range, style: "TableStyleMedium2" });
    const D = FORMAT.decimal;
    layout.formatColumns({ ...range, row: VALUE_HEADER_ROW + 1, rows: rows.length }, [
      null,
      FORMAT.integer,
      D,
      D,
      D,
      FORMAT.money,
      FORMAT.percent,
      FORMAT.money,
    ]);
    frozenRows = VALUE_HEADER_ROW + 1;
  }
  return layout.finish({
    kind: "value",
    sheetName: strings.sheetNames.value,
    mode: options.mode,
    frozenRows,
    frozenColumns: frozenRows > 1 ? 1 : 0,
    pageSetup: {
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
      ...(frozenRows > 1
        ? { printTitleRows: { first: VALUE_HEADER_ROW, last: VALUE_HEADER_ROW } }
        : {}),
    },
  });
}
