/**
 * The task pane's text in English, Simplified and Traditional Chinese (SPEC §4: the UI speaks
 * the user's Office display language). One table; taskpane.html holds no text of its own
 * beyond the page title, and test/i18n.test.ts checks that every language has every entry.
 */

import type { ReportLanguage } from "./report.strings";
import { count } from "./plural";

export interface TaskpaneStrings {
  readonly appTitle: string;
  readonly outsideOffice: string;
  readonly steps: readonly [string, string, string, string];

  readonly dataTitle: string;
  readonly dataIntro: string;
  readonly sourceSelection: string;
  readonly sourceRegion: string;
  readonly sourceTable: string;
  readonly tableLabel: string;
  readonly noTables: string;
  readonly useData: string;
  readonly reading: (read: number, total: number) => string;
  readonly readDone: (address: string, rows: number, columns: number) => string;
  readonly tooFewRows: string;

  readonly mappingTitle: string;
  readonly hasHeader: string;
  readonly fields: {
    readonly customerId: string;
    readonly date: string;
    readonly amount: string;
    readonly cost: string;
    readonly score: string;
  };
  readonly required: string;
  readonly optional: string;
  readonly notMapped: string;
  readonly foundBy: { readonly header: string; readonly values: string; readonly user: string };
  readonly readsAs: (value: string) => string;
  readonly functionReference: string;
  readonly referencePage: string;
  readonly hosts: {
    readonly web: string;
    readonly windows: string;
    readonly mac: string;
    readonly other: string;
  };
  readonly mappingMissing: (field: string) => string;
  readonly mappingDuplicate: (field: string) => string;
  readonly previewTitle: (rows: number, total: number) => string;
  readonly qualityTitle: string;
  readonly qualitySummary: (used: number, rows: number, skipped: number, blank: number) => string;
  readonly qualityAllGood: string;
  /** returns among the rows that will be used (SPEC §2 "Returns"); shown when there are any */
  readonly qualityReturns: (returnRows: number, returnOnlyDays: number) => string;
  readonly qualityBy: (column: string, rows: number) => string;
  readonly qualityRow: (sheetRow: number, column: string, value: string) => string;
  readonly qualityReason: {
    readonly customerId: string;
    readonly date: string;
    readonly amount: string;
    readonly other: string;
  };
  readonly qualityMore: (more: number) => string;
  readonly optionalIgnored: (column: string, rows: number) => string;
  readonly noUsableRows: string;
  readonly back: string;
  readonly next: string;

  readonly optionsTitle: string;
  readonly asOf: string;
  readonly asOfHint: (first: string, last: string) => string;
  readonly period: string;
  readonly periods: { readonly month: string; readonly quarter: string; readonly year: string };
  readonly inactiveDays: string;
  readonly inactiveHint: (days: number) => string;
  readonly margin: string;
  readonly marginHint: string;
  readonly marginFromCost: (margin: string) => string;
  readonly discountRate: string;
  readonly lifespan: string;
  readonly horizon: string;
  readonly thresholdsTitle: string;
  readonly alertRecency: string;
  readonly alertFrequency: string;
  readonly alertMonetary: string;
  readonly gradeThresholds: string;
  readonly outputTitle: string;
  readonly outputValues: string;
  readonly outputFormulas: string;
  readonly formulasBlocked: (rows: number) => string;
  readonly generate: string;

  readonly generateTitle: string;
  readonly computing: string;
  readonly writing: (percent: number) => string;
  readonly cancel: string;
  readonly cancelled: string;
  /** the report's sheets as written, the summary first (SPEC §4: several new sheets) */
  readonly done: (sheets: readonly string[]) => string;
  /** cells whose text was longer than Excel's 32,767 characters and was cut, by sheet and row */
  readonly textCut: (cells: readonly { sheet: string; row: number }[]) => string;
  readonly failed: (message: string) => string;
  readonly startAgain: string;

