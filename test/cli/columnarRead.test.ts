/**
 * The columnar path (src/cli/columnarRead.ts, src/core/input/columns.ts) gives exactly what the
 * row path gives (readTable.ts's parseDelimitedLines → prepareReportData → auditTransactions),
 * or steps aside: differential tests on generated tables (fast-check), the shared cases, CDNOW
 * (as the whitespace file it is and converted to CSV) and files in other encodings.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { expect } from "../support/expect";
import {
  deferDelimited,
  readColumns,
  scanRecords,
  SAMPLE_RECORDS,
  shapeOf,
  type DeferredText,
} from "../../src/cli/columnarRead";
import { parseDelimitedLines, readTableFile } from "../../src/cli/readTable";
import { fastAmount, fastDay, fastIdNumber, SLOW_ID, TEXT_ID } from "../../src/core/input/columns";
import { detectColumns, type ColumnMapping } from "../../src/core/input/mapping";
import { displayIds, prepareReportData, type PreparedData } from "../../src/core/report/data";
import { readDate, readNumber } from "../../src/core/input/input";
import { parseArguments, reportForFile } from "../../src/cli/main";
import { runCli } from "../support/runCli";

const shared = path.resolve(import.meta.dirname, "..", "..", "..", "shared");
const dir = mkdtempSync(path.join(os.tmpdir(), "crm-columnar-"));

/** Every field of every record, as the scanner visits them. */
function scanned(text: string, delimiter: string): string[][] | undefined {
  const rows: string[][] = [];
  let row: string[] = [];
  const complete = scanRecords(
    text,
    delimiter,
    (column, s, start, end) => {
      expect(column).toBe(row.length);
      row.push(s.slice(start, end));
    },
    (fields) => {
      expect(fields).toBe(row.length);
      rows.push(row);
      row = [];
      return true;
    }
  );
  return complete ? rows : undefined;
}

/** The same PreparedData, field by field (the report reads nothing else of it). */
function expectSame(fresh: PreparedData, old: PreparedData): void {
  expect(fresh.audit.transactions).toEqual(old.audit.transactions);
  expect(fresh.audit.problems).toEqual(old.audit.problems);
  expect(fresh.audit.problemCount).toBe(old.audit.problemCount);
  expect(fresh.audit.rowsWithProblems).toBe(old.audit.rowsWithProblems);
  expect(fresh.audit.returnRows).toBe(old.audit.returnRows);
  expect(fresh.audit.returnOnlyDays).toBe(old.audit.returnOnlyDays);
  expect(fresh.histories).toEqual(old.histories);
  expect(fresh.dataRows).toBe(old.dataRows);
  expect(fresh.firstDay).toBe(old.firstDay);
  expect(fresh.lastDay).toBe(old.lastDay);
  expect(fresh.suggestedInactiveDays).toBe(old.suggestedInactiveDays);
  expect(fresh.suggestedMargin).toBe(old.suggestedMargin);
  expect([...displayIds(fresh)]).toEqual([...displayIds(old)]);
}

/**
 * Both paths on one delimited text, mapping fixed: the columnar result must be the row path's,
 * whenever the columnar path takes the file. Returns whether it did.
 */
function bothWays(
  text: string,
  delimiter: string,
  mapping: ColumnMapping,
  hasHeader: boolean
): boolean {
  const { rows } = parseDelimitedLines(text, delimiter);
  let records = 0;
  let width = -1;
  let uniform = true;
  scanRecords(
    text,
    delimiter,
    () => {},
    (fields) => {
      records++;
      if (width === -1) width = fields;
      uniform &&= fields === width;
      return true;
    }
  );
  if (!uniform || records === 0) return false; // never deferred (deferDelimited)
  const deferred: DeferredText = { text, delimiter, records, width };
  const transactions = readColumns(deferred, mapping as never, hasHeader);
  if (transactions === undefined) return false;
  const columnNames = Array.from({ length: width }, (_, c) => `c${c}`);
  const source = { rows, hasHeader, columnNames, mapping };
  const old = prepareReportData(source);
  const fresh = prepareReportData(
    { ...source, rows: rows.slice(0, 1) },
    { transactions, dataRows: records - (hasHeader ? 1 : 0) }
  );
  expectSame(fresh, old);
  return true;
}

