/**
 * The .xlsx adapter (src/cli/xlsxWriter.ts): report workbooks of the function reference's sample
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
import { expect } from "../support/expect";
import {
  columnWidthChars,
  fileFormula,
  reportWorkbookBuffer,
  writeReportXlsx,
} from "../../src/cli/xlsxWriter";
import { customFunctionCells, storedFormula } from "../../src/cli/storedFormula";
import { serialFromYmd } from "../../src/core/input/dates";
import {
  columnLetters,
  rangeAddress,
  resolveReportSheetRefs,
  type CellStyle,
  type ReportModel,
  type ReportSheetKind,
  type ReportValue,
  type ReportWorkbook,
} from "../../src/core/report/reportModel";
import { loadCdnowMasterCells } from "../support/cdnowCells";
import { SAMPLE_SALES, sampleSource, sampleWorkbook } from "../support/sampleReport";

const SAMPLE = SAMPLE_SALES;

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

/** Each sheet's formulas with the report's sheet references resolved, as the writer resolves them. */
function resolver(report: ReportWorkbook): (formula: string) => string {
  const names: Partial<Record<ReportSheetKind, string>> = {};
  for (const sheet of report.sheets) if (sheet.kind) names[sheet.kind] ??= sheet.sheetName;
  return (formula) => resolveReportSheetRefs(formula, names);
}

/** ExcelJS's view of a style, as the writer maps the model's CellStyle. */
function expectStyle(cell: ExcelJS.Cell, style: CellStyle, at: string): void {
  if (style.bold !== undefined) expect(cell.font?.bold ?? false, at).toBe(style.bold);
  if (style.fontSize !== undefined) expect(cell.font?.size, at).toBe(style.fontSize);
  if (style.fontColor !== undefined)
    expect(cell.font?.color, at).toMatchObject({ argb: `FF${style.fontColor.slice(1)}` });
  // a styled font keeps the workbook's font (a nameless one is drawn in a reader's fallback)
  if (style.bold !== undefined || style.fontSize !== undefined || style.italic !== undefined)
    expect(cell.font?.name, at).toBe("Calibri");
  if (style.fill !== undefined)
    expect(cell.fill, at).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: `FF${style.fill.slice(1)}` },
    });
  if (style.horizontalAlignment !== undefined)
    expect(cell.alignment?.horizontal, at).toBe(style.horizontalAlignment.toLowerCase());
  if (style.wrapText !== undefined)
    expect(cell.alignment?.wrapText ?? false, at).toBe(style.wrapText);
  if (style.border !== undefined)
    expect(cell.border, at).toMatchObject({
      top: { style: "thin", color: { argb: `FF${style.border.slice(1)}` } },
      left: { style: "thin" },
    });
}