  /** why "A named table" is disabled when the workbook's tables cannot be listed */
  readonly tablesUnreadable: string;
  /** reading the source failed: nothing was written, so not the report-failure wording */
  readonly readFailed: (message: string) => string;
  /** the threshold inputs' visible labels; each is the upper edge of its band */
  readonly bandLabels: {
    readonly noAlert: string;
    readonly yellow: string;
    readonly orange: string;
    readonly red: string;
  };
  /** the RFM rule in words, from the recency edges [no alert, orange, red] in days */
  readonly recencyRule: (noAlert: number, orange: number, red: number) => string;
  /** the rule of a decline (F or M) in words; the edges come formatted by `units.percent` */
  readonly declineRule: (yellow: string, orange: string) => string;
  /** the grade inputs' labels (minimum visits for A, B, C) */
  readonly gradeLabels: readonly [string, string, string];
  /** option names as a sentence's subject in the field errors: no units, no internal names */
  readonly optionNames: {
    readonly asOf: string;
    readonly inactiveDays: string;
    readonly margin: string;
    readonly discountRate: string;
    readonly lifespan: string;
    readonly horizon: string;
    readonly noAlert: string;
    readonly yellow: string;
    readonly orange: string;
    readonly red: string;
    readonly grades: readonly [string, string, string];
  };
  /** a number with its unit, as the field speaks it */
  readonly units: {
    readonly percent: (n: number) => string;
    readonly days: (n: number) => string;
    readonly years: (n: number) => string;
    readonly months: (n: number) => string;
    readonly visits: (n: number) => string;
  };
  /** messages shown at the field (values already carry their units) */
  readonly optionError: {
    readonly notANumber: (name: string) => string;
    readonly notADate: (name: string) => string;
    readonly whole: (name: string, got: string) => string;
    readonly atLeast: (name: string, least: string, got: string) => string;
    readonly between: (name: string, low: string, high: string, got: string) => string;
    readonly moreThan: (name: string, other: string, otherValue: string, got: string) => string;
    readonly beforeData: (name: string, first: string) => string;
    /** the core refused a value the wizard let through */
    readonly rejected: (name: string) => string;
    /** the core refused the data itself (no field to mark) */
    readonly notPossible: string;
    /** under the form: how many fields are marked */
    readonly summary: (fields: number) => string;
  };
}

/** The first few cut cells, then how many more: a message stays one readable line. */
function cutList<T>(cells: readonly T[], show: (cell: T) => string, separator = ", "): string {
  const shown = cells.slice(0, 5).map(show).join(separator);
  return cells.length > 5 ? `${shown} (+${cells.length - 5})` : shown;
}

