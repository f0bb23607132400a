/* eslint-disable @typescript-eslint/no-explicit-any -- the types of vitest's (and jest's) each(),
   which infer a row's tuple through any[] */
/**
 * Parameterised tests under mocha: a loop over a table of cases, each case naming its test and
 * running its callback with the case's values, as vitest's `it.each` / `describe.each` did, so
 * the tests keep their names:
 *
 *   for (const testCase of each([[1, 0.05], [3, 0.15]])) {
 *     it(testCase.name("churn after %d months is %s"), testCase.run((months, rate) => { … }));
 *   }
 *
 * A table whose rows are all arrays passes each row's values as arguments; any other table passes
 * each row whole. `name` fills a title as vitest did: printf-style placeholders (`%s`, `%d`,
 * `%i`, `%f`, `%j`, `%o`, `%O`, `%c`, `%%`) from the row's values in order, `%#` the case's index,
 * `%$` its number, and `$key` (or `$key.path`, `$0`) a property of an object row, shown as
 * vitest showed it (strings quoted, anything longer than 40 characters cut short).
 */

/** jest's and vitest's ExtractEachCallbackArgs: the arguments of a case given as a read-only tuple. */
type ExtractEachCallbackArgs<T extends ReadonlyArray<any>> = {
  1: [T[0]];
  2: [T[0], T[1]];
  3: [T[0], T[1], T[2]];
  4: [T[0], T[1], T[2], T[3]];
  5: [T[0], T[1], T[2], T[3], T[4]];
  6: [T[0], T[1], T[2], T[3], T[4], T[5]];
  7: [T[0], T[1], T[2], T[3], T[4], T[5], T[6]];
  8: [T[0], T[1], T[2], T[3], T[4], T[5], T[6], T[7]];
  9: [T[0], T[1], T[2], T[3], T[4], T[5], T[6], T[7], T[8]];
  10: [T[0], T[1], T[2], T[3], T[4], T[5], T[6], T[7], T[8], T[9]];
  fallback: Array<T extends ReadonlyArray<infer U> ? U : any>;
}[T extends Readonly<[any]>
  ? 1
  : T extends Readonly<[any, any]>
    ? 2
    : T extends Readonly<[any, any, any]>
      ? 3
      : T extends Readonly<[any, any, any, any]>
        ? 4
        : T extends Readonly<[any, any, any, any, any]>
          ? 5
          : T extends Readonly<[any, any, any, any, any, any]>
            ? 6
            : T extends Readonly<[any, any, any, any, any, any, any]>
              ? 7
              : T extends Readonly<[any, any, any, any, any, any, any, any]>
                ? 8
                : T extends Readonly<[any, any, any, any, any, any, any, any, any]>
                  ? 9
                  : T extends Readonly<[any, any, any, any, any, any, any, any, any, any]>
                    ? 10
                    : "fallback"];

/** What mocha's `this` offers both a test and a suite: its timeout. */
interface Timed {
  timeout(ms: number): unknown;
}

export interface Case<Args extends any[]> {
  /** The case's values, as its callback receives them. */
  readonly args: Args;
  /** The case's position in the table, from 0. */
  readonly index: number;
  /** The title with the case's values filled in (vitest's rules, see above). */
  name(template: string): string;
  /** A mocha callback (test or suite) that runs `fn` with the case's values; `timeout` in ms. */
  run<R>(fn: (...args: Args) => R, timeout?: number): (this: Timed) => R;
}

/** vitest's `it.each` overloads: rows of arrays spread into arguments, any other row passed whole. */
interface Each {
  <T extends any[] | [any]>(table: ReadonlyArray<T>): Case<T>[];
  <T extends ReadonlyArray<any>>(table: ReadonlyArray<T>): Case<ExtractEachCallbackArgs<T>>[];
  <T>(table: ReadonlyArray<T>): Case<T[]>[];
}

export const each: Each = (table: ReadonlyArray<unknown>): Case<any[]>[] => {
  const arraysOnly = table.every(Array.isArray);
  return table.map((row, index) => {
    const items = Array.isArray(row) ? (row as unknown[]) : [row];
    const args = arraysOnly ? items : [row];
    return {
      args,
      index,
      name: (template: string) => formatTitle(template, items, index),
      run<R>(fn: (...a: any[]) => R, timeout?: number) {
        return function (this: Timed): R {
          if (timeout !== undefined) this.timeout(timeout);
          return fn(...args);
        };
      },
    };
  });
};

// ---- vitest 3's formatTitle (@vitest/runner) and format (@vitest/utils), loupe's inspect ----

