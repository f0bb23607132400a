/**
 * A real formula engine (HyperFormula) with the built add-in's functions registered under
 * their Excel names (CRM.CHURNRATE, …) and the parameter lists from the generated metadata.
 * Values reach the functions the way Excel hands them over: ranges as 2-D arrays, omitted
 * optional arguments as null, error cells inside ranges as error objects, and empty cells as
 * whichever of "", null or 0 the test chooses (platforms differ).
 *
 * Formulas can also be written with the Chinese names (`=CRM.客户流失率(50, 1000)`): a workbook
 * in locale "zh-CN" or "zh-TW" uses a HyperFormula language whose names for the CRM functions
 * are read from the built dist/functions.zh-CN.json or functions.zh-TW.json, matched to the
 * English metadata by function id, as Excel matches a localised name to the id the bundle
 * associated. Built-in functions keep their English names, as in Chinese Excel.
 */
import {
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  ArraySize,
  HyperFormula,
  SimpleRangeValue,
  type CellValue,
  type ImplementedFunctions,
  type RawCellContent,
} from "hyperformula";
import { enGB } from "hyperformula/i18n/languages";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DIST,
  ErrorCode,
  StandInError,
  loadBuiltAddin,
  type BuiltAddin,
  type ExcelErrorCode,
  type FunctionsJson,
} from "./builtAddin";

/** The language a workbook's formulas are written in: Excel's English names or a localised set. */
export type FormulaLocale = "en" | "zh-CN" | "zh-TW";

const LANGUAGE_OF: Record<FormulaLocale, string> = { en: "enGB", "zh-CN": "zhCN", "zh-TW": "zhTW" };
const LOCALISED: Exclude<FormulaLocale, "en">[] = ["zh-CN", "zh-TW"];

/**
 * The letters HyperFormula accepts in a function name after widenFunctionNames: its own (Latin,
 * U+00C0–U+02AF) plus the CJK ideographs (Extension A, the unified block, compatibility).
 */
const NAME_LETTERS = "A-Za-z\\u00C0-\\u02AF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF";
export const ENGINE_FUNCTION_NAME = new RegExp(`^[${NAME_LETTERS}][${NAME_LETTERS}0-9_.]*$`);

/**
 * HyperFormula's lexer reads a function name only in Latin letters (the ProcedureName token in
 * its parser/LexerConfig: `[A-Za-z\u00C0-\u02AF][…0-9_.]*\(`), so `=CRM.客户流失率(50, 1000)`
 * is a parse error there, while Excel takes any Unicode letter. No option changes that, so the
 * token's pattern is widened to NAME_LETTERS (idempotently) before any engine is built
 * (every engine builds its lexer from the token patterns). Names only: whatever lexed before
 * lexes the same. It patches the module instance that `import "hyperformula"` loads (the ES
 * build), and useLocale checks that the patch took before trusting it.
 */
async function widenFunctionNames(): Promise<void> {
  const commonJsEntry = createRequire(import.meta.url).resolve("hyperformula");
  const lexerConfig = path.join(
    path.dirname(commonJsEntry),
    "..",
    "es",
    "parser",
    "LexerConfig.mjs"
  );
  const { ProcedureName } = (await import(/* @vite-ignore */ pathToFileURL(lexerConfig).href)) as {
    ProcedureName: { PATTERN: RegExp };
  };
  ProcedureName.PATTERN = new RegExp(`([${NAME_LETTERS}][${NAME_LETTERS}0-9_.]*)\\(`);
}

await widenFunctionNames();

export type EmptyCell = null | "" | 0;

const errorTypeOfCode: Record<ExcelErrorCode, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#NULL!": ErrorType.ERROR,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
};

const codeOfErrorType: Partial<Record<ErrorType, ExcelErrorCode>> = {
  [ErrorType.VALUE]: ErrorCode.invalidValue,
  [ErrorType.NA]: ErrorCode.notAvailable,
  [ErrorType.DIV_BY_ZERO]: ErrorCode.divisionByZero,
  [ErrorType.NUM]: ErrorCode.invalidNumber,
  [ErrorType.REF]: ErrorCode.invalidReference,
  [ErrorType.NAME]: ErrorCode.invalidName,
};

/** Stands for an argument left out (`=F(1, , 3)`), which Excel passes as null. */
const OMITTED = "\u0000omitted";

/** An engine value as Excel would pass it to a custom function. */
function toExcelArgument(value: unknown, emptyCell: EmptyCell): unknown {
  if (value === undefined || value === OMITTED) return null;
  if (value instanceof SimpleRangeValue) {
    return value.rawData().map((row) => row.map((cell) => toExcelCell(cell, emptyCell)));
  }
  return toExcelCell(value, emptyCell);
}

