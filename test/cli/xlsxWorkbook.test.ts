/**
 * The .xlsx writer on a report of several sheets (SPEC §4 "Generate"), read back with ExcelJS
 * and opened as a package: sheet order and unique names, the summary active, formulas between
 * sheets resolved to the names chosen, native tables with filters, page setup (orientation,
 * fit to pages, print area, print titles), frozen rows and columns, column widths, row heights,
 * and each sheet's charts on its own drawing.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { expect } from "../support/expect";
import { columnWidthChars, reportWorkbookFile } from "../../src/cli/xlsxWriter";
import type { ReportWorkbook } from "../../src/core/report/reportModel";
import { ACTIONS_COUNT_FORMULA, fixtureWorkbook } from "../support/reportWorkbookFixture";

// ─── A report of several sheets ─────────────────────────────────────────────────────────

describe("a report workbook of several sheets", () => {
  /** The written workbook read back with ExcelJS, its package, and its workbook part. */
  async function readWorkbook(report: ReportWorkbook) {
    const workbook = new ExcelJS.Workbook();
    const file = await reportWorkbookFile(report);
    await workbook.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const zip = await JSZip.loadAsync(file.bytes);
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    return { workbook, file, zip, workbookXml };
  }

  it("writes every sheet in order, under the model's names, the summary active", async () => {
    const { workbook, file, workbookXml } = await readWorkbook(fixtureWorkbook(50));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "Customers to act on",
      "Customer value",
      "Model",
    ]);
    expect(file.sheets).toEqual([
      { kind: "summary", sheetName: "Summary" },
      { kind: "actions", sheetName: "Customers to act on" },
      { kind: "value", sheetName: "Customer value" },
      { kind: "model", sheetName: "Model" },
    ]);
    expect(workbookXml).toMatch(/<workbookView[^>]*activeTab="0"/);
  });

  it("makes sheet names unique regardless of case, and resolves formulas between sheets to them", async () => {
    const report = fixtureWorkbook(10, "formulas");
    const renamed: ReportWorkbook = {
      ...report,
      sheets: report.sheets.map((s) => (s.kind === "actions" ? { ...s, sheetName: "SUMMARY" } : s)),
    };
    const { workbook } = await readWorkbook(renamed);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "SUMMARY (2)",
      "Customer value",
      "Model",
    ]);
    const kpi = workbook.getWorksheet("Summary")!.getCell("A4");
    // ACTIONS_COUNT_FORMULA with its placeholders replaced by the quoted name chosen
    expect((kpi.value as ExcelJS.CellFormulaValue).formula).toBe(
      "ROWS('SUMMARY (2)'!A:A)-COUNTBLANK('SUMMARY (2)'!A:A)-1"
    );
    expect((kpi.value as ExcelJS.CellFormulaValue).result).toBe(10);
    expect(ACTIONS_COUNT_FORMULA).toContain("\u27e6actions\u27e7");
  });

  it("writes native tables, page setup, print areas and titles, frozen panes, widths and heights", async () => {
    const report = fixtureWorkbook(200);
    const { workbook, workbookXml, zip } = await readWorkbook(report);
    const summary = workbook.getWorksheet("Summary")!;
    const actions = workbook.getWorksheet("Customers to act on")!;
    const model = workbook.getWorksheet("Model")!;

    expect(summary.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
    });
    expect(actions.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    });
    expect(model.pageSetup).toMatchObject({
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
    });
    // absolute, as Excel writes it
    expect(workbookXml).toContain(
      '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Summary&apos;!$A$1:$J$14</definedName>'
    );
    expect(workbookXml).toContain(
      '<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Customers to act on&apos;!$1:$1</definedName>'
    );

    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(actions.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });

    // every table a native table with its filter buttons, over its whole range
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name))
        .map((name) => zip.file(name)!.async("string"))
    );
    const actionsTable = tables.find((xml) => xml.includes('name="CrmActions"'))!;
    expect(actionsTable).toMatch(/ref="A1:J201"/);
    expect(actionsTable).toMatch(/<autoFilter ref="A1:J201"/);
    expect(tables.map((xml) => /displayName="(\w+)"/.exec(xml)?.[1]).sort()).toEqual([
      "CrmActions",
      "CrmTrend",
      "CrmValue",
    ]);
    expect(actions.getCell("A201").value).toBe("C00200");

    const sheet0 = report.sheets[0]!;
    for (const { column, width } of sheet0.columnWidths)
      expect(summary.getColumn(column + 1).width).toBe(columnWidthChars(width));
    for (const { row, height } of sheet0.rowHeights ?? [])
      expect(summary.getRow(row + 1).height).toBe(height);
    expect(sheet0.rowHeights?.length).toBeGreaterThan(0); // the 16-point title at least
  });

  it("draws each sheet's charts on its own drawing", async () => {
    const { zip } = await readWorkbook(fixtureWorkbook(5));
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    expect(rels).toContain("../drawings/drawing1.xml");
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:f>'Summary'!$B$6</c:f>");
    expect(zip.file("xl/worksheets/_rels/sheet2.xml.rels")?.name ?? "").not.toContain("drawing");
  });
});
