/**
 * The "Functions" sheet of the sample workbook (scripts/make-sample.mjs): every worksheet
 * function of the add-in, one block each, on the sample's own transactions sheet: the name as
 * typed (`CRM.PALIVE.MODEL`), the one-line description from the built metadata
 * (dist/functions.json), the formula as text, and the formula itself, live.
 *
 * The formulas are stored as Excel stores them, through the writer's own converters:
 * `fileFormula` (src/cli/xlsxWriter.ts: `D30#` → `_xlfn.ANCHORARRAY(D30)`, `TAKE` → `_xlfn.TAKE`,
 * `LET` names as `_xlpm.`) and `storedFormula` (src/cli/storedFormula.ts: `CRM.PALIVE.MODEL(` →
 * `_xldudf_CRM_PALIVE_MODEL(`), and every cell holding one is a dynamic array (`cm="1"`,
 * `t="array"`, `ref` its spill range), as the report's formulas are. Each formula's value is
 * cached in the file, computed by the built functions bundle (dist/functions.js, run as
 * test/support/builtAddin.ts runs it) on the arguments Excel would hand it: the data sheet's
 * cells as the file holds them, inline arrays as 2-D arrays, omitted arguments as null. A spill
 * caches every cell it covers, so the sheet shows the numbers before the add-in recalculates.
 *
 * Formula and value come from one description ({@link entries}): a small expression tree
 * rendered to the typed formula and evaluated with the built functions, so they cannot disagree.
 * Only the few Excel functions the sheet uses are evaluated here (TAKE, CHOOSECOLS, LET).
 *
 * The workbook the command line wrote is changed as a package (JSZip): a new worksheet part, its
 * entry in xl/workbook.xml (before the data sheet), the relationship, the content type, the sheet
 * in docProps/app.xml, five cell formats and a date format appended to xl/styles.xml. The report's own parts are left as they are.
 */
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import JSZip from "jszip";

/** The sheet's name in the workbook (en). */
export const FUNCTIONS_SHEET = "Functions";

// ─── The built add-in ───────────────────────────────────────────────────────────────────

/** An error value of a cell, as a custom function raises it (`CustomFunctions.Error`). */
class CellError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}

const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

