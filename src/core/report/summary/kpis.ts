/**
 * The summary's KPI tiles (SPEC §4 "Generate"): each figure from its metric module, and under
 * it its change: for period figures (active, new, lost, churn, retention, and NPS or CSAT when
 * a score column is mapped) against the trend's previous row, the previous period; for figures
 * as of a date (customers, repeat rate, order value, purchases per year, CLV) against the same
 * figure as of the as-of date minus the last period's length in days (`Model!$B$5-30` in
 * formulas mode). The note on the title row says both, naming the period and the number of days.
 */

import { customPeriod } from "../../metrics/customerBase";
import { csat } from "../../metrics/csat";
import { returnsBetween, type PurchaseHistories } from "../../input/history";
import { netPromoterScoreFromScores } from "../../metrics/nps";
import { repeatPurchaseRateFromHistories } from "../../metrics/repeatPurchase";
import { cellAddress, type ReportValue, type SheetRange } from "../reportModel";
import type { TrendRow } from "../../metrics/trend";
import { attempt } from "../computed";
import type { PreparedData } from "../data";
import { COLORS, finite, FORMAT } from "../layout";
import { PADDING_PX, wrappedLines } from "../reportLayout";
import { trendCell, TREND_COLUMN, type SummaryContext } from "./context";

/** The tiles start in column B; column A labels the change row. */
export const KPI_COLUMN = 1;

interface WindowFigures {
  readonly averageOrderValue: number;
  readonly purchasesPerYear: number;
}

/**
 * Order value and purchases per buyer over the 365 days to asOf (a purchase = a purchase day).
 * Average order value = net revenue ÷ purchase days (SPEC §2 "Returns"): the revenue includes
 * the return-only days in the window, of buyers and non-buyers alike, which add no purchase.
 */
function yearWindow(histories: PurchaseHistories, asOf: number): WindowFigures {
  const first = asOf - 364;
  const { start, days, totals } = histories;
  let purchases = 0;
  let buyers = 0;
  let revenue = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    revenue += returnsBetween(histories, c, first, asOf);
    let mine = 0;
    for (let i = start[c]!; i < start[c + 1]! && days[i]! <= asOf; i++) {
      if (days[i]! >= first) {
        mine++;
        revenue += totals[i]!;
      }
    }
    purchases += mine;
    if (mine > 0) buyers++;
  }
  return {
    averageOrderValue: purchases === 0 ? Number.NaN : revenue / purchases,
    purchasesPerYear: buyers === 0 ? Number.NaN : purchases / buyers,
  };
}

/** Customers with a purchase day on or before asOf. */
export function customersBy(histories: PurchaseHistories, asOf: number): number {
  let n = 0;
  for (let c = 0; c < histories.customerIds.length; c++) {
    if (
      histories.start[c + 1]! > histories.start[c]! &&
      histories.days[histories.start[c]!]! <= asOf
    )
      n++;
  }
  return n;
}

/** The figures that are "as of a date" rather than "in the period", at one as-of date. */
interface AsOfFigures {
  readonly customers: number;
  readonly repeatRate: number | null;
  readonly averageOrderValue: number;
  readonly purchasesPerYear: number;
  readonly clv: number;
}

function asOfFigures(
  data: PreparedData,
  asOf: number,
  lifespan: number,
  margin: number
): AsOfFigures {
  const { histories } = data;
  const window = yearWindow(histories, asOf);
  const customers = customersBy(histories, asOf);
  const repeat =
    customers === 0
      ? null
      : attempt(() =>
          repeatPurchaseRateFromHistories(histories, customPeriod(histories.firstDay, asOf))
        );
  return {
    customers,
    repeatRate: typeof repeat === "number" ? repeat : null,
    averageOrderValue: window.averageOrderValue,
    purchasesPerYear: window.purchasesPerYear,
    clv: window.averageOrderValue * window.purchasesPerYear * lifespan * margin,
  };
}

