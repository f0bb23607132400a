/**
 * `crm-report`: the task pane's retention summary from a transactions file, without Excel
 * (SPEC §5). The same steps as the wizard, in the same code: read the cells, detect the
 * columns (mapping.ts), audit the rows and build the report model (report.ts), then write it
 * with the .xlsx adapter (xlsxWriter.ts) instead of the Excel one.
 */
import path from "node:path";
import { isBlank } from "../core/input/input";
import { inferColumnConvention, readWithConvention } from "../core/input/numberConvention";
import { isValidYmd, serialFromYmd } from "../core/input/dates";
import { isCrmError } from "../core/errors";
import { columnLetters, uniqueSheetName } from "../core/report/reportModel";
import {
  detectColumns,
  FIELD_KEYS,
  mappingProblems,
  type ColumnMapping,
  type FieldKey,
} from "../core/input/mapping";
import {
  buildReport,
  defaultReportOptions,
  generatedAtText,
  prepareReportData,
  REPORT_OPTION_LIMITS,
  type PreparedData,
  type ReportOptions,
} from "../core/report";
import { periodKindOf, type PeriodKind } from "../core/metrics/customerBase";
import { CLI_STRINGS, type CliStrings } from "../i18n/cli.strings";
import { REPORT_STRINGS, reportLanguageOf, type ReportLanguage } from "../i18n/report.strings";
import { readTableFile, TableFileError, type TableFile } from "./readTable";
import { checkOutput, OutputError, writeFileAtomically } from "./safeOutput";
import {
  MAX_SHEET_ROWS,
  reportWorkbookFile,
  SheetNameError,
  SheetSizeError,
  type CellTextWarning,
} from "./xlsxWriter";
import type { InputProblem } from "../core/input/input";
import { checkAlertThresholds } from "../core/metrics/rfmAlert";
import { checkGradeThresholds } from "../core/metrics/grading";
import { clipList, clipText, clipWords } from "./clip";
import { raggedRows } from "./rowWidths";
import { materializeTable, readColumns, withoutDeferred } from "./columnarRead";

/**
 * Exit codes (also in the help text and README): 2 the command line, including an output that
 * would overwrite the input or (without --force) an existing file; 3 the input file; 4 rows with
 * unreadable cells; 5 the report cannot be computed; 6 the output cannot be written (no such
 * folder, a folder, no permission, a sheet name Excel refuses); 130 interrupted (Ctrl+C).
 */
export const EXIT = {
  ok: 0,
  usage: 2,
  input: 3,
  badRows: 4,
  compute: 5,
  output: 6,
  interrupted: 130,
} as const;

/** The encodings `--encoding` takes, and the other names it knows them by. */
const ENCODING_NAMES: Readonly<Record<string, string>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  gb18030: "gb18030",
  gbk: "gb18030",
  big5: "big5",
  // QA: Latin-1 / Windows-1252 files (Western European Excel's "CSV") are read when named;
  // TextDecoder reads "latin1" and "iso-8859-1" as windows-1252, as browsers do.
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  latin1: "windows-1252",
  "iso-8859-1": "windows-1252",
};

/** A failure with its exit code and a message for the user. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string
  ) {
    super(message);
  }
}

export interface CliArguments {
  readonly file?: string;
  readonly output?: string;
  readonly language: ReportLanguage;
  readonly help: boolean;
  readonly quiet: boolean;
  readonly formulas: boolean;
  readonly skipBadRows: boolean;
  /**
   * internal (environment CRM_REPORT_ROW_PATH=1): read every row into cells, never the
   * columnar path (columnarRead.ts), so benchmarks and tests can compare the two
   */
  readonly rowPath?: boolean;
  /** overwrite an existing output file (never the input) */
  readonly force: boolean;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly sheet?: string;
  readonly header?: boolean;
  readonly columns: Partial<Record<FieldKey, string>>;
  readonly asOf?: number;
  readonly period?: PeriodKind;
  readonly inactiveDays?: number;
  readonly margin?: number;
  readonly discountRate?: number;
  readonly lifespanYears?: number;
  readonly horizonMonths?: number;
  readonly alertThresholds?: ReportOptions["alertThresholds"];
  readonly gradeThresholds?: ReportOptions["gradeThresholds"];
}

/** A number as a user types it on the command line: `12`, `-0.5`, `.3`, `1e3` (not `0x10`, `Infinity`). */
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i;

