/**
 * The report's Model sheet (SPEC §4 "model": "fitted parameters with standard errors, holdout
 * check when the data allows"; issue 13): the parameters' standard errors and the holdout check
 * of the purchase model, on the CDNOW sample, whose later half is the published holdout.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "../../support/expect";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type PreparedData,
} from "../../../src/core/report";
import type { ReportBlock, ReportModel } from "../../../src/core/report/reportModel";
import { layoutOverflows } from "../../../src/core/report/reportLayout";
import { CDNOW_DIR } from "../../support/cdnowCells";
import { SAMPLE_MAPPING } from "../../support/sampleReport";

function block(sheet: ReportModel, id: string): ReportBlock {
  const found = sheet.blocks.find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}: ${sheet.blocks.map((b) => b.id).join(", ")}`);
  return found;
}

/** ../shared/data/cdnow/CDNOW_sample.txt as a sheet: id, date serial, amount. */
function cdnowSampleData(): PreparedData {
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  for (const line of readFileSync(path.join(CDNOW_DIR, "CDNOW_sample.txt"), "utf8").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const yyyymmdd = Number(fields[2]);
    const day = serialFromYmd(
      Math.floor(yyyymmdd / 10000),
      Math.floor(yyyymmdd / 100) % 100,
      yyyymmdd % 100
    );
    rows.push([Number(fields[0]), day, Number(fields[4])]);
  }
  return prepareReportData({
    rows,
    hasHeader: true,
    columnNames: ["customer", "date", "dollars"],
    mapping: SAMPLE_MAPPING,
    location: { sheetName: "CDNOW", row: 0, column: 0, address: `CDNOW!A1:C${rows.length}` },
  });
}

const AS_OF = serialFromYmd(1998, 6, 30);
const data = cdnowSampleData();
const buildModelSheet = (language: "en" | "zh-CN" | "zh-TW") => {
  const workbook = buildReport(data, { ...defaultReportOptions(data, language), asOf: AS_OF });
  return workbook.sheets.find((s) => s.kind === "model")!;
};
const model = buildModelSheet("en");

describe("the Model sheet's standard errors (observed information matrix)", () => {
  it("gives each parameter a positive standard error beside its value", () => {
    const rows = block(model, "fit.parameters").values;
    expect(rows[0]).toEqual(["Parameter", "Value", "Standard error", "Meaning"]);
    for (const row of rows.slice(1)) {
      expect(row[2] as number).toBeGreaterThan(0);
      expect(row[2] as number).toBeLessThan(row[1] as number);
    }
  });

  it("gives r the standard error lifetimes reports on CDNOW, whatever the time unit", () => {
    // r does not depend on the time unit; lifetimes' BetaGeoFitter summary on the CDNOW
    // sample (weeks, to 1997-09-30) gives se(r) 0.012557 — here the fit is in months to
    // 1998-06-30, so only the order of magnitude carries over: a standard error near 1 % of r…
    const r = block(model, "fit.parameters").values[1]!;
    expect((r[2] as number) / (r[1] as number)).toBeGreaterThan(0.02);
    expect((r[2] as number) / (r[1] as number)).toBeLessThan(0.1);
  });

  it("says how the standard errors were computed", () => {
    expect(String(block(model, "fit.standardErrors").values[0]![0])).toMatch(
      /observed information matrix/
    );
  });
});