const en: TaskpaneStrings = {
  appTitle: "Retention report",
  outsideOffice:
    "This page is the add-in's task pane. Open it from Excel (Home > Retention report) after sideloading manifest.xml.",
  steps: ["Data", "Columns", "Options", "Generate"],

  dataTitle: "1. Choose the transactions",
  dataIntro: "One row per purchase, with a customer id, a date and an amount.",
  sourceSelection: "The selected range",
  sourceRegion: "The table around the selected cell",
  sourceTable: "A named table",
  tableLabel: "Table",
  noTables: "This workbook has no named tables.",
  useData: "Use this data",
  reading: (read, total) => `Reading rows: ${read} of ${total}…`,
  readDone: (address, rows, columns) =>
    `${address}: ${count(rows, "row")} × ${count(columns, "column")}.`,
  tooFewRows: "Select at least two rows: a header and one purchase, or two purchases.",

  mappingTitle: "2. Match the columns",
  hasHeader: "The first row holds column names",
  fields: {
    customerId: "Customer id",
    date: "Date",
    amount: "Amount",
    cost: "Cost",
    score: "Satisfaction score",
  },
  required: "required",
  optional: "optional",
  notMapped: "(none)",
  foundBy: { header: "found by its name", values: "found from its values", user: "chosen by you" },
  readsAs: (value) => `→ ${value}`,
  functionReference: "Function reference",
  referencePage: "reference/index.html",
  hosts: {
    web: "Excel on the web",
    windows: "Excel on Windows",
    mac: "Excel on Mac",
    other: "Excel",
  },
  mappingMissing: (field) => `Choose the ${field} column.`,
  mappingDuplicate: (field) => `${field} uses a column that another field already uses.`,
  previewTitle: (rows, total) => `Preview: first ${rows} of ${total} rows`,
  qualityTitle: "Data quality",
  qualitySummary: (used, rows, skipped, blank) =>
    `${used} of ${count(rows, "row")} will be used; ${skipped} will be skipped for bad cells and ${blank} ${Number(blank) === 1 ? "is" : "are"} blank.`,
  qualityAllGood: "Every row can be read.",
  qualityReturns: (returnRows, returnOnlyDays) =>
    `${count(returnRows, "row")} ${Number(returnRows) === 1 ? "is a return" : "are returns"} (negative amounts): they count in revenue, net. ${count(returnOnlyDays, "customer-day")} ${Number(returnOnlyDays) === 1 ? "holds only returns and is not a purchase day" : "hold only returns and are not purchase days"} (no visit, no recency, no frequency).`,
  qualityBy: (column, rows) => `${column}: ${count(rows, "row")}`,
  qualityRow: (sheetRow, column, value) => `Row ${sheetRow}, ${column}: ${value}`,
  qualityReason: {
    customerId: "blank or unreadable customer id",
    date: "not a date",
    amount: "not a number",
    other: "cannot be read",
  },
  qualityMore: (more) => `…and ${more} more.`,
  optionalIgnored: (column, rows) =>
    `${column}: ${rows} cells are not numbers and will be ignored.`,
  noUsableRows: "No row can be used. Check the column mapping.",
  back: "Back",
  next: "Next",

  optionsTitle: "3. Options",
  asOf: "As-of date",
  asOfHint: (first, last) => `The data runs from ${first} to ${last}.`,
  period: "Period",
  periods: { month: "Month", quarter: "Quarter", year: "Year" },
  inactiveDays: "Inactive after (days)",
  inactiveHint: (days) =>
    `Suggested from your data: ${days} days (9 in 10 repeat purchases come sooner).`,
  margin: "Margin (%)",
  marginHint: "100% values customers by revenue.",
  marginFromCost: (margin) => `Suggested from the cost column: ${margin}.`,
  discountRate: "Discount rate per year (%)",
  lifespan: "Customer lifespan for simple CLV (years)",
  horizon: "Predictive CLV horizon (months)",
  thresholdsTitle: "RFM alert thresholds",
  alertRecency: "Days since last purchase",
  alertFrequency: "Purchase decline (%)",
  alertMonetary: "Amount decline (%)",
  gradeThresholds: "Fewest visits for grade A, B, C",
  outputTitle: "The sheet holds",
  outputValues: "Values",
  outputFormulas: "Live CRM.* formulas",
  formulasBlocked: (rows) =>
    `Live formulas are not available: ${rows === 1 ? "1 row has" : `${rows} rows have`} unreadable cells, and formulas read every row.`,
  generate: "Generate report",

  generateTitle: "4. Generate",
  computing: "Computing the report…",
  writing: (percent) => `Writing the sheets: ${percent}%`,
  cancel: "Cancel",
  cancelled: "Cancelled. Nothing was left in the workbook.",
  done: (sheets) =>
    sheets.length === 1
      ? `Done: the report is on the new sheet "${sheets[0]}".`
      : `Done: the report is on ${sheets.length} new sheets: ${sheets.map((name) => `"${name}"`).join(", ")}.`,
  textCut: (cells) =>
    `${cells.length === 1 ? "1 cell was" : `${cells.length} cells were`} longer than Excel's 32,767 characters and cut to fit: ${cutList(cells, (c) => `"${c.sheet}" row ${c.row}`)}.`,
  failed: (message) => `The report could not be made: ${message} Nothing was left in the workbook.`,
  startAgain: "Make another report",
  tablesUnreadable: "The workbook's named tables cannot be listed.",
  readFailed: (message) => `The data could not be read: ${message}`,
  bandLabels: {
    noAlert: "No alert up to",
    yellow: "Yellow up to",
    orange: "Orange up to",
    red: "Red up to",
  },
  recencyRule: (noAlert, orange, red) =>
    `Up to ${noAlert} days: no alert; orange from ${noAlert + 1} days, red from ${orange + 1}, lost after ${red}.`,
  declineRule: (yellow, orange) =>
    `Yellow for a fall of up to ${yellow}, orange above ${yellow} up to ${orange}, red above ${orange}.`,
  gradeLabels: ["A", "B", "C"],
  optionNames: {
    asOf: "The as-of date",
    inactiveDays: "The inactive period",
    margin: "Margin",
    discountRate: "The discount rate",
    lifespan: "The lifespan",
    horizon: "The horizon",
    noAlert: "The no-alert limit",
    yellow: "The yellow limit",
    orange: "The orange limit",
    red: "The red limit",
    grades: ["Grade A's minimum", "Grade B's minimum", "Grade C's minimum"],
  },
  units: {
    percent: (n) => `${n} %`,
    days: (n) => (n === 1 ? "1 day" : `${n} days`),
    years: (n) => (n === 1 ? "1 year" : `${n} years`),
    months: (n) => (n === 1 ? "1 month" : `${n} months`),
    visits: (n) => (n === 1 ? "1 visit" : `${n} visits`),
  },
  optionError: {
    notANumber: (name) => `${name} must be a number.`,
    notADate: (name) => `${name} must be a date.`,
    whole: (name, got) => `${name} must be a whole number, got ${got}.`,
    atLeast: (name, least, got) => `${name} must be at least ${least}, got ${got}.`,
    between: (name, low, high, got) => `${name} must be between ${low} and ${high}, got ${got}.`,
    moreThan: (name, other, otherValue, got) =>
      `${name} must be more than ${other.charAt(0).toLowerCase()}${other.slice(1)} (${otherValue}), got ${got}.`,
    beforeData: (name, first) => `${name} must be on or after the first purchase (${first}).`,
    rejected: (name) => `${name} cannot be used with this data.`,
    notPossible: "The report cannot be made from this data. Check the columns.",
    summary: (fields) =>
      fields === 1 ? "Correct the marked field." : `Correct the ${fields} marked fields.`,
  },
};