/** `text` as a finite number, or undefined when it is not one written in decimals. */
function decimalNumber(text: string): number | undefined {
  const n = Number(text);
  return DECIMAL.test(text) && Number.isFinite(n) ? n : undefined;
}

const COLUMN_OPTIONS: Record<string, FieldKey> = {
  "--id-column": "customerId",
  "--date-column": "date",
  "--amount-column": "amount",
  "--cost-column": "cost",
  "--score-column": "score",
};

/** The language of `--lang`, else of LANG / LC_ALL (zh_CN.UTF-8 → zh-CN), else English. */
function languageOf(
  argv: readonly string[],
  env: Record<string, string | undefined>
): ReportLanguage {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const given = i < 0 ? undefined : argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  const tag = (given ?? env.LC_ALL ?? env.LANG ?? "en").replace("_", "-").split(".")[0];
  return reportLanguageOf(tag);
}

/** Parses the command line (see the help text in src/i18n/cli.strings.ts). */
export function parseArguments(
  argv: readonly string[],
  env: Record<string, string | undefined> = {}
): CliArguments {
  const language = languageOf(argv, env);
  const t = CLI_STRINGS[language];
  const usage = (message: string) => new CliError(EXIT.usage, t.usage(message));
  // QA: a value out of its option's range (--margin 1.5, --inactive-days 2.5, --discount-rate
  // 10) reached the core and came back as exit 5 naming internal arguments (lifespan_years).
  // Every value is checked here, and refused (exit 2) naming the option as typed and its rule.
  const refuse = (option: string, text: string, rule: string) =>
    usage(t.badOptionValue(clipText(option), clipText(text), rule));
  const args: { -readonly [K in keyof CliArguments]: CliArguments[K] } = {
    language,
    help: false,
    quiet: false,
    formulas: false,
    skipBadRows: false,
    force: false,
    columns: {},
    ...(env.CRM_REPORT_ROW_PATH === "1" ? { rowPath: true } : {}),
  };
  const items = argv.flatMap((a) =>
    a.startsWith("--") && a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a]
  );
  for (let i = 0; i < items.length; i++) {
    const option = items[i]!;
    const value = (): string => {
      const v = items[++i];
      if (v === undefined) throw usage(t.missingValue(option));
      return v;
    };
    /** A fraction from 0 to 1 (`0.3`, or `30%`). */
    const fraction = (): number => {
      const text = value();
      const percent = /%\s*$/.test(text);
      const written = decimalNumber(percent ? text.replace(/%\s*$/, "") : text);
      const n = written === undefined ? undefined : percent ? written / 100 : written;
      if (n === undefined || n < 0 || n > 1) throw refuse(option, text, t.rules.fraction);
      return n;
    };
    /** A whole number of at least 1 (days, years, months: `rule` says which). */
    const whole = (rule: string, most: number): number => {
      const text = value();
      const n = decimalNumber(text);
      if (n === undefined || !Number.isSafeInteger(n) || n < 1 || n > most)
        throw refuse(option, text, rule);
      return n;
    };
    /** Numbers separated by commas, else the option's format (`rule`) is refused. */
    const numbers = (text: string, rule: string): number[] =>
      text.split(",").map((part) => {
        const n = decimalNumber(part);
        if (n === undefined) throw refuse(option, text, rule);
        return n;
      });
    switch (option) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--quiet":
        args.quiet = true;
        break;
      case "--formulas":
        args.formulas = true;
        break;
      case "--skip-bad-rows":
        args.skipBadRows = true;
        break;
      case "--force":
        args.force = true;
        break;
      case "--header":
        args.header = true;
        break;
      case "--no-header":
        args.header = false;
        break;
      case "--lang": {
        // QA: `--lang fr` or `--lang cn` quietly gave English; a value that names no language
        // of the report is refused like any bad option value (exit 2)
        const text = value();
        if (!/^(en|zh)([-_][a-z]+)*(\.[\w-]+)?$/i.test(text.trim())) {
          throw refuse(option, text, t.rules.language);
        }
        break;
      }
      case "-o":
      case "--output":
        args.output = value();
        break;
      case "--encoding": {
        const text = value();
        const encoding = ENCODING_NAMES[text.trim().toLowerCase()];
        if (encoding === undefined) throw usage(t.badEncoding(option, clipText(text)));
        args.encoding = encoding;
        break;
      }
      case "--delimiter": {
        const text = value();
        const named = ["tab", "\\t", "whitespace"].includes(text);
        if (!named && (text.length !== 1 || text === '"' || text === "\n" || text === "\r"))
          throw usage(t.fileProblem({ kind: "badDelimiter" }));
        args.delimiter = text;
        break;
      }
      case "--sheet":
        args.sheet = value();
        break;
      case "--as-of": {
        const text = value();
        const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text.trim());
        if (!m) throw usage(t.badDate(option, clipText(text)));
        const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
        // 2024-02-30 and 2024-13-45 are refused, not rolled over into another date.
        if (!isValidYmd(year, month, day)) throw usage(t.notCalendarDate(option, text));
        args.asOf = serialFromYmd(year, month, day);
        break;
      }
      case "--period": {
        // QA: `--period week` said "must be a number"; 月 and 季度 were refused.
        const text = value();
        const period = periodKindOf(text);
        if (period === undefined) throw refuse(option, text, t.rules.period);
        args.period = period;
        break;
      }
      case "--inactive-days":
        args.inactiveDays = whole(t.rules.wholeDays, REPORT_OPTION_LIMITS.inactiveDays);
        break;
      case "--margin":
        args.margin = fraction();
        break;
      case "--discount-rate":
        args.discountRate = fraction();
        break;
      case "--lifespan":
        args.lifespanYears = whole(t.rules.wholeYears, REPORT_OPTION_LIMITS.lifespanYears);
        break;
      case "--horizon":
        args.horizonMonths = whole(t.rules.wholeMonths, REPORT_OPTION_LIMITS.horizonMonths);
        break;
      case "--grade-thresholds": {
        const text = value();
        const rule = t.rules.gradeThresholds;
        const [a, b, c, ...rest] = numbers(text, rule);
        if (c === undefined || rest.length > 0) throw refuse(option, text, rule);
        const thresholds = { a: a!, b: b!, c };
        try {
          checkGradeThresholds(thresholds); // whole, a > b > c ≥ 1 (src/core/metrics/grading.ts)
        } catch {
          throw refuse(option, text, rule);
        }
        args.gradeThresholds = thresholds;
        break;
      }
      case "--alert-thresholds": {
        const text = value();
        const rule = t.rules.alertThresholds;
        const parts = text.split("/").map((part) => numbers(part, rule));
        const [r, f, m] = parts;
        if (parts.length !== 3 || r!.length !== 3 || f!.length !== 2 || m!.length !== 2)
          throw refuse(option, text, rule);
        const thresholds = {
          recencyDays: [r![0]!, r![1]!, r![2]!] as const,
          frequencyDecline: [f![0]!, f![1]!] as const,
          monetaryDecline: [m![0]!, m![1]!] as const,
        };
        try {
          checkAlertThresholds(thresholds); // increasing whole days, fractions (src/core/metrics/rfmAlert.ts)
        } catch {
          throw refuse(option, text, rule);
        }
        args.alertThresholds = thresholds;
        break;
      }
      default:
        if (option in COLUMN_OPTIONS) {
          args.columns = { ...args.columns, [COLUMN_OPTIONS[option]!]: value() };
        } else if (option.startsWith("-") && option !== "-") {
          throw usage(t.unknownOption(clipText(option)));
        } else if (args.file === undefined) {
          args.file = option;
        } else {
          throw usage(t.unknownOption(clipText(option)));
        }
    }
  }
  return args;
}

