/**
 * The text of the retention summary sheet in English, Simplified and Traditional Chinese. One
 * table: report.ts picks a language and never holds sheet text of its own. test/i18n.test.ts
 * checks that every language has every entry.
 */

import type { PeriodKind } from "../core/customerBase";

export type ReportLanguage = "en" | "zh-CN" | "zh-TW";

export const REPORT_LANGUAGES: readonly ReportLanguage[] = ["en", "zh-CN", "zh-TW"];

export interface ReportStrings {
  readonly sheetName: string;
  readonly title: string;
  readonly source: (address: string) => string;
  readonly asOf: (date: string) => string;
  readonly periodWord: Readonly<Record<PeriodKind, string>>;
  readonly inactiveAfter: (days: number) => string;
  readonly generated: (when: string) => string;
  readonly rowsLine: (read: number, used: number, skipped: number, blank: number) => string;
  /** returns among the used rows (SPEC §2 "Returns"), appended to rowsLine when there are any */
  readonly returnsLine: (returnRows: number, returnOnlyDays: number) => string;
  readonly valuesNote: string;
  readonly formulasNote: string;
  readonly staticBlock: string;
  readonly notAvailable: (reason: string) => string;

  readonly kpiTitle: (period: string) => string;
  readonly kpiNoPeriod: string;
  readonly kpi: {
    readonly customers: string;
    readonly active: string;
    readonly newCustomers: string;
    readonly lost: string;
    readonly churnRate: string;
    readonly retentionRate: string;
    readonly repeatRate: string;
    readonly averageOrderValue: string;
    readonly purchaseFrequency: string;
    readonly clv: string;
    readonly csat: string;
    readonly nps: string;
  };
  readonly kpiNotes: {
    readonly window: string;
    readonly clv: (years: number, margin: string) => string;
  };

  readonly trendTitle: string;
  readonly trendHeader: readonly string[];
  readonly trendChartTitle: string;

  readonly cohortTitle: string;
  readonly cohortNote: string;
  readonly cohortHeader: readonly string[];
  readonly cohortOffset: (k: number) => string;

  readonly alertTitle: string;
  readonly alertLevelHeader: readonly string[];
  readonly alertListTitle: string;
  readonly alertListNone: string;
  readonly alertListCapped: (shown: number, total: number) => string;
  readonly alertHeader: readonly string[];

  readonly gradeTitle: string;
  readonly gradeHeader: readonly string[];
  readonly gradeChartTitle: string;

  readonly segmentTitle: string;
  readonly segmentHeader: readonly string[];

  readonly clvTitle: string;
  readonly clvNote: (horizonMonths: number, yearlyRate: string) => string;
  readonly clvFigures: {
    readonly customers: string;
    readonly repeatBuyers: string;
    readonly expectedPurchases: (months: number) => string;
    readonly averageAlive: string;
    readonly totalClv: string;
    readonly averageClv: string;
    readonly spendFitExcluded: string;
  };
  readonly clvParamsHeader: readonly string[];
  readonly clvTopTitle: (n: number) => string;
  readonly clvTopHeader: readonly string[];

  readonly settingsTitle: string;
  readonly settings: {
    readonly asOf: string;
    readonly period: string;
    readonly inactiveDays: string;
    readonly margin: string;
    readonly discountRate: string;
    readonly lifespanYears: string;
    readonly horizonMonths: string;
    readonly gradeThresholds: string;
    readonly alertThresholds: string;
    readonly alertThresholdColumns: readonly string[];
  };
}