const zhCN: TaskpaneStrings = {
  appTitle: "留存分析报告",
  outsideOffice:
    "此页面是加载项的任务窗格。旁加载 manifest.xml 后，请在 Excel 中打开（开始 > 留存报告）。",
  steps: ["数据", "列", "选项", "生成"],

  dataTitle: "1. 选择交易数据",
  dataIntro: "每行一笔购买，包含客户ID、日期和金额。",
  sourceSelection: "所选区域",
  sourceRegion: "所选单元格周围的表格区域",
  sourceTable: "命名表",
  tableLabel: "表",
  noTables: "此工作簿中没有命名表。",
  useData: "使用此数据",
  reading: (read, total) => `正在读取：${read} / ${total} 行…`,
  readDone: (address, rows, columns) => `${address}：${rows} 行 × ${columns} 列。`,
  tooFewRows: "请至少选择两行：标题行和一笔购买，或两笔购买。",

  mappingTitle: "2. 匹配列",
  hasHeader: "第一行是列名",
  fields: {
    customerId: "客户ID",
    date: "日期",
    amount: "金额",
    cost: "成本",
    score: "满意度评分",
  },
  required: "必填",
  optional: "可选",
  notMapped: "（无）",
  foundBy: { header: "按列名识别", values: "按数值识别", user: "由您选择" },
  readsAs: (value) => `→ ${value}`,
  functionReference: "函数参考",
  referencePage: "reference/zh-CN.html",
  hosts: { web: "Excel 网页版", windows: "Windows 版 Excel", mac: "Mac 版 Excel", other: "Excel" },
  mappingMissing: (field) => `请选择“${field}”列。`,
  mappingDuplicate: (field) => `“${field}”使用的列已被其他字段使用。`,
  previewTitle: (rows, total) => `预览：前 ${rows} 行，共 ${total} 行`,
  qualityTitle: "数据质量",
  qualitySummary: (used, rows, skipped, blank) =>
    `${rows} 行中将使用 ${used} 行；${skipped} 行因单元格有误将被跳过，${blank} 行为空行。`,
  qualityAllGood: "所有行均可读取。",
  qualityReturns: (returnRows, returnOnlyDays) =>
    `${returnRows} 行为退货（金额为负）：计入收入（净额）。${returnOnlyDays} 个客户日只有退货，不算购买日（不计到访、最近购买和购买频次）。`,
  qualityBy: (column, rows) => `${column}：${rows} 行`,
  qualityRow: (sheetRow, column, value) => `第 ${sheetRow} 行，${column}：${value}`,
  qualityReason: {
    customerId: "客户ID为空或无法识别",
    date: "不是日期",
    amount: "不是数字",
    other: "无法读取",
  },
  qualityMore: (more) => `……另有 ${more} 处。`,
  optionalIgnored: (column, rows) => `${column}：${rows} 个单元格不是数字，将被忽略。`,
  noUsableRows: "没有可用的行。请检查列的匹配。",
  back: "上一步",
  next: "下一步",

  optionsTitle: "3. 选项",
  asOf: "截至日期",
  asOfHint: (first, last) => `数据范围：${first} 至 ${last}。`,
  period: "周期",
  periods: { month: "月", quarter: "季度", year: "年" },
  inactiveDays: "不活跃天数",
  inactiveHint: (days) => `根据数据建议：${days} 天（90% 的重复购买间隔短于此）。`,
  margin: "利润率（%）",
  marginHint: "100% 表示按收入计算客户价值。",
  marginFromCost: (margin) => `根据成本列建议：${margin}。`,
  discountRate: "年折现率（%）",
  lifespan: "简单终身价值的客户生命周期（年）",
  horizon: "预测终身价值的预测期（月）",
  thresholdsTitle: "RFM 预警阈值",
  alertRecency: "距上次购买天数",
  alertFrequency: "购买次数降幅（%）",
  alertMonetary: "金额降幅（%）",
  gradeThresholds: "A、B、C 级最少到访次数",
  outputTitle: "工作表内容",
  outputValues: "数值",
  outputFormulas: "实时 CRM.* 公式",
  formulasBlocked: (rows) =>
    `无法使用实时公式：${rows} 行含有无法读取的单元格，而公式会读取每一行。`,
  generate: "生成报告",

  generateTitle: "4. 生成",
  computing: "正在计算报告…",
  writing: (percent) => `正在写入工作表：${percent}%`,
  cancel: "取消",
  cancelled: "已取消。工作簿中未留下任何内容。",
  done: (sheets) =>
    sheets.length === 1
      ? `完成：报告位于新工作表“${sheets[0]}”。`
      : `完成：报告位于 ${sheets.length} 个新工作表：${sheets.map((name) => `“${name}”`).join("、")}。`,
  textCut: (cells) =>
    `有 ${cells.length} 个单元格的文本超过 Excel 的 32,767 个字符上限，已截断：${cutList(cells, (c) => `“${c.sheet}”第 ${c.row} 行`, "、")}。`,
  failed: (message) => `无法生成报告：${message} 工作簿中未留下任何内容。`,
  startAgain: "再生成一份报告",
  tablesUnreadable: "无法列出此工作簿中的命名表。",
  readFailed: (message) => `无法读取数据：${message}`,
  bandLabels: {
    noAlert: "不预警上限",
    yellow: "关注级上限",
    orange: "重点关注级上限",
    red: "危机级上限",
  },
  recencyRule: (noAlert, orange, red) =>
    `${noAlert} 天以内不预警；${noAlert + 1} 天起为重点关注级，${orange + 1} 天起为危机级，超过 ${red} 天为流失。`,
  declineRule: (yellow, orange) =>
    `降幅不超过 ${yellow} 为关注级，超过 ${yellow} 至 ${orange} 为重点关注级，超过 ${orange} 为危机级。`,
  gradeLabels: ["A 级", "B 级", "C 级"],
  optionNames: {
    asOf: "截至日期",
    inactiveDays: "不活跃天数",
    margin: "利润率",
    discountRate: "年折现率",
    lifespan: "客户生命周期",
    horizon: "预测期",
    noAlert: "不预警上限",
    yellow: "关注级上限",
    orange: "重点关注级上限",
    red: "危机级上限",
    grades: ["A 级最少到访次数", "B 级最少到访次数", "C 级最少到访次数"],
  },
  units: {
    percent: (n) => `${n}%`,
    days: (n) => `${n} 天`,
    years: (n) => `${n} 年`,
    months: (n) => `${n} 个月`,
    visits: (n) => `${n} 次`,
  },
  optionError: {
    notANumber: (name) => `${name}必须是数字。`,
    notADate: (name) => `${name}必须是日期。`,
    whole: (name, got) => `${name}必须是整数，当前为 ${got}。`,
    atLeast: (name, least, got) => `${name}至少为 ${least}，当前为 ${got}。`,
    between: (name, low, high, got) => `${name}必须在 ${low} 到 ${high} 之间，当前为 ${got}。`,
    moreThan: (name, other, otherValue, got) =>
      `${name}必须大于${other}（${otherValue}），当前为 ${got}。`,
    beforeData: (name, first) => `${name}不能早于第一笔购买（${first}）。`,
    rejected: (name) => `${name}的值无法用于此数据。`,
    notPossible: "无法用此数据生成报告。请检查列的匹配。",
    summary: (fields) => `请更正标出的 ${fields} 个选项。`,
  },
};