function toExcelCell(cell: unknown, emptyCell: EmptyCell): unknown {
  if (cell === EmptyValue || cell === undefined || cell === null) return emptyCell;
  if (cell instanceof CellError)
    return new StandInError(codeOfErrorType[cell.type] ?? ErrorCode.invalidValue);
  // HyperFormula wraps dates, percentages and currency in number objects; Excel passes plain numbers.
  if (
    typeof cell === "object" &&
    "val" in cell &&
    typeof (cell as { val: unknown }).val === "number"
  ) {
    return (cell as { val: number }).val;
  }
  return cell;
}

/** A function's result as the engine stores it. */
function toEngineValue(result: unknown): unknown {
  if (result instanceof StandInError)
    return new CellError(errorTypeOfCode[result.code], result.message);
  if (Array.isArray(result)) {
    return SimpleRangeValue.onlyValues(
      result.map((row: unknown[]) => row.map((cell) => toEngineValue(cell))) as never
    );
  }
  return result;
}

let registeredFor: BuiltAddin | undefined;
let emptyCellForCalls: EmptyCell = null;

/** Registers every function of the built add-in as a HyperFormula plugin (once per process). */
function register(addin: BuiltAddin): void {
  if (registeredFor === addin) return;
  const implementedFunctions: ImplementedFunctions = {};
  class CrmPlugin extends FunctionPlugin {}
  for (const fn of addin.metadata.functions) {
    const implementation = addin.implementations.get(fn.id.toUpperCase());
    if (!implementation)
      throw new Error(`functions.json lists ${fn.id} but the bundle never associated it`);
    const method = `call_${fn.id.replace(/\W/g, "_")}`;
    const sizeMethod = `size_${fn.id.replace(/\W/g, "_")}`;
    const formulaName = `CRM.${fn.name}`;
    const spills = fn.result?.dimensionality === "matrix";
    implementedFunctions[formulaName] = {
      method,
      parameters: fn.parameters.map((p) =>
        p.optional === true
          ? {
              argumentType: FunctionArgumentType.ANY,
              optionalArg: true,
              defaultValue: OMITTED,
              emptyAsDefault: true,
            }
          : { argumentType: FunctionArgumentType.ANY }
      ),
      vectorizationForbidden: true,
      ...(spills ? { sizeOfResultArrayMethod: sizeMethod } : {}),
    };
    type PluginThis = FunctionPlugin & {
      runFunction: FunctionPlugin["runFunction"];
      metadata(name: string): unknown;
    };
    const run = (plugin: PluginThis, ast: { args: unknown[] }, state: unknown): unknown =>
      plugin.runFunction(
        ast.args as never,
        state as never,
        plugin.metadata(formulaName) as never,
        (...args: unknown[]) => {
          const excelArgs = fn.parameters.map((_, i) =>
            toExcelArgument(args[i], emptyCellForCalls)
          );
          try {
            return toEngineValue(implementation(...excelArgs)) as never;
          } catch (thrown) {
            if (thrown instanceof StandInError) return toEngineValue(thrown) as never;
            throw thrown;
          }
        }
      );
    const prototype = CrmPlugin.prototype as unknown as Record<string, unknown>;
    prototype[method] = function (this: PluginThis, ast: { args: unknown[] }, state: unknown) {
      return run(this, ast, state);
    };
    if (spills) {
      // HyperFormula sizes a spill before computing it: run the function once to learn the size.
      prototype[sizeMethod] = function (
        this: PluginThis,
        ast: { args: unknown[] },
        state: unknown
      ) {
        const result = run(this, ast, state);
        return result instanceof SimpleRangeValue
          ? new ArraySize(result.width(), result.height())
          : ArraySize.scalar();
      };
    }
  }
  (CrmPlugin as unknown as { implementedFunctions: ImplementedFunctions }).implementedFunctions =
    implementedFunctions;
  // HyperFormula looks function names up through the language's translations.
  const names = Object.fromEntries(Object.keys(implementedFunctions).map((name) => [name, name]));
  const translations: Record<string, Record<string, string>> = { enGB: names };
  for (const locale of LOCALISED) {
    const localisedNames = localisedFormulaNames(addin, locale);
    if (!localisedNames) continue;
    const language = LANGUAGE_OF[locale];
    // Built-in functions keep their English names, as they do in Chinese Excel.
    if (!HyperFormula.getRegisteredLanguagesCodes().includes(language))
      HyperFormula.registerLanguage(language, { ...enGB, langCode: language });
    translations[language] = localisedNames;
  }
  HyperFormula.registerFunctionPlugin(CrmPlugin as never, translations);
  registeredFor = addin;
}

/** dist/functions.<locale>.json, or undefined when the build has not produced it. */
export function loadLocalisedMetadata(
  locale: Exclude<FormulaLocale, "en">
): FunctionsJson | undefined {
  const file = path.join(DIST, `functions.${locale}.json`);
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as FunctionsJson)
    : undefined;
}