/** A column named by header text, letter (A, B, …) or 1-based number. */
function findColumn(spec: string, names: readonly string[], count: number): number | undefined {
  const exact = names.findIndex((name) => name === spec);
  if (exact >= 0) return exact;
  const folded = names.findIndex((name) => name.trim().toLowerCase() === spec.trim().toLowerCase());
  if (folded >= 0) return folded;
  if (/^\d+$/.test(spec) && Number(spec) >= 1 && Number(spec) <= count) return Number(spec) - 1;
  if (/^[A-Za-z]{1,3}$/.test(spec)) {
    for (let c = 0; c < count; c++) if (columnLetters(c) === spec.toUpperCase()) return c;
  }
  return undefined;
}

/** Date cells written day or month first (`3/1/2024`), which the input layer refuses as ambiguous. */
const DAY_OR_MONTH_FIRST = /^\d{1,2}([-/.])\d{1,2}\1\d{2,4}(?:[T\s].*)?$/;

/**
 * Where the 1-based data row `row` (header excluded) is: its index in `table.rows`, and the
 * file's line it starts on (a CSV's line, an .xlsx's sheet row), for messages.
 */
function dataRowInFile(
  table: TableFile,
  hasHeader: boolean,
  row: number
): { index: number; line: number } {
  const index = row - 1 + (hasHeader ? 1 : 0);
  return { index, line: table.lines[index] ?? index + 1 };
}