const en: ReportStrings = {
  sheetName: "Retention summary",
  title: "Retention summary",
  source: (address) => `Source: ${address}`,
  asOf: (date) => `As of ${date}`,
  periodWord: { month: "month", quarter: "quarter", year: "year" },
  inactiveAfter: (days) => `inactive after ${days} days without a purchase`,
  generated: (when) => `Generated ${when} by CRM Retention Analytics`,
  rowsLine: (read, used, skipped, blank) =>
    `Rows: ${read} read, ${used} used, ${skipped} skipped for bad cells, ${blank} blank.`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `Returns: ${returnRows} rows with a negative amount, counted in revenue; ${returnOnlyDays} customer-days with only returns are not purchase days.`,
  valuesNote: "Plain values: they do not change when the source data changes.",
  formulasNote:
    "Live CRM.* formulas: they recalculate when the source data or the settings at the bottom change. Blocks marked (values) do not.",
  staticBlock: "(values)",
  notAvailable: (reason) => `Not available: ${reason}`,

  kpiTitle: (period) => `Key figures: last complete period ${period}`,
  kpiNoPeriod: "Key figures",
  kpi: {
    customers: "Customers",
    active: "Active",
    newCustomers: "New",
    lost: "Lost",
    churnRate: "Churn rate",
    retentionRate: "Retention rate",
    repeatRate: "Repeat rate",
    averageOrderValue: "Avg order value",
    purchaseFrequency: "Purchases / year",
    clv: "CLV (simple)",
    csat: "CSAT",
    nps: "NPS",
  },
  kpiNotes: {
    window:
      "Customers and repeat rate: everyone who bought by the as-of date. Active, new, lost, churn and retention: the last complete period. Order value and purchases per year: the 365 days to the as-of date; order value = net revenue (returns deducted) ÷ purchase days.",
    clv: (years, margin) =>
      `CLV (simple) = order value × purchases per year × ${years} years × margin ${margin}.`,
  },

  trendTitle: "Churn trend",
  trendHeader: [
    "Period",
    "First day",
    "Last day",
    "At start (S)",
    "New (N)",
    "Reactivated",
    "Lost from start",
    "Lapsed",
    "Lost",
    "At end (E)",
    "Churn rate",
    "Retention rate",
  ],
  trendChartTitle: "Churn and retention by period",

  cohortTitle: "Cohort retention",
  cohortNote:
    "Share of each cohort (customers by period of first purchase) buying again k periods later. Periods not yet complete are empty.",
  cohortHeader: ["Cohort", "First day", "Customers"],
  cohortOffset: (k) => `+${k}`,

  alertTitle: "RFM early warning",
  alertLevelHeader: ["Level", "Customers", "Share"],
  alertListTitle: "Customers to act on (red, orange, yellow)",
  alertListNone: "No customer is at red, orange or yellow.",
  alertListCapped: (shown, total) =>
    `The ${shown} most urgent of ${total} customers at red, orange or yellow; CRM.RFMALERT lists them all.`,
  alertHeader: [
    "Customer",
    "Level",
    "Days since last purchase",
    "Purchases (recent 30 days)",
    "Purchases (previous 30 days)",
    "Purchase decline",
    "Amount (recent 30 days)",
    "Amount (previous 30 days)",
    "Amount decline",
  ],

  gradeTitle: "Customer grades (visits in the last 365 days)",
  gradeHeader: ["Grade", "Customers", "Share"],
  gradeChartTitle: "Customers by grade",

  segmentTitle: "RFM segments",
  segmentHeader: ["Segment", "Customers", "Share", "Revenue"],

  clvTitle: "Predictive CLV (BG/NBD and Gamma-Gamma)",
  clvNote: (months, rate) =>
    `Fitted by maximum likelihood in months of 30.4375 days; horizon ${months} months; discounted at ${rate} a year (compounded monthly).`,
  clvFigures: {
    customers: "Customers fitted",
    repeatBuyers: "Repeat buyers",
    expectedPurchases: (months) => `Expected purchases, next ${months} months`,
    averageAlive: "Average P(alive)",
    totalClv: "Total predicted CLV",
    averageClv: "Average predicted CLV",
    spendFitExcluded: "Repeat buyers left out of the spend fit (repeat spend 0 or less)",
  },
  clvParamsHeader: ["Parameter", "Value"],
  clvTopTitle: (n) => `Top ${n} customers by predicted CLV`,
  clvTopHeader: [
    "Customer",
    "Repeat purchases",
    "P(alive)",
    "Expected purchases",
    "Expected spend",
    "Predicted CLV",
  ],

  settingsTitle: "Settings",
  settings: {
    asOf: "As-of date",
    period: "Period",
    inactiveDays: "Inactive after (days)",
    margin: "Margin",
    discountRate: "Discount rate (yearly)",
    lifespanYears: "Lifespan for simple CLV (years)",
    horizonMonths: "Predictive CLV horizon (months)",
    gradeThresholds: "Fewest visits for A, B, C",
    alertThresholds: "RFM alert thresholds",
    alertThresholdColumns: ["Days since last purchase", "Purchase decline", "Amount decline"],
  },
};