// ─── Generated tables ───────────────────────────────────────────────────────────────────

const isoOf = (serial: number) =>
  new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);

const fastId = fc.oneof(
  fc.integer({ min: 0, max: 99_999_999 }).map(String),
  fc.integer({ min: 0, max: 999 }).map((n) => `00${n}`),
  fc
    .tuple(fc.constantFrom("c", "C", "k"), fc.integer({ min: 0, max: 30 }))
    .map(([p, n]) => `${p}-${n}`),
  fc.constantFrom(
    "John Smith",
    "JOHN SMITH",
    "a_b",
    "9007199254740993",
    "9007199254740992",
    "12345678901234567",
    "-"
  )
);
const slowId = fc.constantFrom(
  " 12",
  "12 ",
  "-7",
  "-07",
  "客戶甲",
  "straße",
  "STRASSE",
  "",
  "Ａ",
  "a\tb",
  'a"b',
  "x\ny"
);
const fastDate = fc.oneof(
  fc.integer({ min: 2, max: 80_000 }).map(isoOf),
  fc.integer({ min: 36_000, max: 47_000 }).map((s) => isoOf(s).replaceAll("-", "/")),
  fc
    .integer({ min: 36_000, max: 47_000 })
    .map((s) => isoOf(s).split("-").map(Number))
    .map(([y, m, d]) => `${y}.${m}.${d}`),
  fc.integer({ min: 1, max: 2_958_465 }).map(String),
  fc.integer({ min: 36_000, max: 47_000 }).map((s) => isoOf(s).replaceAll("-", "")),
  fc.constantFrom("0045352", "1900-01-01", "9999-12-31")
);
const slowDate = fc.constantFrom(
  "05.01.2024",
  "13.02.2024",
  "1/13/2024",
  "2024-02-30",
  "2024-03-01 10:00",
  "2024-03-01T10:00Z",
  "",
  "60",
  "0",
  "abc",
  "3/1/24",
  "1899-12-31",
  "2024-003-01",
  "２０２４－０３－０１",
  "20240230",
  "2958466",
  " 2024-03-01",
  "45352.5"
);
const fastAmountCell = fc.oneof(
  fc.integer({ min: -100_000, max: 1_000_000 }).map(String),
  fc.integer({ min: -100_000, max: 1_000_000 }).map((n) => (n / 100).toFixed(2)),
  fc.integer({ min: 0, max: 10 ** 6 }).map((n) => `0.${String(n).padStart(6, "0")}`),
  fc.constantFrom("+7", "-0", "-0.00", "0.1", "123456789012345", "99999999999999.9", "1.5")
);
const slowAmount = fc.constantFrom(
  "1.234",
  "2.000",
  "12,50",
  "1,234.50",
  "$5",
  "1e3",
  "",
  "(3.00)",
  "1234567890123456",
  "5.",
  ".5",
  "12.5%",
  "¥12",
  " 7"
);
const cell = (fast: fc.Arbitrary<string>, slow: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 12, arbitrary: fast }, { weight: 1, arbitrary: slow });

const row = fc.tuple(
  cell(fastId, slowId),
  cell(fastDate, slowDate),
  cell(fastAmountCell, slowAmount)
);

function quoteFor(delimiter: string) {
  return (text: string, quoteIt: boolean) =>
    quoteIt || text.includes(delimiter) || text.includes('"') || /[\r\n]/.test(text)
      ? `"${text.replaceAll('"', '""')}"`
      : text;
}

const table = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 40 }),
  delimiter: fc.constantFrom(",", ";", "\t", "|"),
  newline: fc.constantFrom("\n", "\r\n", "\r"),
  header: fc.boolean(),
  order: fc.constantFrom([0, 1, 2], [2, 0, 1], [1, 2, 0]),
  note: fc.boolean(),
  quoted: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  blankLines: fc.boolean(),
});