/**
 * One line of the bad-rows list, wholly in the user's language: the file's line (a CSV's line
 * the row starts on, an .xlsx's sheet row), the column's own name, the cell as written and
 * why it cannot be read. The row number appears once.
 */
function problemLine(
  t: CliStrings,
  problem: InputProblem,
  table: TableFile,
  hasHeader: boolean,
  mapping: Record<FieldKey, number | null>,
  columnNames: readonly string[],
  decimal: "." | "," | undefined
): string {
  if (problem.row === undefined) return `  ${t.noUsableRows}`;
  const { index, line } = dataRowInFile(table, hasHeader, problem.row);
  // The field whose column the problem names (auditTransactions names columns by their header).
  const field = (["customerId", "date", "amount"] as const).find(
    (key) => mapping[key] !== null && columnNames[mapping[key]!] === problem.argument
  );
  const cell = field === undefined ? undefined : table.rows[index]?.[mapping[field]!];
  const whole = cell === undefined || cell === null ? "" : String(cell);
  // QA: a 5,000,000-digit amount came back whole; the cell is shown up to 40 characters.
  const shown = clipText(whole);
  let reason: string;
  if (field === undefined) reason = t.cellReasons.other;
  else if (isBlank(cell)) reason = t.cellReasons.empty;
  else if (field === "customerId") reason = t.cellReasons.customerId;
  else if (field === "date")
    reason = DAY_OR_MONTH_FIRST.test(whole.trim())
      ? t.cellReasons.ambiguousDate
      : t.cellReasons.date;
  else {
    const reading = typeof cell === "string" ? readWithConvention(cell, decimal) : undefined;
    reason =
      reading?.kind === "ambiguous"
        ? t.cellReasons.ambiguousNumber(reading.readings[0], reading.readings[1])
        : t.cellReasons.amount;
  }
  return t.badRow(line, problem.argument, shown, reason);
}

/** Progress on stderr: a bar redrawn in place on a terminal, one line per stage otherwise. */
export class Progress {
  private stage = "";
  private lastPercent = -1;
  constructor(
    private readonly stream: { write(text: string): unknown; isTTY?: boolean },
    private readonly enabled: boolean
  ) {}

  update(stage: string, fraction: number): void {
    if (!this.enabled) return;
    const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (this.stream.isTTY) {
      if (stage === this.stage && percent === this.lastPercent) return;
      const filled = Math.round(percent / 5);
      this.stream.write(
        `\r[${"#".repeat(filled)}${".".repeat(20 - filled)}] ${String(percent).padStart(3)}% ${stage}   `
      );
    } else if (stage !== this.stage) {
      this.stream.write(`${stage}…\n`);
    }
    this.stage = stage;
    this.lastPercent = percent;
  }

  done(): void {
    if (this.enabled && this.stream.isTTY) this.stream.write("\n");
  }
}

export interface FileReport {
  readonly table: TableFile;
  readonly data: PreparedData;
  readonly options: ReportOptions;
  /** the report as buildReport makes it (the writer takes one sheet or a workbook of sheets) */
  readonly model: ReturnType<typeof buildReport>;
  readonly mapping: ColumnMapping;
  readonly columnNames: readonly string[];
  /** the sheet the transactions are copied to in formulas mode */
  readonly dataSheetName: string;
  /** rows left out (--skip-bad-rows) for having more or fewer fields than the header */
  readonly raggedRowsLeftOut: number;
  /**
   * Per optional column (cost, score) with cells that are not numbers: its name, how many, and
   * the first one's file line and text; the report leaves those cells out (as the wizard's
   * data-quality report says)
   */
  readonly optionalIgnored: readonly {
    readonly column: string;
    readonly cells: number;
    readonly line: number;
    readonly value: string;
  }[];
}

/**
 * From a file to the report model, as the wizard would make it with the same choices: detect
 * the header and columns, apply the column options, audit, then build with the wizard's
 * defaults (defaultReportOptions) overridden by the options given.
 */
