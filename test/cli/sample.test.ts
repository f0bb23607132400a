/**
 * The sample workbook (samples/cdnow-sample.xlsx, made by scripts/make-sample.mjs from the CDNOW
 * sample with `crm-report --formulas`): regenerated into a temporary folder with the built
 * command (run this file under the dist lock after the build), it has the report's sheets, the
 * Functions sheet (every worksheet function, live: scripts/sample-functions.mjs) and the
 * transactions, and every CRM call as Excel stores it; the committed file has the same
 * sheets and calls the same functions. Not byte for byte: the workbook holds the time it was
 * made, and the writer changes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { expect } from "../support/expect";
import { storedFunctionName } from "../../src/cli/storedFormula";
import { evaluate } from "../support/formulaEngine";
import { expectStoredForm, formulaCells } from "../support/storedForm";

const COMMITTED = path.resolve("samples/cdnow-sample.xlsx");

async function sheetNames(bytes: Buffer): Promise<string[]> {
  const workbook = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
  return [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
}

/** Every custom function id the add-in declares (`@customfunction ID [NAME]` in src/functions/). */
function declaredIds(): string[] {
  const dir = path.resolve("src/functions");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".functions.ts"))
    .flatMap((f) =>
      [...readFileSync(path.join(dir, f), "utf8").matchAll(/@customfunction\s+([\w.]+)/g)].map(
        (m) => m[1]!
      )
    );
}

interface FunctionsSheet {
  /** the sheet's part */
  xml: string;
  /** A1 address → the cell's XML */
  cells: Map<string, string>;
  /** the text of an inline-string cell */
  text(ref: string): string | undefined;
  /** the cached number of a cell */
  number(ref: string): number | undefined;
}

