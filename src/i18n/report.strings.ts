/**
 * The text of the report's sheets (summary, customers to act on, customer value, model) in
 * English, Simplified and Traditional Chinese. One table: src/core/report/ picks a language and
 * never holds sheet text of its own. test/i18n.ui.test.ts checks that every language has every
 * entry, each in its own script.
 */

import type { PeriodKind } from "../core/metrics/customerBase";
import type { CrmErrorKind } from "../core/errors";
import { count } from "./plural";

export type ReportLanguage = "en" | "zh-CN" | "zh-TW";

export const REPORT_LANGUAGES: readonly ReportLanguage[] = ["en", "zh-CN", "zh-TW"];

/** Texts of the summary's customer-status block: every figure names its rule (SPEC §4). */
export interface StatusStrings {
  /** active at the end of the period by the activity rule */
  readonly active: (days: number, period: string) => string;
  /** lost in the period by the activity rule */
  readonly lostInPeriod: (days: number, period: string) => string;
  /** RFM early warning levels; days and declines as the thresholds give them */
  readonly rfmLost: (days: number) => string;
  readonly rfmRed: (fromDays: number, toDays: number, decline: string) => string;
  readonly rfmOrange: (fromDays: number, toDays: number, from: string, to: string) => string;
  readonly rfmYellow: (upTo: string) => string;
  readonly rfmNormal: (days: number) => string;
  /** BG/NBD: expected customers alive (sum of P(alive)); its share is the average P(alive) */
  readonly aliveExpected: string;
  /** the same line when the model could not be fitted (the Model sheet says why) */
  readonly aliveNotAvailable: string;
}

export interface ReportStrings {
  /** the summary sheet's name (the first sheet) */
  readonly sheetName: string;
  /** the name wanted for each sheet of the report (writers make them unique) */
  readonly sheetNames: {
    readonly summary: string;
    readonly actions: string;
    readonly value: string;
    readonly model: string;
  };
  readonly title: string;
  readonly source: (address: string) => string;
  readonly asOf: (date: string) => string;
  readonly periodWord: Readonly<Record<PeriodKind, string>>;
  readonly inactiveAfter: (days: number) => string;
  readonly generated: (when: string) => string;
  /** used = rows on or before the as-of date; after = readable rows after it, in no figure */
  readonly rowsLine: (
    read: number,
    used: number,
    skipped: number,
    blank: number,
    after: number
  ) => string;
  /** returns among the used rows (SPEC §2 "Returns"), appended to rowsLine when there are any */
  readonly returnsLine: (returnRows: number, returnOnlyDays: number) => string;
  readonly valuesNote: string;
  readonly formulasNote: string;
  readonly staticBlock: string;
  /**
   * Why a section could not be computed. `reason` is the core's English message; `kind` its
   * error kind and `section` the block's id ("trend", "cohorts", "fit", …). English shows the
   * core's message; the Chinese tables say it in their own words from the section and the kind,
   * so a Chinese sheet holds no English sentence.
   */
  readonly notAvailable: (reason: string, kind: CrmErrorKind, section: string) => string;

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
    /**
     * the change row: the period figures (with the satisfaction tile's label, NPS or CSAT, when
     * there is one) against the previous period, the figures as of a date against the same
     * figures `days` days earlier (null: not shown), in which unit
     */
    readonly change: (previous: string, days: number | null, satisfaction?: string) => string;
    readonly noChange: string;
  };

  readonly trendTitle: string;
  /** the summary's trend columns (a selection of CRM.CHURNTREND's) */
  readonly trendHeader: readonly string[];
  readonly trendChartTitle: string;
  /** the trend's title when it shows only the last periods */
  readonly trendShown: (shown: number, total: number) => string;
  /** beside the trend when a retention rate in it exceeds 100 % (SPEC §2 CRR) */
  readonly trendAbove100: string;
  /** the summary's one-line pointer to {@link trendAbove100}, which the Model sheet gives in full */
  readonly trendAbove100Short: string;

  readonly cohortTitle: string;
  readonly cohortNote: string;
  /**
   * the heatmap's title: which cohorts and offsets it shows; `fullOn`, the Model sheet's name,
   * when the summary shows only the last cohorts (the Model sheet has them all)
   */
  readonly cohortShown: (
    cohorts: number,
    total: number,
    lastOffset: number,
    fullOn?: string
  ) => string;
  /** the Model sheet's full cohort table: its title (cohorts and offsets) */
  readonly cohortTableTitle: (total: number, lastOffset: number) => string;
  /** the full cohort table's header before the offsets */
  readonly cohortTableHeader: readonly [string, string, string];
  /** first column of the heatmap: the size row, the header row */
  readonly cohortSizeLabel: string;
  readonly cohortOffsetHeader: string;
  readonly cohortOffset: (k: number) => string;
  readonly curveChartTitle: string;

  readonly statusTitle: (date: string) => string;
  readonly statusHeader: readonly string[];
  readonly status: StatusStrings;

  readonly gradeTitle: string;
  readonly gradeHeader: readonly string[];
  readonly gradeChartTitle: string;

  readonly segmentTitle: string;
  readonly segmentHeader: readonly string[];
  readonly segmentChartTitle: string;

  readonly actions: {
    /** under the sheet's name: how many, on which day (short: it sets column A's width) */
    readonly title: (count: number, date: string) => string;
    /** the list's order and windows, on the Model sheet's definitions */
    readonly note: (noAlarmDays: number, redDays: number) => string;
    readonly none: string;
    readonly header: readonly string[];
  };

  readonly value: {
    /** under the sheet's name (short: it sets column A's width) */
    readonly title: (months: number) => string;
    readonly header: readonly string[];
  };

  readonly model: {
    readonly title: string;
    readonly fitTitle: string;
    readonly fitNote: (months: number, yearlyRate: string) => string;
    readonly figures: {
      readonly timeUnit: string;
      readonly timeUnitValue: string;
      readonly calibrationEnd: string;
      readonly customers: string;
      readonly repeatBuyers: string;
      readonly spendFitCustomers: string;
      readonly spendFitLeftOut: string;
      readonly bgnbdLogLikelihood: string;
      readonly spendLogLikelihood: string;
    };
    readonly paramsHeader: readonly string[];
    /** how the standard errors were computed, and what a blank one means */
    readonly standardErrorNote: string;
    readonly params: {
      readonly r: string;
      readonly alpha: string;
      readonly a: string;
      readonly b: string;
      readonly p: string;
      readonly q: string;
      readonly gamma: string;
    };
    /** where the summary's figures are defined (the summary stays short) */
    readonly definitionsTitle: string;
    /** the holdout check (SPEC §2 "Predictive CLV", §4 "model") */
    readonly holdout: {
      readonly title: string;
      readonly note: (
        calibrationEnd: string,
        holdoutStart: string,
        asOf: string,
        months: string
      ) => string;
      readonly header: readonly string[];
      readonly total: string;
      readonly meanAbsoluteError: string;
      readonly chartTitle: string;
      /** the data's span is too short for a holdout (fewer than `minimumDays` days before as-of) */
      readonly tooShort: (days: number, minimumDays: number) => string;
    };
    readonly meaningsTitle: string;
    readonly meanings: {
      readonly pAlive: string;
      readonly expectedPurchases: (months: number) => string;
      readonly expectedSpend: string;
      readonly clv: (months: number, yearlyRate: string) => string;
      readonly leftOut: string;
    };
  };

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