interface Tile {
  readonly label: string;
  readonly value: number | null;
  readonly format: string;
  readonly formula?: string | null | undefined;
  /** the change against the previous period, in the unit of changeFormat (points for rates) */
  readonly change: number | null;
  readonly changeFormat: string;
  readonly changeFormula?: string | null | undefined;
}

/** a − b, or null when either is missing or not finite; rates in percentage points */
function difference(
  a: number | null | undefined,
  b: number | null | undefined,
  scale = 1
): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const d = (a - b) * scale;
  return Number.isFinite(d) ? Math.round(d * 1e9) / 1e9 : null;
}

/**
 * Writes the KPI title at `top`, the tiles (labels, values, changes) from `top + 1` across
 * columns B…, and what the change row compares with on the title's row; returns the rows used. In formulas mode the period figures
 * read the trend spill (`trendAnchor`), the others call CRM functions or stay values (marked).
 */
export function writeKpis(ctx: SummaryContext, top: number, trendAnchor: string): SheetRange {
  const { data, options, strings, computed, layout, refs } = ctx;
  const trend = Array.isArray(computed.trend) ? (computed.trend as readonly TrendRow[]) : [];
  const last = trend[trend.length - 1];
  const previous = trend[trend.length - 2];
  layout.title(
    "kpis.title",
    top,
    0,
    last ? strings.kpiTitle(last.period.label) : strings.kpiNoPeriod
  );

  const now = asOfFigures(data, options.asOf, options.lifespanYears, options.margin);
  // "one period earlier" for as-of figures: as long before as-of as the last complete period is long
  const periodDays = last ? last.period.last - last.period.first + 1 : 0;
  const before =
    last && previous && options.asOf - periodDays >= data.firstDay
      ? asOfFigures(data, options.asOf - periodDays, options.lifespanYears, options.margin)
      : undefined;
  const k = strings.kpi;
  const spill = (column: number, back = 0) => `=${trendCell(trendAnchor, column, back)}`;
  const spillChange = (column: number, scale = 1) =>
    `=(${trendCell(trendAnchor, column)}-${trendCell(trendAnchor, column, 1)})${scale === 1 ? "" : `*${scale}`}`;
  const live = Boolean(refs && last);
  const liveChange = Boolean(refs && last && previous);
  const periodTile = (
    label: string,
    value: number | null,
    before: number | null,
    column: number,
    rate: boolean
  ): Tile => ({
    label,
    value,
    format: rate ? FORMAT.percent : FORMAT.integer,
    formula: live ? spill(column) : null,
    change: difference(value, before, rate ? 100 : 1),
    changeFormat: rate ? FORMAT.changePoints : FORMAT.changeInteger,
    changeFormula: liveChange ? spillChange(column, rate ? 100 : 1) : null,
  });
  const gradeCall = (asOf: string) =>
    refs &&
    `CRM.GRADE(${refs.ids},${refs.dates},${asOf},${refs.gradeThresholds},FALSE,${refs.amounts})`;
  const repeatCall = (asOf: string) =>
    refs && `CRM.REPEATRATE.TX(${refs.ids},${refs.dates},1,${asOf},${refs.amounts})`;
  const earlier = refs && `${refs.asOf}-${periodDays}`;
  const staticLabel = (label: string) => (refs ? `${label} ${strings.staticBlock}` : label);

  const tiles: Tile[] = [
    {
      label: k.customers,
      value: now.customers,
      format: FORMAT.integer,
      formula: refs && `=ROWS(${gradeCall(refs.asOf)})`,
      change: difference(now.customers, before?.customers),
      changeFormat: FORMAT.changeInteger,
      changeFormula:
        refs && before && `=ROWS(${gradeCall(refs.asOf)})-ROWS(${gradeCall(earlier!)})`,
    },
    periodTile(
      k.active,
      last ? last.atEnd : null,
      previous ? previous.atEnd : null,
      TREND_COLUMN.atEnd,
      false
    ),
    periodTile(
      k.newCustomers,
      last ? last.new : null,
      previous ? previous.new : null,
      TREND_COLUMN.new,
      false
    ),
    periodTile(
      k.lost,
      last ? last.lost : null,
      previous ? previous.lost : null,
      TREND_COLUMN.lost,
      false
    ),
    periodTile(
      k.churnRate,
      last ? finite(last.churnRate) : null,
      previous ? finite(previous.churnRate) : null,
      TREND_COLUMN.churnRate,
      true
    ),
    periodTile(
      k.retentionRate,
      last ? finite(last.retentionRate) : null,
      previous ? finite(previous.retentionRate) : null,
      TREND_COLUMN.retentionRate,
      true
    ),
    {
      label: k.repeatRate,
      value: now.repeatRate,
      format: FORMAT.percent,
      formula: refs && `=${repeatCall(refs.asOf)}`,
      change: difference(now.repeatRate, before?.repeatRate, 100),
      changeFormat: FORMAT.changePoints,
      changeFormula: refs && before && `=(${repeatCall(refs.asOf)}-${repeatCall(earlier!)})*100`,
    },
    {
      label: staticLabel(k.averageOrderValue),
      value: finite(now.averageOrderValue),
      format: FORMAT.money,
      change: difference(finite(now.averageOrderValue), before && finite(before.averageOrderValue)),
      changeFormat: FORMAT.changeMoney,
    },
    {
      label: staticLabel(k.purchaseFrequency),
      value: finite(now.purchasesPerYear),
      format: FORMAT.decimal,
      change: difference(finite(now.purchasesPerYear), before && finite(before.purchasesPerYear)),
      changeFormat: FORMAT.changeDecimal,
    },
  ];
  const valueRow = top + 2;
  const aovCell = cellAddress(valueRow, KPI_COLUMN + 7);
  const frequencyCell = cellAddress(valueRow, KPI_COLUMN + 8);
  tiles.push({
    label: k.clv,
    value: finite(now.clv),
    format: FORMAT.money,
    formula: refs && `=CRM.CLV(${aovCell},${frequencyCell},${refs.lifespan},${refs.margin})`,
    change: difference(finite(now.clv), before && finite(before.clv)),
    changeFormat: FORMAT.changeMoney,
  });
  const satisfaction = satisfactionTile(ctx, last, previous);
  if (satisfaction) tiles.push(satisfaction);

  const labels = tiles.map((tile) => tile.label as ReportValue);
  const values = tiles.map((tile) => tile.value as ReportValue);
  const range = layout.block(
    "kpis",
    top + 1,
    KPI_COLUMN,
    [labels, values],
    [labels.map(() => null), tiles.map((tile) => tile.formula ?? null)]
  );
  const changes = layout.block(
    "kpis.change",
    top + 3,
    KPI_COLUMN,
    [tiles.map((tile) => tile.change)],
    [tiles.map((tile) => tile.changeFormula ?? null)]
  );
  layout.style(
    { ...range, rows: 1 },
    { fontColor: COLORS.muted, fill: COLORS.tileFill, wrapText: true, verticalAlignment: "Top" }
  );
  layout.style(
    { ...range, row: range.row + 1, rows: 1 },
    {
      bold: true,
      fontSize: 16,
      fontColor: COLORS.accent,
      fill: COLORS.tileFill,
      horizontalAlignment: "Left",
    }
  );
  layout.style(changes, {
    fontColor: COLORS.muted,
    fill: COLORS.tileFill,
    horizontalAlignment: "Left",
  });
  layout.style({ ...range, rows: 3 }, { border: COLORS.tileBorder });
  tiles.forEach((tile, c) => {
    const column = KPI_COLUMN + c;
    layout.minWidth(column, labelWidth(String(labels[c])));
    layout.format({ row: range.row + 1, column, rows: 1, columns: 1 }, tile.format);
    layout.format({ row: changes.row, column, rows: 1, columns: 1 }, tile.changeFormat);
  });
  // what the change row compares with, one line on the title's row, right of the title (which
  // runs across A…F: column A is narrow)
  layout.line(
    "kpis.changeLabel",
    top,
    KPI_COLUMN + 5,
    previous
      ? strings.kpiNotes.change(
          previous.period.label,
          before ? periodDays : null,
          satisfaction?.label
        )
      : strings.kpiNotes.noChange
  );
  // how each figure is defined: the Model sheet's "definitions" (the summary stays one page)
  return { row: top, column: 0, rows: 4, columns: KPI_COLUMN + range.columns };
}