function formatTitle(template: string, items: unknown[], index: number): string {
  if (template.includes("%#") || template.includes("%$")) {
    template = template
      .replace(/%%/g, "__escaped_%__")
      .replace(/%#/g, `${index}`)
      .replace(/%\$/g, `${index + 1}`)
      .replace(/__escaped_%__/g, "%%");
  }
  const count = template.split("%").length - 1;
  if (template.includes("%f")) {
    const placeholders = template.match(/%f/g) ?? [];
    placeholders.forEach((_, i) => {
      const item = items[i];
      if (
        (typeof item === "number" && Number.isNaN(item) && isNegativeNaN(item)) ||
        Object.is(item, -0)
      ) {
        let occurrence = 0;
        template = template.replace(/%f/g, (match) => {
          occurrence++;
          return occurrence === i + 1 ? "-%f" : match;
        });
      }
    });
  }
  let formatted = format(template, ...items.slice(0, count));
  const objectItem = isObject(items[0]);
  formatted = formatted.replace(/\$([$\w.]+)/g, (_, key: string) => {
    const arrayKey = /^\d+$/.test(key);
    if (!objectItem && !arrayKey) return `$${key}`;
    const arrayElement = arrayKey ? objectAttr(items, key) : undefined;
    const value = objectItem ? objectAttr(items[0], key, arrayElement) : arrayElement;
    return objDisplay(value);
  });
  return formatted;
}

function isNegativeNaN(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getUint32(0) >>> 31 === 1;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}

function objectAttr(source: unknown, path: string, defaultValue: unknown = undefined): unknown {
  const paths = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let result: any = source;
  for (const p of paths) {
    result = (new Object(result) as Record<string, unknown>)[p];
    if (result === undefined) return defaultValue;
  }
  return result;
}

function format(template: string, ...args: unknown[]): string {
  let i = 0;
  let str = template.replace(/%[sdjifoOc%]/g, (x) => {
    if (x === "%%") return "%";
    if (i >= args.length) return x;
    const value = args[i++];
    switch (x) {
      case "%s": {
        if (typeof value === "bigint") return `${value.toString()}n`;
        if (typeof value === "number" && value === 0 && 1 / value < 0) return "-0";
        if (typeof value === "object" && value !== null) {
          const own = (value as { toString?: unknown }).toString;
          if (typeof own === "function" && own !== Object.prototype.toString) return String(value);
          return inspect(value, Infinity);
        }
        return String(value);
      }
      case "%d":
        return typeof value === "bigint" ? `${value.toString()}n` : Number(value).toString();
      case "%i":
        return typeof value === "bigint"
          ? `${value.toString()}n`
          : Number.parseInt(String(value)).toString();
      case "%f":
        return Number.parseFloat(String(value)).toString();
      case "%o":
      case "%O":
        return inspect(value, Infinity);
      case "%c":
        return "";
      case "%j":
        try {
          return JSON.stringify(value);
        } catch (error) {
          if (/circular|cyclic/.test((error as Error).message)) return "[Circular]";
          throw error;
        }
      default:
        return x;
    }
  });
  for (; i < args.length; i++) {
    const x = args[i];
    str += x === null || typeof x !== "object" ? ` ${String(x)}` : ` ${inspect(x, Infinity)}`;
  }
  return str;
}

/** vitest's objDisplay: loupe's inspect cut at 40 characters. */
function objDisplay(value: unknown): string {
  const limit = 40;
  const str = inspect(value, limit);
  if (str.length < limit) return str;
  if (typeof value === "function") return value.name ? `[Function: ${value.name}]` : "[Function]";
  if (Array.isArray(value)) return `[ Array(${value.length}) ]`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    const shown = keys.length > 2 ? `${keys.splice(0, 2).join(", ")}, ...` : keys.join(", ");
    return `{ Object (${shown}) }`;
  }
  return str;
}

/** loupe's truncate. */
function truncate(text: string, length: number, tail = "…"): string {
  if (tail.length > length && text.length > tail.length) return tail;
  if (text.length > length && text.length > tail.length) {
    let end = length - tail.length;
    const previous = text[end - 1];
    if (end > 0 && previous !== undefined && previous >= "\ud800" && previous <= "\udbff") end--;
    return `${text.slice(0, end)}${tail}`;
  }
  return text;
}

/* eslint-disable no-misleading-character-class -- loupe's set of characters it escapes */
const ESCAPED = new RegExp(
  "['\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0604\\u070f\\u17b4\\u17b5" +
    "\\u200c-\\u200f\\u2028-\\u202f\\u2060-\\u206f\\ufeff\\ufff0-\\uffff]",
  "g"
);
/* eslint-enable no-misleading-character-class */
const ESCAPES: Record<string, string> = {
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
  "'": "\\'",
  "\\": "\\\\",
};

/**
 * loupe's inspect for what test tables hold: primitives exactly; arrays and plain objects in
 * loupe's layout (`[ 1, 2 ]`, `{ a: 1 }`), cut short as a whole rather than item by item.
 */
function inspect(value: unknown, limit: number): string {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "boolean":
      return String(value);
    case "bigint":
      return truncate(`${value.toString()}n`, limit);
    case "symbol":
      return value.toString();
    case "function":
      return value.name ? `[Function ${value.name}]` : "[Function]";
    case "number":
      if (Number.isNaN(value)) return "NaN";
      if (value === 0) return 1 / value === Infinity ? "+0" : "-0";
      return truncate(String(value), limit);
    case "string":
      return `'${truncate(
        value.replace(
          ESCAPED,
          (c) => ESCAPES[c] ?? `\\u${`0000${c.charCodeAt(0).toString(16)}`.slice(-4)}`
        ),
        limit - 2
      )}'`;
  }
  if (value === null) return "null";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return truncate(`[ ${value.map((v) => inspect(v, Infinity)).join(", ")} ]`, limit);
  }
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (value instanceof RegExp) return truncate(String(value), limit);
  const entries = Object.entries(value as object);
  if (entries.length === 0) return "{}";
  const key = (k: string) => (/^[a-z_][\w]*$/i.test(k) ? k : `'${k}'`);
  const body = entries.map(([k, v]) => `${key(k)}: ${inspect(v, Infinity)}`).join(", ");
  const proto = Object.getPrototypeOf(value);
  const prefix =
    proto === Object.prototype || proto === null ? "" : `${proto.constructor?.name ?? ""}`;
  return truncate(`${prefix}{ ${body} }`, limit);
}
