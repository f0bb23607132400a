/**
 * The report as a workbook (SPEC §4 "Generate", amended; the issue "the report becomes a
 * workbook"): four sheets in order — Retention summary, Customers to act on, Customer value,
 * Model — on the reference's sample table (test/support/sampleReport.ts) and the CDNOW master.
 * Every number is checked against the core metric that defines it: the report re-implements none.
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import { probabilityAlive } from "../../../src/core/models/bgnbd";
import { customPeriod } from "../../../src/core/metrics/customerBase";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { serialFromYmd } from "../../../src/core/input/dates";
import { fitGammaGamma } from "../../../src/core/models/gammaGamma";
import { gradeCustomers } from "../../../src/core/metrics/grading";
import { repeatPurchaseRateFromHistories } from "../../../src/core/metrics/repeatPurchase";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type PreparedData,
  type ReportOptions,
} from "../../../src/core/report";
import {
  NARROW_MARGINS,
  type ReportBlock,
  type ReportModel,
  type ReportWorkbook,
} from "../../../src/core/report/reportModel";
import { ALERT_LEVELS, rfmAlertTable } from "../../../src/core/metrics/rfmAlert";
import { churnTrend } from "../../../src/core/metrics/trend";
import { loadCdnowMasterCells } from "../../support/cdnowCells";
import { JUNE_30, SAMPLE_MAPPING, sampleSource, sampleWorkbook } from "../../support/sampleReport";

function block(sheet: ReportModel, id: string): ReportBlock {
  const found = sheet.blocks.find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}: ${sheet.blocks.map((b) => b.id).join(", ")}`);
  return found;
}

function sheetOf(workbook: ReportWorkbook, kind: ReportModel["kind"]): ReportModel {
  const sheet = workbook.sheets.find((s) => s.kind === kind);
  if (!sheet) throw new Error(`no ${kind} sheet`);
  return sheet;
}

function kpis(summary: ReportModel): Record<string, unknown> {
  const tiles = block(summary, "kpis");
  return Object.fromEntries(
    tiles.values[0]!.map((label, c) => [String(label), tiles.values[1]![c]])
  );
}

function cdnowData(): PreparedData {
  const cells = loadCdnowMasterCells();
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  for (let i = 0; i < cells.customerIds.length; i++) {
    rows.push([cells.customerIds[i]![0], cells.dates[i]![0], cells.amounts[i]![0]]);
  }
  return prepareReportData({
    rows,
    hasHeader: true,
    columnNames: ["customer", "date", "dollars"],
    mapping: SAMPLE_MAPPING,
    location: { sheetName: "CDNOW", row: 0, column: 0, address: `CDNOW!A1:C${rows.length}` },
  });
}

const CDNOW_AS_OF = serialFromYmd(1998, 6, 30);
const cdnow = cdnowData();
const cdnowOptions: ReportOptions = {
  ...defaultReportOptions(cdnow, "en"),
  asOf: CDNOW_AS_OF,
  inactiveDays: 90,
};
const cdnowWorkbook = buildReport(cdnow, cdnowOptions);
const sampleData = prepareReportData(sampleSource());
const sample = sampleWorkbook();

const cases: [string, PreparedData, ReportWorkbook, number][] = [
  ["the sample table", sampleData, sample, JUNE_30],
  ["the CDNOW master", cdnow, cdnowWorkbook, CDNOW_AS_OF],
];

/**
 * The summary's bounds, chosen from what it must hold (SPEC §4) and one screen and landscape
 * page: 17 columns near Excel's default width (changed from 14 with a 300 pt column A: the
 * status labels now run across six of them, summary/index.ts GRID) — and 38 rows: title and
 * subtitle (3; the live-formulas note on the title's row), KPI tiles with their change (4),
 * the status band with segments and grades (12), and the trend of 12 periods (14, its note
 * under it) beside the heatmap of offsets +0…+11 (15) (changed from 50: the trend and the
 * cohorts were stacked). At the fitted widths and heights that prints at half size or more
 * even inside Excel's default margins, see PRINT_SCALE; report.summaryScreen.test.ts checks
 * the heights and widths in points.
 */