/** The "Functions" sheet of a sample workbook, found through xl/workbook.xml and its relationships. */
async function functionsSheet(bytes: Buffer): Promise<FunctionsSheet> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = /<sheet [^>]*name="Functions"[^>]*r:id="([^"]+)"/.exec(workbook)![1]!;
  const target = new RegExp(`<Relationship Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
  const xml = await zip.file(`xl/${target}`)!.async("string");
  const cells = new Map(
    [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => [m[1]!, m[0]])
  );
  return {
    xml,
    cells,
    text: (ref) => /<t[^>]*>([^<]*)<\/t>/.exec(cells.get(ref) ?? "")?.[1],
    number: (ref) => {
      const cell = cells.get(ref) ?? "";
      const v = /<v>([^<]*)<\/v>/.exec(cell)?.[1];
      return v === undefined || / t="/.test(cell.replace(/<f[\s\S]*<\/f>/, ""))
        ? undefined
        : Number(v);
    },
  };
}

/** The row (1-based) whose column A names `CRM.<id>` on the Functions sheet. */
function rowOf(sheet: FunctionsSheet, id: string): number {
  for (const [ref] of sheet.cells) {
    const m = /^A(\d+)$/.exec(ref);
    if (m && sheet.text(ref) === `CRM.${id}`) return Number(m[1]);
  }
  throw new Error(`no row for CRM.${id}`);
}

describe("samples/cdnow-sample.xlsx", () => {
  let fresh: Buffer;
  before(function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), "crm-sample-"));
    const result = spawnSync(
      process.execPath,
      ["scripts/make-sample.mjs", "--no-build", "--out", dir],
      { encoding: "utf8" }
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Wrote .*cdnow-sample\.xlsx \(sheets "Retention summary", .*\)\.\nAdded sheet "Functions": the (\d+) worksheet functions, live\.\n$/
    );
    expect(Number(/the (\d+) worksheet/.exec(result.stdout)![1])).toBe(declaredIds().length);
    fresh = readFileSync(path.join(dir, "cdnow-sample.xlsx"));
  });

  it("regenerates with the report's four sheets and the CDNOW transactions", async () => {
    expect(await sheetNames(fresh)).toEqual([
      "Retention summary",
      "Customers to act on",
      "Customer value",
      "Model",
      "Functions",
      "CDNOW_sample",
    ]);
    // the data sheet holds the file's 6,919 lines (no header): master id, sample id, date, CDs, $
    const data = await (
      await JSZip.loadAsync(fresh)
    )
      .file("xl/worksheets/sheet5.xml")!
      .async("string");
    expect(data).toContain('<row r="6919"');
    expect(data).not.toContain('<row r="6920"');
  });

  it("holds every CRM call in Excel's stored form, in dynamic-array cells", async () => {
    const called = await expectStoredForm(fresh);
    // the report's live formulas (src/core/report/): summary KPIs, segments, grades, alerts,
    // the cohort and churn-trend spills on the Model sheet
    for (const name of [
      "_xldudf_CRM_CHURNTREND",
      "_xldudf_CRM_COHORTS",
      "_xldudf_CRM_GRADE",
      "_xldudf_CRM_RFMSEGMENTS",
      "_xldudf_CRM_RFMALERT",
      "_xldudf_CRM_REPEATRATE_TX",
    ])
      expect(called).toContain(name);
  });

  it("shows every worksheet function on its Functions sheet, live, in stored form", async () => {
    const sheet = await functionsSheet(fresh);
    const formulas = new Map(formulaCells(sheet.xml).map((c) => [c.ref, c]));
    const ids = declaredIds();
    expect(ids.length).toBe(35);
    for (const id of ids) {
      const row = rowOf(sheet, id);
      // the row: name as typed, the description, the formula as typed, the live formula in D
      expect(sheet.text(`B${row}`), id).toMatch(/\w/);
      expect(sheet.text(`C${row}`), id).toMatch(
        new RegExp(`^=.*\\bCRM\\.${id.replace(/\./g, "\\.")}\\(`)
      );
      const live = formulas.get(`D${row}`);
      expect(live, `${id}: no formula in D${row}`).toBeDefined();
      expect(live!.formula, id).toContain(`${storedFunctionName(id)}(`);
      // a cached value in the cell, so the sheet shows it before the add-in recalculates
      expect(sheet.cells.get(`D${row}`), id).toMatch(/<v>[^<]+<\/v><\/c>$/);
      // a spill caches every cell it covers but empty ones: at least its last row
      const spill = / ref="[A-Z]+\d+:([A-Z]+)(\d+)"/.exec(live!.f);
      if (spill) expect(sheet.cells.has(`D${spill[2]}`), `${id} spill`).toBe(true);
    }
    // the model functions use the one fitted model: CLVFIT's spill (D76# → ANCHORARRAY(D76))
    const fit = `D${rowOf(sheet, "CLVFIT")}`;
    for (const id of [
      "PALIVE.MODEL",
      "EXPECTEDPURCHASES.MODEL",
      "EXPECTEDSPEND.MODEL",
      "PREDICTEDCLV.MODEL",
    ])
      expect(formulas.get(`D${rowOf(sheet, id)}`)!.formula).toContain(
        `${storedFunctionName(id)}(_xlfn.ANCHORARRAY(${fit}),`
      );
    expect(formulas.get(fit)!.f).toMatch(/ ref="D\d+:F\d+"/); // 17 rows × 3 columns
  });

  it("caches the values of the documented examples on the Functions sheet", async () => {
    const sheet = await functionsSheet(fresh);
    const value = (id: string, rowsDown = 0, columnsRight = 0) =>
      sheet.number(`${String.fromCharCode(68 + columnsRight)}${rowOf(sheet, id) + rowsDown}`);
    // each the documented @example of the function (src/functions/*.functions.ts), to its digits
    const documented: [string, number, number, number?, number?][] = [
      ["CHURNRATE", 0.05, 2],
      ["RELATIVECHURN", 0.2, 1],
      ["RETENTIONRATE", 0.9, 1],
      ["REPEATRATE", 0.3, 1],
      ["CLV", 600, 0],
      ["CLVANNUITY", 248.685, 3],
      ["CLVRETENTION", 266.67, 2],
      ["NPS", 9.52, 2],
      ["NPS.SCORES", 40, 0],
      ["CSAT", 0.5, 1],
      ["RESIDUALLIFETIME", 7.53, 2],
      // the CDNOW examples, customer 1 (00004) of the sample: x 2, t_x 30.43, T 38.86 weeks
      ["CLVFIT", 0.2426, 4, 1, 1], // r
      ["PALIVE.MODEL", 0.7266, 4],
      ["EXPECTEDPURCHASES.MODEL", 1.226, 3],
      // 24.66 in the example, on the published summary's zbar 22.35; the sample's own is 22.345
      ["EXPECTEDSPEND.MODEL", 24.65, 2],
      ["PREDICTEDCLV.MODEL", 36.6, 2],
      ["CLVHOLDOUT", 0.2251, 4, 1, 3], // expected mean of the customers without repeat purchases
      ["RETENTIONFORECAST", 460.4, 1, 1, 1], // expected survivors in period 8
    ];
    for (const [id, expected, decimals, down, right] of documented)
      expect(Math.abs(value(id, down, right)! - expected), id).toBeLessThanOrEqual(
        0.5 * 10 ** -decimals + 1e-12
      );
  });

  it("caches what the test formula engine gives for its one-value formulas", async function () {
    this.timeout(120_000);
    // The script computes the cached values by calling the built functions itself; HyperFormula
    // with the same bundle (test/support/formulaEngine.ts) evaluates the typed formulas that
    // return one value, over the data sheet's cells as the file holds them (text stays text).
    const zip = await JSZip.loadAsync(fresh);
    const data = await zip.file("xl/worksheets/sheet5.xml")!.async("string");
    const shared = [
      ...(await zip.file("xl/sharedStrings.xml")!.async("string")).matchAll(/<si><t>([^<]*)</g),
    ].map((m) => m[1]!);
    const cells: (string | number)[][] = [];
    for (const m of data.matchAll(
      /<c r="([A-E])(\d+)"([^>]*)>(?:<is><t>([^<]*)<\/t><\/is>|<v>([^<]*)<\/v>)/g
    )) {
      // text cells (inline or shared) kept text in the engine by a leading ', numbers numbers
      const shown = / t="s"/.test(m[3]!) ? shared[Number(m[5])] : m[4];
      (cells[Number(m[2]) - 1] ??= [])["ABCDE".indexOf(m[1]!)] =
        shown === undefined ? Number(m[5]) : `'${shown}`;
    }
    expect(cells.length).toBe(6919);
    const sheet = await functionsSheet(fresh);
    let checked = 0;
    for (const [ref] of sheet.cells) {
      const typed = /^C(\d+)$/.test(ref) ? sheet.text(ref) : undefined;
      const row = ref.slice(1);
      const cached = sheet.number(`D${row}`);
      if (!typed?.startsWith("=") || cached === undefined || /TAKE|LET|#/.test(typed)) continue;
      if (/ ref="D\d+:/.test(sheet.cells.get(`D${row}`)!)) continue; // spills
      const formula = typed.replace(/&quot;/g, '"').replace(/CDNOW_sample!/g, "");
      expect(evaluate(formula, cells), typed).toBeCloseTo(cached, 12);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it("is committed in the same form: the same sheets, the same functions called", async () => {
    const committed = readFileSync(COMMITTED);
    expect(await sheetNames(committed)).toEqual(await sheetNames(fresh));
    expect([...(await expectStoredForm(committed))].sort()).toEqual(
      [...(await expectStoredForm(fresh))].sort()
    );
  });
});