describe("the columnar path reads what the row path reads", () => {
  it("scans records exactly as parseDelimitedLines parses them (quotes, CRLF, blank lines, whitespace)", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "1", ",", ";", '"', "\n", "\r", " ", "\t", "é", "\u00a0", "x"),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, fc.constantFrom(",", ";", "\t", "whitespace"), (t, delimiter) => {
        let expected: string[][] | undefined;
        try {
          expected = parseDelimitedLines(t, delimiter).rows;
        } catch {
          expected = undefined; // an unclosed quote: the scanner stops too
        }
        expect(scanned(t, delimiter)).toEqual(expected);
        // the shape pass: records of one width, counted without their fields
        const widths = new Set(expected?.map((r) => r.length));
        expect(shapeOf(t, delimiter)).toEqual(
          expected === undefined || widths.size > 1
            ? undefined
            : { records: expected.length, width: expected[0]?.length ?? -1 }
        );
      }),
      { numRuns: 1000 }
    );
  });

  it("gives the row path's transactions, histories and ids on generated tables, or steps aside", () => {
    let taken = 0;
    fc.assert(
      fc.property(table, (t) => {
        const quote = quoteFor(t.delimiter);
        const lines: string[] = [];
        const names = ["customer_id", "order_date", "amount"];
        const arrange = (cells: readonly string[]) => {
          const out = t.order.map((k) => cells[k]!);
          if (t.note) out.push("note");
          return out;
        };
        if (t.header) lines.push(arrange(names).join(t.delimiter));
        t.rows.forEach((cells, i) => {
          lines.push(
            arrange(cells)
              .map((c, k) => quote(c, t.quoted[(i + k) % 8]! && i % 3 === 0))
              .join(t.delimiter)
          );
          if (t.blankLines && i % 7 === 3) lines.push("");
        });
        const text = lines.join(t.newline) + (t.quoted[0] ? t.newline : "");
        const mapping: ColumnMapping = {
          customerId: t.order.indexOf(0),
          date: t.order.indexOf(1),
          amount: t.order.indexOf(2),
          cost: null,
          score: null,
        };
        if (bothWays(text, t.delimiter, mapping, t.header)) taken++;
      }),
      { numRuns: 250 }
    );
    expect(taken).toBeGreaterThan(30); // most generated tables are of fast cells only
  });

  it("takes every table of fast cells", () => {
    const fastRow = fc.tuple(fastId, fastDate, fastAmountCell);
    fc.assert(
      fc.property(fc.array(fastRow, { minLength: 1, maxLength: 30 }), (rows) => {
        const text = ["id,date,amount", ...rows.map((r) => r.join(","))].join("\n");
        const mapping = { customerId: 0, date: 1, amount: 2, cost: null, score: null };
        // Ids such as "-" or "John Smith" are fast text; none of these cells is refused.
        expect(bothWays(text, ",", mapping, true)).toBe(true);
      }),
      { numRuns: 150 }
    );
  });
});

describe("fast cell readers agree with the input layer", () => {
  it("dates: the day readDate gives, or -1", () => {
    fc.assert(
      fc.property(fc.oneof(fastDate, slowDate), (text) => {
        const day = fastDay(text, 0, text.length);
        if (day >= 0) expect(day).toBe(readDate(text, { argument: "d" }));
      }),
      { numRuns: 1000 }
    );
  });

  it("amounts: the number readNumber gives (bit for bit), or NaN", () => {
    fc.assert(
      fc.property(
        fc.oneof(fastAmountCell, slowAmount, fc.double({ noNaN: true }).map(String)),
        (text) => {
          const value = fastAmount(text, 0, text.length);
          if (value === value)
            expect(Object.is(value, readNumber(text, { argument: "a" }))).toBe(true);
        }
      ),
      { numRuns: 1000 }
    );
  });

  it("ids: canonical integers by number, other fast text by its case fold", () => {
    // computed by hand from input.ts's readCustomerId rules
    expect(fastIdNumber("1001", 0, 4)).toBe(1001);
    expect(fastIdNumber("00001", 0, 5)).toBe(TEXT_ID);
    expect(fastIdNumber("9007199254740993", 0, 16)).toBe(TEXT_ID); // beyond 2^53: text
    expect(fastIdNumber("-7", 0, 2)).toBe(SLOW_ID);
    expect(fastIdNumber(" 7", 0, 2)).toBe(SLOW_ID);
    expect(fastIdNumber("客戶甲", 0, 3)).toBe(SLOW_ID);
  });
});

