/**
 * Cell text as an .xlsx file stores it, shared by the two ways text reaches a cell: the rows
 * ExcelJS writes (xlsxWriter.ts) and the rows streamed as XML text (bulkRows.ts), so both
 * read back alike.
 *
 * ECMA-376 Part 1 §22.9.2.19 ST_Xstring: a cell's text (`<t>`, `<v>`) may hold `_xHHHH_`, the
 * character of UTF-16 code unit HHHH (hex), which is how Excel stores the characters XML 1.0
 * cannot hold (U+0000–U+001F but tab and line feed, U+FFFE, U+FFFF) and a carriage return (a
 * raw one is read as a line feed by every XML parser). So text that holds a literal `_x` + 4
 * hex digits + `_` would be decoded by Excel (and LibreOffice, ExcelJS) into one character;
 * its `_` is written `_x005F_` (the underscore's own escape), as Excel writes it.
 */

/**
 * Characters written as `_xHHHH_` (XML 1.0 cannot hold them, or a parser would change them),
 * and the `_` of a literal `_xHHHH_`: followed by `x`, 4 hex digits and either `_` or a
 * character that is itself written `_xHHHH_` (so `_x0041` + U+0007 is not read as "A"), and
 * overlapping ones too (`_x0041_x0042_` has two).
 */
const ESCAPED =
  // eslint-disable-next-line no-control-regex
  /_(?=x[0-9A-Fa-f]{4}[_\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF])|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g;
/** A cheap pre-test: text that has neither needs nothing. */
// eslint-disable-next-line no-control-regex
const ANY = /[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|_x/;

/**
 * The ST_Xstring form of a cell's text (before XML's own `&`, `<`, `>` escaping): a literal
 * `_xHHHH_` with its `_` written `_x005F_`, control characters, carriage return, DEL, U+FFFE
 * and U+FFFF as `_xHHHH_` (upper-case hex). Tab and line feed stay as they are.
 *
 * @example ooxmlText("_x0041_") //=> "_x005F_x0041_" (Excel shows "_x0041_", not "A")
 * @example ooxmlText("a\u0007b") //=> "a_x0007_b"
 */
export function ooxmlText(text: string): string {
  if (!ANY.test(text)) return text;
  return text.replace(ESCAPED, (ch) =>
    ch === "_" ? "_x005F_" : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/**
 * The first `max` UTF-16 units of `text`, one fewer where the cut would split a surrogate pair
 * (an emoji or other character beyond U+FFFF), so no lone surrogate is written (it would be
 * read as U+FFFD). Text of `max` units or fewer is returned as it is.
 *
 * @example cutAtCodePoint("ab😀", 3) //=> "ab"
 */
export function cutAtCodePoint(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}
