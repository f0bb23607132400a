/**
 * The command line's text (`crm-report --help`, its errors and progress) in English, Simplified
 * and Traditional Chinese; `--lang` or the LANG environment variable picks one.
 */
import type { ReportLanguage } from "./report.strings";
import type { TableFileReason } from "../cli/readTable";
import type { OutputProblem } from "../cli/safeOutput";
import { count } from "./plural";

/** A core argument name as the command line's option: `as_of` → `--as-of`. */
const OPTION_OF: Readonly<Record<string, string>> = {
  lifespan_years: "--lifespan",
  horizon_months: "--horizon",
  discount_rate: "--discount-rate",
  inactive_days: "--inactive-days",
  as_of: "--as-of",
  margin: "--margin",
  period: "--period",
  mode: "--formulas",
};
const optionOf = (argument: string) => OPTION_OF[argument] ?? `--${argument.replace(/_/g, "-")}`;
/** Whether a core argument is one of the command line's options (not `data`, `amount`, …). */
const isOption = (argument: string | undefined): argument is string =>
  argument !== undefined && argument in OPTION_OF;

/** A core message with its argument names (`lifespan_years`, `as_of`) as the options. */
const optionNamesIn = (message: string) =>
  message.replace(
    /\b(lifespan_years|horizon_months|discount_rate|inactive_days|as_of|margin)\b/g,
    (name) => optionOf(name)
  );

/** Why one cell of a row cannot be read, without its row (the line says it once). */
export interface CellReasons {
  readonly empty: string;
  readonly customerId: string;
  readonly date: string;
  readonly ambiguousDate: string;
  readonly amount: string;
  readonly ambiguousNumber: (low: number, high: number) => string;
  readonly other: string;
}

/** The rules of option values, in the user's units (`--margin must be …`). */
export interface OptionRules {
  readonly fraction: string;
  readonly wholeDays: string;
  readonly wholeYears: string;
  readonly wholeMonths: string;
  readonly period: string;
  readonly alertThresholds: string;
  readonly gradeThresholds: string;
  /** --lang */
  readonly language: string;
}

/** The likely cause of a row with more fields than the header (delimiter `d`). */
export interface RaggedHints {
  readonly thousands: (d: string) => string;
  readonly decimalComma: (d: string) => string;
  readonly insideText: (d: string) => string;
  readonly fewer: string;
  readonly generic: (d: string) => string;
}

export interface CliStrings {
  readonly help: string;
  readonly stages: {
    readonly read: string;
    readonly audit: string;
    readonly compute: string;
    readonly write: string;
  };
  readonly usage: (message: string) => string;
  readonly unknownOption: (option: string) => string;
  readonly missingValue: (option: string) => string;
  readonly badNumber: (option: string, value: string) => string;
  /** an option's value breaks its rule (`rules`), said with the option as typed */
  readonly badOptionValue: (option: string, value: string, rule: string) => string;
  readonly rules: OptionRules;
  /** a list cut to its first items: `a, b, c and 17 more` */
  readonly andMore: (shown: string, more: number) => string;
  /** rows whose number of fields is not the header's (or the file's), as an exit-4 list */
  readonly raggedRows: (rows: number, total: number) => string;
  readonly raggedRow: (line: number, fields: number, expected: number, hint: string) => string;
  readonly raggedHints: RaggedHints;
  readonly raggedLeftOut: (rows: number) => string;
  readonly badDate: (option: string, value: string) => string;
  readonly notCalendarDate: (option: string, value: string) => string;
  readonly badEncoding: (option: string, value: string) => string;
  readonly noFile: string;
  readonly fileProblem: (reason: TableFileReason) => string;
  readonly outputProblem: (problem: OutputProblem) => string;
  readonly badSheetName: (name: string) => string;
  /** `--formulas` on a file whose rows (header included) do not fit Excel's grid of `limit` */
  readonly formulasTooManyRows: (rows: number, limit: number) => string;
  /** a sheet of the report with more rows than Excel's grid (the writer's safety net) */
  readonly sheetTooLarge: (sheet: string, rows: number, limit: number) => string;
  readonly cellTextCut: (sheet: string, row: number, column: number, length: number) => string;
  readonly returnRows: (rows: number, days: number) => string;
  readonly noUsableRows: string;
  readonly cellReasons: CellReasons;
  readonly noColumn: (option: string, value: string, columns: string) => string;
  readonly missingColumn: (field: string, columns: string) => string;
  readonly duplicateColumn: (field: string) => string;
  readonly badRows: (rows: number, total: number) => string;
  readonly badRow: (line: number, column: string, value: string, reason: string) => string;
  readonly moreProblems: (more: number) => string;
  readonly skippedRows: (rows: number) => string;
  /** an optional column's (cost, score) cells that are not numbers, left out: how many, the first */
  readonly optionalIgnored: (column: string, cells: number, line: number, value: string) => string;
  readonly cannotCompute: (argument: string | undefined, message: string) => string;
  /** the workbook written, with its sheets in order (the summary first) */
  readonly written: (file: string, sheets: readonly string[]) => string;
  readonly mapped: (mapping: string) => string;
  readonly fields: {
    readonly customerId: string;
    readonly date: string;
    readonly amount: string;
    readonly cost: string;
    readonly score: string;
  };
}

