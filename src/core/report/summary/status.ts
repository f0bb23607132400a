/**
 * The summary's one customer-status block (SPEC §4 "Generate"): every "active", "lost", "at
 * risk" and "alive" figure of the report in one place, each label naming its rule — the
 * activity rule of the churn trend, the RFM early-warning levels, or BG/NBD's P(alive) — so
 * the summary speaks one vocabulary.
 */

import { isoFromSerial } from "../../input/dates";
import { ALERT_LEVELS, type AlertLevel } from "../../metrics/rfmAlert";
import { cellAddress, type ReportValue } from "../reportModel";
import type { TrendRow } from "../../metrics/trend";
import { COLORS, excelText, FORMAT, LEVEL_FILL, percentText } from "../layout";
import { trendCell, TREND_COLUMN, type SummaryContext } from "./context";

interface StatusLine {
  readonly id: string;
  readonly label: string;
  readonly count: number | null;
  readonly share: number | null;
  readonly countFormat: string;
  readonly countFormula?: string | null | undefined;
  readonly shareFormula?: string | null | undefined;
  readonly level?: AlertLevel;
}

/** The status block's columns: count, share, then the label (status and its rule). */
export const STATUS_COUNT = 0;
export const STATUS_SHARE = 1;
export const STATUS_LABEL = 2;

/** Customers at each RFM level, by level name (the early-warning metric's own levels). */
export function alertCounts(levels: Uint8Array): Record<AlertLevel, number> {
  const counts = Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0])) as Record<AlertLevel, number>;
  for (const level of levels) counts[ALERT_LEVELS[level]!]++;
  return counts;
}

/**
 * Writes the status block at (top, column A…): title, header, one line per status — count in
 * A, share in B, and the label (status and rule) in C, drawn across the `labelColumns` − 1
 * empty cells to its right, so no column is as wide as the longest rule. Returns the rows used.
 */
export function writeStatus(
  ctx: SummaryContext,
  top: number,
  trendAnchor: string,
  labelColumns: number
): number {
  const { strings, computed, layout, refs, options } = ctx;
  const s = strings.status;
  const lines: StatusLine[] = [];
  const trend = Array.isArray(computed.trend) ? (computed.trend as readonly TrendRow[]) : [];
  const last = trend[trend.length - 1];
  const days = options.inactiveDays;
  if (last) {
    lines.push({
      id: "active",
      label: s.active(days, last.period.label),
      count: last.atEnd,
      share: null,
      countFormat: FORMAT.integer,
      countFormula: refs && `=${trendCell(trendAnchor, TREND_COLUMN.atEnd)}`,
    });
    lines.push({
      id: "lostInPeriod",
      label: s.lostInPeriod(days, last.period.label),
      count: last.lost,
      share: null,
      countFormat: FORMAT.integer,
      countFormula: refs && `=${trendCell(trendAnchor, TREND_COLUMN.lost)}`,
    });
  }
  const firstRfmRow = top + 2 + lines.length;
  const alerts = computed.alerts;
  let rfmError: unknown;
  if ("levels" in alerts) {
    const counts = alertCounts(alerts.levels);
    const total = alerts.customers.length;
    const t = options.alertThresholds;
    const [noAlarm, orange, red] = t.recencyDays;
    const edge = (i: 0 | 1) =>
      t.frequencyDecline[i] === t.monetaryDecline[i]
        ? percentText(t.frequencyDecline[i])
        : `${percentText(t.frequencyDecline[i])} / ${percentText(t.monetaryDecline[i])}`;
    const call =
      refs &&
      `CRM.RFMALERT(${refs.ids},${refs.dates},${refs.amounts},${refs.asOf},${refs.alertThresholds},FALSE)`;
    const order: [AlertLevel, string][] = [
      ["red", s.rfmRed(orange + 1, red, edge(1))],
      ["orange", s.rfmOrange(noAlarm + 1, orange, edge(0), edge(1))],
      ["yellow", s.rfmYellow(edge(0))],
      ["normal", s.rfmNormal(noAlarm)],
      ["lost", s.rfmLost(red)],
    ];
    const countRange = `${cellAddress(firstRfmRow, STATUS_COUNT, true)}:${cellAddress(firstRfmRow + order.length - 1, STATUS_COUNT, true)}`;
    order.forEach(([level, label], i) =>
      lines.push({
        id: `rfm.${level}`,
        label,
        count: counts[level],
        share: counts[level] / total,
        countFormat: FORMAT.integer,
        countFormula: call && `=SUM(--(INDEX(${call},0,9)=${excelText(level)}))`,
        shareFormula: refs && `=${cellAddress(firstRfmRow + i, STATUS_COUNT)}/SUM(${countRange})`,
        level,
      })
    );
  } else rfmError = alerts;
  const predictive = computed.predictive;
  if ("alive" in predictive) {
    let sum = 0;
    for (const p of predictive.alive) sum += p;
    const n = predictive.alive.length;
    lines.push({
      id: "alive",
      label: refs ? `${s.aliveExpected} ${strings.staticBlock}` : s.aliveExpected,
      count: sum,
      share: n === 0 ? null : sum / n,
      countFormat: FORMAT.integer,
    });
  } else {
    // one short line; the Model sheet gives the reason in full
    lines.push({
      id: "alive",
      label: s.aliveNotAvailable,
      count: null,
      share: null,
      countFormat: FORMAT.integer,
    });
  }

  layout.title("status.title", top, 0, strings.statusTitle(isoFromSerial(options.asOf)));
  const [labelHeader, countHeader, shareHeader] = strings.statusHeader;
  const values: ReportValue[][] = [
    [countHeader!, shareHeader!, labelHeader!],
    ...lines.map((l) => [l.count, l.share, l.label]),
  ];
  const formulas = refs
    ? [
        [null, null, null],
        ...lines.map((l) => [l.countFormula ?? null, l.shareFormula ?? null, null]),
      ]
    : undefined;
  const range = layout.block("status", top + 1, 0, values, formulas);
  // the header across the whole width, the label's header not wrapped (it runs on)
  const width = STATUS_LABEL + labelColumns;
  layout.style(
    { row: range.row, column: 0, rows: 1, columns: width },
    { bold: true, fill: COLORS.tileFill, verticalAlignment: "Top" }
  );
  layout.style(
    { row: range.row, column: 0, rows: 1, columns: STATUS_LABEL },
    { wrapText: true, horizontalAlignment: "Right" }
  );
  lines.forEach((line, i) => {
    const row = top + 2 + i;
    layout.format({ row, column: STATUS_COUNT, rows: 1, columns: 1 }, line.countFormat);
    layout.format({ row, column: STATUS_SHARE, rows: 1, columns: 1 }, FORMAT.percent);
    const colors = line.level && LEVEL_FILL[line.level];
    if (colors)
      layout.style(
        { row, column: STATUS_LABEL, rows: 1, columns: labelColumns },
        { fill: colors.fill, fontColor: colors.font }
      );
  });
  layout.style(
    { ...range, row: range.row + 1, rows: lines.length, column: STATUS_COUNT, columns: 1 },
    { bold: true }
  );
  let row = range.row + range.rows;
  if (rfmError)
    layout.notAvailable("status.rfm.error", row++, STATUS_LABEL, strings, rfmError, true);
  return row - top;
}