/** A tile's label takes at most this many lines (its row's height: 45 pt). */
const LABEL_LINES = 3;

/**
 * The narrowest column (points, from Excel's default 48 pt up by a pixel) in which a tile's
 * wrapped label takes at most {@link LABEL_LINES} lines, so one long label (a Chinese one
 * breaks between any two characters) does not make the whole tile row taller.
 */
export function labelWidth(label: string): number {
  for (let px = 64; ; px++) {
    if (px > 400 || wrappedLines(label, px - PADDING_PX) <= LABEL_LINES) return (px * 3) / 4;
  }
}

/**
 * The satisfaction tile when a score column is mapped: CSAT (SPEC §2; scores 1–5, satisfied
 * from 4) or NPS (scores 0–10), the scale read from the scores dated on or before the as-of
 * date; its value from the scores of the rows dated in the last complete period, as the other
 * period tiles, and its change against the previous period in points (NPS points, or
 * percentage points of CSAT), empty when either period has no score. Cost O(rows).
 *
 * A value in formulas mode too: no CRM function picks a period's scores, and a worksheet
 * filter (FILTER over the dates) would read text dates and decimal-comma or unreadable scores
 * by Excel's locale rather than by the column's own convention, as the report does (QA: such
 * a tile went empty or wrong in Excel while the report showed the right number).
 */