const en: CliStrings = {
  help: `crm-report: the retention summary of a transactions file, as an .xlsx workbook

Usage:
  crm-report <transactions.csv | .txt | .xlsx> [options]
  npm run report -- <file> [options]

The file has one row per purchase with a customer id, a date and an amount (and optionally a
cost and a satisfaction score). Columns are found from their English or Chinese names, or
from their values; name them with the column options when that fails.

Text files: the encoding is detected (a byte-order mark, else the one of UTF-8, UTF-16 LE/BE,
GB18030 and Big5 that reads the file best: valid, common characters, known column names);
when two read it equally well the command stops (exit 3) and asks for --encoding. Quoted
fields may hold delimiters, "" and line breaks (RFC 4180). Amounts: each column's decimal
separator is inferred from its own values (12,50 and 1.234,50 show a decimal comma; 12.5 and
1,234.50 a decimal point); a value that reads two ways (1.234) in a column that does not show
its separator is refused by line, never guessed.

Input:
  --encoding NAME        utf-8, utf-16le, utf-16be, gb18030, big5 or windows-1252 (latin1)
                         (default: detected)
  --delimiter C          field delimiter: , ; tab | or whitespace (default: detected)
  --sheet NAME           the worksheet of an .xlsx file (default: the first)
  --header / --no-header whether the first row holds column names (default: detected)
  --id-column C, --date-column C, --amount-column C, --cost-column C, --score-column C
                         a column by its header name, its letter (A, B, …) or its number (1, 2, …)

Report (the task pane wizard's options and defaults):
  --as-of DATE           as-of date, e.g. 2024-06-30 (default: the last date in the data)
  --period P             month, quarter or year (also 月, 季, 年) (default: month)
  --inactive-days N      days without a purchase before a customer is inactive
                         (default: suggested from the data)
  --margin F             profit margin, 0 to 1 (default: from a cost column, else 1)
  --discount-rate F      yearly discount rate, 0 to 1 (default: 0.1)
  --lifespan N           years of the simple CLV (default: 3)
  --horizon N            months of the predictive CLV (default: 12)
  --alert-thresholds R1,R2,R3/F1,F2/M1,M2
                         RFM alert edges (default: 10,30,60/0.3,0.5/0.3,0.5)
  --grade-thresholds A,B,C
                         fewest visits for grades A, B, C (default: 3,2,1)
  --formulas             live CRM.* formulas instead of values (for users of the add-in);
                         the transactions are copied into the workbook for them to read
  --skip-bad-rows        leave out rows with an unreadable id, date or amount, or with more
                         fields than the header (they are counted); without it such rows are
                         an error

Output:
  -o, --output FILE      the workbook to write (default: <file>.retention.xlsx beside the input)
  --force                replace FILE if it exists (never the input file); without it an
                         existing file is left as it is (exit 2). The workbook is written to a
                         temporary file in FILE's folder and then renamed, so a failure or
                         Ctrl+C leaves nothing half-written.
  --lang L               en, zh-CN or zh-TW: this help, messages and the sheet (default: from LANG)
  --quiet                no progress on stderr
  -h, --help             this help

Exit codes: 0 written; 2 bad command line (an unknown option, a bad value, a date that is not
on the calendar such as 2024-02-30), or an output that is the input or exists without --force;
3 unreadable input (encoding not told apart or not valid, an unclosed quote, a damaged .xlsx or
one that unpacks to too much) or missing columns; 4 rows with unreadable cells or with more
fields than the header (quote fields holding the delimiter; see --skip-bad-rows);
5 the report cannot be computed from the data; 6 the output cannot be written (no such folder,
a folder, no permission); 130 interrupted (Ctrl+C), nothing written.
`,
  stages: { read: "reading", audit: "checking rows", compute: "computing", write: "writing" },
  usage: (message) => `${message}\nRun crm-report --help for the options.`,
  unknownOption: (option) => `unknown option ${option}.`,
  missingValue: (option) => `${option} needs a value.`,
  badNumber: (option, value) => `${option} must be a number, got "${value}".`,
  badOptionValue: (option, value, rule) => `${option} must be ${rule}, got "${value}".`,
  rules: {
    fraction: "a fraction from 0 to 1 (0.3 for 30%)",
    wholeDays: "a whole number of days from 1 to 3650",
    wholeYears: "a whole number of years from 1 to 100",
    wholeMonths: "a whole number of months from 1 to 120",
    period: "month, quarter or year",
    alertThresholds:
      "R1,R2,R3/F1,F2/M1,M2: three increasing whole numbers of days from 0, then two and two increasing fractions from 0 to 1 (e.g. 10,30,60/0.3,0.5/0.3,0.5)",
    gradeThresholds:
      "A,B,C: three decreasing whole numbers of visits, the last at least 1 (e.g. 3,2,1)",
    language: "en, zh-CN or zh-TW",
  },
  andMore: (shown, more) => `${shown} and ${more} more`,
  raggedRows: (rows, total) =>
    `${rows} of ${count(total, "row")} ${Number(rows) === 1 ? "does" : "do"} not have as many fields as the header (a field holding the delimiter must be quoted):`,
  raggedRow: (line, fields, expected, hint) =>
    `  line ${line} has ${fields} fields where the header has ${expected}; ${hint}`,
  raggedHints: {
    thousands: (d) =>
      `probably a thousands separator in an amount (1${d}234.50): quote the amount ("1${d}234.50") or write it without the separator.`,
    decimalComma: (d) =>
      `probably a decimal comma in an amount (12${d}50) in a "${d}"-separated file: quote the amount ("12${d}50") or use another delimiter.`,
    insideText: (d) =>
      `probably a "${d}" inside a text such as a name ("Smith${d} John"): quote that field.`,
    fewer: "fields are missing: check the delimiters of this line.",
    generic: (d) => `a field holding "${d}" must be quoted.`,
  },
  badDate: (option, value) => `${option} must be a date such as 2024-06-30, got "${value}".`,
  notCalendarDate: (option, value) => `${option}: ${value} is not a date on the calendar.`,
  badEncoding: (option, value) =>
    `${option} must be one of utf-8, utf-16le, utf-16be, gb18030, big5, windows-1252 (latin1); got "${value}".`,
  noFile: "give the transactions file to read.",
  fileProblem: (reason) => {
    switch (reason.kind) {
      case "cannotOpen":
        return `cannot read ${reason.file} (${reason.code}).`;
      case "oldXls":
        return "old .xls files are not read: save the file as .xlsx or CSV.";
      case "unknownEncoding":
        return `unknown encoding "${reason.encoding}".`;
      case "invalidEncoding":
        return reason.encoding === "utf-8"
          ? `the file is not valid UTF-8 text (line ${reason.line}${reason.offset === undefined ? "" : `, byte offset ${reason.offset}`}). Re-save it as UTF-8 (in Excel: "CSV UTF-8"), or give its encoding, e.g. --encoding windows-1252 (latin1) for Western European text.`
          : `the file is not valid ${reason.encoding} text (line ${reason.line}${reason.offset === undefined ? "" : `, byte offset ${reason.offset}`}); give its encoding with --encoding.`;
      case "ambiguousEncoding":
        return `cannot tell the file's encoding: it reads as ${reason.candidates.join(" or ")}. Give it with --encoding, e.g. --encoding ${reason.candidates[0]}.`;
      case "badDelimiter":
        return "--delimiter must be one character other than a quote or line break.";
      case "unclosedQuote":
        return `the quoted field that opens on line ${reason.line} is never closed.`;
      case "notXlsx":
        return "the file is not a readable .xlsx workbook (damaged, or another kind of file).";
      case "xlsxTooLarge":
        return `the workbook's part ${reason.entry} unpacks to more than ${reason.limit} bytes; refused as unsafe.`;
      case "noSheet":
        return `the workbook has no sheet "${reason.sheet}" (sheets: ${reason.sheets}).`;
      case "noSheets":
        return "the workbook has no sheet.";
    }
  },
  outputProblem: (problem) => {
    switch (problem.kind) {
      case "sameAsInput":
        return `${problem.file} is the input file; choose another output with -o.`;
      case "exists":
        return `${problem.file} already exists; give --force to replace it, or choose another file with -o.`;
      case "isDirectory":
        return `${problem.file} is a folder; give a file name with -o.`;
      case "noFolder":
        return `the folder ${problem.folder} does not exist.`;
      case "cannotWrite":
        return `cannot write ${problem.file} (${problem.code}); nothing was written.`;
    }
  },
  formulasTooManyRows: (rows, limit) =>
    `--formulas copies the file's ${rows.toLocaleString("en-US")} rows into a sheet, more than Excel's ${limit.toLocaleString("en-US")} rows; nothing was written. Leave out --formulas for the values report, which does not copy the transactions.`,
  sheetTooLarge: (sheet, rows, limit) =>
    `the sheet "${sheet}" would have ${rows.toLocaleString("en-US")} rows, more than Excel's ${limit.toLocaleString("en-US")}; nothing was written.`,
  badSheetName: (name) =>
    `Excel does not allow the sheet name "${name}" (reserved, longer than 31 characters, or with one of [ ] : * ? / \\).`,
  cellTextCut: (sheet, row, column, length) =>
    `warning: sheet "${sheet}", row ${row}, column ${column}: the text has ${length} characters, more than Excel's 32,767; it was cut to 32,767.`,
  returnRows: (rows, days) =>
    `Returns: ${count(rows, "row")} with a negative amount; ${count(days, "customer-day")} with only returns ${Number(days) === 1 ? "is not a purchase day" : "are not purchase days"}.`,
  noUsableRows: "the report cannot be made: no row can be read.",
  cellReasons: {
    empty: "is empty",
    customerId: "is not a customer id",
    date: "is not a date; write dates as 2024-03-01",
    ambiguousDate: "could be day or month first; write dates as 2024-03-01",
    amount: "is not a number",
    ambiguousNumber: (low, high) =>
      `reads as ${low} or ${high}: the column's other values do not show whether "." or "," is its decimal separator`,
    other: "cannot be read",
  },
  noColumn: (option, value, columns) =>
    `${option}: there is no column "${value}". Columns: ${columns}.`,
  missingColumn: (field, columns) =>
    `no ${field} column was found. Columns: ${columns}. Name it with --${field === "customer id" ? "id" : field}-column.`,
  duplicateColumn: (field) => `the ${field} column is also used for another field.`,
  badRows: (rows, total) =>
    `${rows} of ${count(total, "row")} ${Number(rows) === 1 ? "has" : "have"} unreadable cells:`,
  badRow: (line, column, value, reason) => `  line ${line}, ${column}: "${value}" ${reason}`,
  moreProblems: (more) => `  …and ${more} more.`,
  skippedRows: (rows) =>
    `${count(rows, "row")} with unreadable cells ${Number(rows) === 1 ? "was" : "were"} left out (--skip-bad-rows).`,
  optionalIgnored: (column, cells, line, value) =>
    `${column}: ${count(cells, "cell")} ${cells === 1 ? "is not a number and is" : "are not numbers and are"} left out (first: line ${line}, "${value}").`,
  raggedLeftOut: (rows) =>
    `${count(rows, "row")} with more or fewer fields than the header ${Number(rows) === 1 ? "was" : "were"} left out (--skip-bad-rows).`,
  cannotCompute: (argument, message) =>
    `the report cannot be made: ${isOption(argument) ? `${optionOf(argument)}: ` : ""}${optionNamesIn(message)}`,
  written: (file, sheets) =>
    `Wrote ${file} (${sheets.length === 1 ? "sheet" : "sheets"} ${sheets.map((name) => `"${name}"`).join(", ")}).`,
  mapped: (mapping) => `Columns: ${mapping}.`,
  fields: {
    customerId: "customer id",
    date: "date",
    amount: "amount",
    cost: "cost",
    score: "score",
  },
};

