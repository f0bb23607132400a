/**
 * The add-in as Excel loads it: the built functions bundle (dist/functions.js) run in a fresh
 * JavaScript context with a stand-in for the `CustomFunctions` global, and the generated
 * metadata (dist/functions.json). Nothing here imports src/: these tests see only what ships.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

export const DIST = path.resolve(import.meta.dirname, "../../dist");

export interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
  repeating?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: ParameterMetadata[];
  result?: { type?: string; dimensionality?: "scalar" | "matrix" };
  options?: Record<string, unknown>;
}

export interface FunctionsJson {
  functions: FunctionMetadata[];
}

/** Excel's error codes, as `CustomFunctions.ErrorCode` defines them. */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type ExcelErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Stand-in for `CustomFunctions.Error`. Like Excel, it shows a message only on #VALUE! and
 * #N/A; unlike Excel, it refuses a message on the other codes, so a test fails if the add-in
 * relies on text that a user would never see.
 */
export class StandInError {
  constructor(
    readonly code: ExcelErrorCode,
    readonly message?: string
  ) {
    if (
      message !== undefined &&
      code !== ErrorCode.invalidValue &&
      code !== ErrorCode.notAvailable
    ) {
      throw new TypeError(`Excel shows no custom message on ${code}; got "${message}"`);
    }
  }
}

export interface BuiltAddin {
  metadata: FunctionsJson;
  /** the JavaScript function each id was associated with, as the bundle registered it */
  implementations: Map<string, (...args: unknown[]) => unknown>;
}

let cached: BuiltAddin | undefined;

export function distIsBuilt(): boolean {
  return (
    fs.existsSync(path.join(DIST, "functions.js")) &&
    fs.existsSync(path.join(DIST, "functions.json"))
  );
}

/**
 * Runs dist/functions.js in a new JavaScript context (so with its own module state: an empty
 * input cache, an empty fit cache) and collects its associate calls, by upper-case id.
 */
function runBuiltFunctions(): Map<string, (...args: unknown[]) => unknown> {
  if (!distIsBuilt())
    throw new Error("dist/ is not built: run `npm run build` (npm test does) first.");
  const implementations = new Map<string, (...args: unknown[]) => unknown>();
  const CustomFunctions = {
    Error: StandInError,
    ErrorCode,
    associate(
      idOrMappings: string | Record<string, (...args: unknown[]) => unknown>,
      fn?: (...args: unknown[]) => unknown
    ) {
      if (typeof idOrMappings === "string") {
        if (!fn) throw new Error(`associate("${idOrMappings}") without a function`);
        implementations.set(idOrMappings.toUpperCase(), fn);
      } else {
        for (const [id, f] of Object.entries(idOrMappings))
          implementations.set(id.toUpperCase(), f);
      }
    },
  };
  const context: Record<string, unknown> = { CustomFunctions, console };
  context.self = context;
  context.window = context;
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(DIST, "functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return implementations;
}

/** Loads dist/functions.json and runs dist/functions.js once for all callers. */
export function loadBuiltAddin(): BuiltAddin {
  if (cached) return cached;
  const implementations = runBuiltFunctions();
  const metadata = JSON.parse(
    fs.readFileSync(path.join(DIST, "functions.json"), "utf8")
  ) as FunctionsJson;
  cached = { metadata, implementations };
  return cached;
}

/** Calls `implementations`' function `id`, returning a cell error as Excel shows it in the cell. */
function callIn(
  implementations: Map<string, (...args: unknown[]) => unknown>,
  id: string,
  args: unknown[]
): unknown {
  try {
    return implementations.get(id)!(...args);
  } catch (error) {
    if (error instanceof StandInError) return error;
    throw error;
  }
}

/**
 * A runtime of its own, as {@link callBuilt} calls but with nothing cached from other calls:
 * dist/functions.js in a new context. The reference for the caches' tests.
 */
export function freshBuiltRuntime(): (id: string, ...args: unknown[]) => unknown {
  const implementations = runBuiltFunctions();
  return (id, ...args) => callIn(implementations, id, args);
}

/**
 * Calls the built function `id` (e.g. "CLVFIT") with `args` as Excel hands them over; an error
 * the function raises for its cell (a {@link StandInError}) is returned, as Excel shows it in
 * the cell, and any other exception propagates.
 */
export function callBuilt(id: string, ...args: unknown[]): unknown {
  return callIn(loadBuiltAddin().implementations, id, args);
}