const zhCN: ReportStrings = {
  sheetName: "留存分析摘要",
  title: "客户留存分析摘要",
  source: (address) => `数据来源：${address}`,
  asOf: (date) => `截至 ${date}`,
  periodWord: { month: "月", quarter: "季度", year: "年" },
  inactiveAfter: (days) => `连续 ${days} 天未购买视为不活跃`,
  generated: (when) => `由 CRM 留存分析于 ${when} 生成`,
  rowsLine: (read, used, skipped, blank) =>
    `数据行：读取 ${read}，使用 ${used}，因单元格有误跳过 ${skipped}，空行 ${blank}。`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `退货：${returnRows} 行金额为负，计入收入（净额）；${returnOnlyDays} 个仅有退货的客户日不算购买日。`,
  valuesNote: "固定数值：源数据变化时不会更新。",
  formulasNote: "实时 CRM.* 公式：源数据或底部设置变化时自动重算。标有（数值）的区块不会更新。",
  staticBlock: "（数值）",
  notAvailable: (reason) => `无法计算：${reason}`,

  kpiTitle: (period) => `关键指标：最近完整周期 ${period}`,
  kpiNoPeriod: "关键指标",
  kpi: {
    customers: "客户数",
    active: "活跃客户",
    newCustomers: "新客户",
    lost: "流失客户",
    churnRate: "流失率",
    retentionRate: "客户保留率",
    repeatRate: "重复购买率",
    averageOrderValue: "平均订单金额",
    purchaseFrequency: "年购买次数",
    clv: "客户终身价值（简单）",
    csat: "客户满意度",
    nps: "净推荐值",
  },
  kpiNotes: {
    window:
      "客户数与重复购买率：截至日期前购买过的全部客户。活跃、新增、流失、流失率与保留率：最近一个完整周期。订单金额与年购买次数：截至日期前 365 天；订单金额 = 净收入（扣除退货）÷ 购买日数。",
    clv: (years, margin) =>
      `简单客户终身价值 = 订单金额 × 年购买次数 × ${years} 年 × 利润率 ${margin}。`,
  },

  trendTitle: "流失趋势",
  trendHeader: [
    "周期",
    "首日",
    "末日",
    "期初客户 (S)",
    "新客户 (N)",
    "回流客户",
    "期初客户流失",
    "期内流失",
    "流失合计",
    "期末客户 (E)",
    "流失率",
    "保留率",
  ],
  trendChartTitle: "各周期流失率与保留率",

  cohortTitle: "同期群留存",
  cohortNote:
    "每个同期群（按首次购买周期划分的客户）在其后第 k 个周期再次购买的比例。尚未结束的周期留空。",
  cohortHeader: ["同期群", "首日", "客户数"],
  cohortOffset: (k) => `+${k}`,

  alertTitle: "RFM 预警",
  alertLevelHeader: ["预警级别", "客户数", "占比"],
  alertListTitle: "需跟进的客户（危机级、重点关注级、关注级）",
  alertListNone: "没有处于危机级、重点关注级或关注级的客户。",
  alertListCapped: (shown, total) =>
    `处于危机级、重点关注级或关注级的 ${total} 位客户中最紧急的 ${shown} 位；CRM.RFMALERT 可列出全部。`,
  alertHeader: [
    "客户",
    "预警级别",
    "距上次购买天数",
    "购买次数（近 30 天）",
    "购买次数（前 30 天）",
    "购买次数降幅",
    "金额（近 30 天）",
    "金额（前 30 天）",
    "金额降幅",
  ],

  gradeTitle: "客户分级（近 365 天到访次数）",
  gradeHeader: ["等级", "客户数", "占比"],
  gradeChartTitle: "各等级客户数",

  segmentTitle: "RFM 客户细分",
  segmentHeader: ["细分", "客户数", "占比", "收入"],

  clvTitle: "预测客户终身价值（BG/NBD 与 Gamma-Gamma）",
  clvNote: (months, rate) =>
    `按最大似然估计拟合，时间单位为月（30.4375 天）；预测期 ${months} 个月；年折现率 ${rate}（按月复利）。`,
  clvFigures: {
    customers: "参与拟合的客户",
    repeatBuyers: "重复购买客户",
    expectedPurchases: (months) => `未来 ${months} 个月预期购买次数`,
    averageAlive: "平均存活概率",
    totalClv: "预测终身价值合计",
    averageClv: "平均预测终身价值",
    spendFitExcluded: "未参与消费金额拟合的重复购买客户（重复消费为 0 或负数）",
  },
  clvParamsHeader: ["参数", "数值"],
  clvTopTitle: (n) => `预测终身价值最高的 ${n} 位客户`,
  clvTopHeader: ["客户", "重复购买次数", "存活概率", "预期购买次数", "预期客单价", "预测终身价值"],

  settingsTitle: "设置",
  settings: {
    asOf: "截至日期",
    period: "周期",
    inactiveDays: "不活跃天数",
    margin: "利润率",
    discountRate: "年折现率",
    lifespanYears: "简单终身价值的生命周期（年）",
    horizonMonths: "预测期（月）",
    gradeThresholds: "A、B、C 级最少到访次数",
    alertThresholds: "RFM 预警阈值",
    alertThresholdColumns: ["距上次购买天数", "购买次数降幅", "金额降幅"],
  },
};