function satisfactionTile(
  ctx: SummaryContext,
  last: TrendRow | undefined,
  previous: TrendRow | undefined
): Tile | undefined {
  const { data, strings, options } = ctx;
  const scores = data.scores;
  if (!scores) return undefined;
  const { days } = data.audit.transactions;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    const score = scores[k]!;
    if (score !== score || days[k]! > options.asOf) continue;
    lowest = Math.min(lowest, score);
    highest = Math.max(highest, score);
  }
  if (!(lowest <= highest)) return undefined;
  const kind = lowest >= 1 && highest <= 5 ? "csat" : lowest >= 0 && highest <= 10 ? "nps" : null;
  if (kind === null) return undefined;
  // One definition of each (csat.ts, nps.ts); a fractional NPS score makes the tile say
  // nothing rather than guess a band, as CRM.NPS.SCORES refuses it.
  const metric = (given: number[]) =>
    kind === "csat" ? csat(given) : netPromoterScoreFromScores(given);
  const inPeriod = (row: TrendRow | undefined): number | null => {
    if (!row) return null;
    const given: number[] = [];
    for (let k = 0; k < scores.length; k++) {
      const day = days[k]!;
      if (scores[k] === scores[k] && day >= row.period.first && day <= row.period.last)
        given.push(scores[k]!);
    }
    return attemptNumber(() => metric(given));
  };
  const value = inPeriod(last);
  return {
    label: kind === "csat" ? strings.kpi.csat : strings.kpi.nps,
    value,
    format: kind === "csat" ? FORMAT.percent : "0.0",
    change: difference(value, inPeriod(previous), kind === "csat" ? 100 : 1),
    changeFormat: FORMAT.changePoints,
  };
}

function attemptNumber(compute: () => number): number | null {
  const value = attempt(compute);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
