/**
 * The command line's text (`crm-report --help`, its errors and progress) in English, Simplified
 * and Traditional Chinese; `--lang` or the LANG environment variable picks one.
 */
import type { ReportLanguage } from "./report.strings";

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
  readonly badDate: (option: string, value: string) => string;
  readonly noFile: string;
  readonly cannotRead: (message: string) => string;
  readonly noColumn: (option: string, value: string, columns: string) => string;
  readonly missingColumn: (field: string, columns: string) => string;
  readonly duplicateColumn: (field: string) => string;
  readonly badRows: (rows: number, total: number) => string;
  readonly badRow: (line: number, column: string, message: string) => string;
  readonly moreProblems: (more: number) => string;
  readonly skippedRows: (rows: number) => string;
  readonly cannotCompute: (message: string) => string;
  readonly written: (file: string, sheet: string) => string;
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

Input:
  --encoding NAME        text encoding (default: detected: BOM, UTF-8, else GB18030)
  --delimiter C          field delimiter: , ; tab | or whitespace (default: detected)
  --sheet NAME           the worksheet of an .xlsx file (default: the first)
  --header / --no-header whether the first row holds column names (default: detected)
  --id-column C, --date-column C, --amount-column C, --cost-column C, --score-column C
                         a column by its header name, its letter (A, B, …) or its number (1, 2, …)

Report (the task pane wizard's options and defaults):
  --as-of DATE           as-of date, e.g. 2024-06-30 (default: the last date in the data)
  --period P             month, quarter or year (default: month)
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
  --skip-bad-rows        leave out rows with an unreadable id, date or amount (they are
                         listed); without it such rows are an error

Output:
  -o, --output FILE      the workbook to write (default: <file>.retention.xlsx beside the input)
  --lang L               en, zh-CN or zh-TW: this help, messages and the sheet (default: from LANG)
  --quiet                no progress on stderr
  -h, --help             this help

Exit codes: 0 written; 2 bad command line; 3 unreadable file or missing columns; 4 rows with
unreadable cells (see --skip-bad-rows); 5 the report cannot be computed from the data.
`,
  stages: { read: "reading", audit: "checking rows", compute: "computing", write: "writing" },
  usage: (message) => `${message}\nRun crm-report --help for the options.`,
  unknownOption: (option) => `unknown option ${option}.`,
  missingValue: (option) => `${option} needs a value.`,
  badNumber: (option, value) => `${option} must be a number, got "${value}".`,
  badDate: (option, value) => `${option} must be a date such as 2024-06-30, got "${value}".`,
  noFile: "give the transactions file to read.",
  cannotRead: (message) => `cannot read the file: ${message}`,
  noColumn: (option, value, columns) =>
    `${option}: there is no column "${value}". Columns: ${columns}.`,
  missingColumn: (field, columns) =>
    `no ${field} column was found. Columns: ${columns}. Name it with --${field === "customer id" ? "id" : field}-column.`,
  duplicateColumn: (field) => `the ${field} column is also used for another field.`,
  badRows: (rows, total) => `${rows} of ${total} rows have unreadable cells:`,
  badRow: (line, column, message) => `  line ${line}, ${column}: ${message}`,
  moreProblems: (more) => `  …and ${more} more.`,
  skippedRows: (rows) => `${rows} rows with unreadable cells were left out (--skip-bad-rows).`,
  cannotCompute: (message) => `the report cannot be made: ${message}`,
  written: (file, sheet) => `Wrote ${file} (sheet "${sheet}").`,
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

输入：
  --encoding 名称        文本编码（默认自动识别：BOM、UTF-8，否则 GB18030）
  --delimiter 字符       分隔符：, ; tab | 或 whitespace（默认自动识别）
  --sheet 名称           .xlsx 文件的工作表（默认第一个）
  --header / --no-header 第一行是否为列名（默认自动识别）
  --id-column 列, --date-column 列, --amount-column 列, --cost-column 列, --score-column 列
                         按列名、列字母（A、B…）或列号（1、2…）指定列

报告（与任务窗格向导的选项和默认值相同）：
  --as-of 日期           截至日期，如 2024-06-30（默认：数据中的最后日期）
  --period 周期          month、quarter 或 year（默认 month）
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
  --skip-bad-rows        跳过客户ID、日期或金额无法读取的行（并列出）；否则视为错误

输出：
  -o, --output 文件      要写入的工作簿（默认：输入文件旁的 <文件>.retention.xlsx）
  --lang 语言            en、zh-CN 或 zh-TW：帮助、消息和工作表的语言（默认取自 LANG）
  --quiet                不在 stderr 显示进度
  -h, --help             显示此帮助

退出码：0 已写入；2 命令行有误；3 文件无法读取或缺少列；4 有无法读取的行（见 --skip-bad-rows）；
5 无法根据数据生成报告。
`,
  stages: { read: "读取", audit: "检查数据行", compute: "计算", write: "写入" },
  usage: (message) => `${message}\n运行 crm-report --help 查看选项。`,
  unknownOption: (option) => `未知选项 ${option}。`,
  missingValue: (option) => `${option} 需要一个值。`,
  badNumber: (option, value) => `${option} 必须是数字，而不是“${value}”。`,
  badDate: (option, value) => `${option} 必须是日期（如 2024-06-30），而不是“${value}”。`,
  noFile: "请指定要读取的交易文件。",
  cannotRead: (message) => `无法读取文件：${message}`,
  noColumn: (option, value, columns) => `${option}：没有名为“${value}”的列。现有列：${columns}。`,
  missingColumn: (field, columns) => `未找到${field}列。现有列：${columns}。请用列选项指定。`,
  duplicateColumn: (field) => `${field}列同时被用于其他字段。`,
  badRows: (rows, total) => `${total} 行中有 ${rows} 行含有无法读取的单元格：`,
  badRow: (line, column, message) => `  第 ${line} 行，${column}：${message}`,
  moreProblems: (more) => `  ……另有 ${more} 处。`,
  skippedRows: (rows) => `已跳过 ${rows} 行含有无法读取单元格的数据（--skip-bad-rows）。`,
  cannotCompute: (message) => `无法生成报告：${message}`,
  written: (file, sheet) => `已写入 ${file}（工作表“${sheet}”）。`,
  mapped: (mapping) => `列：${mapping}。`,
  fields: { customerId: "客户ID", date: "日期", amount: "金额", cost: "成本", score: "满意度评分" },
};

