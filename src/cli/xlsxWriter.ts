/**
 * The second adapter of the report model (SPEC §5; the first is src/taskpane/excelAdapter.ts):
 * writes a {@link ReportModel} into an .xlsx workbook with ExcelJS, the same cells, number
 * formats, styles, native tables, conditional formats and frozen rows, so the file and the
 * task pane's sheet cannot disagree. ExcelJS writes no charts, so the charts are added to the
 * package afterwards as DrawingML parts (chart, drawing, relationships, content types).
 */
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  cellAddress,
  rangeAddress,
  type CellStyle,
  type ReportChart,
  type ReportModel,
  type ReportValue,
  type SheetRange,
} from "../core/reportModel";

export interface XlsxWriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A sheet of raw rows written after the report (formulas mode: the transactions the `CRM.*`
   * formulas read, under the sheet name the model's formulas use).
   */
  readonly dataSheet?: { readonly name: string; readonly rows: readonly (readonly unknown[])[] };
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.bold !== undefined || style.italic !== undefined || style.fontSize !== undefined || style.fontColor !== undefined) {
    cell.font = {
      ...cell.font,
      ...(style.bold !== undefined ? { bold: style.bold } : {}),
      ...(style.italic !== undefined ? { italic: style.italic } : {}),
      ...(style.fontSize !== undefined ? { size: style.fontSize } : {}),
      ...(style.fontColor !== undefined ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill !== undefined) {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }
  if (style.horizontalAlignment || style.verticalAlignment || style.wrapText !== undefined) {
    const vertical = { Top: "top", Center: "middle", Bottom: "bottom" } as const;
    cell.alignment = {
      ...cell.alignment,
      ...(style.horizontalAlignment ? { horizontal: style.horizontalAlignment.toLowerCase() as "left" | "center" | "right" } : {}),
      ...(style.verticalAlignment ? { vertical: vertical[style.verticalAlignment] } : {}),
      ...(style.wrapText !== undefined ? { wrapText: style.wrapText } : {}),
    };
  }
  if (style.border !== undefined) {
    const side = { style: "thin" as const, color: { argb: argb(style.border) } };
    cell.border = { top: side, bottom: side, left: side, right: side };
  }
}

function eachCell(sheet: ExcelJS.Worksheet, range: SheetRange, visit: (cell: ExcelJS.Cell) => void): void {
  for (let r = 0; r < range.rows; r++) {
    const row = sheet.getRow(range.row + r + 1);
    for (let c = 0; c < range.columns; c++) visit(row.getCell(range.column + c + 1));
  }
}

function inSpill(model: ReportModel, row: number, column: number): boolean {
  return model.spills.some(
    (s) =>
      row >= s.range.row &&
      row < s.range.row + s.range.rows &&
      column >= s.range.column &&
      column < s.range.column + s.range.columns
  );
}

/** Builds the workbook (the report sheet, and the data sheet when asked) and returns its bytes. */
export async function reportWorkbookBuffer(model: ReportModel, options: XlsxWriteOptions = {}): Promise<Buffer> {
  const total = model.blocks.length + 4;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CRM Retention Analytics";
  const sheet = workbook.addWorksheet(model.sheetName, {
    views: model.frozenRows > 0 ? [{ state: "frozen", ySplit: model.frozenRows, showGridLines: false }] : [{ showGridLines: false }],
  });
  const formulas = model.mode === "formulas";

  // 1. Cells. In formulas mode a formula keeps its computed value as the cached result, so a
  // reader without the add-in (or LibreOffice) shows the numbers; a spill is written as an
  // array formula over the range it fills, its cells holding the computed values.
  for (const block of model.blocks) {
    block.values.forEach((values, r) => {
      const row = sheet.getRow(block.row + r + 1);
      values.forEach((value, c) => {
        const formula = formulas ? block.formulas?.[r]?.[c] : null;
        const at = { row: block.row + r, column: block.column + c };
        const spill = formulas ? model.spills.find((s) => s.range.row === at.row && s.range.column === at.column) : undefined;
        const cell = row.getCell(at.column + 1);
        if (spill) {
          cell.value = { formula: spill.formula.slice(1), result: resultOf(value), shareType: "array", ref: rangeAddress(spill.range) } as ExcelJS.CellValue;
        } else if (typeof formula === "string") {
          cell.value = { formula: formula.slice(1), result: resultOf(value) } as ExcelJS.CellValue;
        } else if (value !== null && !(formulas && inSpill(model, at.row, at.column))) {
          cell.value = value;
        }
      });
    });
    step();
  }

  // 2. Native tables (ExcelJS writes their cells itself, from the same values).
  const usedNames = new Set<string>();
  for (const table of model.tables) {
    const block = model.blocks.find(
      (b) => b.row === table.range.row && b.column === table.range.column && b.values.length === table.range.rows
    );
    if (!block) continue;
    const header = uniqueHeaders(block.values[0]!.map((v) => String(v ?? "")));
    let name = table.name;
    for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${table.name}_${n}`;
    usedNames.add(name.toLowerCase());
    sheet.addTable({
      name,
      ref: cellAddress(table.range.row, table.range.column),
      headerRow: true,
      style: { theme: table.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: header.map((h) => ({ name: h, filterButton: true })),
      rows: block.values.slice(1).map((row) => row.map((v) => (v === null ? null : v)) as ExcelJS.CellValue[]),
    });
  }
  step();

  // 3. Number formats and styles.
  for (const { range, format } of model.numberFormats) eachCell(sheet, range, (cell) => (cell.numFmt = format));
  for (const { range, style } of model.styles) eachCell(sheet, range, (cell) => applyStyle(cell, style));
  for (const { column, width } of model.columnWidths) sheet.getColumn(column + 1).width = Math.round((width / 7) * 10) / 10;
  step();

  // 4. Conditional formats.
  model.conditionalFormats.forEach((rule, i) => {
    const ref = rangeAddress(rule.range);
    if (rule.kind === "colorScale") {
      sheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "colorScale",
            priority: i + 1,
            cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
            color: [{ argb: argb(rule.minColor) }, { argb: argb(rule.midColor) }, { argb: argb(rule.maxColor) }],
          },
        ],
      });
    } else {
      sheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: "expression",
            priority: i + 1,
            formulae: [rule.formula.replace(/^=/, "")],
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.fill) } },
              ...(rule.fontColor ? { font: { color: { argb: argb(rule.fontColor) } } } : {}),
            },
          },
        ],
      });
    }
  });

  if (options.dataSheet) {
    const data = workbook.addWorksheet(options.dataSheet.name);
    for (const row of options.dataSheet.rows) data.addRow(row as ExcelJS.CellValue[]);
  }
  step();

  // ExcelJS stores its parts uncompressed; the package is compressed once, when the charts are
  // added (compressing twice was a third of the time on a million rows).
  const stored = Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions));
  const packed = await addCharts(stored, model);
  step();
  return packed;
}

/** Writes the workbook to `path`. */
export async function writeReportXlsx(model: ReportModel, path: string, options: XlsxWriteOptions = {}): Promise<void> {
  await writeFile(path, await reportWorkbookBuffer(model, options));
}

function resultOf(value: ReportValue): ExcelJS.CellValue {
  return value === null ? undefined : value;
}

function uniqueHeaders(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name, i) => {
    let unique = name.trim() === "" ? `Column${i + 1}` : name;
    for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

// ─── Charts (DrawingML, added to the package) ────────────────────────────────────────────

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
};

function xml(text: string): string {
  // Attributes are double-quoted, so apostrophes (quoted sheet names) stay as they are.
  return text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);
}

function ref(sheetName: string, range: SheetRange): string {
  return `'${sheetName.replace(/'/g, "''")}'!${rangeAddress(range, true)}`;
}

