/**
 * Number conventions of text amounts: which character a column uses as its decimal separator,
 * inferred from the column's own values, and each value's reading under it.
 *
 * Two conventions are common in files exported by Excel:
 * - decimal point, thousands comma (English): `1,234.50`, `12.5`;
 * - decimal comma, thousands dot or space (most of Europe): `1.234,50`, `12,5`, `1 234,50`.
 *
 * Most values show their convention by themselves (`12,50`, `1.234,5`, `1,234,567`, `0.125`).
 * A value with a single separator followed by exactly three digits and led by one to three
 * digits (`1.234`, `2,000`) reads either way (1.234 or 1234), so it takes its column's
 * convention: the one the column's other values show. When the column shows none, or shows
 * both, such a value is ambiguous and is refused, never guessed.
 *
 * Pure: no Office, no I/O. Used by the input layer (src/core/input/input.ts) for the amounts the task
 * pane and `crm-report` read (SPEC §5), so both read a file the same way.
 */

/** The decimal separator of a column. */
export type DecimalSeparator = "." | ",";

/** What one text value says about its column's convention. */
export type NumberEvidence =
  /** readable one way only, with this decimal separator */
  | { readonly kind: "decimal"; readonly decimal: DecimalSeparator }
  /** the same under both conventions (`12`, `1 234`) */
  | { readonly kind: "neutral" }
  /** `1.234`, `2,000`: decimal or thousands, depending on the column */
  | { readonly kind: "ambiguous"; readonly separator: DecimalSeparator }
  /** no number body, or separators in no valid arrangement (left to the number reader) */
  | { readonly kind: "none" };

/** The result of reading a value under a column's convention. */
export type ConventionReading =
  /** the text with its number body rewritten as plain digits and a decimal point */
  | { readonly kind: "text"; readonly text: string }
  /** the value reads two ways and the column does not say which */
  | { readonly kind: "ambiguous"; readonly readings: readonly [number, number] };

/** What a column's text values show. */
export interface ColumnConvention {
  /** the decimal separator the column shows; undefined when it shows none or both */
  readonly decimal: DecimalSeparator | undefined;
  /** values that show a decimal point / a decimal comma by themselves */
  readonly pointValues: number;
  readonly commaValues: number;
  /** values that read two ways by themselves (`1.234`) */
  readonly ambiguousValues: number;
}

/**
 * The number body inside a text: digits with separators between them, or a leading separator
 * (`.5`). Anything around it (sign, currency, `%`, `元`, brackets, an exponent) is kept as is.
 * Space, no-break space, narrow no-break space and `'` only ever group thousands.
 */
const BODY = /[.,]?\d(?:[\d.,\u00a0\u202f' ]*\d)?/;

const isDigits = (s: string) => /^\d+$/.test(s);

/**
 * Plain numbers that read one way under both conventions' rules: an integer, or a decimal
 * point followed by other than three digits (`12`, `-0.5`, `29.33`): the fast path of the
 * 1,000,000-row files, whose cells are mostly like this.
 */
const PLAIN = /^[+-]?\d+(?:\.(?:\d{1,2}|\d{4,}))?$/;

/** NFKC only when there is something beyond ASCII to normalise (full-width digits, `￥`). */
function normalized(text: string): string {
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) > 0x7f) return text.normalize("NFKC");
  return text;
}

/** `1`, `12`, `123` then groups of three: a correctly grouped integer part. */
function isGrouped(parts: readonly string[]): boolean {
  if (parts.length < 2) return false;
  const [first, ...rest] = parts;
  return (
    first !== undefined &&
    /^\d{1,3}$/.test(first) &&
    !first.startsWith("0") &&
    rest.every((part) => /^\d{3}$/.test(part))
  );
}

