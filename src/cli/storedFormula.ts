/**
 * Calls to the add-in's own functions as Excel stores them in an .xlsx file (issue 15, part 3).
 *
 * Excel does not keep a JavaScript custom function's call as typed. Once the add-in's function
 * is recognised, it saves `=CRM.CHURNTREND(…)` as `_xldudf_CRM_CHURNTREND(…)` in the cell's
 * `<f>`, and as a dynamic-array formula: `<c … cm="1"><f t="array" ref="<the cell>">…</f>`, even
 * when the function returns one value. A file that holds the typed form (`CRM.CHURNTREND(`)
 * opens as `#NAME?` and the formulas are not re-resolved when the add-in loads: each cell has to
 * be re-entered. Sources (Microsoft documents neither the prefix nor the cell form; these are
 * its engineer's word and a workbook saved by Excel):
 * - github.com/OfficeDev/Excel-Custom-Functions/issues/108 (keyur32, Microsoft, 2019): "For
 *   Javascript Custom Functions, we by default save out with a different prefix "_xldudf"".
 * - github.com/evelyn-chrono/officejs-custom-functions-name-error-repro (the repro of
 *   github.com/OfficeDev/office-js/issues/6611), "Custom Functions Protected Sheet Repro.xlsx",
 *   saved by Microsoft Macintosh Excel 16: its sheet "Correct" holds
 *   `<c r="A1" cm="1"><f t="array" ref="A1">_xldudf_CONTOSO_ADD(1,2)</f><v>3</v></c>` for
 *   `=CONTOSO.ADD(1,2)`, a function whose metadata says it returns a scalar, with xl/metadata.xml
 *   the XLDAPR dynamic-array metadata; the same formula typed without the add-in is stored
 *   `CONTOSO.ADD(1,2)` with a cached #NAME? and stays #NAME? when the add-in loads (#6611,
 *   office-js #6395).
 * - Dots in a function's id become underscores too: github.com/OfficeDev/office-js-docs-pr/issues/4039
 *   ("I noticed in the sheetx.xml the periods are converted to underscores") and
 *   github.com/OfficeDev/script-lab/issues/1009 (ids `SPHERE_VOL` and `SPHERE.VOL` collide), so
 *   `CRM.NPS.SCORES(` is stored `_xldudf_CRM_NPS_SCORES(`. Those are users' reports, not
 *   Microsoft's documentation, and no saved file with a dotted id was found (README, "--formulas").
 * - github.com/OfficeDev/office-js/issues/2568 and #2051: a stored `_xldudf_KNOEMA_VERSION()` or
 *   `[2]!_xldudf_X` shows through when the add-in fails to load, and is repaired by restoring
 *   `_xldudf_X` in the sheet XML.
 *
 * The stored name is built from the namespace and the function's id; our ids are also the
 * English names (`@customfunction NPS.SCORES`), in capitals, which the report's formulas use, so
 * whether Excel takes the id or the English name does not matter here (only the zh-CN and
 * zh-TW display names differ, and a file never holds those).
 *
 * Excel's own newer functions (`_xlfn.`, `_xlpm.`, `A1#` → `_xlfn.ANCHORARRAY(A1)`) are
 * `fileFormula`'s job in xlsxWriter.ts; this module only renames the add-in's calls and says
 * which cells Excel stores as one-cell dynamic arrays.
 *
 * The task pane and the browser tests write formulas through Office.js (`range.formulas`), as
 * typed: Excel converts them itself. Only the .xlsx writer needs this.
 */
import type { ReportModel, ReportSpill } from "../core/report/reportModel";

/** The add-in's function namespace (manifest.xml `Functions.Namespace`). */
export const FUNCTION_NAMESPACE = "CRM";

/** The prefix Excel stores before a JavaScript custom function's name (sources above). */
export const CUSTOM_FUNCTION_PREFIX = "_xldudf_";

/**
 * A custom function's stored name: the prefix, the namespace and the id, every `.` an `_`.
 *
 * @example storedFunctionName("NPS.SCORES") //=> "_xldudf_CRM_NPS_SCORES"
 */
