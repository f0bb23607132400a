/**
 * The .xlsx adapter (src/cli/xlsxWriter.ts): the report model written to a workbook and read
 * back with ExcelJS and as a zip package: every cell at its place, number formats, conditional
 * formats, tables, charts (DrawingML parts that parse and point at the right ranges), formulas
 * with their cached values.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { reportWorkbookBuffer } from "../../src/cli/xlsxWriter";
import { serialFromYmd } from "../../src/core/dates";
import { buildReport, defaultReportOptions, prepareReportData } from "../../src/core/report";
import type { ReportModel } from "../../src/core/reportModel";
import { loadCdnowMasterCells } from "../support/cdnowCells";
import { sampleReport, sampleSource } from "../support/sampleReport";

/** A source's report with the wizard's defaults as of `asOf`. */
function model(rows: unknown[][], asOf: number): ReportModel {
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
  const report = sampleReport();

  it("holds every cell of the model, with its number format", async () => {
    const { sheet } = await readBack(await reportWorkbookBuffer(report));
    expect(sheet.name).toBe("Retention summary");
    expectCellsMatch(sheet, report);
    const trend = report.blocks.find((b) => b.id === "trend")!;
    expect(sheet.getCell(trend.row + 2, 11).numFmt).toBe("0.0%");
    expect(sheet.getCell(trend.row + 2, 2).numFmt).toBe("yyyy-mm-dd");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("has the native tables, the colour scale and the level rules", async () => {
    const buffer = await reportWorkbookBuffer(report);
    const { zip } = await readBack(buffer);
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string"))
    );
    const names = tables.map((t) => /displayName="([^"]+)"/.exec(t)![1]).sort();
    expect(names).toEqual(report.tables.map((t) => t.name).sort());
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).toContain('<cfRule type="colorScale"');
    const rules = [
      ...sheetXml.matchAll(/<cfRule type="expression"[^>]*>\s*<formula>([^<]*)<\/formula>/g),
    ].map((m) => m[1]);
    expect(rules).toEqual(
      report.conditionalFormats
        .filter((f) => f.kind === "formula")
        .map((f) => (f.kind === "formula" ? f.formula.slice(1).replace(/"/g, "&quot;") : ""))
    );
  });

  it("has two charts over the trend and the grades, in valid DrawingML", async () => {
    const { zip } = await readBack(await reportWorkbookBuffer(report));
    const parts = [
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet1.xml",
      "[Content_Types].xml",
    ];
    for (const part of parts) {
      const text = await zip.file(part)!.async("string");
      expect(XMLValidator.validate(text), part).toBe(true);
    }
    const line = await zip.file("xl/charts/chart1.xml")!.async("string");
    const trend = report.blocks.find((b) => b.id === "trend")!;
    expect(line).toContain("<c:lineChart>");
    expect(line).toContain(
      `<c:f>'Retention summary'!$K$${trend.row + 2}:$K$${trend.row + 3}</c:f>`
    );
    expect(line).toContain(
      `<c:f>'Retention summary'!$A$${trend.row + 2}:$A$${trend.row + 3}</c:f>`
    );
    expect(await zip.file("xl/charts/chart2.xml")!.async("string")).toContain(
      '<c:barDir val="col"/>'
    );
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toMatch(
      /<drawing r:id="rIdCrmDrawing"\/>(<tableParts|<\/worksheet>)/
    );
  });

  it("writes live formulas with their values cached, a spill as an array formula", async () => {
    const formulas = sampleReport({ mode: "formulas" });
    const { sheet } = await readBack(await reportWorkbookBuffer(formulas));
    const spill = formulas.spills[0]!;
    const anchor = sheet.getCell(spill.range.row + 1, spill.range.column + 1).value as {
      formula?: string;
      sharedFormula?: string;
      result?: unknown;
    };
    expect(anchor.formula).toBe(spill.formula.slice(1));
    expect(anchor.result).toBe("2024-Q1");
    const tiles = formulas.blocks.find((b) => b.id === "kpis")!;
    const repeat = sheet.getCell(tiles.row + 2, 7).value as { formula: string; result: number };
    expect(repeat.formula).toMatch(/^CRM\.REPEATRATE\.TX\(Sales!\$A\$2:\$A\$12,/);
    expect(repeat.result).toBe(0.8);
  });
});

describe("the CDNOW master report as a workbook", () => {
  it("holds every cell of the model and opens again", async () => {
    const cells = loadCdnowMasterCells();
    const rows: unknown[][] = [["customer", "date", "dollars"]];
    cells.customerIds.forEach((id, i) =>
      rows.push([id[0], cells.dates[i]![0], cells.amounts[i]![0]])
    );
    const report = model(rows, serialFromYmd(1998, 6, 30));
    const { sheet, zip } = await readBack(await reportWorkbookBuffer(report));
    expectCellsMatch(sheet, report);
    expect(
      Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    ).toHaveLength(2);
  }, 60_000);
});