describe("the Model sheet's holdout check (BTYD walkthrough p. 24; Fader, Hardie & Lee 2005 fig. 4)", () => {
  // The CDNOW sample spans 1997-01-01 … 1998-06-30 (545 days); the later half, rounded up, is
  // 273 days, so the model is fitted to 1997-09-30 and judged on 1997-10-01 … 1998-06-30: the
  // published calibration / holdout split.
  const rows = block(model, "holdout.table").values;

  it("groups the calibration customers by repeat purchases 0 … 6 and 7+, as published", () => {
    expect(rows[0]).toEqual([
      "Repeat purchases before the holdout",
      "Customers",
      "Actual mean, holdout",
      "Expected mean, model",
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // BTYD walkthrough p. 24
    expect(rows.slice(1).map((r) => r[1])).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
  });

  it("shows the actual holdout means published for CDNOW", () => {
    const published = [0.2367, 0.697, 1.3925, 1.56, 2.5323, 2.9474, 3.8621, 6.3594];
    rows.slice(1).forEach((r, i) => expect(r[2] as number).toBeCloseTo(published[i]!, 4));
  });

  it("shows the model's expected means near the published ones (fitted in months, not weeks)", () => {
    // The expectation does not depend on the time unit; the fits differ by optimiser
    // precision only (holdout.test.ts checks the weekly fit to 0.00025).
    const published = [0.2251, 0.5231, 1.0441, 1.5203, 2.1638, 2.6538, 3.504, 6.157];
    rows
      .slice(1)
      .forEach((r, i) => expect(Math.abs((r[3] as number) - published[i]!)).toBeLessThan(0.002));
  });

  it("totals every calibration customer and gives the mean absolute error of the groups", () => {
    const [total, mae] = block(model, "holdout.total").values;
    expect(total![0]).toBe("All customers");
    expect(total![1]).toBe(2357);
    // 1,882 actual holdout purchase days over 2,357 customers (holdout.test.ts)
    expect(total![2] as number).toBeCloseTo(1882 / 2357, 10);
    expect(mae![3] as number).toBeCloseTo(0.2245, 3);
  });

  it("is a native table with a line chart of actual vs expected beside it", () => {
    expect(model.tables.map((t) => t.name)).toContain("CrmHoldoutCheck");
    const chart = model.charts.find((c) => c.id === "holdout.chart")!;
    expect(chart.kind).toBe("line");
    expect(chart.seriesColumns).toEqual([2, 3]);
    const table = block(model, "holdout.table");
    expect(chart.data).toEqual({ row: table.row, column: 0, rows: 9, columns: 4 });
    expect(chart.position.column).toBeGreaterThanOrEqual(4);
  });

  it("says what was fitted on what, with the dates", () => {
    const note = String(block(model, "holdout.note").values[0]![0]);
    expect(note).toContain("1997-09-30");
    expect(note).toContain("1997-10-01");
    expect(note).toContain("1998-06-30");
  });

  it("fits on the sheet: no text clipped", () => {
    expect(layoutOverflows(model)).toEqual([]);
  });

  it("speaks Chinese in both scripts", () => {
    for (const [language, title] of [
      ["zh-CN", /留出检验/],
      ["zh-TW", /留出檢驗/],
    ] as const) {
      const sheet = buildModelSheet(language);
      expect(String(block(sheet, "holdout.title").values[0]![0])).toMatch(title);
      expect(block(sheet, "fit.parameters").values[0]![2]).toMatch(/标准误|標準誤/);
    }
  });
});

describe("edge cases", () => {
  it("says the data are too short for a holdout instead of failing", () => {
    const short = prepareReportData({
      rows: [
        ["customer", "date", "dollars"],
        ["a", serialFromYmd(2024, 1, 1), 10],
        ["a", serialFromYmd(2024, 1, 20), 10],
        ["b", serialFromYmd(2024, 1, 5), 20],
      ],
      hasHeader: true,
      columnNames: ["customer", "date", "dollars"],
      mapping: SAMPLE_MAPPING,
      location: { sheetName: "S", row: 0, column: 0, address: "S!A1:C4" },
    });
    const sheet = buildReport(short, defaultReportOptions(short, "en")).sheets.find(
      (s) => s.kind === "model"
    )!;
    expect(String(block(sheet, "holdout.tooShort").values[0]![0])).toMatch(
      /the data span 19 days .* at least 56/
    );
  });
});