const zhTW: TaskpaneStrings = {
  appTitle: "留存分析報告",
  outsideOffice:
    "此頁面是增益集的工作窗格。側載 manifest.xml 後，請在 Excel 中開啟（常用 > 留存報告）。",
  steps: ["資料", "欄", "選項", "產生"],

  dataTitle: "1. 選擇交易資料",
  dataIntro: "每列一筆購買，包含顧客ID、日期與金額。",
  sourceSelection: "所選範圍",
  sourceRegion: "所選儲存格周圍的表格區域",
  sourceTable: "具名表格",
  tableLabel: "表格",
  noTables: "此活頁簿中沒有具名表格。",
  useData: "使用此資料",
  reading: (read, total) => `正在讀取：${read} / ${total} 列…`,
  readDone: (address, rows, columns) => `${address}：${rows} 列 × ${columns} 欄。`,
  tooFewRows: "請至少選擇兩列：標題列與一筆購買，或兩筆購買。",

  mappingTitle: "2. 對應欄位",
  hasHeader: "第一列是欄名",
  fields: {
    customerId: "顧客ID",
    date: "日期",
    amount: "金額",
    cost: "成本",
    score: "滿意度評分",
  },
  required: "必填",
  optional: "選填",
  notMapped: "（無）",
  foundBy: { header: "依欄名識別", values: "依數值識別", user: "由您選擇" },
  readsAs: (value) => `→ ${value}`,
  functionReference: "函數參考",
  referencePage: "reference/zh-TW.html",
  hosts: { web: "Excel 網頁版", windows: "Windows 版 Excel", mac: "Mac 版 Excel", other: "Excel" },
  mappingMissing: (field) => `請選擇「${field}」欄。`,
  mappingDuplicate: (field) => `「${field}」使用的欄已被其他欄位使用。`,
  previewTitle: (rows, total) => `預覽：前 ${rows} 列，共 ${total} 列`,
  qualityTitle: "資料品質",
  qualitySummary: (used, rows, skipped, blank) =>
    `${rows} 列中將使用 ${used} 列；${skipped} 列因儲存格有誤將被略過，${blank} 列為空白列。`,
  qualityAllGood: "所有列皆可讀取。",
  qualityReturns: (returnRows, returnOnlyDays) =>
    `${returnRows} 列為退貨（金額為負）：計入營收（淨額）。${returnOnlyDays} 個顧客日只有退貨，不算購買日（不計到訪、最近購買和購買頻次）。`,
  qualityBy: (column, rows) => `${column}：${rows} 列`,
  qualityRow: (sheetRow, column, value) => `第 ${sheetRow} 列，${column}：${value}`,
  qualityReason: {
    customerId: "顧客ID為空或無法識別",
    date: "不是日期",
    amount: "不是數字",
    other: "無法讀取",
  },
  qualityMore: (more) => `……另有 ${more} 處。`,
  optionalIgnored: (column, rows) => `${column}：${rows} 個儲存格不是數字，將被忽略。`,
  noUsableRows: "沒有可用的列。請檢查欄位對應。",
  back: "上一步",
  next: "下一步",

  optionsTitle: "3. 選項",
  asOf: "截至日期",
  asOfHint: (first, last) => `資料範圍：${first} 至 ${last}。`,
  period: "週期",
  periods: { month: "月", quarter: "季度", year: "年" },
  inactiveDays: "不活躍天數",
  inactiveHint: (days) => `依資料建議：${days} 天（90% 的重複購買間隔短於此）。`,
  margin: "利潤率（%）",
  marginHint: "100% 表示依營收計算顧客價值。",
  marginFromCost: (margin) => `依成本欄建議：${margin}。`,
  discountRate: "年折現率（%）",
  lifespan: "簡單終身價值的顧客生命週期（年）",
  horizon: "預測終身價值的預測期（月）",
  thresholdsTitle: "RFM 預警閾值",
  alertRecency: "距上次購買天數",
  alertFrequency: "購買次數降幅（%）",
  alertMonetary: "金額降幅（%）",
  gradeThresholds: "A、B、C 級最少到訪次數",
  outputTitle: "工作表內容",
  outputValues: "數值",
  outputFormulas: "即時 CRM.* 公式",
  formulasBlocked: (rows) =>
    `無法使用即時公式：${rows} 列含有無法讀取的儲存格，而公式會讀取每一列。`,
  generate: "產生報告",

  generateTitle: "4. 產生",
  computing: "正在計算報告…",
  writing: (percent) => `正在寫入工作表：${percent}%`,
  cancel: "取消",
  cancelled: "已取消。活頁簿中未留下任何內容。",
  done: (sheets) =>
    sheets.length === 1
      ? `完成：報告位於新工作表「${sheets[0]}」。`
      : `完成：報告位於 ${sheets.length} 個新工作表：${sheets.map((name) => `「${name}」`).join("、")}。`,
  textCut: (cells) =>
    `有 ${cells.length} 個儲存格的文字超過 Excel 的 32,767 個字元上限，已截斷：${cutList(cells, (c) => `「${c.sheet}」第 ${c.row} 列`, "、")}。`,
  failed: (message) => `無法產生報告：${message} 活頁簿中未留下任何內容。`,
  startAgain: "再產生一份報告",
  tablesUnreadable: "無法列出此活頁簿中的具名表格。",
  readFailed: (message) => `無法讀取資料：${message}`,
  bandLabels: {
    noAlert: "不預警上限",
    yellow: "關注級上限",
    orange: "重點關注級上限",
    red: "危機級上限",
  },
  recencyRule: (noAlert, orange, red) =>
    `${noAlert} 天以內不預警；${noAlert + 1} 天起為重點關注級，${orange + 1} 天起為危機級，超過 ${red} 天為流失。`,
  declineRule: (yellow, orange) =>
    `降幅不超過 ${yellow} 為關注級，超過 ${yellow} 至 ${orange} 為重點關注級，超過 ${orange} 為危機級。`,
  gradeLabels: ["A 級", "B 級", "C 級"],
  optionNames: {
    asOf: "截至日期",
    inactiveDays: "不活躍天數",
    margin: "利潤率",
    discountRate: "年折現率",
    lifespan: "顧客生命週期",
    horizon: "預測期",
    noAlert: "不預警上限",
    yellow: "關注級上限",
    orange: "重點關注級上限",
    red: "危機級上限",
    grades: ["A 級最少到訪次數", "B 級最少到訪次數", "C 級最少到訪次數"],
  },
  units: {
    percent: (n) => `${n}%`,
    days: (n) => `${n} 天`,
    years: (n) => `${n} 年`,
    months: (n) => `${n} 個月`,
    visits: (n) => `${n} 次`,
  },
  optionError: {
    notANumber: (name) => `${name}必須是數字。`,
    notADate: (name) => `${name}必須是日期。`,
    whole: (name, got) => `${name}必須是整數，目前為 ${got}。`,
    atLeast: (name, least, got) => `${name}至少為 ${least}，目前為 ${got}。`,
    between: (name, low, high, got) => `${name}必須介於 ${low} 到 ${high} 之間，目前為 ${got}。`,
    moreThan: (name, other, otherValue, got) =>
      `${name}必須大於${other}（${otherValue}），目前為 ${got}。`,
    beforeData: (name, first) => `${name}不能早於第一筆購買（${first}）。`,
    rejected: (name) => `${name}的值無法用於此資料。`,
    notPossible: "無法以此資料產生報告。請檢查欄位對應。",
    summary: (fields) => `請更正標出的 ${fields} 個選項。`,
  },
};

export const TASKPANE_STRINGS: Readonly<Record<ReportLanguage, TaskpaneStrings>> = {
  en,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
};
