/**
 * Which text encoding a file is in, for `crm-report` (SPEC §5): UTF-8 (with or without BOM),
 * UTF-16 LE/BE (with or without BOM), GB18030 (Simplified-Chinese Excel's "CSV") or Big5
 * (Traditional-Chinese Excel's).
 *
 * A byte-order mark decides. Without one, every candidate decodes a sample of the file and is
 * scored, not taken from a fixed order:
 * - each character that is not plain ASCII gets a quality: a commonly used Chinese character
 *   (GB2312 level 1 or Big5 level 1) 1, another Chinese character 0.3, Latin letters,
 *   punctuation and full-width forms 0.8, other scripts (kana, Greek, Cyrillic, box drawing:
 *   what one Chinese encoding's text turns into when read as the other) 0, private-use
 *   characters and control characters −1, decoding errors (U+FFFD) −2; the score is their mean;
 * - plus half the share of ASCII characters (text read as the wrong UTF-16 has almost none);
 * - plus 0.25 per header of the first line that names a field (客户ID, 會員編號, 交易日期,
 *   消費金額, amount, …; the vocabulary of src/core/input/mapping.ts);
 * - plus 0.25 for UTF-8 when the bytes are valid UTF-8 with multi-byte characters (which text
 *   in another encoding almost never is);
 * - for UTF-16, minus {@link UTF16_NO_ASCII_PENALTY} when under 5 % of its characters are
 *   ASCII (real UTF-16 text has delimiters, digits and line breaks, each a byte and a NUL;
 *   8-bit text read as UTF-16 pairs its ASCII bytes into CJK ideographs and has none), and
 *   minus {@link UTF16_ODD_PENALTY} for a file of odd length (QA: a Latin-1 file or ASCII with
 *   one stray byte was offered as "utf-16be or utf-16le").
 * When the two best candidates read the file differently and score within
 * {@link AMBIGUITY_MARGIN} of each other, the file cannot be told apart and the caller asks for
 * `--encoding`.
 */
import { detectColumns } from "../core/input/mapping";

/** The encodings `--encoding` takes (WHATWG names), in the order of the help text. */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030", "big5"] as const;
export type EncodingName = (typeof ENCODINGS)[number];

/** Scores closer than this (with different texts) cannot tell the encodings apart. */
export const AMBIGUITY_MARGIN = 0.1;

/** See the module comment: UTF-16 scored on text with (almost) no ASCII, or an odd length. */
export const UTF16_NO_ASCII_PENALTY = 2;
export const UTF16_ODD_PENALTY = 0.5;

/** Bytes of the file each candidate is scored on. */
const SAMPLE_BYTES = 256 * 1024;

export interface EncodingScore {
  readonly encoding: EncodingName;
  readonly score: number;
  /** U+FFFD characters in the decoded sample */
  readonly errors: number;
  readonly privateUse: number;
  /** headers of the first line that name a field */
  readonly knownHeaders: number;
  /** the decoded sample */
  readonly text: string;
}

export type EncodingDetection =
  | { readonly kind: "bom"; readonly encoding: EncodingName; readonly bomLength: number }
  | {
      readonly kind: "scored";
      readonly encoding: EncodingName;
      readonly scores: readonly EncodingScore[];
    }
  | { readonly kind: "ambiguous"; readonly scores: readonly EncodingScore[] };