/** The report's sections, by the first part of their block id, for the Chinese "not available" lines. */
const ZH_CN_SECTION: Readonly<Record<string, string>> = {
  trend: "流失趋势",
  cohorts: "同期群留存",
  status: "客户状态",
  grades: "客户分级",
  segments: "RFM 客户细分",
  actions: "需要跟进的客户名单",
  value: "客户价值",
  fit: "预测模型",
  holdout: "留出检验",
};
const ZH_TW_SECTION: Readonly<Record<string, string>> = {
  trend: "流失趨勢",
  cohorts: "同期群留存",
  status: "顧客狀態",
  grades: "顧客分級",
  segments: "RFM 顧客區隔",
  actions: "需要跟進的顧客名單",
  value: "顧客價值",
  fit: "預測模型",
  holdout: "留出檢驗",
};
/** What each kind of core error means for a section, said without the core's English detail. */
const ZH_CN_KIND: Readonly<Record<CrmErrorKind, string>> = {
  na: "需要更多数据（例如截至截止日期还没有一个完整结束的期间，或重复购买的客户太少）。",
  value:
    "在这些数据上得不到可靠的结果（例如模型拟合没有极大值或未在时限内收敛）；对应的 CRM 函数会给出详细原因。",
  num: "的结果超出了可计算的范围（数字过大或设置不合理）。",
  div0: "的分母为 0（例如期初没有活跃客户）。",
};
const ZH_TW_KIND: Readonly<Record<CrmErrorKind, string>> = {
  na: "需要更多資料（例如截至截止日期還沒有一個完整結束的期間，或重複購買的顧客太少）。",
  value:
    "在這些資料上得不到可靠的結果（例如模型配適沒有極大值或未在時限內收斂）；對應的 CRM 函數會給出詳細原因。",
  num: "的結果超出了可計算的範圍（數字過大或設定不合理）。",
  div0: "的分母為 0（例如期初沒有活躍顧客）。",
};