const SUMMARY_MAX_ROWS = 38;
const SUMMARY_MAX_COLUMNS = 17;
/** Letter landscape inside Excel's default margins (0.7" left and right, 0.75" top and bottom), points. */
const PAGE = { width: 9.6 * 72, height: 7 * 72 };
const PRINT_SCALE = 0.5;

/** The scale Excel prints the summary's used area at when fitting it to one page. */
function printScale(sheet: ReportModel): number {
  const widths = new Map(sheet.columnWidths.map((c) => [c.column, c.width]));
  const heights = new Map((sheet.rowHeights ?? []).map((r) => [r.row, r.height]));
  let width = 0;
  for (let c = 0; c < sheet.extent.columns; c++) width += widths.get(c) ?? 48;
  let height = 0;
  for (let r = 0; r < sheet.extent.rows; r++) height += heights.get(r) ?? 15;
  return Math.min(1, PAGE.width / width, PAGE.height / height);
}

for (const suiteCase of each(cases)) {
  describe(
    suiteCase.name("the report workbook of %s (SPEC §4 Generate)"),
    suiteCase.run((_, data, workbook, asOf) => {
      const summary = workbook.sheets[0]!;
      const actions = sheetOf(workbook, "actions");
      const value = sheetOf(workbook, "value");
      const model = sheetOf(workbook, "model");
      const alerts = rfmAlertTable(data.histories, { asOf });

      it("has the four sheets in order: summary, actions, value, model", () => {
        expect(workbook.sheets.map((s) => s.kind)).toEqual([
          "summary",
          "actions",
          "value",
          "model",
        ]);
        expect(workbook.sheets.map((s) => s.sheetName)).toEqual([
          "Retention summary",
          "Customers to act on",
          "Customer value",
          "Model",
        ]);
        expect(workbook.sheets.every((s) => s.mode === workbook.mode)).toBe(true);
      });

      it("the summary is compact and prints on one landscape page", () => {
        expect(summary.extent.rows).toBeLessThanOrEqual(SUMMARY_MAX_ROWS);
        expect(summary.extent.columns).toBeLessThanOrEqual(SUMMARY_MAX_COLUMNS);
        expect(summary.pageSetup).toEqual({
          orientation: "landscape",
          fitToWidth: 1,
          fitToHeight: 1,
          printArea: { row: 0, column: 0, ...summary.extent },
          printTitleRows: { first: 0, last: 0 },
          margins: NARROW_MARGINS, // changed: a dashboard page prints inside Excel's "Narrow" margins
        });
        // no long list on the summary: no block is taller than the heatmap (sizes, cohorts, +0…+11)
        for (const b of summary.blocks) expect(b.values.length, b.id).toBeLessThanOrEqual(14);
        expect(summary.tables).toEqual([]);
        // fitted widths and heights (reportLayout.ts), as the last step
        expect(summary.columnWidths.length).toBeGreaterThan(0);
        expect(printScale(summary)).toBeGreaterThanOrEqual(PRINT_SCALE);
      });

      it("lists every alerted customer, most urgent first, in a native table with a frozen header", () => {
        const counts = new Map(ALERT_LEVELS.map((l) => [l, 0]));
        for (const level of alerts.levels)
          counts.set(ALERT_LEVELS[level]!, counts.get(ALERT_LEVELS[level]!)! + 1);
        const alerted = counts.get("red")! + counts.get("orange")! + counts.get("yellow")!;
        const list = block(actions, "actions");
        const rows = list.values.slice(1);
        expect(rows).toHaveLength(alerted); // no cap (SPEC §4: "not a capped sample")
        expect(list.values[0]).toHaveLength(13);
        const rank = { red: 0, orange: 1, yellow: 2 } as Record<string, number>;
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1]!, rows[i]!];
          const byLevel = rank[a[1] as string]! - rank[b[1] as string]!;
          const byR = (b[2] as number) - (a[2] as number);
          const byValue =
            ((b[12] as number | null) ?? -Infinity) - ((a[12] as number | null) ?? -Infinity);
          expect(
            byLevel < 0 || (byLevel === 0 && (byR < 0 || (byR === 0 && byValue <= 0))),
            `row ${i}`
          ).toBe(true);
        }
        expect(actions.tables).toEqual([
          {
            name: "CrmActions",
            range: expect.objectContaining({ row: list.row, rows: rows.length + 1 }),
            style: "TableStyleMedium2",
          },
        ]);
        expect(actions.frozenRows).toBe(list.row + 1);
        expect(actions.frozenColumns).toBe(1);
        expect(actions.pageSetup?.printTitleRows).toEqual({ first: list.row, last: list.row });
        // the summary's status block counts the same customers (changed: its lines read count,
        // share, label, so column A stays narrow and the label runs across the cells to its right)
        const status = block(summary, "status").values;
        const redLine = status.find((r) => String(r[2]).startsWith("At risk, red"))!;
        expect(redLine[0]).toBe(counts.get("red"));
      });

      it("each lost / at-risk / alive figure of the status block names its rule", () => {
        const labels = block(summary, "status")
          .values.slice(1)
          .map((r) => String(r[2])); // count, share, label
        expect(labels.length).toBeGreaterThanOrEqual(8);
        for (const label of labels) {
          expect(label).toMatch(/^(Active|Lost|At risk|Not at risk|Expected alive)/);
          expect(label).toMatch(/\(activity rule\)|RFM:|BG\/NBD/);
        }
        expect(labels.filter((l) => l.startsWith("Lost"))).toEqual([
          expect.stringMatching(/^Lost in .* — no purchase for 9?\d+\+ days \(activity rule\)$/),
          expect.stringMatching(/^Lost — RFM: more than 60 days since last purchase$/),
        ]);
      });

      it("the note on retention above 100 % appears exactly when the trend shows a retention above 1", () => {
        // changed: the summary charts churn and retention (its data: period, churn, retention)
        const trend = block(summary, "trend.data").values.slice(1);
        const above = trend.some((r) => typeof r[2] === "number" && r[2] > 1);
        expect(summary.blocks.some((b) => b.id === "trend.above100")).toBe(above);
      });

      it("every KPI and count is the core metric's own number", () => {
        const trend = churnTrend(data.histories, {
          period: workbook === sample ? "quarter" : "month",
          inactiveDays: workbook === sample ? 45 : 90,
          asOf,
        });
        const last = trend[trend.length - 1]!;
        const previous = trend[trend.length - 2]!;
        const tiles = kpis(summary);
        expect(tiles.Customers).toBe(alerts.customers.length);
        expect(tiles["Active (activity rule)"]).toBe(last.atEnd);
        expect(tiles["Lost (activity rule)"]).toBe(last.lost);
        expect(tiles["Churn rate"]).toBe(last.churnRate);
        expect(tiles["Retention rate"]).toBe(last.retentionRate);
        expect(tiles["Repeat rate"]).toBe(
          repeatPurchaseRateFromHistories(
            data.histories,
            customPeriod(data.histories.firstDay, asOf)
          )
        );
        // the change row: this period's figure minus the previous period's (rates in points)
        const change = block(summary, "kpis.change").values[0]!;
        const labels = block(summary, "kpis").values[0]!;
        const changeOf = (label: string) => change[labels.indexOf(label)];
        expect(changeOf("Active (activity rule)")).toBe(last.atEnd - previous.atEnd);
        if (Number.isFinite(previous.churnRate))
          expect(changeOf("Churn rate") as number).toBeCloseTo(
            (last.churnRate - previous.churnRate) * 100,
            9
          );
        const grading = gradeCustomers(data.histories, { asOf });
        expect(
          block(summary, "grades")
            .values.slice(1)
            .map((r) => r[1])
        ).toEqual((["A", "B", "C", "D"] as const).map((g) => grading.counts[g]));
      });

      it("the Model sheet gives the settings and, when fitted, the counts the fit used and left out", () => {
        expect(block(model, "settings").values[0]).toEqual(["As-of date", asOf]);
        const fitted = model.blocks.some((b) => b.id === "fit.figures");
        expect(fitted || model.blocks.some((b) => b.id === "fit.error")).toBe(true);
        // the value sheet lists customers exactly when the model is fitted, else says why
        expect(value.blocks.some((b) => b.id === "value")).toBe(fitted);
        expect(value.blocks.some((b) => b.id === "value.error")).toBe(!fitted);
        expect(model.blocks.filter((b) => b.id.startsWith("meanings.")).length).toBe(6);
      });
    })
  );
}

