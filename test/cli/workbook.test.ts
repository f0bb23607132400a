/**
 * The .xlsx adapter (src/cli/xlsxWriter.ts): the report model written to a workbook and read
 * back with ExcelJS and as a zip package: every cell at its place, number formats, conditional
 * formats, tables, charts (DrawingML parts that parse and point at the right ranges), formulas
 * with their cached values.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { expect } from "../support/expect";
import { reportWorkbookBuffer } from "../../src/cli/xlsxWriter";
import { serialFromYmd } from "../../src/core/input/dates";
import { buildReport, defaultReportOptions, prepareReportData } from "../../src/core/report";
import type { ReportModel, ReportWorkbook } from "../../src/core/report/reportModel";
import { loadCdnowMasterCells } from "../support/cdnowCells";
import { sampleSource, sampleWorkbook } from "../support/sampleReport";

/** A source's report workbook with the wizard's defaults as of `asOf`. */
function model(rows: unknown[][], asOf: number): ReportWorkbook {
  const data = prepareReportData(sampleSource(rows));
  return buildReport(data, { ...defaultReportOptions(data, "en"), asOf });
}

async function readBack(buffer: Buffer): Promise<{ sheet: ExcelJS.Worksheet; zip: JSZip }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return { sheet: workbook.worksheets[0]!, zip: await JSZip.loadAsync(buffer) };
}

function expectCellsMatch(sheet: ExcelJS.Worksheet, report: ReportModel): void {
  for (const block of report.blocks) {
    block.values.forEach((row, r) =>
      row.forEach((value, c) => {
        let cell = sheet.getCell(block.row + r + 1, block.column + c + 1).value;
        // ExcelJS reads a number under a date format back as a Date
        if (cell instanceof Date) cell = Math.round(cell.getTime() / 86_400_000) + 25569;
        if (value === null) expect(cell === null || cell === undefined).toBe(true);
        else if (typeof value === "number") expect(cell as number).toBeCloseTo(value, 9);
        else expect(cell).toBe(value);
      })
    );
  }
}