// ─── Real files ─────────────────────────────────────────────────────────────────────────

/**
 * A file both ways through readTableFile (row path; deferRows), column detection and
 * prepareReportData. Returns whether the columnar path took it.
 */
async function fileBothWays(file: string, encoding?: string): Promise<boolean> {
  const options = encoding ? { encoding } : {};
  const rowTable = await readTableFile(file, options);
  const detected = detectColumns(rowTable.rows);
  const { mapping, hasHeader, columnNames } = detected;
  const source = { rows: rowTable.rows, hasHeader, columnNames, mapping };
  const old = prepareReportData(source);
  const lazy = await readTableFile(file, { ...options, deferRows: true });
  expect(lazy.encoding).toBe(rowTable.encoding);
  expect(lazy.delimiter).toBe(rowTable.delimiter);
  if (lazy.deferred === undefined) {
    expect(lazy.rows).toEqual(rowTable.rows);
    return false;
  }
  expect(lazy.rows).toEqual(rowTable.rows.slice(0, SAMPLE_RECORDS));
  expect(lazy.lines).toEqual(rowTable.lines.slice(0, SAMPLE_RECORDS));
  expect(lazy.deferred.records).toBe(rowTable.rows.length);
  expect(detectColumns(lazy.rows)).toEqual(detected); // the sample decides the mapping
  const transactions = readColumns(
    lazy.deferred,
    { customerId: mapping.customerId!, date: mapping.date!, amount: mapping.amount! },
    hasHeader
  );
  if (transactions === undefined) return false;
  const fresh = prepareReportData(
    { ...source, rows: lazy.rows },
    { transactions, dataRows: rowTable.rows.length - (hasHeader ? 1 : 0) }
  );
  expectSame(fresh, old);
  return true;
}

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** A seeded CSV of `rows` rows, with some quoted fields and CRLF when asked. */
function generatedCsv(rows: number, options: { crlf?: boolean; quoteEvery?: number } = {}): string {
  const lines = ["Customer ID,Order date,Amount,Note"];
  let state = 7;
  const next = () => (state = (state * 48271) % 2147483647);
  for (let i = 0; i < rows; i++) {
    const id = next() % 3 === 0 ? `C-${next() % 500}` : String(1000 + (next() % 800));
    const day = 44927 + (next() % 700);
    const cents = (next() % 20000) - 1000;
    const note = options.quoteEvery && i % options.quoteEvery === 0 ? '"a, ""quoted""\nnote"' : "n";
    lines.push(`${id},${isoOf(day)},${(cents / 100).toFixed(2)},${note}`);
  }
  return lines.join(options.crlf ? "\r\n" : "\n") + "\n";
}

