/**
 * A real formula engine (HyperFormula) with the built add-in's functions registered under
 * their Excel names (CRM.CHURNRATE, …) and the parameter lists from the generated metadata.
 * Values reach the functions the way Excel hands them over: ranges as 2-D arrays, omitted
 * optional arguments as null, error cells inside ranges as error objects, and empty cells as
 * whichever of "", null or 0 the test chooses (platforms differ).
 */
import {
  CellError,
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
import {
  ErrorCode,
  StandInError,
  loadBuiltAddin,
  type BuiltAddin,
  type ExcelErrorCode,
} from "./builtAddin";

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
  HyperFormula.registerFunctionPlugin(CrmPlugin as never, { enGB: names });
  registeredFor = addin;
}

export interface Sheet {
  engine: HyperFormula;
  value(address: string): CellValue;
}

/**
 * A one-sheet workbook holding `cells` (row-major, formulas as "=…"), evaluated with the built
 * add-in. `emptyCell` is what an empty cell arrives as inside the functions.
 */
export function workbook(cells: RawCellContent[][], emptyCell: EmptyCell = null): Sheet {
  const addin = loadBuiltAddin();
  register(addin);
  emptyCellForCalls = emptyCell;
  const engine = HyperFormula.buildFromArray(cells, {
    licenseKey: "gpl-v3",
    useArrayArithmetic: false,
    precisionRounding: 14,
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
  emptyCell: EmptyCell = null
): CellValue {
  const rows = cells.map((row) => [...row]);
  const formulaRow = rows.length;
  rows.push([formula]);
  return workbook(rows, emptyCell).value(`A${formulaRow + 1}`);
}

/** Evaluates one formula placed below `cells` and returns the block it spills (trailing empties cut). */
export function evaluateSpill(
  formula: string,
  cells: RawCellContent[][] = [],
  emptyCell: EmptyCell = null
): CellValue[][] {
  const rows = cells.map((row) => [...row]);
  const formulaRow = rows.length;
  rows.push([formula]);
  const sheet = workbook(rows, emptyCell);
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