const zhCN: CliStrings = {
  help: `crm-report：根据交易文件生成客户留存分析摘要（.xlsx 工作簿）

用法：
  crm-report <交易文件.csv | .txt | .xlsx> [选项]
  npm run report -- <文件> [选项]

文件每行一笔购买，包含客户ID、日期和金额（可选：成本、满意度评分）。程序按中英文列名或
数值自动识别各列；识别失败时请用列选项指定。

文本文件：自动识别编码（字节顺序标记，否则在 UTF-8、UTF-16 LE/BE、GB18030 和 Big5 中选读取
效果最好的一种：无错误、常用字、可识别的列名）；若两种编码读取效果相同，程序停止（退出码 3）并
请用 --encoding 指定。带引号的字段可包含分隔符、"" 和换行（RFC 4180）。金额：每列的小数点由该列
自身的值推断（12,50 和 1.234,50 表示小数逗号；12.5 和 1,234.50 表示小数点）；若某值有两种读法
（如 1.234）而该列无法说明小数点，则按行拒绝，绝不猜测。

输入：
  --encoding 名称        utf-8、utf-16le、utf-16be、gb18030、big5 或 windows-1252（latin1）（默认自动识别）
  --delimiter 字符       分隔符：, ; tab | 或 whitespace（默认自动识别）
  --sheet 名称           .xlsx 文件的工作表（默认第一个）
  --header / --no-header 第一行是否为列名（默认自动识别）
  --id-column 列, --date-column 列, --amount-column 列, --cost-column 列, --score-column 列
                         按列名、列字母（A、B…）或列号（1、2…）指定列

报告（与任务窗格向导的选项和默认值相同）：
  --as-of 日期           截至日期，如 2024-06-30（默认：数据中的最后日期）
  --period 周期          month、quarter 或 year（也可写 月、季、年；默认 month）
  --inactive-days 天数   连续多少天未购买视为不活跃（默认：根据数据建议）
  --margin 比例          利润率，0 到 1（默认：根据成本列，否则为 1）
  --discount-rate 比例   年折现率，0 到 1（默认 0.1）
  --lifespan 年数        简单终身价值的年数（默认 3）
  --horizon 月数         预测终身价值的月数（默认 12）
  --alert-thresholds R1,R2,R3/F1,F2/M1,M2
                         RFM 预警阈值（默认 10,30,60/0.3,0.5/0.3,0.5）
  --grade-thresholds A,B,C
                         A、B、C 级最少到访次数（默认 3,2,1）
  --formulas             写入实时 CRM.* 公式而非数值（供加载项用户使用）；交易数据会一并复制到工作簿中
  --skip-bad-rows        跳过客户ID、日期或金额无法读取、或字段数与标题行不同的行；否则视为错误

输出：
  -o, --output 文件      要写入的工作簿（默认：输入文件旁的 <文件>.retention.xlsx）
  --force                文件已存在时替换它（绝不替换输入文件）；不加此选项则保留已有文件（退出码 2）。
                         工作簿先写入目标文件夹中的临时文件再改名，失败或按 Ctrl+C 不会留下写了一半的文件。
  --lang 语言            en、zh-CN 或 zh-TW：帮助、消息和工作表的语言（默认取自 LANG）
  --quiet                不在 stderr 显示进度
  -h, --help             显示此帮助

退出码：0 已写入；2 命令行有误（未知选项、错误的值、日历上不存在的日期如 2024-02-30），或输出
文件就是输入文件、或已存在且未加 --force；3 输入无法读取（无法确定编码、引号未结束、.xlsx 已损坏
或解压后过大）或缺少列；4 有无法读取的行或字段数多于标题行的行（见 --skip-bad-rows）；5 无法根据数据生成报告；6 无法
写入输出（文件夹不存在、是文件夹、无权限）；130 已中断（Ctrl+C），未写入任何内容。
`,
  stages: { read: "读取", audit: "检查数据行", compute: "计算", write: "写入" },
  usage: (message) => `${message}\n运行 crm-report --help 查看选项。`,
  unknownOption: (option) => `未知选项 ${option}。`,
  missingValue: (option) => `${option} 需要一个值。`,
  badNumber: (option, value) => `${option} 必须是数字，而不是“${value}”。`,
  badOptionValue: (option, value, rule) => `${option} 必须是${rule}，而不是“${value}”。`,
  rules: {
    fraction: "0 到 1 之间的小数（30% 写作 0.3）",
    wholeDays: "1 到 3650 之间的整数天数",
    wholeYears: "1 到 100 之间的整数年数",
    wholeMonths: "1 到 120 之间的整数月数",
    period: "month（月）、quarter（季）或 year（年）",
    alertThresholds:
      "R1,R2,R3/F1,F2/M1,M2 格式：三个从 0 起递增的整数天数，再各两个 0 到 1 之间递增的小数（如 10,30,60/0.3,0.5/0.3,0.5）",
    gradeThresholds: "A,B,C 格式：三个递减的整数到访次数，最后一个至少为 1（如 3,2,1）",
    language: " en、zh-CN 或 zh-TW ",
  },
  andMore: (shown, more) => `${shown} 等（另有 ${more} 个）`,
  raggedRows: (rows, total) =>
    `${total} 行中有 ${rows} 行的字段数与标题行不同（含分隔符的字段必须加引号）：`,
  raggedRow: (line, fields, expected, hint) =>
    `  第 ${line} 行有 ${fields} 个字段，而标题行有 ${expected} 个；${hint}`,
  raggedHints: {
    thousands: (d) =>
      `可能是金额中的千位分隔符（1${d}234.50）：请给金额加引号（"1${d}234.50"）或去掉分隔符。`,
    decimalComma: (d) =>
      `可能是以“${d}”分隔的文件中金额使用了小数逗号（12${d}50）：请给金额加引号（"12${d}50"）或改用其他分隔符。`,
    insideText: (d) => `可能是姓名等文本中含有“${d}”（"Smith${d} John"）：请给该字段加引号。`,
    fewer: "缺少字段：请检查该行的分隔符。",
    generic: (d) => `含有“${d}”的字段必须加引号。`,
  },
  badDate: (option, value) => `${option} 必须是日期（如 2024-06-30），而不是“${value}”。`,
  notCalendarDate: (option, value) => `${option}：${value} 不是日历上存在的日期。`,
  badEncoding: (option, value) =>
    `${option} 必须是 utf-8、utf-16le、utf-16be、gb18030、big5 或 windows-1252（latin1）之一，而不是“${value}”。`,
  noFile: "请指定要读取的交易文件。",
  fileProblem: (reason) => {
    switch (reason.kind) {
      case "cannotOpen":
        return `无法读取 ${reason.file}（${reason.code}）。`;
      case "oldXls":
        return "不读取旧版 .xls 文件：请将文件另存为 .xlsx 或 CSV。";
      case "unknownEncoding":
        return `未知编码“${reason.encoding}”。`;
      case "invalidEncoding":
        return reason.encoding === "utf-8"
          ? `文件不是有效的 UTF-8 文本（第 ${reason.line} 行${reason.offset === undefined ? "" : `，字节偏移 ${reason.offset}`}）。请将其另存为 UTF-8（Excel 中为“CSV UTF-8”），或用 --encoding 指定编码，例如西欧文字用 --encoding windows-1252（latin1）。`
          : `文件不是有效的 ${reason.encoding} 文本（第 ${reason.line} 行${reason.offset === undefined ? "" : `，字节偏移 ${reason.offset}`}）；请用 --encoding 指定编码。`;
      case "ambiguousEncoding":
        return `无法确定文件编码：按 ${reason.candidates.join(" 或 ")} 均可读取。请用 --encoding 指定，例如 --encoding ${reason.candidates[0]}。`;
      case "badDelimiter":
        return "--delimiter 必须是单个字符，且不能是引号或换行符。";
      case "unclosedQuote":
        return `第 ${reason.line} 行开始的带引号字段没有结束引号。`;
      case "notXlsx":
        return "该文件不是可读取的 .xlsx 工作簿（已损坏或为其他类型的文件）。";
      case "xlsxTooLarge":
        return `工作簿中的部件 ${reason.entry} 解压后超过 ${reason.limit} 字节，出于安全考虑拒绝读取。`;
      case "noSheet":
        return `工作簿中没有工作表“${reason.sheet}”（现有工作表：${reason.sheets}）。`;
      case "noSheets":
        return "工作簿中没有工作表。";
    }
  },
  outputProblem: (problem) => {
    switch (problem.kind) {
      case "sameAsInput":
        return `${problem.file} 是输入文件；请用 -o 指定其他输出文件。`;
      case "exists":
        return `${problem.file} 已存在；如要替换请加 --force，或用 -o 指定其他文件。`;
      case "isDirectory":
        return `${problem.file} 是文件夹；请用 -o 指定文件名。`;
      case "noFolder":
        return `文件夹 ${problem.folder} 不存在。`;
      case "cannotWrite":
        return `无法写入 ${problem.file}（${problem.code}）；未写入任何内容。`;
    }
  },
  formulasTooManyRows: (rows, limit) =>
    `--formulas 会把文件的 ${rows.toLocaleString("en-US")} 行复制到一个工作表，超过 Excel 的 ${limit.toLocaleString("en-US")} 行上限；未写入任何内容。请去掉 --formulas，改为生成不复制交易的数值报告。`,
  sheetTooLarge: (sheet, rows, limit) =>
    `工作表“${sheet}”将有 ${rows.toLocaleString("en-US")} 行，超过 Excel 的 ${limit.toLocaleString("en-US")} 行上限；未写入任何内容。`,
  badSheetName: (name) =>
    `Excel 不允许使用工作表名称“${name}”（保留名称、超过 31 个字符，或含有 [ ] : * ? / \\ 之一）。`,
  cellTextCut: (sheet, row, column, length) =>
    `警告：工作表“${sheet}”第 ${row} 行第 ${column} 列的文本有 ${length} 个字符，超过 Excel 的 32,767 字符上限，已截断为 32,767 个字符。`,
  returnRows: (rows, days) =>
    `有 ${rows} 行退货（金额为负）；${days} 个只有退货的客户日不计为购买日。`,
  noUsableRows: "无法生成报告：没有可读取的数据行。",
  cellReasons: {
    empty: "为空",
    customerId: "不是客户ID",
    date: "不是日期；请写成 2024-03-01 的形式",
    ambiguousDate: "无法确定日和月的顺序；请写成 2024-03-01 的形式",
    amount: "不是数字",
    ambiguousNumber: (low, high) =>
      `可读作 ${low} 或 ${high}：该列的其他值无法说明小数点是“.”还是“,”`,
    other: "无法读取",
  },
  noColumn: (option, value, columns) => `${option}：没有名为“${value}”的列。现有列：${columns}。`,
  missingColumn: (field, columns) => `未找到${field}列。现有列：${columns}。请用列选项指定。`,
  duplicateColumn: (field) => `${field}列同时被用于其他字段。`,
  badRows: (rows, total) => `${total} 行中有 ${rows} 行含有无法读取的单元格：`,
  badRow: (line, column, value, reason) => `  第 ${line} 行，${column}：“${value}”${reason}`,
  moreProblems: (more) => `  ……另有 ${more} 处。`,
  skippedRows: (rows) => `已跳过 ${rows} 行含有无法读取单元格的数据（--skip-bad-rows）。`,
  optionalIgnored: (column, cells, line, value) =>
    `${column}：${cells} 个单元格不是数字，已忽略（第一个：第 ${line} 行，“${value}”）。`,
  raggedLeftOut: (rows) => `已跳过 ${rows} 行字段数与标题行不同的数据（--skip-bad-rows）。`,
  cannotCompute: (argument) =>
    isOption(argument)
      ? `无法生成报告：${optionOf(argument)} 的值与数据不符。`
      : "无法生成报告：数据不足以计算。",
  written: (file, sheets) =>
    `已写入 ${file}（工作表${sheets.map((name) => `“${name}”`).join("、")}）。`,
  mapped: (mapping) => `列：${mapping}。`,
  fields: { customerId: "客户ID", date: "日期", amount: "金额", cost: "成本", score: "满意度评分" },
};