interface Body {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function findBody(text: string): Body | undefined {
  const match = BODY.exec(text);
  if (match === null) return undefined;
  return { start: match.index, end: match.index + match[0].length, text: match[0] };
}

/** An integer part with optional space-like grouping, as plain digits; undefined if malformed. */
function integerDigits(intPart: string): string | undefined {
  if (intPart === "") return "";
  if (isDigits(intPart)) return intPart;
  const parts = intPart.split(/[ \u00a0\u202f']/);
  return isGrouped(parts) ? parts.join("") : undefined;
}

/** The body's evidence and its canonical text (digits and at most one `.`) per reading. */
interface BodyAnalysis {
  readonly evidence: NumberEvidence;
  /** canonical digits when read with `.` / `,` as the decimal separator (undefined: invalid) */
  readonly asPoint?: string;
  readonly asComma?: string;
}

function analyseBody(body: string): BodyAnalysis {
  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  const none: BodyAnalysis = { evidence: { kind: "none" } };
  if (dots > 0 && commas > 0) {
    // Both kinds: the last one is the decimal separator, once; the other groups thousands.
    const decimal: DecimalSeparator = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    if ((decimal === "." ? dots : commas) !== 1) return none;
    const at = body.lastIndexOf(decimal);
    const fraction = body.slice(at + 1);
    const intParts = body.slice(0, at).split(group);
    if (!isDigits(fraction) || !isGrouped(intParts)) return none;
    const digits = `${intParts.join("")}.${fraction}`;
    return {
      evidence: { kind: "decimal", decimal },
      ...(decimal === "." ? { asPoint: digits } : { asComma: digits }),
    };
  }
  if (dots === 0 && commas === 0) {
    const digits = integerDigits(body);
    return digits === undefined || digits === ""
      ? none
      : { evidence: { kind: "neutral" }, asPoint: digits, asComma: digits };
  }
  const separator: DecimalSeparator = dots > 0 ? "." : ",";
  const parts = body.split(separator);
  if (parts.length > 2) {
    // `1.234.567`, `1,234,567`: repeated, so thousands, and the other character is the decimal.
    if (!isGrouped(parts)) return none;
    const digits = parts.join("");
    const decimal: DecimalSeparator = separator === "." ? "," : ".";
    return {
      evidence: { kind: "decimal", decimal },
      ...(decimal === "." ? { asPoint: digits } : { asComma: digits }),
    };
  }
  const [intPart = "", fraction = ""] = parts;
  const intDigits = integerDigits(intPart);
  if (intDigits === undefined || !isDigits(fraction)) return none;
  const asDecimal = `${intDigits === "" ? "0" : intDigits}.${fraction}`;
  const ambiguous = /^[1-9]\d{0,2}$/.test(intPart) && fraction.length === 3;
  if (!ambiguous) {
    return {
      evidence: { kind: "decimal", decimal: separator },
      ...(separator === "." ? { asPoint: asDecimal } : { asComma: asDecimal }),
    };
  }
  const asThousands = `${intPart}${fraction}`;
  return {
    evidence: { kind: "ambiguous", separator },
    asPoint: separator === "." ? asDecimal : asThousands,
    asComma: separator === "," ? asDecimal : asThousands,
  };
}

/**
 * What a text value says about its column's decimal separator.
 *
 * @example numberEvidence("12,50") //=> { kind: "decimal", decimal: "," }
 * @example numberEvidence("€1.234,50") //=> { kind: "decimal", decimal: "," }
 * @example numberEvidence("1,234,567") //=> { kind: "decimal", decimal: "." }
 * @example numberEvidence("1.234") //=> { kind: "ambiguous", separator: "." }
 * @example numberEvidence("1 234") //=> { kind: "neutral" }
 */
export function numberEvidence(text: string): NumberEvidence {
  if (PLAIN.test(text)) {
    return text.includes(".") ? { kind: "decimal", decimal: "." } : { kind: "neutral" };
  }
  const body = findBody(normalized(text));
  return body === undefined ? { kind: "none" } : analyseBody(body.text).evidence;
}

/**
 * The convention a column's values show: counts every text value's evidence
 * ({@link numberEvidence}); numbers and blanks say nothing. The column's decimal separator is
 * the one its values show when they show only one; when they show none or both, it is
 * undefined and every ambiguous value of the column is refused. Cost O(cells).
 *
 * @example inferColumnConvention(["12,50", "1.234", "7,25"]).decimal //=> ","
 * @example inferColumnConvention(["1.234", "2.500"]).decimal //=> undefined
 */
export function inferColumnConvention(cells: readonly unknown[]): ColumnConvention {
  let pointValues = 0;
  let commaValues = 0;
  let ambiguousValues = 0;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const evidence = numberEvidence(cell);
    if (evidence.kind === "decimal") {
      if (evidence.decimal === ".") pointValues++;
      else commaValues++;
    } else if (evidence.kind === "ambiguous") ambiguousValues++;
  }
  const decimal =
    pointValues > 0 && commaValues === 0
      ? "."
      : commaValues > 0 && pointValues === 0
        ? ","
        : undefined;
  return { decimal, pointValues, commaValues, ambiguousValues };
}

/**
 * A text value read under its column's decimal separator: its number body rewritten as plain
 * digits with a decimal point (the rest of the text, such as a currency sign, `%` or brackets,
 * kept for the number reader), or `ambiguous` with both readings when the value reads two
 * ways and `decimal` is undefined. Text with no valid number body is returned unchanged, for
 * the number reader to refuse.
 *
 * @example readWithConvention("1.234", ",") //=> { kind: "text", text: "1234" }
 * @example readWithConvention("€ 12,50", ",") //=> { kind: "text", text: "€ 12.50" }
 * @example readWithConvention("1.234", undefined) //=> { kind: "ambiguous", readings: [1.234, 1234] }
 */
export function readWithConvention(
  text: string,
  decimal: DecimalSeparator | undefined
): ConventionReading {
  if (PLAIN.test(text)) return { kind: "text", text };
  const normal = normalized(text);
  const body = findBody(normal);
  if (body === undefined) return { kind: "text", text };
  const analysis = analyseBody(body.text);
  const { evidence } = analysis;
  let digits: string | undefined;
  if (evidence.kind === "ambiguous") {
    if (decimal === undefined) {
      return {
        kind: "ambiguous",
        readings: [Number(analysis.asPoint), Number(analysis.asComma)].sort((a, b) => a - b) as [
          number,
          number,
        ],
      };
    }
    digits = decimal === "." ? analysis.asPoint : analysis.asComma;
  } else if (evidence.kind === "decimal") {
    digits = evidence.decimal === "." ? analysis.asPoint : analysis.asComma;
  } else if (evidence.kind === "neutral") {
    digits = analysis.asPoint;
  }
  if (digits === undefined) return { kind: "text", text };
  return {
    kind: "text",
    text: `${normal.slice(0, body.start)}${digits}${normal.slice(body.end)}`,
  };
}