const zhTW: CliStrings = {
  ...zhCN,
  help: `crm-report：依交易檔案產生客戶留存分析摘要（.xlsx 活頁簿）

用法：
  crm-report <交易檔案.csv | .txt | .xlsx> [選項]
  npm run report -- <檔案> [選項]

檔案每列一筆購買，包含客戶ID、日期與金額（選填：成本、滿意度評分）。程式依中英文欄名或
數值自動識別各欄；識別失敗時請用欄選項指定。

輸入：
  --encoding 名稱        文字編碼（預設自動識別：BOM、UTF-8，否則 GB18030）
  --delimiter 字元       分隔符號：, ; tab | 或 whitespace（預設自動識別）
  --sheet 名稱           .xlsx 檔案的工作表（預設第一個）
  --header / --no-header 第一列是否為欄名（預設自動識別）
  --id-column 欄, --date-column 欄, --amount-column 欄, --cost-column 欄, --score-column 欄
                         依欄名、欄字母（A、B…）或欄號（1、2…）指定欄

報告（與工作窗格精靈的選項與預設值相同）：
  --as-of 日期           截至日期，如 2024-06-30（預設：資料中的最後日期）
  --period 週期          month、quarter 或 year（預設 month）
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
  --skip-bad-rows        略過客戶ID、日期或金額無法讀取的列（並列出）；否則視為錯誤

輸出：
  -o, --output 檔案      要寫入的活頁簿（預設：輸入檔案旁的 <檔案>.retention.xlsx）
  --lang 語言            en、zh-CN 或 zh-TW：說明、訊息與工作表的語言（預設取自 LANG）
  --quiet                不在 stderr 顯示進度
  -h, --help             顯示此說明

結束代碼：0 已寫入；2 命令列有誤；3 檔案無法讀取或缺少欄；4 有無法讀取的列（見 --skip-bad-rows）；
5 無法依資料產生報告。
`,
  stages: { read: "讀取", audit: "檢查資料列", compute: "計算", write: "寫入" },
  usage: (message) => `${message}\n執行 crm-report --help 查看選項。`,
  unknownOption: (option) => `未知選項 ${option}。`,
  missingValue: (option) => `${option} 需要一個值。`,
  badNumber: (option, value) => `${option} 必須是數字，而不是「${value}」。`,
  badDate: (option, value) => `${option} 必須是日期（如 2024-06-30），而不是「${value}」。`,
  noFile: "請指定要讀取的交易檔案。",
  cannotRead: (message) => `無法讀取檔案：${message}`,
  noColumn: (option, value, columns) => `${option}：沒有名為「${value}」的欄。現有欄：${columns}。`,
  missingColumn: (field, columns) => `未找到${field}欄。現有欄：${columns}。請用欄選項指定。`,
  duplicateColumn: (field) => `${field}欄同時被用於其他欄位。`,
  badRows: (rows, total) => `${total} 列中有 ${rows} 列含有無法讀取的儲存格：`,
  badRow: (line, column, message) => `  第 ${line} 列，${column}：${message}`,
  moreProblems: (more) => `  ……另有 ${more} 處。`,
  skippedRows: (rows) => `已略過 ${rows} 列含有無法讀取儲存格的資料（--skip-bad-rows）。`,
  cannotCompute: (message) => `無法產生報告：${message}`,
  written: (file, sheet) => `已寫入 ${file}（工作表「${sheet}」）。`,
  mapped: (mapping) => `欄：${mapping}。`,
  fields: { customerId: "客戶ID", date: "日期", amount: "金額", cost: "成本", score: "滿意度評分" },
};

export const CLI_STRINGS: Readonly<Record<ReportLanguage, CliStrings>> = {
  en,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
};
