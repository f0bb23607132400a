/**
 * Parameterised tests under mocha: a loop over a table of cases, each case naming its test and
 * running its callback with the case's values (what `it.each` / `describe.each` did before the
 * move to mocha):
 *
 *   for (const testCase of each([[1, 0.05], [3, 0.15]])) {
 *     it(testCase.name("churn after %d months is %s"), testCase.run((months, rate) => { … }));
 *   }
 *
 * A table whose rows are all arrays passes each row's values as arguments; any other table
 * passes each row whole. `name` fills the title's placeholders from the row's values in order —
 * `%s` (the value; an object shown by Node's util.inspect), `%d` and `%i` (a number, `%i`
 * truncated), `%f`, `%j` (JSON), `%o`/`%O` (util.inspect), `%%` (a percent sign) — then `%#`
 * (the case's index) and `$key` or `$key.path` (a property of an object row, shown by
 * util.inspect and cut to 40 characters).
 */
import { inspect } from "node:util";

/** What mocha's `this` offers both a test and a suite: its timeout. */
interface Timed {
  timeout(ms: number): unknown;
}

export interface Case<Args extends unknown[]> {
  /** The case's values, as its callback receives them. */
  readonly args: Args;
  /** The case's position in the table, from 0. */
  readonly index: number;
  /** The title with the case's values filled in (see above). */
  name(template: string): string;
  /** A mocha callback (test or suite) that runs `fn` with the case's values; `timeout` in ms. */
  run<R>(fn: (...args: Args) => R, timeout?: number): (this: Timed) => R;
}

/**
 * Rows given as tuples (`[[1, "a"], [2, "b"]]`) are inferred as tuples — the `| [unknown]` in
 * the constraint asks TypeScript for a tuple rather than an array of unions — so each callback
 * parameter gets its own type (read-only tuples, from `as const` tables, too); any other row is
 * passed whole as the one argument.
 */
interface Each {
  <T extends unknown[] | [unknown]>(table: ReadonlyArray<T>): Case<T>[];
  <T extends readonly unknown[]>(table: ReadonlyArray<T>): Case<[...T]>[];
  <T>(table: ReadonlyArray<T>): Case<[T]>[];
}

// One implementation for the three overloads: the table's row type is only known to the caller.
export const each = ((table: ReadonlyArray<unknown>): Case<unknown[]>[] => {
  const arraysOnly = table.every(Array.isArray);
  return table.map((row, index) => {
    const values = Array.isArray(row) ? (row as unknown[]) : [row];
    const args = arraysOnly ? values : [row];
    return {
      args,
      index,
      name: (template: string) => fillTitle(template, values, index),
      run<R>(fn: (...a: unknown[]) => R, timeout?: number) {
        return function (this: Timed): R {
          if (timeout !== undefined) this.timeout(timeout);
          return fn(...args);
        };
      },
    };
  });
}) as Each;

const show = (value: unknown): string =>
  inspect(value, { breakLength: Infinity, depth: 3, maxArrayLength: 20, maxStringLength: 200 });

/** One placeholder's text for `value`. */
function placeholder(kind: string, value: unknown): string {
  switch (kind) {
    case "s":
      if (Object.is(value, -0)) return "-0";
      return typeof value === "object" && value !== null ? show(value) : String(value);
    case "d":
      return Number(value).toString();
    case "i":
      return Math.trunc(Number(value)).toString();
    case "f":
      return Number.parseFloat(String(value)).toString();
    case "j":
      return JSON.stringify(value);
    default:
      return show(value);
  }
}

/** A property path (`a.b`, `0`) of `source`, or undefined. */
function property(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split(".")) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function fillTitle(template: string, values: unknown[], index: number): string {
  let next = 0;
  let title = template.replace(/%([sdifjoO%#])/g, (match, kind: string) => {
    if (kind === "%") return "%";
    if (kind === "#") return String(index);
    if (next >= values.length) return match;
    return placeholder(kind, values[next++]);
  });
  const row = values[0];
  if (values.length === 1 && typeof row === "object" && row !== null && !Array.isArray(row)) {
    title = title.replace(/\$([\w.]+)/g, (match, path: string) => {
      const text = show(property(row, path));
      return text.length > 40 ? `${text.slice(0, 39)}…` : text;
    });
  }
  return title;
}