export async function reportForFile(
  args: CliArguments,
  progress?: Progress,
  now: Date = new Date()
): Promise<FileReport> {
  const t: CliStrings = CLI_STRINGS[args.language];
  if (!args.file) throw new CliError(EXIT.usage, t.usage(t.noFile));
  progress?.update(t.stages.read, 0);
  let table: TableFile;
  try {
    table = await readTableFile(args.file, {
      ...(args.encoding ? { encoding: args.encoding } : {}),
      ...(args.delimiter ? { delimiter: args.delimiter } : {}),
      ...(args.sheet ? { sheet: args.sheet } : {}),
      // A large CSV is read straight into columns unless the workbook copies its rows.
      deferRows: !args.formulas && !args.rowPath,
    });
  } catch (error) {
    if (error instanceof TableFileError)
      throw new CliError(EXIT.input, t.fileProblem(error.reason));
    throw error;
  }
  progress?.update(t.stages.audit, 0.3);
  const detected = detectColumns(
    table.rows,
    args.header === undefined ? {} : { hasHeader: args.header }
  );
  const columnCount = table.rows.reduce((most, row) => Math.max(most, row.length), 0);
  // QA: a 20,000-column file listed every column name; the first 10 are shown, then "and N more".
  const columnList = clipList(detected.columnNames, t.andMore);
  const mapping: Record<FieldKey, number | null> = { ...detected.mapping };
  for (const [field, spec] of Object.entries(args.columns) as [FieldKey, string][]) {
    const index = findColumn(spec, detected.columnNames, columnCount);
    if (index === undefined)
      throw new CliError(
        EXIT.input,
        t.noColumn(`--${field === "customerId" ? "id" : field}-column`, clipText(spec), columnList)
      );
    // A column given for one field is taken away from any field it was detected for.
    for (const other of FIELD_KEYS)
      if (other !== field && mapping[other] === index && !args.columns[other])
        mapping[other] = null;
    mapping[field] = index;
  }
  for (const problem of mappingProblems(mapping, columnCount)) {
    const field = problem.field ? t.fields[problem.field] : "";
    if (problem.kind === "missing")
      throw new CliError(EXIT.input, t.missingColumn(field, columnList));
    throw new CliError(EXIT.input, t.duplicateColumn(field));
  }
  // QA: a row with more fields than the header (`1,234.50`, `12,50` or `Smith, John` unquoted in
  // a comma file) was cut silently; it is refused by line (exit 4) or left out when asked.
  let raggedRowsLeftOut = 0;
  if (table.delimiter !== undefined) {
    const used = FIELD_KEYS.map((field) => mapping[field]).filter(
      (column): column is number => column !== null
    );
    const delimiter =
      table.delimiter === "\\t" || table.delimiter === "tab" ? "\t" : table.delimiter;
    const ragged = raggedRows(table.rows, detected.hasHeader, used, delimiter).rows;
    if (ragged.length > 0 && !args.skipBadRows) {
      const shownDelimiter =
        delimiter === "whitespace" ? " " : delimiter === "\t" ? "tab" : delimiter;
      const dataRows = table.rows.length - (detected.hasHeader ? 1 : 0);
      const lines = [t.raggedRows(ragged.length, dataRows)];
      for (const row of ragged.slice(0, 10)) {
        const hint =
          row.cause === "fewer" ? t.raggedHints.fewer : t.raggedHints[row.cause](shownDelimiter);
        lines.push(
          t.raggedRow(table.lines[row.index] ?? row.index + 1, row.fields, row.expected, hint)
        );
      }
      if (ragged.length > 10) lines.push(t.moreProblems(ragged.length - 10));
      throw new CliError(EXIT.badRows, lines.join("\n"));
    }
    if (ragged.length > 0) {
      const out = new Set(ragged.map((row) => row.index));
      table = {
        ...table,
        rows: table.rows.filter((_, i) => !out.has(i)),
        lines: table.lines.filter((_, i) => !out.has(i)),
      };
      raggedRowsLeftOut = ragged.length;
    }
  }
  // QA: --formulas on a file of more rows than Excel's grid wrote the transactions sheet past
  // row 1,048,576 (a file Excel repairs, losing rows); refused before any work (SPEC §2
  // "Bounds"), as the values report, which does not copy the rows, can still be made.
  if (args.formulas) {
    const rows = table.deferred?.records ?? table.rows.length;
    if (rows > MAX_SHEET_ROWS)
      throw new CliError(EXIT.input, t.formulasTooManyRows(rows, MAX_SHEET_ROWS));
  }
  // The columnar path (columnarRead.ts): the file's transactions straight into typed columns,
  // or, at the first cell it does not take, every row read and audited as before.
  const transactions =
    table.deferred && mapping.cost === null && mapping.score === null
      ? readColumns(
          table.deferred,
          { customerId: mapping.customerId!, date: mapping.date!, amount: mapping.amount! },
          detected.hasHeader
        )
      : undefined;
  const tableRows = table.deferred?.records ?? table.rows.length;
  table = transactions === undefined ? materializeTable(table) : withoutDeferred(table);
  const lastColumn = columnLetters(Math.max(0, columnCount - 1));
  // With --formulas the transactions are copied to this sheet of the workbook, for the
  // formulas to read; its name is the file's, made a valid sheet name beside the report's.
  // "History" is reserved by Excel (shared workbooks' change history) in any case.
  const dataSheetName = uniqueSheetName(table.sheetName, [
    REPORT_STRINGS[args.language].sheetName,
    "History",
  ]);
  const data = prepareReportData(
    {
      rows: table.rows,
      hasHeader: detected.hasHeader,
      columnNames: detected.columnNames,
      mapping,
      location: {
        sheetName: dataSheetName,
        row: 0,
        column: 0,
        address: `${table.source} (A1:${lastColumn}${tableRows})`,
      },
    },
    transactions && { transactions, dataRows: tableRows - (detected.hasHeader ? 1 : 0) }
  );
  const { audit } = data;
  if (audit.rowsWithProblems > 0 && !args.skipBadRows) {
    const lines = [t.badRows(audit.rowsWithProblems, data.dataRows)];
    const amountCells =
      mapping.amount === null
        ? []
        : table.rows.slice(detected.hasHeader ? 1 : 0).map((row) => row[mapping.amount!]);
    const decimal = inferColumnConvention(amountCells).decimal;
    for (const problem of audit.problems.slice(0, 10)) {
      lines.push(
        problemLine(t, problem, table, detected.hasHeader, mapping, detected.columnNames, decimal)
      );
    }
    if (audit.problemCount > 10) lines.push(t.moreProblems(audit.problemCount - 10));
    throw new CliError(EXIT.badRows, lines.join("\n"));
  }
  if (audit.transactions.days.length === 0) {
    throw new CliError(EXIT.input, t.noUsableRows);
  }
  progress?.update(t.stages.compute, 0.5);
  const defaults = defaultReportOptions(data, args.language);
  const options: ReportOptions = {
    ...defaults,
    ...(args.asOf !== undefined ? { asOf: args.asOf } : {}),
    ...(args.period ? { period: args.period } : {}),
    ...(args.inactiveDays !== undefined ? { inactiveDays: args.inactiveDays } : {}),
    ...(args.margin !== undefined ? { margin: args.margin } : {}),
    ...(args.discountRate !== undefined ? { discountRate: args.discountRate } : {}),
    ...(args.lifespanYears !== undefined ? { lifespanYears: args.lifespanYears } : {}),
    ...(args.horizonMonths !== undefined ? { horizonMonths: args.horizonMonths } : {}),
    ...(args.alertThresholds ? { alertThresholds: args.alertThresholds } : {}),
    ...(args.gradeThresholds ? { gradeThresholds: args.gradeThresholds } : {}),
    mode: args.formulas ? "formulas" : "values",
    generatedAt: generatedAtText(now),
  };
  let model: ReturnType<typeof buildReport>;
  try {
    model = buildReport(data, options);
  } catch (error) {
    // Options are checked in parseArguments; what the core still refuses (an --as-of before the
    // first purchase) is worded with the option's name (strings map the core's arguments).
    if (isCrmError(error))
      throw new CliError(EXIT.compute, t.cannotCompute(error.argument, clipWords(error.message)));
    throw error;
  }
  const optionalIgnored = (["cost", "score"] as const).flatMap((field) => {
    const problems = data.optionalProblems.filter((problem) => problem.field === field);
    const column = mapping[field];
    if (problems.length === 0 || column === null) return [];
    const { index, line } = dataRowInFile(table, detected.hasHeader, problems[0]!.row);
    const cell = table.rows[index]?.[column];
    return [
      {
        column: detected.columnNames[column] ?? field,
        cells: problems.length,
        line,
        value: clipText(cell === undefined || cell === null ? "" : String(cell)),
      },
    ];
  });
  return {
    table,
    data,
    options,
    model,
    mapping,
    columnNames: detected.columnNames,
    dataSheetName,
    raggedRowsLeftOut,
    optionalIgnored,
  };
}

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Record<string, string | undefined>;
  /**
   * Called just before the workbook is written (the command installs its Ctrl+C clean-up
   * here: while the report is computed, Ctrl+C must stop the process at once, and a handler
   * would only run once the synchronous computation had ended).
   */
  readonly beforeWrite?: () => void;
}