describe("the Customer value and Model sheets on the CDNOW master (SPEC §2 Predictive CLV)", () => {
  const summarySheet = cdnowWorkbook.sheets[0]!;
  const value = sheetOf(cdnowWorkbook, "value");
  const model = sheetOf(cdnowWorkbook, "model");
  const t = cdnow.audit.transactions;
  const summary = customerSummary(
    {
      customerIndex: t.customerIndex,
      customerIds: t.customerIds,
      days: t.days,
      amounts: t.amounts!,
    },
    { calibrationEnd: CDNOW_AS_OF, timeUnit: "month" }
  );

  it("has one row per customer of the summary, by predicted CLV, highest first", () => {
    const rows = block(value, "value").values.slice(1);
    expect(rows).toHaveLength(kpis(summarySheet).Customers as number);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1]![7] as number).toBeGreaterThanOrEqual(rows[i]![7] as number);
    expect(value.tables.map((t) => t.name)).toEqual(["CrmCustomerValue"]);
    expect(value.frozenRows).toBe(block(value, "value").row + 1);
  });

  it("shows P(alive) as the BG/NBD model gives it", () => {
    const parameters = Object.fromEntries(
      block(model, "fit.parameters")
        .values.slice(1)
        .map((r) => [r[0], r[1] as number])
    );
    const params = {
      r: parameters.r!,
      alpha: parameters["α"]!,
      a: parameters.a!,
      b: parameters.b!,
    };
    for (const row of block(value, "value").values.slice(1, 4)) {
      expect(row[6] as number).toBeCloseTo(
        probabilityAlive(params, row[1] as number, row[2] as number, row[3] as number),
        12
      );
    }
  });

  it("shows how many repeat buyers the spend fit left out (fitGammaGamma's leftOut)", () => {
    const spend = fitGammaGamma(summary);
    const figures = new Map(block(model, "fit.figures").values.map((r) => [r[0], r[1]]));
    expect(figures.get("Repeat buyers left out of the spend fit (repeat spend 0 or less)")).toBe(
      spend.leftOut
    );
    expect(figures.get("Repeat buyers in the spend fit")).toBe(spend.customers);
    expect(figures.get("Repeat buyers")).toBe(spend.repeatBuyers);
    expect(figures.get("Calibration end (the as-of date)")).toBe(CDNOW_AS_OF);
  });

  it("the summary's expected-alive line is the sum and the average of P(alive)", () => {
    const alive = block(value, "value")
      .values.slice(1)
      .map((r) => r[6] as number);
    const sum = alive.reduce((s, p) => s + p, 0);
    // count, share, label
    const line = block(summarySheet, "status").values.find((r) =>
      String(r[2]).startsWith("Expected alive")
    )!;
    expect(line[0] as number).toBeCloseTo(sum, 6);
    expect(line[1] as number).toBeCloseTo(sum / alive.length, 12);
  });
});

describe("the report workbook in Chinese", () => {
  const CJK = /[\u3400-\u9fff]/;
  it("writes every sheet's titles and headers in Simplified Chinese", () => {
    const cn = buildReport(cdnow, { ...cdnowOptions, language: "zh-CN" });
    expect(cn.sheets.map((s) => s.sheetName)).toEqual([
      "留存分析摘要",
      "需跟进的客户",
      "客户价值",
      "模型",
    ]);
    for (const sheet of cn.sheets) {
      for (const b of sheet.blocks) {
        if (b.id.endsWith("title")) expect(String(b.values[0]![0]), b.id).toMatch(CJK);
      }
      for (const table of sheet.tables) {
        const header = sheet.blocks.find(
          (b) => b.row === table.range.row && b.column === table.range.column
        )!;
        for (const cell of header.values[0]!)
          expect(String(cell)).toMatch(/[\u3400-\u9fff]|^[A-Za-z]?\(?[a-zα-ω_]*\)?$|RFM/);
      }
    }
    const status = block(cn.sheets[0]!, "status")
      .values.slice(1)
      .map((r) => String(r[2])); // count, share, label
    for (const label of status) expect(label).toMatch(CJK);
    expect(status.join()).toMatch(/活跃规则/);
  });
});