const en: ReportStrings = {
  sheetName: "Retention summary",
  sheetNames: {
    summary: "Retention summary",
    actions: "Customers to act on",
    value: "Customer value",
    model: "Model",
  },
  title: "Retention summary",
  source: (address) => `Source: ${address}`,
  asOf: (date) => `As of ${date}`,
  periodWord: { month: "month", quarter: "quarter", year: "year" },
  inactiveAfter: (days) => `inactive after ${count(days, "day")} without a purchase`,
  generated: (when) => `Generated ${when} by CRM Retention Analytics`,
  rowsLine: (read, used, skipped, blank, after) =>
    `Rows: ${read} read, ${used} used${after > 0 ? `, ${after} after the as-of date left out` : ""}, ${skipped} skipped for bad cells, ${blank} blank.`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `Returns: ${count(returnRows, "row")} with a negative amount, counted in revenue; ${count(returnOnlyDays, "customer-day")} with only returns ${Number(returnOnlyDays) === 1 ? "is not a purchase day" : "are not purchase days"}.`,
  valuesNote: "Plain values: they do not change when the source data changes.",
  formulasNote:
    "Live CRM.* formulas: they recalculate when the source data or the settings on the Model sheet change. Blocks marked (values) do not.",
  staticBlock: "(values)",
  // The core's reasons name the worksheet function's argument (as_of); the report has no such
  // argument, so it says the as-of date (QA: "…between the first purchase and as_of.")
  notAvailable: (reason) =>
    `Not available: ${String(reason).replace(/\bas_of\b/g, "the as-of date")}`,

  kpiTitle: (period) => `Key figures: last complete period ${period}`,
  kpiNoPeriod: "Key figures",
  kpi: {
    customers: "Customers",
    active: "Active (activity rule)",
    newCustomers: "New",
    lost: "Lost (activity rule)",
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
    change: (previous, days, satisfaction) =>
      `▲ ▼ Active … retention${satisfaction ? ` and ${satisfaction}` : ""} vs ${previous}${days === null ? "" : `, the others vs ${days} days earlier`}; rates${satisfaction ? ` and ${satisfaction}` : ""} in pt.`,
    noChange: "No previous complete period: no change shown.",
  },

  trendTitle: "Churn trend",
  trendHeader: [
    "Period",
    "At start (S)",
    "New (N)",
    "Reactivated",
    "Lost from start (in S)",
    "Lapsed in period",
    "Lost, total",
    "At end (E)",
    "Churn rate",
    "Retention rate",
  ],
  trendChartTitle: "Churn and retention by period",
  trendShown: (shown, total) => `Churn trend: the last ${shown} of ${total} periods`,
  trendAbove100:
    "Retention above 100 %: the customers at the end (E) include reactivated customers, who had lapsed and bought again, so (E − N) ÷ S can exceed 1.",
  trendAbove100Short: "Retention above 100 %: E includes reactivated customers (see Model).",

  cohortTitle: "Cohort retention",
  cohortNote:
    "Share of each cohort (customers by period of first purchase) buying k periods later. Periods not yet complete are empty.",
  cohortShown: (cohorts, total, lastOffset, fullOn) =>
    `Cohort retention: the last ${cohorts} of ${total} cohorts, +0 to +${lastOffset}` +
    (fullOn ? ` — all ${total} on the ${fullOn} sheet` : ""),
  cohortTableTitle: (total, lastOffset) =>
    `Cohort retention: all ${total} cohorts, +0 to +${lastOffset}`,
  cohortTableHeader: ["Cohort", "First day", "Customers"],
  cohortSizeLabel: "Customers",
  cohortOffsetHeader: "Cohort →",
  cohortOffset: (k) => `+${k}`,
  curveChartTitle: "Retention by cohort",

  statusTitle: (date) => `Customer status on ${date}`,
  statusHeader: ["Status — rule", "Customers", "Share"],
  status: {
    active: (days, period) => `Active at end of ${period} — bought in ${days} days (activity rule)`,
    lostInPeriod: (days, period) =>
      `Lost in ${period} — no purchase for ${days}+ days (activity rule)`,
    rfmLost: (days) => `Lost — RFM: more than ${days} days since last purchase`,
    rfmRed: (fromDays, toDays, decline) =>
      `At risk, red — RFM: ${fromDays}–${toDays} days or decline > ${decline}`,
    rfmOrange: (fromDays, toDays, from, to) =>
      `At risk, orange — RFM: ${fromDays}–${toDays} days or decline ${from}–${to}`,
    rfmYellow: (upTo) => `At risk, yellow — RFM: decline up to ${upTo}`,
    rfmNormal: (days) => `Not at risk — RFM: bought within ${days} days, no decline`,
    aliveExpected: "Expected alive — BG/NBD P(alive): sum; share = average",
    aliveNotAvailable: "Expected alive — BG/NBD: not fitted (see Model sheet)",
  },

  gradeTitle: "Grades (visits in the last 365 days)",
  gradeHeader: ["Grade", "Customers", "Share"],
  gradeChartTitle: "Customers by grade",

  segmentTitle: "RFM segments",
  segmentHeader: ["Segment", "Customers"],
  segmentChartTitle: "Customers by segment",

  actions: {
    title: (count, date) => `${count} at red, orange, yellow on ${date}`,
    note: (noAlarmDays, redDays) =>
      `Customers to act on: red, orange and yellow customers of the RFM early warning, most urgent first: red, orange, yellow; then the longest silence; then the highest predicted CLV. Recent: the 30 days ending on the last purchase; previous: the 30 days before. R up to ${noAlarmDays} days raises no alarm; more than ${redDays} days is lost (not listed).`,
    none: "No customer is at red, orange or yellow.",
    header: [
      "Customer",
      "Level",
      "Days since last purchase (R)",
      "Purchases (recent 30 days)",
      "Purchases (previous 30 days)",
      "Purchase decline (F)",
      "Amount (recent 30 days)",
      "Amount (previous 30 days)",
      "Amount decline (M)",
      "Grade",
      "RFM segment",
      "P(alive)",
      "Predicted CLV",
    ],
  },

  value: {
    title: (months) => `Predicted CLV, next ${months} months`,
    header: [
      "Customer",
      "Repeat purchases (x)",
      "Months first to last purchase (t_x)",
      "Months since first purchase (T)",
      "Expected purchases",
      "Expected average spend",
      "P(alive)",
      "Predicted CLV",
    ],
  },

  model: {
    title: "Settings and predictive model",
    fitTitle: "Predictive model (BG/NBD and Gamma-Gamma)",
    fitNote: (months, rate) =>
      `Fitted by maximum likelihood in months of 30.4375 days; horizon ${months} months; discounted at ${rate} a year (compounded monthly).`,
    figures: {
      timeUnit: "Time unit",
      timeUnitValue: "month (30.4375 days)",
      calibrationEnd: "Calibration end (the as-of date)",
      customers: "Customers fitted (purchase model)",
      repeatBuyers: "Repeat buyers",
      spendFitCustomers: "Repeat buyers in the spend fit",
      spendFitLeftOut: "Repeat buyers left out of the spend fit (repeat spend 0 or less)",
      bgnbdLogLikelihood: "Log-likelihood, BG/NBD",
      spendLogLikelihood: "Log-likelihood, Gamma-Gamma",
    },
    paramsHeader: ["Parameter", "Value", "Standard error", "Meaning"],
    standardErrorNote:
      "Standard errors from the observed information matrix (the inverse of the log-likelihood's curvature at the estimate); a blank one means the curvature is not positive definite there, so the parameter is poorly determined.",
    params: {
      r: "BG/NBD: shape of the purchase rates across customers",
      alpha: "BG/NBD: scale of the purchase rates, in months",
      a: "BG/NBD: first shape of the dropout probabilities",
      b: "BG/NBD: second shape of the dropout probabilities",
      p: "Gamma-Gamma: shape of one purchase day's spend",
      q: "Gamma-Gamma: shape of the customers' spend scales",
      gamma: "Gamma-Gamma: scale of the customers' spend scales, in currency",
    },
    definitionsTitle: "How the summary's figures are defined",
    holdout: {
      title: "Holdout check: does the model predict purchases it did not see?",
      note: (calibrationEnd, holdoutStart, asOf, months) =>
        `The BG/NBD model fitted again on purchases up to ${calibrationEnd} only, then its expected repeat purchases (purchase days) per customer for ${holdoutStart} – ${asOf} (${months} months, the later half of the data, at most a year) set against what those customers actually bought, by how many repeat purchases they made before (the check of Fader, Hardie & Lee 2005, fig. 4). Customers first buying after ${calibrationEnd} are not in it.`,
      header: [
        "Repeat purchases before the holdout",
        "Customers",
        "Actual mean, holdout",
        "Expected mean, model",
      ],
      total: "All customers",
      meanAbsoluteError: "Mean absolute error (groups counted alike)",
      chartTitle: "Holdout: actual vs expected repeat purchases",
      tooShort: (days, minimumDays) =>
        `Not available: the data span ${days} days up to the as-of date; a holdout check needs at least ${minimumDays}.`,
    },
    meaningsTitle: "What the predicted numbers mean",
    meanings: {
      pAlive:
        "P(alive): the probability that the customer has not silently left, given how often and how recently they bought.",
      expectedPurchases: (months) =>
        `Expected purchases: purchase days expected from the customer in the next ${months} months.`,
      expectedSpend:
        "Expected average spend: the expected amount of one future purchase day; customers outside the spend fit get the population mean.",
      clv: (months, rate) =>
        `Predicted CLV: margin × expected average spend × expected purchases over ${months} months, each discounted at ${rate} a year.`,
      leftOut:
        "Left out of the spend fit: repeat buyers whose repeat purchases net to 0 or less (free orders, returns); they are still in the purchase fit.",
    },
  },

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
  sheetNames: {
    summary: "留存分析摘要",
    actions: "需跟进的客户",
    value: "客户价值",
    model: "模型",
  },
  title: "客户留存分析摘要",
  source: (address) => `数据来源：${address}`,
  asOf: (date) => `截至 ${date}`,
  periodWord: { month: "月", quarter: "季度", year: "年" },
  inactiveAfter: (days) => `连续 ${days} 天未购买视为不活跃`,
  generated: (when) => `由 CRM 留存分析于 ${when} 生成`,
  rowsLine: (read, used, skipped, blank, after) =>
    `数据行：读取 ${read}，使用 ${used}${after > 0 ? `，晚于截止日期而未计入 ${after}` : ""}，因单元格有误跳过 ${skipped}，空行 ${blank}。`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `退货：${returnRows} 行金额为负，计入收入（净额）；${returnOnlyDays} 个仅有退货的客户日不算购买日。`,
  valuesNote: "固定数值：源数据变化时不会更新。",
  formulasNote:
    "实时 CRM.* 公式：源数据或“模型”工作表中的设置变化时自动重算。标有（数值）的区块不会更新。",
  staticBlock: "（数值）",
  notAvailable: (_reason, kind, section) =>
    `无法计算：${ZH_CN_SECTION[section] ?? "此部分"}${ZH_CN_KIND[kind]}`,

  kpiTitle: (period) => `关键指标：最近完整周期 ${period}`,
  kpiNoPeriod: "关键指标",
  kpi: {
    customers: "客户数",
    active: "活跃客户（活跃规则）",
    newCustomers: "新客户",
    lost: "流失客户（活跃规则）",
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
    change: (previous, days, satisfaction) =>
      `▲ ▼ 变化：活跃、新增、流失、流失率与保留率${satisfaction ? `以及${satisfaction}` : ""}与 ${previous} 相比${days === null ? "" : `，其余指标与 ${days} 天前相比`}；比率${satisfaction ? `与${satisfaction}` : ""}以百分点（pt）计。`,
    noChange: "没有上一个完整周期：不显示变化。",
  },

  trendTitle: "流失趋势",
  trendHeader: [
    "周期",
    "期初客户 (S)",
    "新客户 (N)",
    "回流客户",
    "期初客户中流失",
    "期内购买后又流失",
    "流失合计",
    "期末客户 (E)",
    "流失率",
    "保留率",
  ],
  trendChartTitle: "各周期流失率与保留率",
  trendShown: (shown, total) => `流失趋势：${total} 个周期中的最近 ${shown} 个`,
  trendAbove100:
    "保留率超过 100%：期末客户 (E) 包括回流客户（曾经流失后再次购买），因此 (E − N) ÷ S 可能大于 1。",
  trendAbove100Short: "保留率超过 100%：E 含回流客户（见“模型”）。",

  cohortTitle: "同期群留存",
  cohortNote:
    "每个同期群（按首次购买周期划分的客户）在其后第 k 个周期购买的比例。尚未结束的周期留空。",
  cohortShown: (cohorts, total, lastOffset, fullOn) =>
    `同期群留存：${total} 个同期群中的最近 ${cohorts} 个，+0 至 +${lastOffset}` +
    (fullOn ? `（全部 ${total} 个见“${fullOn}”工作表）` : ""),
  cohortTableTitle: (total, lastOffset) =>
    `同期群留存：全部 ${total} 个同期群，+0 至 +${lastOffset}`,
  cohortTableHeader: ["同期群", "首日", "客户数"],
  cohortSizeLabel: "客户数",
  cohortOffsetHeader: "同期群 →",
  cohortOffset: (k) => `+${k}`,
  curveChartTitle: "同期群留存曲线",

  statusTitle: (date) => `${date} 的客户状态`,
  statusHeader: ["状态 — 规则", "客户数", "占比"],
  status: {
    active: (days, period) => `${period} 期末活跃 — ${days} 天内有购买（活跃规则）`,
    lostInPeriod: (days, period) => `${period} 流失 — ${days} 天以上未购买（活跃规则）`,
    rfmLost: (days) => `流失 — RFM：距上次购买超过 ${days} 天`,
    rfmRed: (fromDays, toDays, decline) =>
      `有风险，危机级 — RFM：${fromDays}–${toDays} 天或降幅 > ${decline}`,
    rfmOrange: (fromDays, toDays, from, to) =>
      `有风险，重点关注级 — RFM：${fromDays}–${toDays} 天或降幅 ${from}–${to}`,
    rfmYellow: (upTo) => `有风险，关注级 — RFM：降幅不超过 ${upTo}`,
    rfmNormal: (days) => `无风险 — RFM：${days} 天内有购买，无下降`,
    aliveExpected: "预期存活 — BG/NBD 存活概率：合计；占比 = 平均",
    aliveNotAvailable: "预期存活 — BG/NBD：未能拟合（见“模型”）",
  },

  gradeTitle: "客户分级（近 365 天到访次数）",
  gradeHeader: ["等级", "客户数", "占比"],
  gradeChartTitle: "各等级客户数",

  segmentTitle: "RFM 客户细分",
  segmentHeader: ["细分", "客户数"],
  segmentChartTitle: "RFM 细分客户数",

  actions: {
    title: (count, date) => `${date}：预警客户 ${count} 位`,
    note: (noAlarmDays, redDays) =>
      `需跟进的客户：RFM 预警中处于危机级、重点关注级或关注级的客户，最紧急的在前：危机级、重点关注级、关注级；其次按未购买天数从长到短；再按预测终身价值从高到低。近期：截至上次购买日的 30 天；前期：再往前的 30 天。距上次购买不超过 ${noAlarmDays} 天不预警；超过 ${redDays} 天为流失（不列出）。`,
    none: "没有处于危机级、重点关注级或关注级的客户。",
    header: [
      "客户",
      "预警级别",
      "距上次购买天数 (R)",
      "购买次数（近 30 天）",
      "购买次数（前 30 天）",
      "购买次数降幅 (F)",
      "金额（近 30 天）",
      "金额（前 30 天）",
      "金额降幅 (M)",
      "等级",
      "RFM 细分",
      "存活概率",
      "预测终身价值",
    ],
  },

  value: {
    title: (months) => `未来 ${months} 个月的预测终身价值`,
    header: [
      "客户",
      "重复购买次数 (x)",
      "首次至最近购买的月数 (t_x)",
      "首次购买至今的月数 (T)",
      "预期购买次数",
      "预期客单价",
      "存活概率",
      "预测终身价值",
    ],
  },

  model: {
    title: "设置与预测模型",
    fitTitle: "预测模型（BG/NBD 与 Gamma-Gamma）",
    fitNote: (months, rate) =>
      `按最大似然估计拟合，时间单位为月（30.4375 天）；预测期 ${months} 个月；年折现率 ${rate}（按月复利）。`,
    figures: {
      timeUnit: "时间单位",
      timeUnitValue: "月（30.4375 天）",
      calibrationEnd: "校准截止日（截至日期）",
      customers: "参与拟合的客户（购买模型）",
      repeatBuyers: "重复购买客户",
      spendFitCustomers: "参与消费金额拟合的重复购买客户",
      spendFitLeftOut: "未参与消费金额拟合的重复购买客户（重复消费为 0 或负数）",
      bgnbdLogLikelihood: "对数似然，BG/NBD",
      spendLogLikelihood: "对数似然，Gamma-Gamma",
    },
    paramsHeader: ["参数", "数值", "标准误", "含义"],
    standardErrorNote:
      "标准误由观测信息矩阵（对数似然在估计值处曲率矩阵的逆）计算；空白表示该处曲率矩阵不正定，该参数无法被数据很好地确定。",
    params: {
      r: "BG/NBD：客户购买率分布的形状参数",
      alpha: "BG/NBD：客户购买率分布的尺度参数（月）",
      a: "BG/NBD：流失概率分布的第一形状参数",
      b: "BG/NBD：流失概率分布的第二形状参数",
      p: "Gamma-Gamma：单个购买日金额的形状参数",
      q: "Gamma-Gamma：客户消费尺度分布的形状参数",
      gamma: "Gamma-Gamma：客户消费尺度分布的尺度参数（货币单位）",
    },
    definitionsTitle: "摘要中各指标的定义",
    holdout: {
      title: "留出检验：模型能否预测它没有见过的购买？",
      note: (calibrationEnd, holdoutStart, asOf, months) =>
        `只用截至 ${calibrationEnd} 的购买重新拟合 BG/NBD 模型，再把它对每位客户在 ${holdoutStart} 至 ${asOf}（${months} 个月，即数据的后一半，最多一年）的预期重复购买次数（购买天数）与这些客户的实际购买相比较，按此前的重复购买次数分组（Fader、Hardie 和 Lee 2005 年图 4 的检验）。${calibrationEnd} 之后才首次购买的客户不在其中。`,
      header: ["留出期之前的重复购买次数", "客户数", "留出期实际平均", "模型预期平均"],
      total: "全部客户",
      meanAbsoluteError: "平均绝对误差（各组同等计）",
      chartTitle: "留出检验：实际与预期重复购买",
      tooShort: (days, minimumDays) =>
        `无法提供：截至截止日期的数据只跨 ${days} 天；留出检验至少需要 ${minimumDays} 天。`,
    },
    meaningsTitle: "预测数字的含义",
    meanings: {
      pAlive: "存活概率：根据客户购买的频率和最近一次购买的时间，客户尚未悄然流失的概率。",
      expectedPurchases: (months) => `预期购买次数：客户在未来 ${months} 个月内预期的购买日数。`,
      expectedSpend: "预期客单价：未来一个购买日的预期金额；未参与消费金额拟合的客户取总体平均值。",
      clv: (months, rate) =>
        `预测终身价值：利润率 × 预期客单价 × 未来 ${months} 个月的预期购买次数，按年折现率 ${rate} 逐期折现。`,
      leftOut:
        "未参与消费金额拟合：重复购买净额为 0 或负数（免费订单、退货）的重复购买客户；他们仍参与购买模型的拟合。",
    },
  },

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
  sheetName: "留存分析摘要",
  sheetNames: {
    summary: "留存分析摘要",
    actions: "需跟進的顧客",
    value: "顧客價值",
    model: "模型",
  },
  title: "顧客留存分析摘要",
  source: (address) => `資料來源：${address}`,
  asOf: (date) => `截至 ${date}`,
  periodWord: { month: "月", quarter: "季度", year: "年" },
  inactiveAfter: (days) => `連續 ${days} 天未購買視為不活躍`,
  generated: (when) => `由 CRM 留存分析於 ${when} 產生`,
  rowsLine: (read, used, skipped, blank, after) =>
    `資料列：讀取 ${read}，使用 ${used}${after > 0 ? `，晚於截止日期而未計入 ${after}` : ""}，因儲存格有誤略過 ${skipped}，空白列 ${blank}。`,
  returnsLine: (returnRows, returnOnlyDays) =>
    `退貨：${returnRows} 列金額為負，計入營收（淨額）；${returnOnlyDays} 個僅有退貨的顧客日不算購買日。`,
  valuesNote: "固定數值：來源資料變更時不會更新。",
  formulasNote:
    "即時 CRM.* 公式：來源資料或「模型」工作表中的設定變更時自動重算。標有（數值）的區塊不會更新。",
  staticBlock: "（數值）",
  notAvailable: (_reason, kind, section) =>
    `無法計算：${ZH_TW_SECTION[section] ?? "此部分"}${ZH_TW_KIND[kind]}`,

  kpiTitle: (period) => `關鍵指標：最近完整週期 ${period}`,
  kpiNoPeriod: "關鍵指標",
  kpi: {
    customers: "顧客數",
    active: "活躍顧客（活躍規則）",
    newCustomers: "新顧客",
    lost: "流失顧客（活躍規則）",
    churnRate: "流失率",
    retentionRate: "顧客保留率",
    repeatRate: "重複購買率",
    averageOrderValue: "平均訂單金額",
    purchaseFrequency: "年購買次數",
    clv: "顧客終身價值（簡單）",
    csat: "顧客滿意度",
    nps: "淨推薦值",
  },
  kpiNotes: {
    window:
      "顧客數與重複購買率：截至日期前購買過的全部顧客。活躍、新增、流失、流失率與保留率：最近一個完整週期。訂單金額與年購買次數：截至日期前 365 天；訂單金額 = 淨營收（扣除退貨）÷ 購買日數。",
    clv: (years, margin) =>
      `簡單顧客終身價值 = 訂單金額 × 年購買次數 × ${years} 年 × 利潤率 ${margin}。`,
    change: (previous, days, satisfaction) =>
      `▲ ▼ 變化：活躍、新增、流失、流失率與保留率${satisfaction ? `以及${satisfaction}` : ""}與 ${previous} 相比${days === null ? "" : `，其餘指標與 ${days} 天前相比`}；比率${satisfaction ? `與${satisfaction}` : ""}以百分點（pt）計。`,
    noChange: "沒有上一個完整週期：不顯示變化。",
  },

  trendTitle: "流失趨勢",
  trendHeader: [
    "週期",
    "期初顧客 (S)",
    "新顧客 (N)",
    "回流顧客",
    "期初顧客中流失",
    "期內購買後又流失",
    "流失合計",
    "期末顧客 (E)",
    "流失率",
    "保留率",
  ],
  trendChartTitle: "各週期流失率與保留率",
  trendShown: (shown, total) => `流失趨勢：${total} 個週期中的最近 ${shown} 個`,
  trendAbove100:
    "保留率超過 100%：期末顧客 (E) 包括回流顧客（曾經流失後再次購買），因此 (E − N) ÷ S 可能大於 1。",
  trendAbove100Short: "保留率超過 100%：E 含回流顧客（見「模型」）。",

  cohortTitle: "同期群留存",
  cohortNote:
    "每個同期群（依首次購買週期劃分的顧客）在其後第 k 個週期購買的比例。尚未結束的週期留白。",
  cohortShown: (cohorts, total, lastOffset, fullOn) =>
    `同期群留存：${total} 個同期群中的最近 ${cohorts} 個，+0 至 +${lastOffset}` +
    (fullOn ? `（全部 ${total} 個見「${fullOn}」工作表）` : ""),
  cohortTableTitle: (total, lastOffset) =>
    `同期群留存：全部 ${total} 個同期群，+0 至 +${lastOffset}`,
  cohortTableHeader: ["同期群", "首日", "顧客數"],
  cohortSizeLabel: "顧客數",
  cohortOffsetHeader: "同期群 →",
  cohortOffset: (k) => `+${k}`,
  curveChartTitle: "同期群留存曲線",

  statusTitle: (date) => `${date} 的顧客狀態`,
  statusHeader: ["狀態 — 規則", "顧客數", "占比"],
  status: {
    active: (days, period) => `${period} 期末活躍 — ${days} 天內有購買（活躍規則）`,
    lostInPeriod: (days, period) => `${period} 流失 — ${days} 天以上未購買（活躍規則）`,
    rfmLost: (days) => `流失 — RFM：距上次購買超過 ${days} 天`,
    rfmRed: (fromDays, toDays, decline) =>
      `有風險，危機級 — RFM：${fromDays}–${toDays} 天或降幅 > ${decline}`,
    rfmOrange: (fromDays, toDays, from, to) =>
      `有風險，重點關注級 — RFM：${fromDays}–${toDays} 天或降幅 ${from}–${to}`,
    rfmYellow: (upTo) => `有風險，關注級 — RFM：降幅不超過 ${upTo}`,
    rfmNormal: (days) => `無風險 — RFM：${days} 天內有購買，無下降`,
    aliveExpected: "預期存活 — BG/NBD 存活機率：合計；占比 = 平均",
    aliveNotAvailable: "預期存活 — BG/NBD：未能擬合（見「模型」）",
  },

  gradeTitle: "顧客分級（近 365 天到訪次數）",
  gradeHeader: ["等級", "顧客數", "占比"],
  gradeChartTitle: "各等級顧客數",

  segmentTitle: "RFM 顧客分群",
  segmentHeader: ["分群", "顧客數"],
  segmentChartTitle: "RFM 分群顧客數",

  actions: {
    title: (count, date) => `${date}：預警顧客 ${count} 位`,
    note: (noAlarmDays, redDays) =>
      `需跟進的顧客：RFM 預警中處於危機級、重點關注級或關注級的顧客，最緊急的在前：危機級、重點關注級、關注級；其次依未購買天數由長到短；再依預測終身價值由高到低。近期：截至上次購買日的 30 天；前期：再往前的 30 天。距上次購買不超過 ${noAlarmDays} 天不預警；超過 ${redDays} 天為流失（不列出）。`,
    none: "沒有處於危機級、重點關注級或關注級的顧客。",
    header: [
      "顧客",
      "預警級別",
      "距上次購買天數 (R)",
      "購買次數（近 30 天）",
      "購買次數（前 30 天）",
      "購買次數降幅 (F)",
      "金額（近 30 天）",
      "金額（前 30 天）",
      "金額降幅 (M)",
      "等級",
      "RFM 分群",
      "存活機率",
      "預測終身價值",
    ],
  },

  value: {
    title: (months) => `未來 ${months} 個月的預測終身價值`,
    header: [
      "顧客",
      "重複購買次數 (x)",
      "首次至最近購買的月數 (t_x)",
      "首次購買至今的月數 (T)",
      "預期購買次數",
      "預期客單價",
      "存活機率",
      "預測終身價值",
    ],
  },

  model: {
    title: "設定與預測模型",
    fitTitle: "預測模型（BG/NBD 與 Gamma-Gamma）",
    fitNote: (months, rate) =>
      `以最大概似估計擬合，時間單位為月（30.4375 天）；預測期 ${months} 個月；年折現率 ${rate}（按月複利）。`,
    figures: {
      timeUnit: "時間單位",
      timeUnitValue: "月（30.4375 天）",
      calibrationEnd: "校準截止日（截至日期）",
      customers: "參與擬合的顧客（購買模型）",
      repeatBuyers: "重複購買顧客",
      spendFitCustomers: "參與消費金額擬合的重複購買顧客",
      spendFitLeftOut: "未參與消費金額擬合的重複購買顧客（重複消費為 0 或負數）",
      bgnbdLogLikelihood: "對數概似，BG/NBD",
      spendLogLikelihood: "對數概似，Gamma-Gamma",
    },
    paramsHeader: ["參數", "數值", "標準誤", "含義"],
    standardErrorNote:
      "標準誤由觀測資訊矩陣（對數概似在估計值處曲率矩陣的逆）計算；空白表示該處曲率矩陣不正定，該參數無法被資料很好地確定。",
    params: {
      r: "BG/NBD：顧客購買率分布的形狀參數",
      alpha: "BG/NBD：顧客購買率分布的尺度參數（月）",
      a: "BG/NBD：流失機率分布的第一形狀參數",
      b: "BG/NBD：流失機率分布的第二形狀參數",
      p: "Gamma-Gamma：單一購買日金額的形狀參數",
      q: "Gamma-Gamma：顧客消費尺度分布的形狀參數",
      gamma: "Gamma-Gamma：顧客消費尺度分布的尺度參數（貨幣單位）",
    },
    definitionsTitle: "摘要中各指標的定義",
    holdout: {
      title: "留出檢驗：模型能否預測它沒有見過的購買？",
      note: (calibrationEnd, holdoutStart, asOf, months) =>
        `只用截至 ${calibrationEnd} 的購買重新配適 BG/NBD 模型，再把它對每位顧客在 ${holdoutStart} 至 ${asOf}（${months} 個月，即資料的後一半，最多一年）的預期重複購買次數（購買天數）與這些顧客的實際購買相比較，依此前的重複購買次數分組（Fader、Hardie 和 Lee 2005 年圖 4 的檢驗）。${calibrationEnd} 之後才首次購買的顧客不在其中。`,
      header: ["留出期之前的重複購買次數", "顧客數", "留出期實際平均", "模型預期平均"],
      total: "全部顧客",
      meanAbsoluteError: "平均絕對誤差（各組同等計）",
      chartTitle: "留出檢驗：實際與預期重複購買",
      tooShort: (days, minimumDays) =>
        `無法提供：截至截止日期的資料只跨 ${days} 天；留出檢驗至少需要 ${minimumDays} 天。`,
    },
    meaningsTitle: "預測數字的含義",
    meanings: {
      pAlive: "存活機率：根據顧客購買的頻率與最近一次購買的時間，顧客尚未悄然流失的機率。",
      expectedPurchases: (months) => `預期購買次數：顧客在未來 ${months} 個月內預期的購買日數。`,
      expectedSpend: "預期客單價：未來一個購買日的預期金額；未參與消費金額擬合的顧客取整體平均值。",
      clv: (months, rate) =>
        `預測終身價值：利潤率 × 預期客單價 × 未來 ${months} 個月的預期購買次數，按年折現率 ${rate} 逐期折現。`,
      leftOut:
        "未參與消費金額擬合：重複購買淨額為 0 或負數（免費訂單、退貨）的重複購買顧客；他們仍參與購買模型的擬合。",
    },
  },

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