/** The encoding a byte-order mark names, and the mark's length. */
export function bomOf(bytes: Uint8Array): { encoding: EncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

let commonHan: Set<string> | undefined;

/** GB2312 level 1 (3,755 characters) and Big5 level 1 (5,401): the commonly used characters. */
function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  const set = new Set<string>();
  const add = (encoding: string, leads: [number, number], trails: [number, number][]) => {
    const bytes: number[] = [];
    for (let lead = leads[0]; lead <= leads[1]; lead++)
      for (const [from, to] of trails)
        for (let trail = from; trail <= to; trail++) bytes.push(lead, trail);
    for (const ch of new TextDecoder(encoding).decode(new Uint8Array(bytes)))
      if (isHan(ch.codePointAt(0)!)) set.add(ch);
  };
  add("gb18030", [0xb0, 0xd7], [[0xa1, 0xfe]]);
  add(
    "big5",
    [0xa4, 0xc6],
    [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ]
  );
  commonHan = set;
  return set;
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** The quality of one character that is not printable ASCII (see the module comment). */
function quality(ch: string, code: number, common: Set<string>): number {
  if (code === 0xfffd) return -2;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return -1; // controls, NUL
  if ((code >= 0xe000 && code <= 0xf8ff) || code >= 0xf0000) return -1; // private use
  if (isHan(code)) return common.has(ch) ? 1 : 0.3;
  if (
    (code >= 0xa0 && code <= 0x24f) || // Latin-1, Latin Extended-A/B
    (code >= 0x2000 && code <= 0x20cf) || // general punctuation, currency
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    code === 0xfeff
  )
    return 0.8;
  return 0;
}

/** The fields the first line's headers name (0 to 5). */
function knownHeaderCount(text: string): number {
  // Excel's `sep=;` first line is not the header: the line after it is.
  const body = /^sep=.\r?\n/i.test(text) ? text.slice(text.indexOf("\n") + 1) : text;
  const end = body.indexOf("\n");
  const line = (end < 0 ? body : body.slice(0, end)).replace(/\r$/, "");
  const cells = line.split(/[,;\t|]/).map((cell) => cell.trim().replace(/^"|"$/g, ""));
  if (cells.length < 2) return 0;
  const { reasons } = detectColumns([cells], { hasHeader: true, sampleRows: 0 });
  return Object.values(reasons).filter((reason) => reason === "header").length;
}

/**
 * Where the sample starts: 0, or, when the first {@link SAMPLE_BYTES} are plain ASCII (no byte
 * of 0x80 or more, no NUL) in a longer file, the line holding the first byte that is not, so
 * that a file whose Chinese text comes late is still judged by it.
 */
function sampleStart(bytes: Uint8Array): number {
  if (bytes.length <= SAMPLE_BYTES) return 0;
  for (let i = 0; i < SAMPLE_BYTES; i++) if (bytes[i]! >= 0x80 || bytes[i] === 0) return 0;
  let first = SAMPLE_BYTES;
  while (first < bytes.length && bytes[first]! < 0x80 && bytes[first] !== 0) first++;
  if (first === bytes.length) return 0;
  return bytes.lastIndexOf(0x0a, first) + 1;
}

/** The sample each candidate decodes: whole lines for 8-bit encodings, whole code units for UTF-16. */
function sampleOf(bytes: Uint8Array, encoding: EncodingName, start: number): Uint8Array {
  const rest = bytes.subarray(start);
  if (rest.length <= SAMPLE_BYTES) {
    return encoding.startsWith("utf-16") ? rest.subarray(0, rest.length & ~1) : rest;
  }
  if (encoding.startsWith("utf-16")) return rest.subarray(0, SAMPLE_BYTES);
  const lastBreak = rest.lastIndexOf(0x0a, SAMPLE_BYTES);
  return rest.subarray(0, lastBreak > 0 ? lastBreak + 1 : SAMPLE_BYTES);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every candidate encoding's score on a file without a byte-order mark, best first (see the
 * module comment). Cost O(sample) per candidate.
 */
export function scoreEncodings(bytes: Uint8Array): EncodingScore[] {
  const common = commonHanCharacters();
  const scores: EncodingScore[] = [];
  const start = sampleStart(bytes);
  for (const encoding of ENCODINGS) {
    const sample = sampleOf(bytes, encoding, start);
    const text = new TextDecoder(encoding).decode(sample);
    let ascii = 0;
    let notable = 0;
    let total = 0;
    let errors = 0;
    let privateUse = 0;
    let sum = 0;
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      total++;
      if ((code >= 0x20 && code < 0x7f) || code === 9 || code === 10 || code === 13) {
        ascii++;
        continue;
      }
      notable++;
      if (code === 0xfffd) errors++;
      if (code >= 0xe000 && code <= 0xf8ff) privateUse++;
      sum += quality(ch, code, common);
    }
    const knownHeaders = knownHeaderCount(
      start === 0 ? text : new TextDecoder(encoding).decode(sampleOf(bytes, encoding, 0))
    );
    const utf8Bonus =
      encoding === "utf-8" && notable > 0 && errors === 0 && isValidUtf8(sample) ? 0.25 : 0;
    const utf16Penalty = encoding.startsWith("utf-16")
      ? (total >= 8 && ascii < 0.05 * total ? UTF16_NO_ASCII_PENALTY : 0) +
        (bytes.length % 2 === 1 ? UTF16_ODD_PENALTY : 0)
      : 0;
    const score =
      (notable === 0 ? 1 : sum / notable) +
      (total === 0 ? 0 : (0.5 * ascii) / total) +
      0.25 * knownHeaders +
      utf8Bonus -
      utf16Penalty;
    scores.push({ encoding, score, errors, privateUse, knownHeaders, text });
  }
  return scores.sort((a, b) => b.score - a.score);
}

/**
 * The encoding of a text file: its byte-order mark, else the best-scoring candidate, else
 * `ambiguous` when the two best read the file differently and score within
 * {@link AMBIGUITY_MARGIN} (see the module comment).
 *
 * @example detectEncoding(big5Bytes("會員編號,交易日期,消費金額\r\n客戶甲,2024/1/5,120\r\n")).encoding //=> "big5"
 */
export function detectEncoding(bytes: Uint8Array): EncodingDetection {
  const bom = bomOf(bytes);
  if (bom) return { kind: "bom", encoding: bom.encoding, bomLength: bom.length };
  const scores = scoreEncodings(bytes);
  const [best, ...rest] = scores;
  const rival = rest.find((other) => other.text !== best!.text);
  if (rival && best!.score - rival.score < AMBIGUITY_MARGIN) return { kind: "ambiguous", scores };
  return { kind: "scored", encoding: best!.encoding, scores };
}