describe("files read both ways", () => {
  it("CDNOW master as it is (whitespace, CRLF, ids 00001, yyyymmdd dates), the sample converted to CSV", async function () {
    this.timeout(20_000);
    // shared/data/cdnow: 69,659 rows of 23,570 customers
    expect(
      await fileBothWays(path.join(shared, "data", "cdnow", "CDNOW_master.txt"), "utf-8")
    ).toBe(true);
    const text = readFileSync(path.join(shared, "data", "cdnow", "CDNOW_sample.txt"), "utf8");
    const csv = text
      .split(/\r?\n/)
      .map((line) =>
        line
          .trim()
          .split(/[ \t]+/)
          .join(",")
      )
      .join("\n");
    expect(await fileBothWays(write("CDNOW_sample.csv", csv))).toBe(true);
  });

  it("the shared cases: small files, read as rows, unchanged", async () => {
    for (const name of [
      "refund-day.csv",
      "decimal-comma-semicolon.csv",
      "big5-traditional.csv",
      "quoted-newline-id.csv",
    ]) {
      expect(await fileBothWays(path.join(shared, "cases", name))).toBe(false);
    }
  });

  it("quoted fields with delimiters, doubled quotes and line breaks; CRLF; sep= line", async () => {
    expect(
      await fileBothWays(write("quoted.csv", generatedCsv(3000, { crlf: true, quoteEvery: 7 })))
    ).toBe(true);
    expect(await fileBothWays(write("sep.csv", `sep=,\n${generatedCsv(2000)}`))).toBe(true);
  });

  it("UTF-16 LE and BE with a BOM, UTF-8 with a BOM, Chinese ids", async () => {
    const text = generatedCsv(2000);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(await fileBothWays(write("le.csv", le))).toBe(true);
    const be = Buffer.from(le);
    be.swap16();
    expect(await fileBothWays(write("be.csv", be))).toBe(true);
    expect(
      await fileBothWays(
        write("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
      )
    ).toBe(true);
    // Chinese ids are no fast cell: the whole file is read as rows, with the same result
    // (the Big5 file of the shared cases covers the Chinese encodings' decoding).
    const chinese = text.replace(/^C-/gm, "客戶");
    expect(await fileBothWays(write("zh-utf8.csv", chinese))).toBe(false);
  });

  it("a bad cell far down (line 1,900) sends the file to the row path, which refuses it by line", async () => {
    const lines = generatedCsv(2000).split("\n");
    lines[1900] = lines[1900]!.replace(/,[^,]*,/, ",2024-02-30,");
    const file = write("bad.csv", lines.join("\n"));
    expect(await fileBothWays(file)).toBe(false);
    const lazy = await readTableFile(file, { deferRows: true });
    expect(lazy.deferred).toBeDefined();
  });

  it("records of different widths are never deferred", () => {
    const text = generatedCsv(1500).replace("\n1", "\n1,extra,");
    expect(deferDelimited(text, ",")).toBeUndefined();
    expect(deferDelimited(generatedCsv(1500), ",")).toBeDefined();
  });
});

describe("crm-report both ways", () => {
  it("builds the same report model from a file the columnar path takes", async function () {
    this.timeout(20_000);
    const file = write("report.csv", generatedCsv(1500, { quoteEvery: 50 }));
    const now = new Date(Date.UTC(2026, 10, 30, 9, 30));
    const columnar = await reportForFile(parseArguments([file, "--quiet"], {}), undefined, now);
    const rows = await reportForFile(
      parseArguments([file, "--quiet"], { CRM_REPORT_ROW_PATH: "1" }),
      undefined,
      now
    );
    expect(columnar.data.preRead).toBe(true);
    expect(rows.data.preRead).toBeUndefined();
    expect(JSON.stringify(columnar.model)).toBe(JSON.stringify(rows.model));
    expect(columnar.options).toEqual(rows.options);
  });
});

describe("crm-report both ways: refusals", () => {
  it("a bad cell on line 1,902 of a large file: the same exit 4 and message naming that line", async () => {
    const lines = generatedCsv(2000).split("\n");
    lines[1901] = lines[1901]!.replace(/,[^,]*,/, ",2024-02-30,"); // line 1,902 of the file
    const file = write("bad-report.csv", lines.join("\n"));
    const output = path.join(dir, "bad-report.xlsx");
    const columnar = await runCli([file, "-o", output, "--quiet"]);
    const rows = await runCli([file, "-o", output, "--quiet"], { CRM_REPORT_ROW_PATH: "1" });
    expect(columnar.code).toBe(4);
    expect(columnar.stderr).toMatch(/1902/);
    expect(columnar).toEqual(rows);
  });
});
