/**
 * The rows the .xlsx writer streams instead of building them in ExcelJS (src/cli/bulkRows.ts,
 * issue 14: the "Customers to act on" and "Customer value" tables hold every customer, SPEC §4,
 * ~200,000 rows for a 1,000,000-row file): which rows are streamed, their XML, and a
 * 50,000-row table written and read back by ExcelJS and by LibreOffice, value for value, its
 * native table, number formats, frozen panes and print titles as the model says.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { expect } from "../support/expect";
import {
  bulkRowsXml,
  rawBulkRuns,
  reportBulkRuns,
  rowTemplate,
  splitSheetPart,
  type BulkRun,
} from "../../src/cli/bulkRows";
import {
  MAX_CELL_TEXT,
  reportWorkbookBuffer,
  type CellTextWarning,
} from "../../src/cli/xlsxWriter";
import type { ReportModel, ReportValue } from "../../src/core/report/reportModel";

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

const HEADER = ["Customer", "Level", "Days", "Share", "Value", "Note", "Flag"];
const TEXT = ' <R&D> "café" 客户 ';

/** Row i of the big table: text, numbers (integers, fractions, empty), text to escape, booleans. */
function bodyRow(i: number): ReportValue[] {
  return [
    `C${String(i).padStart(6, "0")}`,
    ["red", "orange", "yellow"][i % 3]!,
    i % 365,
    (i % 1000) / 997,
    i % 7 === 0 ? null : 1234.5678 + i / 3,
    i % 1000 === 0 ? TEXT : null,
    i % 2 === 0,
  ];
}

/**
 * A sheet shaped like "Customers to act on": title and note, then a native table of `rows`
 * customers with number formats by column, a rule by formula, the header and id column frozen,
 * the header repeated on every printed page.
 */
function bigTable(rows: number): ReportModel {
  const body = Array.from({ length: rows }, (_, i) => bodyRow(i));
  const bodyRange = (column: number) => ({ row: 3, column, rows, columns: 1 });
  return {
    ...EMPTY,
    kind: "actions",
    sheetName: "Customers to act on",
    mode: "values",
    blocks: [
      { id: "title", row: 0, column: 0, values: [["Customers to act on"]] },
      { id: "note", row: 1, column: 0, values: [[`${rows} customers`]] },
      { id: "table", row: 2, column: 0, values: [HEADER, ...body] },
    ],
    numberFormats: [
      { range: bodyRange(2), format: "#,##0" },
      { range: bodyRange(3), format: "0.0%" },
      { range: bodyRange(4), format: "#,##0.00" },
    ],
    styles: [
      { range: { row: 0, column: 0, rows: 1, columns: 1 }, style: { bold: true, fontSize: 14 } },
    ],
    tables: [
      {
        name: "CrmBig",
        range: { row: 2, column: 0, rows: rows + 1, columns: 7 },
        style: "TableStyleMedium2",
      },
    ],
    conditionalFormats: [
      {
        kind: "formula",
        range: { row: 3, column: 0, rows, columns: 2 },
        formula: '=$B4="red"',
        fill: "#F8D7DA",
      },
    ],
    columnWidths: [{ column: 0, width: 60 }],
    rowHeights: [{ row: 1, height: 30 }],
    frozenRows: 3,
    frozenColumns: 1,
    pageSetup: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: { first: 2, last: 2 },
    },
    extent: { rows: rows + 3, columns: 7 },
  };
}

const plain = (run: BulkRun) => ({ template: run.template, last: run.last, column: run.column });