describe("the sample report (values) as a workbook", () => {
  const report = sampleWorkbook();
  let file: ReadBack;
  let workbook: ExcelJS.Workbook;
  const progress: [number, number][] = [];
  before(async () => {
    file = await readBack(
      await reportWorkbookBuffer(report, { onProgress: (d, t) => progress.push([d, t]) })
    );
    workbook = file.sheet.workbook;
  });

  it("has every sheet of the report, in order, and every block value at its cell", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.sheetName));
    expect(file.sheet.name).toBe("Retention summary");
    const checked = report.sheets.reduce(
      (sum, model, i) => sum + expectCellsMatch(workbook.worksheets[i]!, model),
      0
    );
    expect(checked).toBeGreaterThan(200);
    // strings that look like numbers or dates stay text, with no apostrophe
    const period = report.sheets[0]!.blocks.flatMap((b) =>
      b.values.flatMap((row, r) =>
        row.flatMap((v, c) =>
          typeof v === "string" && /^\d{4}-Q\d$/.test(v) ? [[b.row + r + 1, b.column + c + 1]] : []
        )
      )
    )[0]!;
    expect(file.sheet.getCell(period[0]!, period[1]!).value).toMatch(/^2024-Q\d$/);
  });

  it("has each sheet's number formats, styles, widths, row heights and frozen panes", () => {
    report.sheets.forEach((model, i) => {
      const sheet = workbook.worksheets[i]!;
      for (const { range, format } of model.numberFormats) {
        expect(
          sheet.getCell(range.row + range.rows, range.column + range.columns).numFmt,
          `${model.sheetName} ${rangeAddress(range)}`
        ).toBe(format);
      }
      for (const { range, style } of model.styles) {
        // the last style over a cell wins: check the range's first cell when no later one covers it
        const later = model.styles.slice(model.styles.findIndex((s) => s.range === range) + 1);
        const covered = later.some(
          (s) =>
            s.range.row <= range.row &&
            range.row < s.range.row + s.range.rows &&
            s.range.column <= range.column &&
            range.column < s.range.column + s.range.columns
        );
        if (!covered)
          expectStyle(
            sheet.getCell(range.row + 1, range.column + 1),
            style,
            `${model.sheetName} ${rangeAddress(range)}`
          );
      }
      for (const { column, width } of model.columnWidths)
        expect(sheet.getColumn(column + 1).width).toBe(columnWidthChars(width));
      for (const { row, height } of model.rowHeights ?? [])
        expect(sheet.getRow(row + 1).height).toBe(Math.min(409, height));
      if (model.frozenRows > 0 || (model.frozenColumns ?? 0) > 0)
        expect(sheet.views[0]).toMatchObject({
          state: "frozen",
          ...(model.frozenRows > 0 ? { ySplit: model.frozenRows } : {}),
          ...((model.frozenColumns ?? 0) > 0 ? { xSplit: model.frozenColumns } : {}),
        });
    });
  });

  it("has the native tables by name over their ranges, with their styles and filter buttons", async () => {
    const tables = await Promise.all(
      Object.keys(file.zip.files)
        .filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
        .map((f) => file.part(f))
    );
    const found = tables
      .map((t) => [/displayName="([^"]+)"/.exec(t)![1], / ref="([^"]+)"/.exec(t)![1]])
      .sort();
    const all = report.sheets.flatMap((s) => s.tables);
    expect(found).toEqual(all.map((t) => [t.name, rangeAddress(t.range)]).sort());
    for (const table of all) {
      const xml = tables.find((t) => t.includes(`displayName="${table.name}"`))!;
      expect(xml).toContain(`name="${table.style}"`);
      expect(xml).toContain(`<autoFilter ref="${rangeAddress(table.range)}"`);
    }
  });

  it("has each sheet's colour scales and rules by formula, in the model's order", () => {
    report.sheets.forEach((model, i) => {
      const rules = (
        workbook.worksheets[i] as unknown as {
          conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[];
        }
      ).conditionalFormattings;
      expect(rules.map((r) => [r.ref, r.rules[0]!.type, r.rules[0]!.formulae?.[0]])).toEqual(
        model.conditionalFormats.map((f) => [
          rangeAddress(f.range),
          f.kind === "colorScale" ? "colorScale" : "expression",
          f.kind === "formula" ? f.formula.slice(1) : undefined,
        ])
      );
    });
  });

  it("draws each sheet's charts in valid DrawingML wired into the package", async () => {
    const names = await expectValidXml(file.zip);
    let chartNumber = 0;
    let drawingNumber = 0;
    const types = await file.part("[Content_Types].xml");
    for (const [i, model] of report.sheets.entries()) {
      if (model.charts.length === 0) continue;
      const drawing = ++drawingNumber;
      expect(await file.part(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`)).toMatch(
        new RegExp(
          `Id="rIdCrmDrawing" Type="[^"]+/drawing" Target="../drawings/drawing${drawing}.xml"`
        )
      );
      // schema order: after pageSetup, before tableParts
      expect(await file.part(`xl/worksheets/sheet${i + 1}.xml`)).toMatch(
        /<pageSetup [^>]*\/><drawing r:id="rIdCrmDrawing"\/>(<tableParts|<\/worksheet>)/
      );
      const anchors = await file.part(`xl/drawings/drawing${drawing}.xml`);
      expect(anchors.match(/<xdr:twoCellAnchor/g)).toHaveLength(model.charts.length);
      const sheetRef = `'${model.sheetName.replace(/'/g, "''")}'!`;
      for (const chart of model.charts) {
        const n = ++chartNumber;
        const xml = await file.part(`xl/charts/chart${n}.xml`);
        expect(xml).toContain(`<a:t>${chart.title}</a:t>`);
        const kind = {
          line: "<c:lineChart>",
          columnClustered: '<c:barDir val="col"/>',
          barClustered: '<c:barDir val="bar"/>',
          pie: "<c:pieChart>",
        };
        expect(xml).toContain(kind[chart.kind]);
        const { data } = chart;
        const first = data.row + 2;
        const last = data.row + data.rows;
        const categories = `${sheetRef}$${columnLetters(data.column)}$${first}:$${columnLetters(data.column)}$${last}`;
        if (data.rows > 1) expect(xml).toContain(`<c:f>${categories}</c:f>`);
        if (chart.kind !== "pie") expect(xml).toContain('<c:minorTickMark val="none"/>');
        expect(anchors).toContain(
          `<xdr:from><xdr:col>${chart.position.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${chart.position.row}</xdr:row>`
        );
        expect(types).toContain(
          `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
        );
      }
    }
    expect(chartNumber).toBeGreaterThan(0);
    // no dynamic-array metadata without formulas
    expect(names).not.toContain("xl/metadata.xml");
  });

  it("reports progress after each block and phase of each sheet, ending at the total", () => {
    const total = report.sheets.reduce((sum, s) => sum + s.blocks.length + 3, 0) + 2;
    expect(progress).toHaveLength(total);
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every(([, t]) => t === total)).toBe(true);
  });
});

describe("the sample report (formulas) as a workbook", () => {
  const report = sampleWorkbook({ mode: "formulas" });
  const resolve = resolver(report);
  let file: ReadBack;
  let workbook: ExcelJS.Workbook;
  before(async () => {
    file = await readBack(
      await reportWorkbookBuffer(report, { dataSheet: { name: "Sales", rows: SAMPLE } })
    );
    workbook = file.sheet.workbook;
  });

  it("writes the spill anchors as array formulas over their ranges, spilled cells as values", () => {
    const spills = report.sheets.flatMap((model, i) => model.spills.map((spill) => ({ spill, i })));
    expect(spills.length).toBeGreaterThanOrEqual(2);
    for (const { spill, i } of spills) {
      const anchor = workbook.worksheets[i]!.getCell(spill.range.row + 1, spill.range.column + 1);
      expect(anchor.value).toMatchObject({
        // CRM calls as Excel stores them (storedFormula.ts)
        formula: storedFormula(fileFormula(resolve(spill.formula).slice(1))),
        shareType: "array",
        ref: rangeAddress(spill.range),
      });
    }
    const trendAt = spills.find(({ spill }) => spill.formula.includes("CRM.CHURNTREND("))!;
    const sheet = workbook.worksheets[trendAt.i]!;
    const range = trendAt.spill.range;
    expect(sheet.getCell(range.row + 1, range.column + 1).result).toBe("2024-Q1");
    // spilled: a value
    expect(sheet.getCell(range.row + 2, range.column + 1).type).toBe(ExcelJS.ValueType.String);
    report.sheets.forEach((model, i) => expectCellsMatch(workbook.worksheets[i]!, model));
  });

  it("writes every formula of the model, references between sheets resolved, with its value cached", () => {
    let formulas = 0;
    report.sheets.forEach((model, i) => {
      const sheet = workbook.worksheets[i]!;
      for (const b of model.blocks) {
        b.formulas?.forEach((row, r) =>
          row.forEach((f, c) => {
            if (typeof f !== "string") return;
            const cell = sheet.getCell(b.row + r + 1, b.column + c + 1);
            const at = `${model.sheetName}!${cell.address}`;
            expect(cell.type, at).toBe(ExcelJS.ValueType.Formula);
            expect(cell.formula, at).toBe(storedFormula(fileFormula(resolve(f).slice(1))));
            expect(cell.formula, at).not.toMatch(/[\u27e6\u27e7]/);
            const value = b.values[r]![c]!;
            if (value !== null) expect(cell.model.result, at).toEqual(value);
            formulas++;
          })
        );
      }
    });
    expect(formulas).toBeGreaterThan(20);
  });

  it("flags the spills as dynamic arrays (cm=1 → XLDAPR metadata), the data sheet last, valid XML", async () => {
    const names = await expectValidXml(file.zip);
    expect(names).toContain("xl/metadata.xml");
    for (const [i, model] of report.sheets.entries()) {
      const sheetXml = await file.part(`xl/worksheets/sheet${i + 1}.xml`);
      // the spills, and each other formula calling a CRM function (as Excel stores those)
      const arrays = model.spills.length + customFunctionCells(model).length;
      expect((sheetXml.match(/<f t="array"/g) ?? []).length).toBe(arrays);
      expect((sheetXml.match(/ cm="1"><f t="array"/g) ?? []).length).toBe(arrays);
    }
    expect(await file.part("xl/metadata.xml")).toContain(
      '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>'
    );
    expect(await file.part("xl/_rels/workbook.xml.rels")).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"'
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      ...report.sheets.map((s) => s.sheetName),
      "Sales",
    ]);
    expect(workbook.getWorksheet("Sales")!.getCell("C12").value).toBe(50);
  });
});

describe("the CDNOW master report as a workbook", () => {
  const cells = loadCdnowMasterCells();
  const rows: unknown[][] = [["customer", "date", "dollars"]];
  cells.customerIds.forEach((id, i) =>
    rows.push([id[0], cells.dates[i]![0], cells.amounts[i]![0]])
  );
  const report = sampleWorkbook(
    { asOf: serialFromYmd(1998, 6, 30), period: "month", inactiveDays: 90 },
    sampleSource(rows, { sheetName: "CDNOW" })
  );

  it("holds every cell of every sheet, its tables and charts, written to a file", async function () {
    this.timeout(60_000);
    const dir = await mkdtemp(path.join(tmpdir(), "crm-xlsx-"));
    try {
      const out = path.join(dir, "report.xlsx");
      await writeReportXlsx(report, out);
      const file = await readBack(await readFile(out));
      const workbook = file.sheet.workbook;
      expect(workbook.worksheets.map((s) => s.name)).toEqual(report.sheets.map((s) => s.sheetName));
      const checked = report.sheets.reduce(
        (sum, model, i) => sum + expectCellsMatch(workbook.worksheets[i]!, model),
        0
      );
      expect(checked).toBeGreaterThan(10_000);
      await expectValidXml(file.zip);
      expect(
        Object.keys(file.zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
      ).toHaveLength(report.sheets.reduce((sum, s) => sum + s.charts.length, 0));
      expect(
        Object.keys(file.zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))
      ).toHaveLength(report.sheets.reduce((sum, s) => sum + s.tables.length, 0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