/**
 * `CRM.<English name>` → `CRM.<localised name>` for every function, matched by id between
 * functions.json and the locale's metadata file (undefined when that file is not built).
 */
function localisedFormulaNames(
  addin: BuiltAddin,
  locale: Exclude<FormulaLocale, "en">
): Record<string, string> | undefined {
  const localised = loadLocalisedMetadata(locale);
  if (!localised) return undefined;
  const nameById = new Map(localised.functions.map((fn) => [fn.id, fn.name]));
  const names: Record<string, string> = {};
  for (const fn of addin.metadata.functions) {
    const name = nameById.get(fn.id);
    if (name === undefined) throw new Error(`functions.${locale}.json has no function ${fn.id}`);
    if (!ENGINE_FUNCTION_NAME.test(name))
      throw new Error(
        `${fn.id}'s ${locale} name ${name} has letters the test engine's widened lexer does not take (NAME_LETTERS in test/support/formulaEngine.ts)`
      );
    // HyperFormula matches the upper-cased name the user typed.
    names[`CRM.${fn.name}`] = `CRM.${name.toUpperCase()}`;
  }
  return names;
}

const checkedLocales = new Set<FormulaLocale>();

/** The engine language for `locale`, after checking that Chinese names really parse. */
function useLocale(locale: FormulaLocale): string {
  const language = LANGUAGE_OF[locale];
  if (locale === "en" || checkedLocales.has(locale)) return language;
  if (!HyperFormula.getRegisteredLanguagesCodes().includes(language))
    throw new Error(
      `no dist/functions.${locale}.json: run \`npm run build\` to write the localised metadata`
    );
  // An unknown Chinese name must be #NAME? (parsed, then not found), not a parse error.
  const probe = HyperFormula.buildFromArray([["=CRM.未知函数(1)"]], {
    licenseKey: "gpl-v3",
    language,
  });
  const value = probe.getCellValue({ sheet: 0, row: 0, col: 0 });
  probe.destroy();
  if (!(value instanceof DetailedCellError) || value.type !== ErrorType.NAME)
    throw new Error(
      `HyperFormula still cannot parse Chinese function names (got ${String(value)}): widenFunctionNames in test/support/formulaEngine.ts did not reach the lexer`
    );
  checkedLocales.add(locale);
  return language;
}

export interface Sheet {
  engine: HyperFormula;
  value(address: string): CellValue;
}

/**
 * A one-sheet workbook holding `cells` (row-major, formulas as "=…"), evaluated with the built
 * add-in. `emptyCell` is what an empty cell arrives as inside the functions; `locale` is the
 * language of the CRM function names in the formulas.
 */
export function workbook(
  cells: RawCellContent[][],
  emptyCell: EmptyCell = null,
  locale: FormulaLocale = "en"
): Sheet {
  const addin = loadBuiltAddin();
  register(addin);
  emptyCellForCalls = emptyCell;
  const engine = HyperFormula.buildFromArray(cells, {
    licenseKey: "gpl-v3",
    useArrayArithmetic: false,
    precisionRounding: 14,
    language: useLocale(locale),
  });
  return {
    engine,
    value(address: string): CellValue {
      const where = engine.simpleCellAddressFromString(address, 0);
      if (!where) throw new Error(`bad address ${address}`);
      emptyCellForCalls = emptyCell;
      return engine.getCellValue(where);
    },
  };
}

/** Evaluates one formula over `cells` (placed from A1) and returns its value. */
export function evaluate(
  formula: string,
  cells: RawCellContent[][] = [],
  emptyCell: EmptyCell = null,
  locale: FormulaLocale = "en"
): CellValue {
  const rows = cells.map((row) => [...row]);
  const formulaRow = rows.length;
  rows.push([formula]);
  return workbook(rows, emptyCell, locale).value(`A${formulaRow + 1}`);
}

/** Evaluates one formula placed below `cells` and returns the block it spills (trailing empties cut). */
export function evaluateSpill(
  formula: string,
  cells: RawCellContent[][] = [],
  emptyCell: EmptyCell = null,
  locale: FormulaLocale = "en"
): CellValue[][] {
  const rows = cells.map((row) => [...row]);
  const formulaRow = rows.length;
  rows.push([formula]);
  const sheet = workbook(rows, emptyCell, locale);
  const values = sheet.engine.getSheetValues(0).slice(formulaRow);
  const width = Math.max(...values.map((row) => row.length));
  return values.map((row) =>
    Array.from({ length: width }, (_, i) => (row[i] === undefined ? null : row[i]!))
  );
}

/** Excel's serial number of an ISO date (1900 date system, dates from 1900-03-01 on). */
export function excelSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y!, m! - 1, d!) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