/**
 * The row a cut cell came from, as the user knows it: in the data sheet (a copy of the input),
 * the input's line; in the report sheet, the sheet row.
 */
function sourceRowOf(report: FileReport, cut: CellTextWarning): number {
  if (cut.sheet !== report.dataSheetName) return cut.row;
  return report.table.lines[cut.row - 1] ?? cut.row;
}

/** Runs the command; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArguments;
  try {
    args = parseArguments(argv, io.env);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`crm-report: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  const t = CLI_STRINGS[args.language];
  if (args.help) {
    io.stdout.write(t.help);
    return EXIT.ok;
  }
  const progress = new Progress(io.stderr, !args.quiet);
  const output =
    args.output ??
    (args.file === undefined
      ? undefined
      : path.join(
          path.dirname(args.file),
          `${path.basename(args.file).replace(/\.[^.]*$/, "")}.retention.xlsx`
        ));
  try {
    // Before any work: never the input, never an existing file without --force, a real folder.
    if (output !== undefined) checkOutput(output, args.file, args.force);
    const report = await reportForFile(args, progress);
    const { data, model } = report;
    if (report.raggedRowsLeftOut > 0)
      io.stderr.write(`${t.raggedLeftOut(report.raggedRowsLeftOut)}\n`);
    if (data.audit.rowsWithProblems > 0)
      io.stderr.write(`${t.skippedRows(data.audit.rowsWithProblems)}\n`);
    if (data.audit.returnRows > 0 && !args.quiet)
      io.stderr.write(`${t.returnRows(data.audit.returnRows, data.audit.returnOnlyDays)}\n`);
    for (const ignored of report.optionalIgnored)
      io.stderr.write(
        `${t.optionalIgnored(ignored.column, ignored.cells, ignored.line, ignored.value)}\n`
      );
    progress.update(t.stages.write, 0.7);
    const warnings: string[] = [];
    const { chunks, sheets } = await reportWorkbookFile(model, {
      onProgress: (done, total) =>
        progress.update(t.stages.write, 0.7 + (0.3 * done) / Math.max(1, total)),
      onCellTextCut: (cut) =>
        warnings.push(t.cellTextCut(cut.sheet, sourceRowOf(report, cut), cut.column, cut.length)),
      ...(args.formulas
        ? { dataSheet: { name: report.dataSheetName, rows: report.table.rows } }
        : {}),
    });
    io.beforeWrite?.();
    writeFileAtomically(output!, chunks, args.force);
    progress.update(t.stages.write, 1);
    progress.done();
    for (const warning of warnings) io.stderr.write(`crm-report: ${warning}\n`);
    const mapped = FIELD_KEYS.filter((field) => report.mapping[field] !== null)
      .map((field) => `${t.fields[field]} = ${report.columnNames[report.mapping[field]!]}`)
      .join(", ");
    if (!args.quiet) io.stderr.write(`${t.mapped(mapped)}\n`);
    io.stdout.write(
      `${t.written(
        output!,
        sheets.map((sheet) => sheet.sheetName)
      )}\n`
    );
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (error instanceof CliError) {
      io.stderr.write(`crm-report: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof OutputError) {
      const kind = error.problem.kind;
      io.stderr.write(`crm-report: ${t.outputProblem(error.problem)}\n`);
      return kind === "sameAsInput" || kind === "exists" ? EXIT.usage : EXIT.output;
    }
    if (error instanceof SheetSizeError) {
      io.stderr.write(`crm-report: ${t.sheetTooLarge(error.sheetName, error.rows, error.limit)}\n`);
      return EXIT.output;
    }
    if (error instanceof SheetNameError) {
      io.stderr.write(`crm-report: ${t.badSheetName(error.sheetName)}\n`);
      return EXIT.output;
    }
    throw error;
  }
}