const zhTW: ReportStrings = {
  ...zhCN,
  sheetName: "留存分析摘要",
  title: "客戶留存分析摘要",
  source: (address) => `資料來源：${address}`,
  asOf: (date) => `截至 ${date}`,
  periodWord: { month: "月", quarter: "季度", year: "年" },
  inactiveAfter: (days) => `連續 ${days} 天未購買視為不活躍`,
  generated: (when) => `由 CRM 留存分析於 ${when} 產生`,
  rowsLine: (read, used, skipped, blank) =>
    `資料列：讀取 ${read}，使用 ${used}，因儲存格有誤略過 ${skipped}，空白列 ${blank}。`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `退貨：${returnRows} 列金額為負，計入營收（淨額）；${returnOnlyDays} 個僅有退貨的顧客日不算購買日。`,
  valuesNote: "固定數值：來源資料變更時不會更新。",
  formulasNote: "即時 CRM.* 公式：來源資料或底部設定變更時自動重算。標有（數值）的區塊不會更新。",
  staticBlock: "（數值）",
  notAvailable: (reason) => `無法計算：${reason}`,

  kpiTitle: (period) => `關鍵指標：最近完整週期 ${period}`,
  kpiNoPeriod: "關鍵指標",
  kpi: {
    customers: "客戶數",
    active: "活躍客戶",
    newCustomers: "新客戶",
    lost: "流失客戶",
    churnRate: "流失率",
    retentionRate: "客戶保留率",
    repeatRate: "重複購買率",
    averageOrderValue: "平均訂單金額",
    purchaseFrequency: "年購買次數",
    clv: "客戶終身價值（簡單）",
    csat: "客戶滿意度",
    nps: "淨推薦值",
  },
  kpiNotes: {
    window:
      "客戶數與重複購買率：截至日期前購買過的全部客戶。活躍、新增、流失、流失率與保留率：最近一個完整週期。訂單金額與年購買次數：截至日期前 365 天；訂單金額 = 淨營收（扣除退貨）÷ 購買日數。",
    clv: (years, margin) =>
      `簡單客戶終身價值 = 訂單金額 × 年購買次數 × ${years} 年 × 利潤率 ${margin}。`,
  },

  trendTitle: "流失趨勢",
  trendHeader: [
    "週期",
    "首日",
    "末日",
    "期初客戶 (S)",
    "新客戶 (N)",
    "回流客戶",
    "期初客戶流失",
    "期內流失",
    "流失合計",
    "期末客戶 (E)",
    "流失率",
    "保留率",
  ],
  trendChartTitle: "各週期流失率與保留率",

  cohortTitle: "同期群留存",
  cohortNote:
    "每個同期群（依首次購買週期劃分的客戶）在其後第 k 個週期再次購買的比例。尚未結束的週期留白。",
  cohortHeader: ["同期群", "首日", "客戶數"],

  alertTitle: "RFM 預警",
  alertLevelHeader: ["預警級別", "客戶數", "占比"],
  alertListTitle: "需跟進的客戶（危機級、重點關注級、關注級）",
  alertListNone: "沒有處於危機級、重點關注級或關注級的客戶。",
  alertListCapped: (shown, total) =>
    `處於危機級、重點關注級或關注級的 ${total} 位客戶中最緊急的 ${shown} 位；CRM.RFMALERT 可列出全部。`,
  alertHeader: [
    "客戶",
    "預警級別",
    "距上次購買天數",
    "購買次數（近 30 天）",
    "購買次數（前 30 天）",
    "購買次數降幅",
    "金額（近 30 天）",
    "金額（前 30 天）",
    "金額降幅",
  ],

  gradeTitle: "客戶分級（近 365 天到訪次數）",
  gradeHeader: ["等級", "客戶數", "占比"],
  gradeChartTitle: "各等級客戶數",

  segmentTitle: "RFM 客戶分群",
  segmentHeader: ["分群", "客戶數", "占比", "收入"],

  clvTitle: "預測客戶終身價值（BG/NBD 與 Gamma-Gamma）",
  clvNote: (months, rate) =>
    `以最大概似估計擬合，時間單位為月（30.4375 天）；預測期 ${months} 個月；年折現率 ${rate}（按月複利）。`,
  clvFigures: {
    customers: "參與擬合的客戶",
    repeatBuyers: "重複購買客戶",
    expectedPurchases: (months) => `未來 ${months} 個月預期購買次數`,
    averageAlive: "平均存活機率",
    totalClv: "預測終身價值合計",
    averageClv: "平均預測終身價值",
    spendFitExcluded: "未參與消費金額擬合的重複購買客戶（重複消費為 0 或負數）",
  },
  clvParamsHeader: ["參數", "數值"],
  clvTopTitle: (n) => `預測終身價值最高的 ${n} 位客戶`,
  clvTopHeader: ["客戶", "重複購買次數", "存活機率", "預期購買次數", "預期客單價", "預測終身價值"],

  settingsTitle: "設定",
  settings: {
    asOf: "截至日期",
    period: "週期",
    inactiveDays: "不活躍天數",
    margin: "利潤率",
    discountRate: "年折現率",
    lifespanYears: "簡單終身價值的生命週期（年）",
    horizonMonths: "預測期（月）",
    gradeThresholds: "A、B、C 級最少到訪次數",
    alertThresholds: "RFM 預警閾值",
    alertThresholdColumns: ["距上次購買天數", "購買次數降幅", "金額降幅"],
  },
};

export const REPORT_STRINGS: Readonly<Record<ReportLanguage, ReportStrings>> = {
  en,
  "zh-CN": zhCN,
  "zh-TW": zhTW,
};

/**
 * The report language for an Office display language (`Office.context.displayLanguage`, a BCP 47
 * tag): zh-TW, zh-HK, zh-MO and zh-Hant read Traditional Chinese; every other zh reads Simplified
 * Chinese; everything else English.
 */
export function reportLanguageOf(displayLanguage: string | undefined | null): ReportLanguage {
  const tag = (displayLanguage ?? "").toLowerCase();
  if (!tag.startsWith("zh")) return "en";
  return /^zh-(tw|hk|mo|hant)/.test(tag) ? "zh-TW" : "zh-CN";
}