describe("reportBulkRuns: the rows streamed after a template row ExcelJS writes", () => {
  it("streams a table's body after its first data row; title, note and header go through ExcelJS", () => {
    const runs = reportBulkRuns(bigTable(100));
    // header row 2 is a run of its own (table boundary), the body rows 3…102 one run
    expect(runs.map(plain)).toEqual([{ template: 3, last: 102, column: 0 }]);
    expect(runs[0]!.columns).toBe(7);
    expect(runs[0]!.rowValues(102)).toEqual(bodyRow(99));
  });

  it("cuts runs at every range's first and last row, row heights, spills, shared rows and formulas", () => {
    const model = bigTable(100);
    const cut: ReportModel = {
      ...model,
      mode: "formulas",
      blocks: [
        ...model.blocks.slice(0, 2),
        {
          ...model.blocks[2]!,
          formulas: model.blocks[2]!.values.map((_, r) => [r === 51 ? "=1+1" : null]),
        },
        // a block beside rows 80–81
        { id: "beside", row: 80, column: 9, values: [["x"], ["y"]] },
      ],
      numberFormats: [
        ...model.numberFormats,
        { range: { row: 20, column: 5, rows: 10, columns: 1 }, format: "0" },
      ],
      rowHeights: [{ row: 60, height: 30 }],
      spills: [{ range: { row: 70, column: 0, rows: 2, columns: 1 }, formula: "=SEQUENCE(2)" }],
    };
    expect(reportBulkRuns(cut).map(plain)).toEqual(
      [
        { template: 3, last: 19, column: 0 },
        { template: 20, last: 29, column: 0 },
        { template: 30, last: 52 }, // formula at block row 51 = sheet row 53
        { template: 54, last: 59 }, // row height at 60
        { template: 61, last: 69 }, // spill at 70–71
        { template: 72, last: 79 }, // the block beside at 80–81
        { template: 82, last: 102 },
      ].map((run) => ({ column: 0, ...run }))
    );
  });

  it("streams raw rows in stretches of plain values (a Date goes through ExcelJS)", () => {
    const rows: unknown[][] = [
      ["id", "date"],
      ["a", 1],
      ["b", 2],
      ["c", new Date(0)],
      ["d", 3],
      ["e", 4, "x"],
    ];
    const runs = rawBulkRuns(rows);
    expect(runs.map(plain)).toEqual([
      { template: 0, last: 2, column: 0 },
      { template: 4, last: 5, column: 0 },
    ]);
    expect(runs[1]!.columns).toBe(3);
  });
});

describe("bulkRowsXml: the streamed rows as ExcelJS would write them", () => {
  const template = rowTemplate(
    '<sheetData><row r="4" spans="1:7" x14ac:dyDescent="0.25"><c r="A4" t="s"><v>0</v></c>' +
      '<c r="B4" s="3"/><c r="C4" s="17"><v>1</v></c></row></sheetData>',
    3
  );

  it("copies the template row's attributes (but r and spans) and each column's style", () => {
    expect(template).toEqual({
      attributes: ' x14ac:dyDescent="0.25"',
      styles: ["", ' s="3"', ' s="17"'],
    });
  });

  it("writes numbers, booleans, text and empty cells", () => {
    const values: unknown[][] = [
      [0.1 + 0.2, -0, 1e21],
      ["a<b & c", null, true],
      [TEXT, "", false],
      ["bell\u0007", Number.NaN, null],
    ];
    const run: BulkRun = {
      template: 3,
      last: 7,
      column: 0,
      columns: 3,
      rowValues: (r) => values[r - 4]!,
    };
    const xml = [...bulkRowsXml(run, template, (text) => text)].join("");
    expect(xml).toBe(
      '<row r="5" x14ac:dyDescent="0.25"><c r="A5"><v>0.30000000000000004</v></c><c r="B5" s="3"><v>0</v></c><c r="C5" s="17"><v>1e+21</v></c></row>' +
        '<row r="6" x14ac:dyDescent="0.25"><c r="A6" t="inlineStr"><is><t>a&lt;b &amp; c</t></is></c><c r="B6" s="3"/><c r="C6" s="17" t="b"><v>1</v></c></row>' +
        `<row r="7" x14ac:dyDescent="0.25"><c r="A7" t="inlineStr"><is><t xml:space="preserve"> &lt;R&amp;D&gt; "café" 客户 </t></is></c><c r="B7" s="3" t="inlineStr"><is><t></t></is></c><c r="C7" s="17" t="b"><v>0</v></c></row>` +
        // a control character XML cannot hold is its ST_Xstring escape, as Excel writes it
        // (ECMA-376 Part 1 §22.9.2.19; src/cli/cellText.ts); NaN is no number Excel stores
        '<row r="8" x14ac:dyDescent="0.25"><c r="A8" t="inlineStr"><is><t>bell_x0007_</t></is></c><c r="B8" s="3" t="e"><v>#NUM!</v></c><c r="C8" s="17"/></row>'
    );
    expect(XMLValidator.validate(`<sheetData>${xml}</sheetData>`)).toBe(true);
  });

  it("cuts text through the writer's fit, naming the 0-based row and column", () => {
    const seen: [number, number][] = [];
    const run: BulkRun = { template: 0, last: 1, column: 2, columns: 1, rowValues: () => ["long"] };
    const xml = [
      ...bulkRowsXml(run, { attributes: "", styles: [] }, (text, row, column) => {
        seen.push([row, column]);
        return text.slice(0, 2);
      }),
    ].join("");
    expect(xml).toBe('<row r="2"><c r="C2" t="inlineStr"><is><t>lo</t></is></c></row>');
    expect(seen).toEqual([[1, 2]]);
  });

  it("splits the sheet part where each run goes, and widens the dimension", () => {
    const sheet =
      '<worksheet><dimension ref="A1:C4"/><sheetData><row r="1"><c r="A1"/></row>' +
      '<row r="4"><c r="A4"/></row><row r="9"><c r="A9"/></row></sheetData><tableParts/></worksheet>';
    const run = (template: number, last: number): BulkRun => ({
      template,
      last,
      column: 0,
      columns: 5,
      rowValues: () => [],
    });
    const pieces = splitSheetPart(sheet, [run(3, 7), run(8, 20)]);
    expect(pieces).toEqual([
      '<worksheet><dimension ref="A1:E21"/><sheetData><row r="1"><c r="A1"/></row><row r="4"><c r="A4"/></row>',
      '<row r="9"><c r="A9"/></row>',
      "</sheetData><tableParts/></worksheet>",
    ]);
  });
});