/** dist/functions.json and the functions dist/functions.js associates, by id (upper case). */
function loadBuiltAddin(dist) {
  for (const file of ["functions.js", "functions.json"])
    if (!fs.existsSync(path.join(dist, file)))
      throw new Error(
        `${path.join(dist, file)} is missing: build the add-in first (npm run build)`
      );
  const metadata = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"));
  const implementations = new Map();
  const CustomFunctions = {
    Error: CellError,
    ErrorCode: ERROR_CODES,
    associate(idOrMappings, fn) {
      if (typeof idOrMappings === "string") implementations.set(idOrMappings.toUpperCase(), fn);
      else
        for (const [id, f] of Object.entries(idOrMappings))
          implementations.set(id.toUpperCase(), f);
    },
  };
  const context = { CustomFunctions, console };
  context.self = context;
  context.window = context;
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(dist, "functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return { metadata, implementations };
}

/**
 * `fileFormula` and `storedFormula` from the sources (the writer's converters), bundled in
 * memory. They use no package; the packages the writer's module imports are stubbed so the
 * bundle loads from a data: URL without a file.
 */
async function loadConverters(root) {
  const result = await build({
    stdin: {
      contents:
        'export { storedFormula } from "./src/cli/storedFormula.ts";\n' +
        'export { fileFormula } from "./src/cli/xlsxWriter.ts";\n',
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "stub-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.kind === "entry-point" ? undefined : { path: args.path, namespace: "stub" }
          );
          b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
            contents: "module.exports = {};",
            loader: "js",
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

// ─── Cells and addresses ────────────────────────────────────────────────────────────────

function columnName(column) {
  let name = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function columnIndex(name) {
  let n = 0;
  for (const ch of name) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** A1 address of a 0-based row and column. */
const address = (row, column) => `${columnName(column)}${row + 1}`;

function escapeXml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function unescapeXml(text) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** A sheet name as a formula refers to it: quoted unless it is a plain name. */
function sheetRef(name) {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/**
 * The cells of a worksheet part as Excel would pass them to a function: text as strings
 * (shared or inline), numbers as numbers, booleans as booleans; `grid[row][column]`, 0-based.
 */
function readSheetCells(xml, sharedStrings) {
  const grid = [];
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, col, row, attributes, body = ""] = m;
    const type = /\bt="(\w+)"/.exec(attributes)?.[1];
    let value = null;
    if (type === "inlineStr")
      value = unescapeXml([...body.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(""));
    else {
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      if (v === undefined) continue;
      if (type === "s") value = sharedStrings[Number(v)];
      else if (type === "str") value = unescapeXml(v);
      else if (type === "b") value = v === "1";
      else if (type === "e") value = new CellError(v);
      else value = Number(v);
    }
    const r = Number(row) - 1;
    while (grid.length <= r) grid.push([]);
    grid[r][columnIndex(col)] = value;
  }
  return grid;
}

function readSharedStrings(xml) {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    unescapeXml([...si[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(""))
  );
}

// ─── The expression tree: typed formula and value from one description ─────────────────

const str = (value) => ({ kind: "literal", value, text: `"${value.replace(/"/g, '""')}"` });
const num = (value) => ({ kind: "literal", value, text: String(value) });
const bool = (value) => ({ kind: "literal", value, text: value ? "TRUE" : "FALSE" });
/** An array constant, `{1;2;3}` for one column: `rows` is a 2-D array of numbers and strings. */
const array = (rows) => ({ kind: "array", rows });
/** An argument left out (`F(a, , c)`), which Excel passes as null. */
const omitted = { kind: "omitted" };
/** The data sheet's column (A, C, E), all its rows. */
const data = (column) => ({ kind: "data", column });
/** A block of cells of an earlier entry's result, rows and columns from its top-left cell. */
const cellsOf = (key, row, column, rows = 1, columns = 1) => ({
  kind: "cells",
  key,
  row,
  column,
  rows,
  columns,
});
/** An earlier entry's whole spill: `D30#`. */
const spillOf = (key) => ({ kind: "spill", key });
const crm = (id, ...args) => ({ kind: "crm", id, args });
const excel = (name, ...args) => ({ kind: "excel", name, args });
const TAKE = (x, n) => excel("TAKE", x, num(n));
const CHOOSECOLS = (x, c) => excel("CHOOSECOLS", x, num(c));
const LET = (name, value, body) => ({ kind: "let", name, value, body });
const nameRef = (name) => ({ kind: "name", name });

/** Rows of a long result shown on the sheet (the header and five customers). */
const SHOWN = 6;

/**
 * One block per worksheet function, by topic: counts, transactions, the predictive models,
 * subscriptions. `id` is the function and names the block for later blocks' references
 * (`cellsOf`, `spillOf`); `expr` is the live formula. The sheet must list every function the
 * built metadata has (checked in {@link addFunctionsSheet}). The arguments are the documented
 * `@example`s' where they fit (src/functions/*.functions.ts), on the sample's data sheet.
 */
function entries() {
  const ids = data("A");
  const dates = data("C");
  const amounts = data("E");
  const CAL = str("1997-09-30");
  const HOLDOUT = str("1998-06-30");
  const WEEK = str("week");
  const AS_OF = str("1998-06-30");
  const FROM = str("1998-01-01");
  const cohort = array([[1000], [869], [743], [653], [593], [551], [517], [491]]);
  // the CLVSUMMARY block shows customers 1–5 in its rows 2–6: x, t_x, T, monetary in columns 2–5
  const summary = (column) => cellsOf("CLVSUMMARY", 1, column, SHOWN - 1, 1);
  const fit = spillOf("CLVFIT");
  const summaryColumn = (c) => CHOOSECOLS(nameRef("s"), c);
  return [
    // counts and rates: the counts typed in
    { id: "CHURNRATE", expr: crm("CHURNRATE", num(50), num(1000)) },
    { id: "RELATIVECHURN", expr: crm("RELATIVECHURN", num(10), num(100), num(200), num(100)) },
    { id: "RETENTIONRATE", expr: crm("RETENTIONRATE", num(100), num(30), num(120)) },
    { id: "REPEATRATE", expr: crm("REPEATRATE", num(150), num(500)) },
    { id: "CLV", expr: crm("CLV", num(50), num(2), num(24), num(0.25)) },
    { id: "CLVANNUITY", expr: crm("CLVANNUITY", num(100), num(0.1), num(3)) },
    { id: "CLVRETENTION", expr: crm("CLVRETENTION", num(100), num(0.8), num(0.1), num(0)) },
    { id: "NPS", expr: crm("NPS", num(100), num(30), num(80)) },
    { id: "NPS.SCORES", expr: crm("NPS.SCORES", array([[10, 9, 9, 7, 2]])) },
    { id: "CSAT", expr: crm("CSAT", array([[5], [4], [3], [2]])) },
    // the same rates from the CDNOW transactions
    { id: "CHURNRATE.TX", expr: crm("CHURNRATE.TX", ids, dates, FROM, AS_OF, num(90)) },
    { id: "RETENTIONRATE.TX", expr: crm("RETENTIONRATE.TX", ids, dates, FROM, AS_OF, num(90)) },
    {
      id: "RELATIVECHURN.TX",
      expr: crm("RELATIVECHURN.TX", ids, dates, amounts, FROM, AS_OF, num(90)),
    },
    { id: "REPEATRATE.TX", expr: crm("REPEATRATE.TX", ids, dates, FROM, AS_OF) },
    { id: "TOPSHARE", expr: crm("TOPSHARE", ids, amounts) },
    { id: "CHURNTREND", expr: crm("CHURNTREND", ids, dates, str("quarter"), num(90), AS_OF) },
    {
      id: "COHORTS",
      expr: crm("COHORTS", ids, dates, omitted, str("quarter"), omitted, omitted, AS_OF),
    },
    { id: "RFMSEGMENTS", expr: TAKE(crm("RFMSEGMENTS", ids, dates, amounts, AS_OF), SHOWN) },
    { id: "RFMALERT", expr: TAKE(crm("RFMALERT", ids, dates, amounts, AS_OF), SHOWN) },
    { id: "GRADE", expr: TAKE(crm("GRADE", ids, dates, AS_OF), SHOWN) },
    // the predictive models: calibration to 1997-09-30, in weeks (the published CDNOW split)
    {
      id: "CLVSUMMARY",
      expr: TAKE(crm("CLVSUMMARY", ids, dates, amounts, CAL, WEEK), SHOWN),
    },
    { id: "CLVFIT", expr: crm("CLVFIT", ids, dates, amounts, CAL, WEEK) },
    {
      id: "PALIVE.MODEL",
      expr: crm("PALIVE.MODEL", fit, summary(1), summary(2), summary(3)),
    },
    {
      id: "EXPECTEDPURCHASES.MODEL",
      expr: crm("EXPECTEDPURCHASES.MODEL", fit, summary(1), summary(2), summary(3), num(39)),
    },
    {
      id: "EXPECTEDSPEND.MODEL",
      expr: crm("EXPECTEDSPEND.MODEL", fit, summary(1), summary(4)),
    },
    {
      id: "PREDICTEDCLV.MODEL",
      expr: crm(
        "PREDICTEDCLV.MODEL",
        fit,
        summary(1),
        summary(2),
        summary(3),
        summary(4),
        num(52),
        num(0.002)
      ),
    },
    { id: "PALIVE", expr: TAKE(crm("PALIVE", ids, dates, CAL, WEEK), SHOWN) },
    {
      id: "EXPECTEDPURCHASES",
      expr: TAKE(crm("EXPECTEDPURCHASES", ids, dates, CAL, WEEK, num(39)), SHOWN),
    },
    {
      id: "PREDICTEDCLV",
      expr: TAKE(crm("PREDICTEDCLV", ids, dates, amounts, CAL, WEEK, num(52), num(0.002)), SHOWN),
    },
    {
      id: "PREDICTEDCLV.SUMMARY",
      expr: LET(
        "s",
        crm("CLVSUMMARY", ids, dates, amounts, CAL, WEEK, bool(false)),
        TAKE(
          crm(
            "PREDICTEDCLV.SUMMARY",
            summaryColumn(1),
            summaryColumn(2),
            summaryColumn(3),
            summaryColumn(4),
            summaryColumn(5),
            WEEK,
            num(52),
            num(0.002)
          ),
          SHOWN
        )
      ),
    },
    { id: "CLVHOLDOUT", expr: crm("CLVHOLDOUT", ids, dates, CAL, HOLDOUT, WEEK) },
    // subscriptions: survivor counts of a cohort (Fader & Hardie's "regular" cohort)
    { id: "RETENTIONFIT", expr: crm("RETENTIONFIT", cohort) },
    { id: "RETENTIONFORECAST", expr: crm("RETENTIONFORECAST", cohort, num(5)) },
    { id: "RESIDUALLIFETIME", expr: crm("RESIDUALLIFETIME", cohort, num(0.1)) },
    {
      id: "SURVIVORS",
      expr: crm(
        "SURVIVORS",
        array([["A"], ["B"], ["C"]]),
        array([["2024-03-01"], ["2024-03-09"], ["2024-04-01"]]),
        array([["2024-04-18"], [""], [""]]),
        str("month"),
        str("2024-05-31")
      ),
    },
  ];
}

/** An array constant as typed: columns by `,`, rows by `;`. */
function arrayText(rows) {
  const cell = (v) => (typeof v === "string" ? str(v).text : String(v));
  return `{${rows.map((row) => row.map(cell).join(",")).join(";")}}`;
}

/** A value as a 2-D array (a scalar is 1 × 1). */
const asMatrix = (value) => (Array.isArray(value) ? value : [[value]]);

/** A 2-D result of one cell is that cell, as Excel shows it. */
const simplify = (value) =>
  Array.isArray(value) && value.length === 1 && value[0].length === 1 ? value[0][0] : value;

/**
 * Renders (`text`) and evaluates (`value`) expressions of one sheet. `context` holds the data
 * sheet (name, cells, rows), the placed entries by key (anchor and value) and the add-in.
 */
function evaluator(context) {
  const { dataSheet, dataCells, dataRows, placed, implementations } = context;
  // the data sheet has no header row: the command line copies the file's lines as they are
  const firstDataRow = 0;

  function text(node) {
    switch (node.kind) {
      case "literal":
        return node.text;
      case "array":
        return arrayText(node.rows);
      case "omitted":
        return "";
      case "data": {
        const c = node.column;
        return `${sheetRef(dataSheet)}!$${c}$${firstDataRow + 1}:$${c}$${dataRows}`;
      }
      case "cells": {
        const at = placed.get(node.key);
        if (!at) throw new Error(`${node.key} is referred to before it is placed`);
        const from = address(at.row + node.row, at.column + node.column);
        const to = address(
          at.row + node.row + node.rows - 1,
          at.column + node.column + node.columns - 1
        );
        return from === to ? from : `${from}:${to}`;
      }
      case "spill": {
        const at = placed.get(node.key);
        if (!at) throw new Error(`${node.key} is referred to before it is placed`);
        return `${address(at.row, at.column)}#`;
      }
      case "crm":
        return `CRM.${node.id}(${node.args.map((a) => text(a)).join(", ")})`;
      case "excel":
        return `${node.name}(${node.args.map((a) => text(a)).join(", ")})`;
      case "let":
        return `LET(${node.name}, ${text(node.value)}, ${text(node.body)})`;
      case "name":
        return node.name;
      default:
        throw new Error(`unknown node ${node.kind}`);
    }
  }

  function call(id, args) {
    const implementation = implementations.get(id.toUpperCase());
    if (!implementation) throw new Error(`the built add-in has no function ${id}`);
    try {
      const result = implementation(...args);
      if (result && typeof result.then === "function")
        throw new Error(
          `${id} returned a promise: the sample evaluates synchronous functions only`
        );
      return result;
    } catch (error) {
      if (error instanceof CellError) return error;
      throw error;
    }
  }

  function value(node, scope = new Map()) {
    switch (node.kind) {
      case "literal":
        return node.value;
      case "array":
        return node.rows.map((row) => [...row]);
      case "omitted":
        return null;
      case "data": {
        const c = columnIndex(node.column);
        const column = [];
        for (let r = firstDataRow; r < dataRows; r++) column.push([dataCells[r]?.[c] ?? null]);
        return column;
      }
      case "cells": {
        const at = placed.get(node.key);
        const block = asMatrix(at.value);
        const out = [];
        for (let r = 0; r < node.rows; r++) {
          const row = [];
          for (let c = 0; c < node.columns; c++)
            row.push(block[node.row + r]?.[node.column + c] ?? null);
          out.push(row);
        }
        return simplify(out);
      }
      case "spill":
        return placed.get(node.key).value;
      case "crm":
        return call(
          node.id,
          node.args.map((a) => value(a, scope))
        );
      case "excel": {
        const [x, ...rest] = node.args.map((a) => value(a, scope));
        if (x instanceof CellError) return x;
        const m = asMatrix(x);
        const n = rest.map(Number);
        if (node.name === "TAKE") return simplify(n[0] >= 0 ? m.slice(0, n[0]) : m.slice(n[0]));
        if (node.name === "CHOOSECOLS") return m.map((row) => [row[n[0] - 1]]);
        throw new Error(`no evaluation of ${node.name}`);
      }
      case "let":
        return value(node.body, new Map([...scope, [node.name, value(node.value, scope)]]));
      case "name":
        return scope.get(node.name);
      default:
        throw new Error(`unknown node ${node.kind}`);
    }
  }

  return { text: (node) => `=${text(node)}`, value };
}

// ─── The sheet ──────────────────────────────────────────────────────────────────────────

/** Cell formats appended to xl/styles.xml: their indexes in cellXfs. */
function addStyles(stylesXml) {
  const count = (tag) => Number(new RegExp(`<${tag} count="(\\d+)"`).exec(stylesXml)?.[1]);
  const fonts = count("fonts");
  const xfs = count("cellXfs");
  if (!Number.isInteger(fonts) || !Number.isInteger(xfs))
    throw new Error("xl/styles.xml has no counted fonts and cellXfs");
  const newFonts = [
    '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    '<font><b/><sz val="14"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  ];
  const bold = fonts;
  const title = fonts + 1;
  // a date format for the date columns of the spills (first_day, last_day)
  const formatIds = [...stylesXml.matchAll(/<numFmt numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
  const dateFormat = Math.max(163, ...formatIds) + 1;
  const numFmt = `<numFmt numFmtId="${dateFormat}" formatCode="yyyy-mm-dd"/>`;
  const newXfs = [
    `<xf numFmtId="0" fontId="${title}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
    `<xf numFmtId="0" fontId="${bold}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>`,
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>`,
    `<xf numFmtId="${dateFormat}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  ];
  const withFormat = /<numFmts count="\d+"/.test(stylesXml)
    ? stylesXml
        .replace(/<numFmts count="(\d+)"/, (_, n) => `<numFmts count="${Number(n) + 1}"`)
        .replace("</numFmts>", `${numFmt}</numFmts>`)
    : stylesXml.replace(/(<styleSheet[^>]*>)/, `$1<numFmts count="1">${numFmt}</numFmts>`);
  const xml = withFormat
    .replace(/<fonts count="\d+"/, `<fonts count="${fonts + newFonts.length}"`)
    .replace("</fonts>", `${newFonts.join("")}</fonts>`)
    .replace(/<cellXfs count="\d+"/, `<cellXfs count="${xfs + newXfs.length}"`)
    .replace("</cellXfs>", `${newXfs.join("")}</cellXfs>`);
  return { xml, style: { title: xfs, bold: xfs + 1, wrap: xfs + 2, top: xfs + 3, date: xfs + 4 } };
}

/** A cell holding a value (no formula); null and "" are no cell. */
function valueCell(ref, value, style) {
  const s = style === undefined ? "" : ` s="${style}"`;
  if (value === null || value === undefined || value === "") return "";
  if (value instanceof CellError || (typeof value === "object" && "code" in value))
    return `<c r="${ref}"${s} t="e"><v>${escapeXml(value.code)}</v></c>`;
  if (typeof value === "number")
    return Number.isFinite(value)
      ? `<c r="${ref}"${s}><v>${value}</v></c>`
      : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/** A formula cell with its cached value: a dynamic array over `ref` (cm="1", t="array"). */
function formulaCell(ref, spillRef, formula, value, style) {
  const s = style === undefined ? "" : ` s="${style}"`;
  let type = "";
  let v = "";
  if (value instanceof CellError || (value && typeof value === "object" && "code" in value)) {
    type = ' t="e"';
    v = `<v>${escapeXml(value.code)}</v>`;
  } else if (typeof value === "number") {
    v = Number.isFinite(value) ? `<v>${value}</v>` : "";
    if (!Number.isFinite(value)) ((type = ' t="e"'), (v = "<v>#NUM!</v>"));
  } else if (typeof value === "boolean") {
    type = ' t="b"';
    v = `<v>${value ? 1 : 0}</v>`;
  } else if (typeof value === "string") {
    type = ' t="str"';
    v = `<v>${escapeXml(value)}</v>`;
  }
  return `<c r="${ref}"${s}${type} cm="1"><f t="array" ref="${spillRef}">${escapeXml(formula)}</f>${v}</c>`;
}

/**
 * Adds the Functions sheet to the workbook at `file` (written by crm-report --formulas), with
 * the built add-in in `root`/dist. Returns what it placed: for each function id, its typed
 * formula, the stored formula, the anchor cell and the cached value.
 */
export async function addFunctionsSheet(file, { root }) {
  const dist = path.join(root, "dist");
  const { metadata, implementations } = loadBuiltAddin(dist);
  const { storedFormula, fileFormula } = await loadConverters(root);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const read = async (name) => {
    const part = zip.file(name);
    if (!part) throw new Error(`the workbook has no ${name}`);
    return part.async("string");
  };

  // the workbook's sheets, and the data sheet: the transactions, the last sheet
  let workbookXml = await read("xl/workbook.xml");
  let relsXml = await read("xl/_rels/workbook.xml.rels");
  const sheets = [
    ...workbookXml.matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"[^>]*\/>/g),
  ].map((m) => ({ tag: m[0], name: unescapeXml(m[1]), rid: m[2] }));
  if (sheets.some((s) => s.name === FUNCTIONS_SHEET))
    throw new Error(`the workbook already has a sheet "${FUNCTIONS_SHEET}"`);
  const dataSheet = sheets[sheets.length - 1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${dataSheet.rid}"[^>]*Target="([^"]*)"`).exec(
      relsXml
    )?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]*)"[^>]*Id="${dataSheet.rid}"`).exec(relsXml)?.[1];
  if (!target) throw new Error(`no part for sheet ${dataSheet.name}`);
  const dataPart = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const sharedStrings = readSharedStrings(
    zip.file("xl/sharedStrings.xml") ? await read("xl/sharedStrings.xml") : ""
  );
  const dataCells = readSheetCells(await read(dataPart), sharedStrings);
  const dataRows = dataCells.length;
  if (!(typeof dataCells[0]?.[2] === "number" || /^\d{8}$/.test(String(dataCells[0]?.[2]))))
    throw new Error(
      `the data sheet ${dataSheet.name} does not start with a transaction (A id, C yyyymmdd date, E dollars)`
    );

  // lay the blocks out and evaluate them
  const byId = new Map(metadata.functions.map((fn) => [fn.id.toUpperCase(), fn]));
  const list = entries();
  const missing = metadata.functions.filter(
    (fn) => !list.some((e) => e.id.toUpperCase() === fn.id.toUpperCase())
  );
  if (missing.length > 0)
    throw new Error(
      `no Functions-sheet entry for ${missing.map((fn) => fn.id).join(", ")} (scripts/sample-functions.mjs)`
    );
  const placed = new Map();
  const ev = evaluator({ dataSheet: dataSheet.name, dataCells, dataRows, placed, implementations });
  const stylesPart = await read("xl/styles.xml");
  const { xml: stylesXml, style } = addStyles(stylesPart);

  const rows = new Map(); // row → [column, xml][]
  const put = (row, column, xml) => {
    if (!xml) return;
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push([column, xml]);
  };
  const RESULT = 3; // column D
  const HEADER = 5; // the table's header row (0-based), under the title and three lines of notes
  const notes = (fitAt) => [
    "Every worksheet function of the add-in, one block each: what it does, the formula as typed, and the formula itself in column D, live.",
    "The formulas recalculate when the CRM add-in is loaded; until then the cells show the values the add-in's functions gave when this file was made.",
    `Data: sheet ${dataSheet.name} (A customer id, C date as yyyymmdd, E dollars; no header). Long results show their header and first five customers (TAKE); the .MODEL functions use the model fitted once by CRM.CLVFIT (${fitAt}#) and the customers shown by CRM.CLVSUMMARY.`,
  ];
  put(0, 0, valueCell("A1", "Every CRM function on the CDNOW sample", style.title));
  ["Function", "What it does", "Formula", "Result"].forEach((h, c) =>
    put(HEADER, c, valueCell(address(HEADER, c), h, style.bold))
  );
  const placedList = [];
  let row = HEADER + 1;
  for (const entry of list) {
    const fn = byId.get(entry.id.toUpperCase());
    if (!fn)
      throw new Error(`the Functions sheet lists ${entry.id}, which the add-in does not have`);
    const typed = ev.text(entry.expr);
    const stored = storedFormula(fileFormula(typed.replace(/^=/, "")));
    const value = ev.value(entry.expr);
    const block = asMatrix(value);
    const height = block.length;
    const width = Math.max(...block.map((r) => r.length));
    const anchor = address(row, RESULT);
    const spillRef =
      height === 1 && width === 1
        ? anchor
        : `${anchor}:${address(row + height - 1, RESULT + width - 1)}`;
    put(row, 0, valueCell(address(row, 0), `CRM.${fn.name}`, style.bold));
    put(row, 1, valueCell(address(row, 1), fn.description ?? "", style.wrap));
    put(row, 2, valueCell(address(row, 2), typed, style.wrap));
    put(row, RESULT, formulaCell(anchor, spillRef, stored, block[0][0], style.top));
    const dateColumns = new Set(
      block[0].flatMap((h, c) => (typeof h === "string" && /^(first|last)_day$/.test(h) ? [c] : []))
    );
    block.forEach((cells, r) =>
      cells.forEach((v, c) => {
        if (r === 0 && c === 0) return;
        const format = r > 0 && dateColumns.has(c) ? style.date : undefined;
        put(row + r, RESULT + c, valueCell(address(row + r, RESULT + c), v, format));
      })
    );
    placed.set(entry.id, { row, column: RESULT, value });
    placedList.push({ id: fn.id, typed, stored, anchor, spillRef, value });
    row += height + 1;
  }

  const fit = placed.get("CLVFIT");
  notes(address(fit.row, fit.column)).forEach((line, i) =>
    put(1 + i, 0, valueCell(address(1 + i, 0), line))
  );
  const lastColumn = Math.max(...[...rows.values()].flat().map(([c]) => c));
  const sheetData = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([r, cells]) =>
        `<row r="${r + 1}">${cells
          .sort((a, b) => a[0] - b[0])
          .map(([, xml]) => xml)
          .join("")}</row>`
    )
    .join("");
  const widths = [26, 48, 64, ...Array(Math.max(0, lastColumn - 2)).fill(13)];
  const sheetXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${address(row - 2, lastColumn)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${HEADER + 1}" topLeftCell="${address(HEADER + 1, 0)}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${address(HEADER + 1, 0)}" sqref="${address(HEADER + 1, 0)}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>` +
    `<sheetData>${sheetData}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    "</worksheet>";

  // the package: the part, its relationship and content type, its place before the data sheet
  let n = 1;
  while (zip.file(`xl/worksheets/sheet${n}.xml`)) n++;
  const partName = `xl/worksheets/sheet${n}.xml`;
  let rid = "rIdCrmFunctions";
  while (relsXml.includes(`Id="${rid}"`)) rid += "x";
  const sheetId =
    Math.max(
      ...[...workbookXml.matchAll(/<sheet [^>]*sheetId="(\d+)"/g)].map((m) => Number(m[1]))
    ) + 1;
  const at = sheets.length - 1; // position of the new sheet: before the data sheet
  workbookXml = workbookXml
    .replace(
      dataSheet.tag,
      `<sheet sheetId="${sheetId}" name="${FUNCTIONS_SHEET}" state="visible" r:id="${rid}"/>${dataSheet.tag}`
    )
    // sheet-local names (print areas and titles) follow their sheet
    .replace(/localSheetId="(\d+)"/g, (m, i) =>
      Number(i) >= at ? `localSheetId="${Number(i) + 1}"` : m
    );
  relsXml = relsXml.replace(
    "</Relationships>",
    `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`
  );
  const typesXml = (await read("[Content_Types].xml")).replace(
    "</Types>",
    `<Override PartName="/${partName}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
  );
  zip.file(partName, sheetXml);
  zip.file("xl/workbook.xml", workbookXml);
  zip.file("xl/_rels/workbook.xml.rels", relsXml);
  zip.file("[Content_Types].xml", typesXml);
  zip.file("xl/styles.xml", stylesXml);
  if (zip.file("docProps/app.xml")) {
    // the sheet names Excel lists in the file's properties
    const app = await read("docProps/app.xml");
    const last = `<vt:lpstr>${escapeXml(dataSheet.name)}</vt:lpstr></vt:vector></TitlesOfParts>`;
    if (app.includes(last)) {
      const titles = Number(/<TitlesOfParts><vt:vector size="(\d+)"/.exec(app)?.[1]);
      zip.file(
        "docProps/app.xml",
        app
          .replace(last, `<vt:lpstr>${FUNCTIONS_SHEET}</vt:lpstr>${last}`)
          .replace(
            /<TitlesOfParts><vt:vector size="\d+"/,
            `<TitlesOfParts><vt:vector size="${titles + 1}"`
          )
          .replace(
            /(<vt:lpstr>Worksheets<\/vt:lpstr><\/vt:variant><vt:variant><vt:i4>)(\d+)/,
            (_, head, count) => `${head}${Number(count) + 1}`
          )
      );
    }
  }
  const bytes = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  fs.writeFileSync(file, bytes);
  return placedList;
}