const zhTW: CliStrings = {
  ...zhCN,
  help: `crm-report：依交易檔案產生顧客留存分析摘要（.xlsx 活頁簿）

用法：
  crm-report <交易檔案.csv | .txt | .xlsx> [選項]
  npm run report -- <檔案> [選項]

檔案每列一筆購買，包含顧客ID、日期與金額（選填：成本、滿意度評分）。程式依中英文欄名或
數值自動識別各欄；識別失敗時請用欄選項指定。

文字檔案：自動識別編碼（位元組順序標記，否則在 UTF-8、UTF-16 LE/BE、GB18030 與 Big5 中選讀取
效果最好的一種：無錯誤、常用字、可識別的欄名）；若兩種編碼讀取效果相同，程式停止（結束代碼 3）並
請用 --encoding 指定。引號欄位可包含分隔符號、"" 與換行（RFC 4180）。金額：每欄的小數點由該欄
本身的值推斷（12,50 與 1.234,50 表示小數逗號；12.5 與 1,234.50 表示小數點）；若某值有兩種讀法
（如 1.234）而該欄無法說明小數點，則依列拒絕，絕不猜測。

輸入：
  --encoding 名稱        utf-8、utf-16le、utf-16be、gb18030、big5 或 windows-1252（latin1）（預設自動識別）
  --delimiter 字元       分隔符號：, ; tab | 或 whitespace（預設自動識別）
  --sheet 名稱           .xlsx 檔案的工作表（預設第一個）
  --header / --no-header 第一列是否為欄名（預設自動識別）
  --id-column 欄, --date-column 欄, --amount-column 欄, --cost-column 欄, --score-column 欄
                         依欄名、欄字母（A、B…）或欄號（1、2…）指定欄

報告（與工作窗格精靈的選項與預設值相同）：
  --as-of 日期           截至日期，如 2024-06-30（預設：資料中的最後日期）
  --period 週期          month、quarter 或 year（也可寫 月、季、年；預設 month）
  --inactive-days 天數   連續多少天未購買視為不活躍（預設：依資料建議）
  --margin 比例          利潤率，0 到 1（預設：依成本欄，否則為 1）
  --discount-rate 比例   年折現率，0 到 1（預設 0.1）
  --lifespan 年數        簡單終身價值的年數（預設 3）
  --horizon 月數         預測終身價值的月數（預設 12）
  --alert-thresholds R1,R2,R3/F1,F2/M1,M2
                         RFM 預警閾值（預設 10,30,60/0.3,0.5/0.3,0.5）
  --grade-thresholds A,B,C
                         A、B、C 級最少到訪次數（預設 3,2,1）
  --formulas             寫入即時 CRM.* 公式而非數值（供增益集使用者使用）；交易資料會一併複製到活頁簿中
  --skip-bad-rows        略過顧客ID、日期或金額無法讀取、或欄位數與標題列不同的列；否則視為錯誤

輸出：
  -o, --output 檔案      要寫入的活頁簿（預設：輸入檔案旁的 <檔案>.retention.xlsx）
  --force                檔案已存在時取代它（絕不取代輸入檔案）；不加此選項則保留既有檔案（結束代碼 2）。
                         活頁簿先寫入目標資料夾中的暫存檔再改名，失敗或按 Ctrl+C 不會留下寫了一半的檔案。
  --lang 語言            en、zh-CN 或 zh-TW：說明、訊息與工作表的語言（預設取自 LANG）
  --quiet                不在 stderr 顯示進度
  -h, --help             顯示此說明

結束代碼：0 已寫入；2 命令列有誤（未知選項、錯誤的值、日曆上不存在的日期如 2024-02-30），或輸出
檔案就是輸入檔案、或已存在且未加 --force；3 輸入無法讀取（無法確定編碼、引號未結束、.xlsx 已損毀
或解壓縮後過大）或缺少欄；4 有無法讀取的列或欄位數多於標題列的列（見 --skip-bad-rows）；5 無法依資料產生報告；6 無法
寫入輸出（資料夾不存在、是資料夾、無權限）；130 已中斷（Ctrl+C），未寫入任何內容。
`,
  stages: { read: "讀取", audit: "檢查資料列", compute: "計算", write: "寫入" },
  usage: (message) => `${message}\n執行 crm-report --help 查看選項。`,
  unknownOption: (option) => `未知選項 ${option}。`,
  missingValue: (option) => `${option} 需要一個值。`,
  badNumber: (option, value) => `${option} 必須是數字，而不是「${value}」。`,
  badOptionValue: (option, value, rule) => `${option} 必須是${rule}，而不是「${value}」。`,
  rules: {
    fraction: "0 到 1 之間的小數（30% 寫作 0.3）",
    wholeDays: "1 到 3650 之間的整數天數",
    wholeYears: "1 到 100 之間的整數年數",
    wholeMonths: "1 到 120 之間的整數月數",
    period: "month（月）、quarter（季）或 year（年）",
    alertThresholds:
      "R1,R2,R3/F1,F2/M1,M2 格式：三個從 0 起遞增的整數天數，再各兩個 0 到 1 之間遞增的小數（如 10,30,60/0.3,0.5/0.3,0.5）",
    gradeThresholds: "A,B,C 格式：三個遞減的整數到訪次數，最後一個至少為 1（如 3,2,1）",
    language: " en、zh-CN 或 zh-TW ",
  },
  andMore: (shown, more) => `${shown} 等（另有 ${more} 個）`,
  raggedRows: (rows, total) =>
    `${total} 列中有 ${rows} 列的欄位數與標題列不同（含分隔符號的欄位必須加引號）：`,
  raggedRow: (line, fields, expected, hint) =>
    `  第 ${line} 列有 ${fields} 個欄位，而標題列有 ${expected} 個；${hint}`,
  raggedHints: {
    thousands: (d) =>
      `可能是金額中的千分位符號（1${d}234.50）：請為金額加引號（"1${d}234.50"）或去掉千分位符號。`,
    decimalComma: (d) =>
      `可能是以「${d}」分隔的檔案中金額使用了小數逗號（12${d}50）：請為金額加引號（"12${d}50"）或改用其他分隔符號。`,
    insideText: (d) => `可能是姓名等文字中含有「${d}」（"Smith${d} John"）：請為該欄位加引號。`,
    fewer: "缺少欄位：請檢查該列的分隔符號。",
    generic: (d) => `含有「${d}」的欄位必須加引號。`,
  },
  badDate: (option, value) => `${option} 必須是日期（如 2024-06-30），而不是「${value}」。`,
  notCalendarDate: (option, value) => `${option}：${value} 不是日曆上存在的日期。`,
  badEncoding: (option, value) =>
    `${option} 必須是 utf-8、utf-16le、utf-16be、gb18030、big5 或 windows-1252（latin1）之一，而不是「${value}」。`,
  noFile: "請指定要讀取的交易檔案。",
  fileProblem: (reason) => {
    switch (reason.kind) {
      case "cannotOpen":
        return `無法讀取 ${reason.file}（${reason.code}）。`;
      case "oldXls":
        return "不讀取舊版 .xls 檔案：請將檔案另存為 .xlsx 或 CSV。";
      case "unknownEncoding":
        return `未知編碼「${reason.encoding}」。`;
      case "invalidEncoding":
        return reason.encoding === "utf-8"
          ? `檔案不是有效的 UTF-8 文字（第 ${reason.line} 列${reason.offset === undefined ? "" : `，位元組位移 ${reason.offset}`}）。請將其另存為 UTF-8（Excel 中為「CSV UTF-8」），或用 --encoding 指定編碼，例如西歐文字用 --encoding windows-1252（latin1）。`
          : `檔案不是有效的 ${reason.encoding} 文字（第 ${reason.line} 列${reason.offset === undefined ? "" : `，位元組位移 ${reason.offset}`}）；請用 --encoding 指定編碼。`;
      case "ambiguousEncoding":
        return `無法確定檔案編碼：依 ${reason.candidates.join(" 或 ")} 皆可讀取。請用 --encoding 指定，例如 --encoding ${reason.candidates[0]}。`;
      case "badDelimiter":
        return "--delimiter 必須是單一字元，且不能是引號或換行字元。";
      case "unclosedQuote":
        return `第 ${reason.line} 列開始的引號欄位沒有結束引號。`;
      case "notXlsx":
        return "此檔案不是可讀取的 .xlsx 活頁簿（已損毀或為其他類型的檔案）。";
      case "xlsxTooLarge":
        return `活頁簿中的組件 ${reason.entry} 解壓縮後超過 ${reason.limit} 位元組，基於安全考量拒絕讀取。`;
      case "noSheet":
        return `活頁簿中沒有工作表「${reason.sheet}」（現有工作表：${reason.sheets}）。`;
      case "noSheets":
        return "活頁簿中沒有工作表。";
    }
  },
  outputProblem: (problem) => {
    switch (problem.kind) {
      case "sameAsInput":
        return `${problem.file} 是輸入檔案；請用 -o 指定其他輸出檔案。`;
      case "exists":
        return `${problem.file} 已存在；如要取代請加 --force，或用 -o 指定其他檔案。`;
      case "isDirectory":
        return `${problem.file} 是資料夾；請用 -o 指定檔名。`;
      case "noFolder":
        return `資料夾 ${problem.folder} 不存在。`;
      case "cannotWrite":
        return `無法寫入 ${problem.file}（${problem.code}）；未寫入任何內容。`;
    }
  },
  formulasTooManyRows: (rows, limit) =>
    `--formulas 會把檔案的 ${rows.toLocaleString("en-US")} 列複製到一個工作表，超過 Excel 的 ${limit.toLocaleString("en-US")} 列上限；未寫入任何內容。請去掉 --formulas，改為產生不複製交易的數值報告。`,
  sheetTooLarge: (sheet, rows, limit) =>
    `工作表「${sheet}」將有 ${rows.toLocaleString("en-US")} 列，超過 Excel 的 ${limit.toLocaleString("en-US")} 列上限；未寫入任何內容。`,
  badSheetName: (name) =>
    `Excel 不允許使用工作表名稱「${name}」（保留名稱、超過 31 個字元，或含有 [ ] : * ? / \\ 之一）。`,
  cellTextCut: (sheet, row, column, length) =>
    `警告：工作表「${sheet}」第 ${row} 列第 ${column} 欄的文字有 ${length} 個字元，超過 Excel 的 32,767 字元上限，已截斷為 32,767 個字元。`,
  returnRows: (rows, days) =>
    `有 ${rows} 列退貨（金額為負）；${days} 個只有退貨的顧客日不計為購買日。`,
  noUsableRows: "無法產生報告：沒有可讀取的資料列。",
  cellReasons: {
    empty: "為空",
    customerId: "不是顧客ID",
    date: "不是日期；請寫成 2024-03-01 的形式",
    ambiguousDate: "無法確定日與月的順序；請寫成 2024-03-01 的形式",
    amount: "不是數字",
    ambiguousNumber: (low, high) =>
      `可讀作 ${low} 或 ${high}：此欄的其他值無法說明小數點是「.」還是「,」`,
    other: "無法讀取",
  },
  noColumn: (option, value, columns) => `${option}：沒有名為「${value}」的欄。現有欄：${columns}。`,
  missingColumn: (field, columns) => `未找到${field}欄。現有欄：${columns}。請用欄選項指定。`,
  duplicateColumn: (field) => `${field}欄同時被用於其他欄位。`,
  badRows: (rows, total) => `${total} 列中有 ${rows} 列含有無法讀取的儲存格：`,
  badRow: (line, column, value, reason) => `  第 ${line} 列，${column}：「${value}」${reason}`,
  moreProblems: (more) => `  ……另有 ${more} 處。`,
  skippedRows: (rows) => `已略過 ${rows} 列含有無法讀取儲存格的資料（--skip-bad-rows）。`,
  optionalIgnored: (column, cells, line, value) =>
    `${column}：${cells} 個儲存格不是數字，已忽略（第一個：第 ${line} 列，「${value}」）。`,
  raggedLeftOut: (rows) => `已略過 ${rows} 列欄位數與標題列不同的資料（--skip-bad-rows）。`,
  cannotCompute: (argument) =>
    isOption(argument)
      ? `無法產生報告：${optionOf(argument)} 的值與資料不符。`
      : "無法產生報告：資料不足以計算。",
  written: (file, sheets) =>
    `已寫入 ${file}（工作表${sheets.map((name) => `「${name}」`).join("、")}）。`,
  mapped: (mapping) => `欄：${mapping}。`,
  fields: { customerId: "顧客ID", date: "日期", amount: "金額", cost: "成本", score: "滿意度評分" },
};

export const CLI_STRINGS: Readonly<Record<ReportLanguage, CliStrings>> = {
  en,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
};