describe("the sample report as a workbook", () => {
  const report = sampleWorkbook();

  it("holds every sheet in order, every cell of each model, with its number format", async () => {
    const buffer = await reportWorkbookBuffer(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.sheetName));
    report.sheets.forEach((model, i) => {
      const sheet = workbook.worksheets[i]!;
      expectCellsMatch(sheet, model);
      // each range's format on its first and last cell
      for (const { range, format } of model.numberFormats) {
        expect(sheet.getCell(range.row + 1, range.column + 1).numFmt).toBe(format);
        expect(sheet.getCell(range.row + range.rows, range.column + range.columns).numFmt).toBe(
          format
        );
      }
      if (model.frozenRows > 0)
        expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: model.frozenRows });
    });
  });

  it("has the native tables and the conditional formats of every sheet", async () => {
    const { zip } = await readBack(await reportWorkbookBuffer(report));
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string"))
    );
    const names = tables.map((t) => /displayName="([^"]+)"/.exec(t)![1]).sort();
    expect(names).toEqual(report.sheets.flatMap((s) => s.tables.map((t) => t.name)).sort());
    for (const [i, model] of report.sheets.entries()) {
      const sheetXml = await zip.file(`xl/worksheets/sheet${i + 1}.xml`)!.async("string");
      const scales = model.conditionalFormats.filter((f) => f.kind === "colorScale").length;
      expect(sheetXml.split('<cfRule type="colorScale"').length - 1).toBe(scales);
      const rules = [
        ...sheetXml.matchAll(/<cfRule type="expression"[^>]*>\s*<formula>([^<]*)<\/formula>/g),
      ].map((m) => m[1]);
      expect(rules).toEqual(
        model.conditionalFormats
          .filter((f) => f.kind === "formula")
          .map((f) => (f.kind === "formula" ? f.formula.slice(1).replace(/"/g, "&quot;") : ""))
      );
    }
  });

  it("draws each sheet's charts in valid DrawingML over that sheet's cells", async () => {
    const { zip } = await readBack(await reportWorkbookBuffer(report));
    let chart = 0;
    for (const [i, model] of report.sheets.entries()) {
      const sheetXml = await zip.file(`xl/worksheets/sheet${i + 1}.xml`)!.async("string");
      expect(/<drawing r:id="rIdCrmDrawing"\/>/.test(sheetXml)).toBe(model.charts.length > 0);
      for (const c of model.charts) {
        const text = await zip.file(`xl/charts/chart${++chart}.xml`)!.async("string");
        expect(XMLValidator.validate(text)).toBe(true);
        expect(text).toContain(
          {
            line: "<c:lineChart>",
            columnClustered: '<c:barDir val="col"/>',
            barClustered: '<c:barDir val="bar"/>',
            pie: "<c:pieChart>",
          }[c.kind]
        );
        expect(text).toContain(`<c:f>'${model.sheetName.replace(/'/g, "''")}'!$`);
      }
    }
    expect(chart).toBeGreaterThan(0);
    for (const part of ["[Content_Types].xml", "xl/workbook.xml"])
      expect(XMLValidator.validate(await zip.file(part)!.async("string")), part).toBe(true);
  });

  it("writes live formulas with their values cached, references between sheets resolved", async () => {
    const formulas = sampleWorkbook({ mode: "formulas" });
    const buffer = await reportWorkbookBuffer(formulas);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    let written = 0;
    formulas.sheets.forEach((model, i) => {
      const sheet = workbook.worksheets[i]!;
      for (const block of model.blocks) {
        block.formulas?.forEach((row, r) =>
          row.forEach((formula, c) => {
            if (formula === null) return;
            const cell = sheet.getCell(block.row + r + 1, block.column + c + 1).value as {
              formula?: string;
            };
            expect(cell.formula, `${model.sheetName} ${block.id}`).toBeDefined();
            expect(cell.formula).not.toMatch(/[\u27e6\u27e7]/); // no placeholder left
            written++;
          })
        );
      }
    });
    expect(written).toBeGreaterThan(0);
  });
});

describe("the CDNOW master report as a workbook", () => {
  it("holds every cell of the model and opens again", async function () {
    this.timeout(120_000);
    const cells = loadCdnowMasterCells();
    const rows: unknown[][] = [["customer", "date", "dollars"]];
    cells.customerIds.forEach((id, i) =>
      rows.push([id[0], cells.dates[i]![0], cells.amounts[i]![0]])
    );
    const report = model(rows, serialFromYmd(1998, 6, 30));
    const buffer = await reportWorkbookBuffer(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    // every sheet of the report, in order, each holding every cell of its model
    expect(workbook.worksheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.sheetName));
    report.sheets.forEach((sheet, i) => expectCellsMatch(workbook.worksheets[i]!, sheet));
    const zip = await JSZip.loadAsync(buffer);
    const charts = report.sheets.reduce((sum, sheet) => sum + sheet.charts.length, 0);
    expect(
      Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    ).toHaveLength(charts);
    // the summary prints landscape on one page; the lists with their header on every page
    const summary = workbook.worksheets[0]!;
    expect(summary.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 1,
      // Excel's "Narrow" margins, inches (the model's points ÷ 72)
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    });
    // the segments' horizontal bars: first segment at the top, value axis at the bottom, and
    // no legend for one series (its title says what the bars count); text at 9 pt, title 11 pt
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string"))
    );
    const bars = parts.filter((xml) => xml.includes('<c:barDir val="bar"/>'));
    expect(bars).toHaveLength(1);
    expect(bars[0]).toContain('<c:orientation val="maxMin"/>');
    expect(bars[0]).toContain('<c:crosses val="max"/>');
    expect(bars[0]).not.toContain("<c:legend>");
    expect(bars[0]).toContain('<a:defRPr sz="900"/>');
    expect(bars[0]).toContain('sz="1100" b="1"');
    // a line chart of two series keeps its legend
    expect(parts.filter((xml) => xml.includes("<c:lineChart>"))[0]).toContain("<c:legend>");
  });
});
