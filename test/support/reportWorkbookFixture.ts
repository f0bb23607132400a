/**
 * A report workbook made by hand, shaped like the one buildReport makes (SPEC §4 "Generate"):
 * a summary that prints on one landscape page, a "Customers to act on" table of `actionRows`
 * customers (frozen header and id column, title row repeated on every printed page), a
 * "Customer value" table with Chinese text, and a "Model" sheet. The summary counts the
 * actions sheet's rows with a formula that points at it through a reportSheetRef placeholder.
 * Column widths and row heights come from fitLayout. Used by the writers' tests.
 */
import { fitLayout } from "../../src/core/report/reportLayout";
import {
  reportSheetRef,
  type ReportModel,
  type ReportValue,
  type ReportWorkbook,
} from "../../src/core/report/reportModel";

const EMPTY = {
  numberFormats: [],
  styles: [],
  tables: [],
  charts: [],
  conditionalFormats: [],
  spills: [],
  columnWidths: [],
  frozenRows: 0,
} as const;

/** The summary's KPI formula: the actions table's rows, header left out. */
export const ACTIONS_COUNT_FORMULA = `=ROWS(${reportSheetRef("actions")}A:A)-COUNTBLANK(${reportSheetRef("actions")}A:A)-1`;

export function fixtureWorkbook(
  actionRows: number,
  mode: "values" | "formulas" = "values"
): ReportWorkbook {
  const summary: ReportModel = {
    ...EMPTY,
    kind: "summary",
    sheetName: "Summary",
    mode,
    blocks: [
      { id: "title", row: 0, column: 0, values: [["Retention summary — CDNOW sample"]] },
      {
        id: "kpis",
        row: 2,
        column: 0,
        values: [
          ["Customers to act on", "Churn rate", "Average order value"],
          [actionRows, 0.4321, 35.6789],
        ],
        formulas: [
          [null, null, null],
          [ACTIONS_COUNT_FORMULA, null, null],
        ],
      },
      {
        id: "trend",
        row: 5,
        column: 0,
        values: [
          ["Period", "Churn rate"],
          ["1997-Q1", 0.1],
          ["1997-Q2", 0.25],
          ["1997-Q3", 0.3],
        ],
      },
      {
        id: "rule",
        row: 10,
        column: 0,
        values: [
          [
            "Lost: no purchase in the 180 days before the as-of date (SPEC §2); at risk: over 90 days",
          ],
        ],
      },
    ],
    numberFormats: [
      { range: { row: 3, column: 1, rows: 1, columns: 1 }, format: "0.0%" },
      { range: { row: 3, column: 2, rows: 1, columns: 1 }, format: "#,##0.00" },
      { range: { row: 6, column: 1, rows: 3, columns: 1 }, format: "0.0%" },
    ],
    styles: [
      { range: { row: 0, column: 0, rows: 1, columns: 1 }, style: { bold: true, fontSize: 16 } },
      { range: { row: 2, column: 0, rows: 1, columns: 3 }, style: { bold: true } },
    ],
    tables: [
      {
        name: "CrmTrend",
        range: { row: 5, column: 0, rows: 4, columns: 2 },
        style: "TableStyleMedium2",
      },
    ],
    charts: [
      {
        id: "trend",
        kind: "line",
        title: "Churn rate",
        data: { row: 5, column: 0, rows: 4, columns: 2 },
        position: { row: 2, column: 4, rows: 12, columns: 6 },
        valueAxisFormat: "0%",
      },
    ],
    frozenRows: 1,
    pageSetup: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 1,
      printArea: { row: 0, column: 0, rows: 14, columns: 10 },
    },
    extent: { rows: 14, columns: 10 },
  };

  const levels = ["red", "orange", "yellow"];
  const actionValues: ReportValue[][] = [
    [
      "Customer",
      "Level",
      "Recency (days)",
      "Frequency",
      "Monetary",
      "P(alive)",
      "Predicted CLV",
      "Grade",
      "Segment",
      "Last purchase",
    ],
  ];
  const segments = ["At risk", "Cannot lose them", "Hibernating", "About to sleep"];
  for (let i = 0; i < actionRows; i++)
    actionValues.push([
      `C${String(i + 1).padStart(5, "0")}`,
      levels[i % 3]!,
      90 + (i % 400),
      1 + (i % 7),
      12.5 + (i % 300),
      ((i * 37) % 100) / 100,
      (i % 1000) * 1.25,
      "ABCD"[i % 4]!,
      segments[i % 4]!,
      35431 + (i % 540), // 1997-01-01 onwards
    ]);
  const actions: ReportModel = {
    ...EMPTY,
    kind: "actions",
    sheetName: "Customers to act on",
    mode,
    blocks: [{ id: "actions.list", row: 0, column: 0, values: actionValues }],
    numberFormats: [
      { range: { row: 1, column: 4, rows: actionRows, columns: 1 }, format: "#,##0.00" },
      { range: { row: 1, column: 5, rows: actionRows, columns: 1 }, format: "0.0%" },
      { range: { row: 1, column: 6, rows: actionRows, columns: 1 }, format: "#,##0.00" },
      { range: { row: 1, column: 9, rows: actionRows, columns: 1 }, format: "yyyy-mm-dd" },
    ],
    tables: [
      {
        name: "CrmActions",
        range: { row: 0, column: 0, rows: actionRows + 1, columns: 10 },
        style: "TableStyleMedium2",
      },
    ],
    conditionalFormats: [
      {
        kind: "formula",
        range: { row: 1, column: 0, rows: actionRows, columns: 10 },
        formula: '=$B2="red"',
        fill: "#F4CCCC",
        fontColor: "#9C0006",
      },
    ],
    frozenRows: 1,
    frozenColumns: 1,
    pageSetup: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: { first: 0, last: 0 },
    },
    extent: { rows: actionRows + 1, columns: 10 },
  };

  const value: ReportModel = {
    ...EMPTY,
    kind: "value",
    sheetName: "Customer value",
    mode,
    blocks: [
      {
        id: "value.list",
        row: 0,
        column: 0,
        values: [
          ["客户", "预测购买次数", "预测客户终身价值"],
          ["王小明", 2.345, 123.45],
          ["李华", 0.5, 1234567.5],
        ],
      },
    ],
    numberFormats: [{ range: { row: 1, column: 2, rows: 2, columns: 1 }, format: "#,##0.00" }],
    tables: [
      {
        name: "CrmValue",
        range: { row: 0, column: 0, rows: 3, columns: 3 },
        style: "TableStyleLight9",
      },
    ],
    frozenRows: 1,
    extent: { rows: 3, columns: 3 },
  };

  const model: ReportModel = {
    ...EMPTY,
    kind: "model",
    sheetName: "Model",
    mode,
    blocks: [
      {
        id: "params",
        row: 0,
        column: 0,
        values: [
          ["Parameter", "Estimate", "Standard error"],
          ["r", 0.243, 0.0125],
          ["alpha", 4.414, 0.1382],
        ],
      },
      {
        id: "note",
        row: 4,
        column: 0,
        values: [
          [
            "BG/NBD fitted by maximum likelihood on the calibration period; standard errors from the inverse Hessian. " +
              "The holdout check compares predicted and actual repeat purchases per customer over the last 39 weeks.",
          ],
        ],
      },
    ],
    numberFormats: [{ range: { row: 1, column: 1, rows: 2, columns: 2 }, format: "0.0000" }],
    frozenRows: 1,
    pageSetup: { orientation: "portrait", fitToWidth: 1, fitToHeight: 0 },
    extent: { rows: 5, columns: 3 },
  };

  return { mode, sheets: [summary, actions, value, model].map(fitLayout) };
}
