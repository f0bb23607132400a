/**
 * The .xlsx adapter (src/cli/xlsxWriter.ts): report models of the function reference's sample
 * and of the CDNOW master written to a workbook, then read back with ExcelJS and opened as a
 * zip package: every cell at its place, number formats, styles, widths, frozen rows, tables,
 * conditional formats, charts (DrawingML parts that parse and point at the right ranges), and
 * in formulas mode the formulas as Excel stores them, with their values cached.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import {
  columnWidthChars,
  fileFormula,
  reportWorkbookBuffer,
  writeReportXlsx,
} from "../../src/cli/xlsxWriter";
import { serialFromYmd } from "../../src/core/dates";
import {
  rangeAddress,
  type ReportBlock,
  type ReportModel,
  type ReportValue,
} from "../../src/core/reportModel";
import { loadCdnowMasterCells } from "../support/cdnowCells";
import { SAMPLE_SALES, sampleReport, sampleSource } from "../support/sampleReport";

const SAMPLE = SAMPLE_SALES;

const sampleModel = (mode: "values" | "formulas" = "values") => sampleReport({ mode });

interface ReadBack {
  sheet: ExcelJS.Worksheet;
  zip: JSZip;
  part: (name: string) => Promise<string>;
}

async function readBack(buffer: Buffer): Promise<ReadBack> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`no part ${name}`);
    return file.async("string");
  };
  return { sheet: workbook.worksheets[0]!, zip, part };
}

function block(model: ReportModel, id: string): ReportBlock {
  const found = model.blocks.find((b) => b.id === id);
  if (!found) throw new Error(`no block ${id}`);
  return found;
}

/** What a reader shows in a cell: a formula's cached result, dates back as serials. */
function shown(cell: ExcelJS.Cell): unknown {
  const raw =
    cell.type === ExcelJS.ValueType.Formula
      ? (cell.model as { result?: unknown }).result
      : cell.value;
  return raw instanceof Date ? raw.getTime() / 86_400_000 + 25569 : raw;
}

function expectCellsMatch(sheet: ExcelJS.Worksheet, model: ReportModel): number {
  let checked = 0;
  for (const b of model.blocks) {
    b.values.forEach((row, r) =>
      row.forEach((value: ReportValue, c) => {
        const cell = sheet.getCell(b.row + r + 1, b.column + c + 1);
        const at = `${b.id} ${cell.address}`;
        const got = shown(cell);
        if (value === null) expect(got ?? null, at).toBeNull();
        else if (typeof value === "number") expect(got as number, at).toBeCloseTo(value, 9);
        else expect(got, at).toBe(value);
        checked++;
      })
    );
  }
  return checked;
}

/** Every XML part of the package parses. */
async function expectValidXml(zip: JSZip): Promise<string[]> {
  const names = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
  for (const name of names) {
    const result = XMLValidator.validate(await zip.file(name)!.async("string"));
    expect(result, name).toBe(true);
  }
  return names;
}

describe("fileFormula: formulas as the file stores them", () => {
  it("turns spill references into ANCHORARRAY, outside strings only", () => {
    expect(fileFormula("INDEX(A23#,ROWS(A23#),10)")).toBe(
      "INDEX(_xlfn.ANCHORARRAY(A23),ROWS(_xlfn.ANCHORARRAY(A23)),10)"
    );
    expect(fileFormula(`'O''Neil (2)'!$B$2#&"A1#"`)).toBe(
      `_xlfn.ANCHORARRAY('O''Neil (2)'!$B$2)&"A1#"`
    );
  });

  it("prefixes newer functions and LET's names, leaving others alone", () => {
    expect(
      fileFormula(`LET(s,CRM.RFMSEGMENTS(Sales!$A$2:$A$12),SUM((INDEX(s,0,9)="s")*INDEX(s,0,4)))`)
    ).toBe(
      `_xlfn.LET(_xlpm.s,CRM.RFMSEGMENTS(Sales!$A$2:$A$12),SUM((INDEX(_xlpm.s,0,9)="s")*INDEX(_xlpm.s,0,4)))`
    );
    expect(fileFormula("filter(A1:A3,B1:B3>0)")).toBe("_xlfn._xlws.FILTER(A1:A3,B1:B3>0)");
    expect(fileFormula("CRM.SORT(1)+SUM($B$46:$B$50)")).toBe("CRM.SORT(1)+SUM($B$46:$B$50)");
  });

  it("converts column widths from points as Excel does (48 pt is the default 9.1)", () => {
    expect(columnWidthChars(48)).toBe(9.1);
    expect(columnWidthChars(84)).toBe(16);
  });
});