/** The chart part of one ReportChart: series from its data columns, categories from its first. */
export function chartXml(model: ReportModel, chart: ReportChart): string {
  const { data } = chart;
  const columns = chart.seriesColumns ?? Array.from({ length: data.columns - 1 }, (_, i) => i + 1);
  const categories: SheetRange = { row: data.row + 1, column: data.column, rows: data.rows - 1, columns: 1 };
  const series = columns
    .map((offset, i) => {
      const name: SheetRange = { row: data.row, column: data.column + offset, rows: 1, columns: 1 };
      const values: SheetRange = { row: data.row + 1, column: data.column + offset, rows: data.rows - 1, columns: 1 };
      const marker = chart.kind === "line" ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' : "";
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${xml(ref(model.sheetName, name))}</c:f></c:strRef></c:tx>${marker}` +
        `<c:cat><c:strRef><c:f>${xml(ref(model.sheetName, categories))}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${xml(ref(model.sheetName, values))}</c:f></c:numRef></c:val>` +
        (chart.kind === "line" ? '<c:smooth val="0"/>' : "") +
        `</c:ser>`
      );
    })
    .join("");
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const plot =
    chart.kind === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : chart.kind === "columnClustered"
        ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axes}</c:barChart>`
        : `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  const axisXml =
    chart.kind === "pie"
      ? ""
      : `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
        `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/>` +
        `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
        `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
        `<c:axPos val="l"/><c:majorGridlines/>` +
        `<c:numFmt formatCode="${xml(chart.valueAxisFormat ?? "General")}" sourceLinked="${chart.valueAxisFormat ? 0 : 1}"/>` +
        `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${xml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}${axisXml}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

function anchorXml(chart: ReportChart, index: number): string {
  const p = chart.position;
  const marker = (tag: string, column: number, row: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker("from", p.column, p.row)}${marker("to", p.column + p.columns, p.row + p.rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${xml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rIdChart${index + 1}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** Adds the model's charts to the first sheet of an ExcelJS-written package, and compresses it. */
async function addCharts(bytes: Buffer, model: ReportModel): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  if (model.charts.length === 0) {
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
  const sheetPath = "xl/worksheets/sheet1.xml";
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const existing = Object.keys(zip.files).filter((name) => /^xl\/drawings\/drawing\d+\.xml$/.test(name)).length;
  const drawingNumber = existing + 1;
  const drawingPath = `xl/drawings/drawing${drawingNumber}.xml`;

  const drawingRels: string[] = [];
  const anchors: string[] = [];
  const overrides: string[] = [];
  const firstChart = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).length + 1;
  model.charts.forEach((chart, i) => {
    const number = firstChart + i;
    zip.file(`xl/charts/chart${number}.xml`, chartXml(model, chart));
    drawingRels.push(`<Relationship Id="rIdChart${i + 1}" Type="${NS.chartRel}" Target="../charts/chart${number}.xml"/>`);
    anchors.push(anchorXml(chart, i));
    overrides.push(
      `<Override PartName="/xl/charts/chart${number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
    );
  });
  zip.file(
    drawingPath,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join("")}</xdr:wsDr>`
  );
  zip.file(
    `xl/drawings/_rels/drawing${drawingNumber}.xml.rels`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${drawingRels.join("")}</Relationships>`
  );
  overrides.push(
    `<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
  );

  // The sheet's relationship to the drawing, and its <drawing> element in schema order: after
  // conditionalFormatting … headerFooter, before legacyDrawing, tableParts and extLst.
  const relId = "rIdCrmDrawing";
  const relation = `<Relationship Id="${relId}" Type="${NS.drawingRel}" Target="../drawings/drawing${drawingNumber}.xml"/>`;
  const rels = await zip.file(relsPath)?.async("string");
  zip.file(
    relsPath,
    rels
      ? rels.replace("</Relationships>", `${relation}</Relationships>`)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">${relation}</Relationships>`
  );
  let sheetXml = (await zip.file(sheetPath)!.async("string")).replace(/<drawing [^>]*\/>/, "");
  if (!/xmlns:r="/.test(sheetXml.slice(0, 600))) {
    sheetXml = sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
  }
  const drawing = `<drawing r:id="${relId}"/>`;
  const before = ["<legacyDrawing", "<legacyDrawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];
  const at = Math.min(...before.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
  sheetXml = sheetXml.slice(0, at) + drawing + sheetXml.slice(at);
  zip.file(sheetPath, sheetXml);

  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
