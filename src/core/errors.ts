/**
 * Typed errors of the core. The core never returns a number it cannot stand behind: every
 * rejection is a {@link CrmError} that says which argument, which row (1-based, counted within
 * that argument's range) and what kind of problem, so that the functions layer can map it to an
 * Excel error and the task pane can list it in its data-quality report.
 */

/**
 * The kind of problem, named after the Excel error it becomes:
 * - `value`: wrong type or unreadable input (text in a number column, a non-date, an empty
 *   required value, ranges of different sizes) → `#VALUE!`
 * - `num`: a number outside its domain (a negative count, a rate above 1) → `#NUM!`
 * - `div0`: a denominator that is zero (no customers at the start) → `#DIV/0!`
 * - `na`: nothing to compute on (an empty range, no customer matches) → `#N/A`
 */
export type CrmErrorKind = "value" | "num" | "div0" | "na";

export class CrmError extends Error {
  override readonly name = "CrmError";

  /**
   * @param kind which Excel error this becomes
   * @param message a complete sentence naming the argument (and row, where there is one)
   * @param argument the argument's name as the user sees it (`customers_at_start`)
   * @param row 1-based row within the argument's range, when the problem is one cell
   */
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly argument?: string,
    readonly row?: number
  ) {
    super(message);
  }
}

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}

/** Where a value sits: the argument's name and, for a cell in a range, its 1-based row. */
export interface Where {
  readonly argument: string;
  readonly row?: number;
}

/** `customers_at_start` or `dates, row 17`: the place a message names. */
export function describeWhere(where: Where): string {
  return where.row === undefined ? where.argument : `${where.argument}, row ${where.row}`;
}

/** At most this many characters (code points) of a text are shown in a message. */
export const SHOWN_TEXT_LIMIT = 40;

/** Line breaks, tabs and other control characters, shown as one space so a message stays one line. */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * The first {@link SHOWN_TEXT_LIMIT} code points of `text` (never half a surrogate pair), with
 * `…` when cut, and every run of line breaks or control characters as one space. Only the
 * shown part is scanned, so a 5,000,000-character cell costs no more than a short one.
 *
 * @example shortText("line 1\nline 2") //=> "line 1 line 2"
 * @example shortText("x".repeat(5_000_000)).length //=> 41 (40 x, then …)
 */
export function shortText(text: string): string {
  let end = 0;
  let points = 0;
  while (end < text.length && points < SHOWN_TEXT_LIMIT) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1;
    points++;
  }
  const head = text.slice(0, end).replace(CONTROL_RUN, " ");
  return end < text.length ? `${head}…` : head;
}

/**
 * Shows a rejected value in a message: text quoted and cut to {@link SHOWN_TEXT_LIMIT}
 * characters (see {@link shortText}), others as they print.
 */
export function showValue(value: unknown): string {
  if (typeof value === "string") return `"${shortText(value)}"`;
  if (value === null || value === undefined) return "an empty cell";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  const code = excelErrorCode(value);
  if (code !== undefined) return shortText(code);
  return "a value of an unsupported type";
}

/**
 * The code (`#N/A`, `#DIV/0!`, …) of an Excel error value passed in as input, or undefined.
 * Excel hands error cells to custom functions as objects with a `code` field
 * (`CustomFunctions.Error`); the core recognises them by shape so it needs no Office types.
 */
export function excelErrorCode(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("#")) return code;
  // CustomFunctions.ErrorCode member names, for runtimes that pass the enum name.
  const names: Record<string, string> = {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  };
  return typeof code === "string" ? names[code] : undefined;
}