export function storedFunctionName(id: string, namespace = FUNCTION_NAMESPACE): string {
  return CUSTOM_FUNCTION_PREFIX + `${namespace}_${id}`.replace(/\./g, "_").toUpperCase();
}

/** Stands for a character inside a literal in {@link maskLiterals}. */
const MASKED = "\u0001";

/**
 * The formula with every character that is not formula syntax replaced by {@link MASKED}, same
 * length: string literals ("…" with "" inside), quoted sheet names ('…' with '' inside) and the
 * brackets of structured references and external books (`Sales[Amount]`, `T[[#Headers],[A]]`,
 * `[1]Sheet1!A1`, where `'` escapes the next character), so a name inside any of them is never
 * taken for a call.
 */
export function maskLiterals(formula: string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      const end = Math.min(j + 1, formula.length);
      out += MASKED.repeat(end - i);
      i = end;
    } else if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        const c = formula[j];
        if (c === "'") j++;
        else if (c === "[") depth++;
        else if (c === "]" && --depth === 0) break;
      }
      const end = Math.min(j + 1, formula.length);
      out += MASKED.repeat(end - i);
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** `CRM.<id>(` as a call: not part of a longer name, a cell reference or a sheet name. */
function callPattern(namespace: string): RegExp {
  return new RegExp(`(?<![\\w.$!${MASKED}])${namespace}\\.([A-Za-z][\\w.]*)\\(`, "gi");
}

/**
 * A formula (as the file stores it otherwise, without the leading `=`) with every call of the
 * add-in's functions in Excel's stored form: `CRM.GRADE(` → `_xldudf_CRM_GRADE(`,
 * `CRM.NPS.SCORES(` → `_xldudf_CRM_NPS_SCORES(`, nested calls too. Text in string literals,
 * quoted sheet names and structured references is left alone; a formula already in stored form
 * is returned unchanged.
 *
 * @example storedFormula(`ROWS(CRM.GRADE('CRM.X(1)'!A1:A9,"CRM.NPS(")`)
 *   //=> `ROWS(_xldudf_CRM_GRADE('CRM.X(1)'!A1:A9,"CRM.NPS(")`
 */
export function storedFormula(formula: string, namespace = FUNCTION_NAMESPACE): string {
  const masked = maskLiterals(formula);
  let out = "";
  let at = 0;
  for (const m of masked.matchAll(callPattern(namespace))) {
    out += formula.slice(at, m.index) + storedFunctionName(m[1]!, namespace) + "(";
    at = m.index + m[0].length;
  }
  return out + formula.slice(at);
}

/** Whether the formula calls one of the add-in's functions (typed or stored form). */
export function callsCustomFunction(formula: string, namespace = FUNCTION_NAMESPACE): boolean {
  const masked = maskLiterals(formula);
  if (callPattern(namespace).test(masked)) return true;
  const stored = `(?<![\\w.$!])${CUSTOM_FUNCTION_PREFIX}${namespace}_\\w+\\(`;
  return new RegExp(stored, "i").test(masked);
}

/**
 * Formulas mode: every formula of the sheet's blocks that calls one of the add-in's functions
 * and is not already a spill anchor, as a one-cell spill (formula resolved with `resolve`), so
 * the writer stores it as Excel does: a dynamic-array formula over its own cell (`cm="1"`,
 * `t="array"`, `ref` the cell; sources above). Empty in values mode.
 */
export function customFunctionCells(
  model: ReportModel,
  resolve: (formula: string) => string = (formula) => formula
): ReportSpill[] {
  if (model.mode !== "formulas") return [];
  const anchors = new Set(model.spills.map((s) => `${s.range.row},${s.range.column}`));
  const cells: ReportSpill[] = [];
  for (const block of model.blocks) {
    block.formulas?.forEach((row, r) =>
      row.forEach((formula, c) => {
        const at = { row: block.row + r, column: block.column + c };
        if (formula === null || anchors.has(`${at.row},${at.column}`)) return;
        if (!callsCustomFunction(formula)) return;
        cells.push({ range: { ...at, rows: 1, columns: 1 }, formula: resolve(formula) });
      })
    );
  }
  return cells;
}