describe("the sample report (values) as a workbook", () => {
  const model = sampleModel();
  let file: ReadBack;
  const progress: [number, number][] = [];
  beforeAll(async () => {
    file = await readBack(
      await reportWorkbookBuffer(model, { onProgress: (d, t) => progress.push([d, t]) })
    );
  });

  it("has one sheet with the model's name and every block value at its cell", () => {
    expect(file.sheet.name).toBe("Retention summary");
    expect(file.sheet.workbook.worksheets).toHaveLength(1);
    expect(expectCellsMatch(file.sheet, model)).toBeGreaterThan(200);
    // strings that look like numbers or formulas stay text, with no apostrophe
    expect(file.sheet.getCell("A23").value).toBe("2024-Q1");
  });

  it("has the number formats, styles, widths and frozen title", () => {
    const trend = block(model, "trend");
    const row = trend.row + 2; // first data row, 1-based
    expect(file.sheet.getCell(row, 11).numFmt).toBe("0.0%"); // churn rate
    expect(file.sheet.getCell(row, 2).numFmt).toBe("yyyy-mm-dd"); // first day
    expect(file.sheet.getCell(row, 4).numFmt).toBe("#,##0");
    for (const { range, format } of model.numberFormats) {
      expect(
        file.sheet.getCell(range.row + range.rows, range.column + range.columns).numFmt,
        rangeAddress(range)
      ).toBe(format);
    }
    const title = file.sheet.getCell("A1");
    expect(title.font).toMatchObject({ bold: true, size: 18, color: { argb: "FF1F3864" } });
    const setting = file.sheet.getCell("B7");
    expect(setting.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFEFF6FC" },
    });
    expect(setting.alignment).toMatchObject({ horizontal: "right" });
    expect(setting.border).toMatchObject({
      top: { style: "thin", color: { argb: "FFC7E0F4" } },
      left: { style: "thin" },
    });
    for (const { column, width } of model.columnWidths)
      expect(file.sheet.getColumn(column + 1).width).toBe(columnWidthChars(width));
    expect(file.sheet.views[0]).toMatchObject({ state: "frozen", ySplit: model.frozenRows });
  });

  it("has the native tables by name over their ranges, headers as in the model", async () => {
    const tables = await Promise.all(
      Object.keys(file.zip.files)
        .filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
        .map((f) => file.part(f))
    );
    const found = tables
      .map((t) => [/displayName="([^"]+)"/.exec(t)![1], / ref="([^"]+)"/.exec(t)![1]])
      .sort();
    expect(found).toEqual(model.tables.map((t) => [t.name, rangeAddress(t.range)]).sort());
    expect(tables.every((t) => t.includes(`name="${model.tables[0]!.style}"`))).toBe(true);
    const list = model.tables.find((t) => t.name === "CrmAlertList")!;
    expect(file.sheet.getCell(list.range.row + 1, 1).value).toBe("Customer");
  });

  it("has the colour scale over the cohort offsets and the three level rules over the alert list", async () => {
    const rules = (
      file.sheet as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { type: string; formulae?: string[]; cfvo?: unknown[] }[];
        }[];
      }
    ).conditionalFormattings;
    const scale = model.conditionalFormats.find((f) => f.kind === "colorScale")!;
    expect(rules.find((r) => r.rules[0]!.type === "colorScale")!.ref).toBe(
      rangeAddress(scale.range)
    );
    const expressions = rules.filter((r) => r.rules[0]!.type === "expression");
    expect(expressions.map((r) => [r.ref, r.rules[0]!.formulae![0]])).toEqual(
      model.conditionalFormats
        .filter((f) => f.kind === "formula")
        .map((f) => [rangeAddress(f.range), f.kind === "formula" ? f.formula.slice(1) : ""])
    );
    expect(expressions.map((r) => r.rules[0]!.formulae![0])).toEqual([
      '$B54="red"',
      '$B54="orange"',
      '$B54="yellow"',
    ]);
    const sheetXml = await file.part("xl/worksheets/sheet1.xml");
    expect(sheetXml).toContain('<cfvo type="percentile" val="50"/>');
  });

  it("has two charts over the trend and the grades, in valid DrawingML wired into the package", async () => {
    const names = await expectValidXml(file.zip);
    for (const part of [
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/worksheets/_rels/sheet1.xml.rels",
    ]) {
      expect(names).toContain(part);
    }
    const trend = block(model, "trend");
    const first = trend.row + 2;
    const last = trend.row + trend.values.length;
    const line = await file.part("xl/charts/chart1.xml");
    expect(line).toContain("<c:lineChart>");
    expect(line).toContain(`<c:f>'Retention summary'!$K$${trend.row + 1}</c:f>`); // series name: the header
    expect(line).toContain(`<c:f>'Retention summary'!$K$${first}:$K$${last}</c:f>`);
    expect(line).toContain(`<c:f>'Retention summary'!$L$${first}:$L$${last}</c:f>`);
    expect(line).toContain(`<c:f>'Retention summary'!$A$${first}:$A$${last}</c:f>`);
    expect(line).toContain('<c:numFmt formatCode="0%" sourceLinked="0"/>');
    expect(line).toContain("<a:t>Churn and retention by period</a:t>");
    expect(line).toContain('<c:legendPos val="b"/>');
    const grades = block(model, "grades");
    const bar = await file.part("xl/charts/chart2.xml");
    expect(bar).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
    expect(bar).toContain(
      `<c:f>'Retention summary'!$B$${grades.row + 2}:$B$${grades.row + grades.values.length}</c:f>`
    );

    const drawing = await file.part("xl/drawings/drawing1.xml");
    const chart = model.charts[0]!;
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    expect(drawing).toContain(
      `<xdr:from><xdr:col>${chart.position.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${chart.position.row}</xdr:row>`
    );
    expect(drawing).toContain(
      `<xdr:to><xdr:col>${chart.position.column + chart.position.columns}</xdr:col>`
    );
    expect(await file.part("xl/drawings/_rels/drawing1.xml.rels")).toContain(
      'Target="../charts/chart2.xml"'
    );
    expect(await file.part("xl/worksheets/_rels/sheet1.xml.rels")).toMatch(
      /Id="rIdCrmDrawing" Type="[^"]+\/drawing" Target="..\/drawings\/drawing1.xml"/
    );
    const types = await file.part("[Content_Types].xml");
    expect(types).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
    );
    expect(types).toContain('<Override PartName="/xl/charts/chart2.xml"');
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
    );
    // schema order: after pageSetup, before tableParts
    expect(await file.part("xl/worksheets/sheet1.xml")).toMatch(
      /<pageSetup [^>]*\/><drawing r:id="rIdCrmDrawing"\/><tableParts/
    );
    // no dynamic-array metadata without formulas
    expect(names).not.toContain("xl/metadata.xml");
  });

  it("reports progress after each block and phase, ending at the total", () => {
    const total = model.blocks.length + 4;
    expect(progress).toHaveLength(total);
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every(([, t]) => t === total)).toBe(true);
  });
});