describe("a 50,000-row table written to a workbook", () => {
  const ROWS = 50_000;
  const model = bigTable(ROWS);
  let bytes: Buffer;
  let zip: JSZip;
  before(async function () {
    this.timeout(60_000);
    bytes = await reportWorkbookBuffer(model);
    zip = await JSZip.loadAsync(bytes);
  });

  it("reads back in ExcelJS with every value, number formats to the last row, panes and print titles", async function () {
    this.timeout(120_000);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Customers to act on")!;
    expect(sheet.getCell("A1").value).toBe("Customers to act on");
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getRow(2).height).toBe(30);
    expect(sheet.getRow(3).values).toEqual([undefined, ...HEADER]);
    for (let i = 0; i < ROWS; i++) {
      const row = sheet.getRow(i + 4);
      bodyRow(i).forEach((value, c) => {
        const got = row.getCell(c + 1).value;
        if (value === null) expect(got ?? null, `row ${i + 4}`).toBeNull();
        else if (got !== value) expect(got, `${row.getCell(c + 1).address}`).toBe(value);
      });
    }
    const last = sheet.getRow(ROWS + 3);
    expect([last.getCell(3).numFmt, last.getCell(4).numFmt, last.getCell(5).numFmt]).toEqual([
      "#,##0",
      "0.0%",
      "#,##0.00",
    ]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", printTitlesRow: "3:3" });
  });

  it("has the native table and its filter over every row, the dimension and the rule to the last row", async () => {
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(table).toMatch(/<table\b[^>]* name="CrmBig"[^>]* ref="A3:G50003"/);
    expect(table).toContain('<autoFilter ref="A3:G50003"');
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).toContain('<dimension ref="A1:G50003"/>');
    expect(sheetXml).toContain('<conditionalFormatting sqref="A4:B50003">');
    expect((sheetXml.match(/<row /g) ?? []).length).toBe(ROWS + 3);
    expect(XMLValidator.validate(sheetXml)).toBe(true);
    // the streamed rows reuse the template row's styles: one style per formatted column
    expect(sheetXml).toMatch(/<c r="C50003" s="(\d+)"><v>\d+<\/v><\/c>/);
    expect(/<c r="C50003" s="(\d+)"/.exec(sheetXml)![1]).toBe(
      /<c r="C4" s="(\d+)"/.exec(sheetXml)![1]
    );
  });

  const soffice = ["soffice", "libreoffice"]
    .map((command) => {
      try {
        return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim();
      } catch {
        return "";
      }
    })
    .find(Boolean);

  it("opens in LibreOffice with every row (converted to CSV)", function () {
    this.timeout(240_000);
    if (!soffice) this.skip();
    const work = mkdtempSync(path.join(os.tmpdir(), "crm-bulk-"));
    try {
      const file = path.join(work, "big.xlsx");
      writeFileSync(file, bytes);
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${work}/profile`,
          "--headless",
          "--norestore",
          "--convert-to",
          // comma, quote, UTF-8, from line 1, cells as shown
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false",
          "--outdir",
          work,
          file,
        ],
        { stdio: "pipe", timeout: 180_000 }
      );
      const lines = readFileSync(path.join(work, "big.csv"), "utf8").trimEnd().split("\n");
      expect(lines).toHaveLength(ROWS + 3);
      expect(lines[2]).toBe(HEADER.join(","));
      // as formatted: #,##0 / 0.0% / #,##0.00, booleans as TRUE/FALSE
      expect(lines[3]).toBe('C000000,red,0,0.0%,,"' + TEXT.replace(/"/g, '""') + '",TRUE');
      expect(lines[ROWS + 2]).toBe(`C049999,orange,359,100.2%,"17,900.90",,FALSE`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("repeats a style wider than the table on every streamed row", async () => {
    const model = bigTable(20);
    const fill = "#EFF6FC";
    const wide: ReportModel = {
      ...model,
      styles: [
        ...model.styles,
        { range: { row: 3, column: 0, rows: 20, columns: 9 }, style: { fill } },
      ],
    };
    expect(reportBulkRuns(wide).map(plain)).toEqual([{ template: 3, last: 22, column: 0 }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportWorkbookBuffer(wide)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    for (const address of ["A4", "G4", "I4", "A23", "G23", "H23", "I23"])
      expect(sheet.getCell(address).fill, address).toMatchObject({ fgColor: { argb: "FFEFF6FC" } });
    expect(sheet.getCell("J23").fill).toBeUndefined();
    expect(sheet.getCell("C23").numFmt).toBe("#,##0");
  });

  it("reports text cut to Excel's limit in a streamed row with its sheet row", async () => {
    const long = bigTable(10);
    const values = long.blocks[2]!.values.map((row) => [...row]);
    values[8]![5] = "x".repeat(MAX_CELL_TEXT + 5);
    const cuts: CellTextWarning[] = [];
    const file = await reportWorkbookBuffer(
      { ...long, blocks: [...long.blocks.slice(0, 2), { ...long.blocks[2]!, values }] },
      { onCellTextCut: (cut) => cuts.push(cut) }
    );
    expect(cuts).toEqual([
      { sheet: "Customers to act on", row: 11, column: 6, length: MAX_CELL_TEXT + 5 },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    expect((workbook.worksheets[0]!.getCell("F11").value as string).length).toBe(MAX_CELL_TEXT);
  });
});

describe("the data sheet of the formulas mode, streamed", () => {
  it("holds every row as given, a Date row through ExcelJS", async function () {
    this.timeout(60_000);
    const rows: unknown[][] = [["customer", "date", "amount"]];
    for (let i = 0; i < 3000; i++)
      rows.push([`C${i}`, 45000 + (i % 300), i % 11 === 0 ? "12,50" : i / 4]);
    rows[1500] = ["D", new Date(Date.UTC(2024, 0, 5)), 3];
    const report = bigTable(3);
    const file = await reportWorkbookBuffer(report, { dataSheet: { name: "Sales", rows } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Sales")!;
    expect(sheet.rowCount).toBe(rows.length);
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        const got = sheet.getRow(r + 1).getCell(c + 1).value;
        if (value instanceof Date) expect((got as Date).getTime()).toBe(value.getTime());
        else if (got !== value) expect(got, `row ${r + 1}`).toBe(value);
      })
    );
  });
});