describe("the sample report (formulas) as a workbook", () => {
  const model = sampleModel("formulas");
  let file: ReadBack;
  beforeAll(async () => {
    file = await readBack(
      await reportWorkbookBuffer(model, { dataSheet: { name: "Sales", rows: SAMPLE } })
    );
  });

  it("writes the spill anchors as array formulas over their ranges, spilled cells as values", () => {
    expect(model.spills.length).toBeGreaterThanOrEqual(2);
    for (const spill of model.spills) {
      const anchor = file.sheet.getCell(spill.range.row + 1, spill.range.column + 1);
      expect(anchor.value).toMatchObject({
        formula: spill.formula.slice(1),
        shareType: "array",
        ref: rangeAddress(spill.range),
      });
    }
    const trend = model.spills.find((s) => s.formula.startsWith("=CRM.CHURNTREND("))!;
    const anchor = file.sheet.getCell(trend.range.row + 1, 1);
    expect(anchor.result).toBe("2024-Q1");
    expect(file.sheet.getCell(trend.range.row + 2, 1).type).toBe(ExcelJS.ValueType.String); // spilled: a value
    expect(expectCellsMatch(file.sheet, model)).toBeGreaterThan(200);
  });

  it("writes every formula of the model, as the file stores it, with its value cached", () => {
    let formulas = 0;
    for (const b of model.blocks) {
      b.formulas?.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f !== "string") return;
          const cell = file.sheet.getCell(b.row + r + 1, b.column + c + 1);
          expect(cell.type, cell.address).toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, cell.address).toBe(fileFormula(f.slice(1)));
          const spill = model.spills.some(
            (sp) => sp.range.row === b.row + r && sp.range.column === b.column + c
          );
          if (!spill)
            expect((cell.value as { shareType?: string }).shareType, cell.address).toBeUndefined();
          const value = b.values[r]![c]!;
          if (value !== null) expect(cell.model.result, cell.address).toEqual(value);
          formulas++;
        })
      );
    }
    expect(formulas).toBeGreaterThan(20);
    const kpis = block(model, "kpis");
    const repeat = file.sheet.getCell(kpis.row + 2, 7);
    expect(repeat.formula).toMatch(/^CRM\.REPEATRATE\.TX\(Sales!\$A\$2:\$A\$12,/);
    expect(repeat.result).toBe(0.8);
    // Active: INDEX over the trend's spill, A23# as Excel stores it
    expect(file.sheet.getCell(kpis.row + 2, 2).formula).toMatch(
      /^INDEX\(_xlfn\.ANCHORARRAY\(A23\),ROWS\(_xlfn\.ANCHORARRAY\(A23\)\),10\)$/
    );
    // tables keep their formulas (ExcelJS writes table cells itself)
    const grades = block(model, "grades");
    expect(file.sheet.getCell(grades.row + 2, 2).formula).toMatch(/^SUM\(--\(INDEX\(CRM\.GRADE\(/);
    const segments = block(model, "segments");
    expect(file.sheet.getCell(segments.row + 2, 4).formula).toMatch(
      /^_xlfn\.LET\(_xlpm\.s,CRM\.RFMSEGMENTS\(/
    );
  });

  it("flags the spills as dynamic arrays (cm=1 → XLDAPR metadata) and stays valid XML", async () => {
    const names = await expectValidXml(file.zip);
    expect(names).toContain("xl/metadata.xml");
    const sheetXml = await file.part("xl/worksheets/sheet1.xml");
    expect(sheetXml.match(/<f t="array"/g)).toHaveLength(model.spills.length);
    expect(sheetXml.match(/ cm="1"><f t="array"/g)).toHaveLength(model.spills.length);
    expect(sheetXml).toContain('cm="1"><f t="array" ref="A23:L24">CRM.CHURNTREND(');
    expect(await file.part("xl/metadata.xml")).toContain(
      '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>'
    );
    expect(await file.part("xl/_rels/workbook.xml.rels")).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"'
    );
    expect(await file.part("[Content_Types].xml")).toContain(
      '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>'
    );
    expect(file.sheet.workbook.worksheets.map((s) => s.name)).toEqual([
      "Retention summary",
      "Sales",
    ]);
    expect(file.sheet.workbook.worksheets[1]!.getCell("C12").value).toBe(50);
  });
});

describe("the CDNOW master report as a workbook", () => {
  const cells = loadCdnowMasterCells();
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  cells.customerIds.forEach((id, i) =>
    rows.push([id[0], cells.dates[i]![0], cells.amounts[i]![0]])
  );
  const model = sampleReport(
    { asOf: serialFromYmd(1998, 6, 30), period: "month", inactiveDays: 90 },
    sampleSource(rows, { sheetName: "CDNOW" })
  );

  it("holds every cell of the model, formats, tables and charts, written to a file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crm-xlsx-"));
    try {
      const out = path.join(dir, "report.xlsx");
      await writeReportXlsx(model, out);
      const file = await readBack(await readFile(out));
      expect(file.sheet.name).toBe(model.sheetName);
      expect(expectCellsMatch(file.sheet, model)).toBeGreaterThan(500);
      const trend = block(model, "trend");
      expect(trend.values).toHaveLength(19);
      expect(file.sheet.getCell(trend.row + 2, 11).numFmt).toBe("0.0%");
      expect(file.sheet.getCell(trend.row + 2, 2).numFmt).toBe("yyyy-mm-dd");
      await expectValidXml(file.zip);
      expect(
        Object.keys(file.zip.files)
          .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
          .sort()
      ).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
      expect(await file.part("xl/charts/chart1.xml")).toContain(
        `<c:f>'Retention summary'!$K$${trend.row + 2}:$K$${trend.row + 19}</c:f>`
      );
      expect(
        Object.keys(file.zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
      ).toHaveLength(model.tables.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
