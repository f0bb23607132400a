/**
 * The worksheet functions in Chinese: one table, keyed by function id, holding for zh-CN and
 * zh-TW everything a Chinese-speaking user reads about a function. It is the only place these
 * texts live. The build (scripts/localize.cjs) checks it against the generated functions.json
 * and the functions' JSDoc, and fails, naming the function and the parameter, when anything is
 * missing or left over; it then writes functions.zh-CN.json and functions.zh-TW.json (what Excel
 * shows: names, descriptions, parameter names and descriptions, help links) and the reference
 * pages reference/zh-CN.html and reference/zh-TW.html (all of the fields below).
 *
 * Adding a function: add its entry here, for both locales, in the same commit. The build error
 * prints a skeleton to fill in.
 *
 * Names (function and parameter) follow Excel's rules for custom function names, which apply to
 * localised names too: they start with a letter and use only letters, digits, "." and "_" (no
 * spaces: "RFM预警", not "RFM 预警"), at most 128 characters. A function name also has at least
 * 3 characters, writes Latin letters in upper case as Excel's own names do, is unique within its
 * locale (ignoring case) and is never the name of an Excel built-in function in any language.
 * Variants of one metric share its name and add a qualifier after a period, as Excel's own
 * STDEV.S and PERCENTILE.INC do: 客户流失率.交易 is CHURNRATE.TX, the churn rate from
 * transactions. Parameter names are unique within their function.
 *
 * Vocabulary follows the source material (SPEC §1): zh-CN 客户流失率, 相对流失率, 客户保留率,
 * 重复购买率, 客户终生价值, 净推荐值, 客户满意度; zh-TW 顧客流失率, 相對流失率, 顧客保留率,
 * 重複購買率, 顧客終身價值, 淨推薦值, 顧客滿意度; Excel's own terms per locale (zh-CN 单元格,
 * 参数, 行 = row, 列 = column; zh-TW 儲存格, 引數, 列 = row, 欄 = column).
 *
 * Keep the text in step with the JSDoc in src/functions/*.functions.ts: when an English
 * description, definition or error changes, change both translations here.
 */

/** The locales with their own metadata file and reference page. */
export const LOCALES = ["zh-CN", "zh-TW"] as const;

export type Locale = (typeof LOCALES)[number];

/** The error values a function documents with `@throws`. */
export type ErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A" | "#NULL!" | "#REF!" | "#NAME?";

export interface ParameterText {
  /** The name in Excel's formula tooltip (same rules as a function name, no minimum length). */
  readonly name: string;
  /** What Excel shows while the argument is typed (functions.json `description`). */
  readonly description: string;
}

export interface FunctionText {
  /** The function's name after `CRM.` (functions.json `name`). */
  readonly name: string;
  /** What Excel shows in AutoComplete and Insert Function (functions.json `description`). */
  readonly description: string;
  /** Every parameter, keyed by its name in the code and in functions.json (English). */
  readonly parameters: Readonly<Record<string, ParameterText>>;
  /** The reference page's "returns" (JSDoc `@returns`). */
  readonly returns: string;
  /** The reference page's definition (JSDoc `@remarks`). */
  readonly definition: string;
  /** The reasons for each error, in the order and with the codes of the JSDoc `@throws` lines. */
  readonly errors: readonly (readonly [ErrorCode, string])[];
  /**
   * The description of each spilled example (JSDoc `@example =F(…) ⇒ spills R rows × C
   * columns: …`), in order, starting with the same R and C: "溢出 3 行 × 12 列：…" (zh-CN),
   * "溢位 3 列 × 12 欄：…" (zh-TW). Absent when no example spills.
   */
  readonly spills?: readonly string[];
}

export type FunctionTranslations = Readonly<Record<string, Readonly<Record<Locale, FunctionText>>>>;

export const FUNCTION_TRANSLATIONS: FunctionTranslations = {
  CHURNRATE: {
    "zh-CN": {
      name: "客户流失率",
      description: "客户流失率：期初客户中在本期内流失的比例。",
      parameters: {
        lost: { name: "流失客户数", description: "本期流失的客户数（整数，不超过期初客户数）。" },
        customers_at_start: { name: "期初客户数", description: "期初的客户数（大于 0 的整数）。" },
      },
      returns: "客户流失率，以小数表示（0.05 即 5%）。",
      definition: "绝对流失率。客户流失率 = 流失客户数 ÷ 期初客户数。",
      errors: [
        ["#VALUE!", "流失客户数或期初客户数为空、为不是数字的文本、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "客户数为负数、不是整数或大于 9,007,199,254,740,991（无法精确计数），或流失客户数大于期初客户数。",
        ],
        ["#DIV/0!", "期初客户数为 0。"],
      ],
    },
    "zh-TW": {
      name: "顧客流失率",
      description: "顧客流失率：期初顧客中在本期內流失的比例。",
      parameters: {
        lost: { name: "流失顧客數", description: "本期流失的顧客數（整數，不超過期初顧客數）。" },
        customers_at_start: { name: "期初顧客數", description: "期初的顧客數（大於 0 的整數）。" },
      },
      returns: "顧客流失率，以小數表示（0.05 即 5%）。",
      definition: "絕對流失率。顧客流失率 = 流失顧客數 ÷ 期初顧客數。",
      errors: [
        ["#VALUE!", "流失顧客數或期初顧客數為空、為不是數字的文字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "顧客數為負數、不是整數或大於 9,007,199,254,740,991（無法精確計數），或流失顧客數大於期初顧客數。",
        ],
        ["#DIV/0!", "期初顧客數為 0。"],
      ],
    },
  },
  RELATIVECHURN: {
    "zh-CN": {
      name: "相对流失率",
      description: "相对流失率：按流失客户与全体客户的消费水平之比加权的流失率。",
      parameters: {
        lost: { name: "流失客户数", description: "本期流失的客户数（整数，不超过客户总数）。" },
        customers: { name: "客户总数", description: "本期的全部客户数（大于 0 的整数）。" },
        average_purchase_lost: {
          name: "流失客户平均购买额",
          description: "流失客户的平均购买金额。",
        },
        average_purchase_all: {
          name: "全体客户平均购买额",
          description: "全体客户的平均购买金额（大于 0）。",
        },
      },
      returns: "相对流失率，以小数表示。",
      definition:
        "相对流失率 = (流失客户数 ÷ 客户总数) × (流失客户平均购买额 ÷ 全体客户平均购买额)：即随流失客户一同流失的消费额占全部消费额的比例，因此介于 0 和 1 之间。",
      errors: [
        ["#VALUE!", "某个参数为空、不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "客户数为负数、不是整数或大于 9,007,199,254,740,991，流失客户数大于客户总数，平均购买额为负数，或 流失客户数 × 流失客户平均购买额 大于 客户总数 × 全体客户平均购买额。",
        ],
        ["#DIV/0!", "客户总数或全体客户平均购买额为 0。"],
      ],
    },
    "zh-TW": {
      name: "相對流失率",
      description: "相對流失率：按流失顧客與全體顧客的消費水準之比加權的流失率。",
      parameters: {
        lost: { name: "流失顧客數", description: "本期流失的顧客數（整數，不超過顧客總數）。" },
        customers: { name: "顧客總數", description: "本期的全部顧客數（大於 0 的整數）。" },
        average_purchase_lost: {
          name: "流失顧客平均購買額",
          description: "流失顧客的平均購買金額。",
        },
        average_purchase_all: {
          name: "全體顧客平均購買額",
          description: "全體顧客的平均購買金額（大於 0）。",
        },
      },
      returns: "相對流失率，以小數表示。",
      definition:
        "相對流失率 = (流失顧客數 ÷ 顧客總數) × (流失顧客平均購買額 ÷ 全體顧客平均購買額)：即隨流失顧客一同流失的消費額佔全部消費額的比例，因此介於 0 和 1 之間。",
      errors: [
        ["#VALUE!", "某個引數為空、不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "顧客數為負數、不是整數或大於 9,007,199,254,740,991，流失顧客數大於顧客總數，平均購買額為負數，或 流失顧客數 × 流失顧客平均購買額 大於 顧客總數 × 全體顧客平均購買額。",
        ],
        ["#DIV/0!", "顧客總數或全體顧客平均購買額為 0。"],
      ],
    },
  },
  RETENTIONRATE: {
    "zh-CN": {
      name: "客户保留率",
      description: "客户保留率（CRR）：期末客户中不是本期新增的客户，占期初客户的比例。",
      parameters: {
        customers_at_start: {
          name: "期初客户数",
          description: "期初的客户数 S（大于 0 的整数）。",
        },
        new_customers: { name: "新增客户数", description: "本期新获得的客户数 N（整数）。" },
        customers_at_end: {
          name: "期末客户数",
          description: "期末的客户数 E，包括仍然活跃的新客户（整数，不小于新增客户数）。",
        },
      },
      returns: "客户保留率，以小数表示；流失的客户回流时可能大于 1。",
      definition:
        "客户保留率 CRR = (E − N) ÷ S。E 包含流失后又回来的客户，因此 CRR 不等于 1 − 流失率，并且可能大于 1；结果不会被截断。",
      errors: [
        ["#VALUE!", "某个参数为空、不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "客户数为负数、不是整数或大于 9,007,199,254,740,991，或期末客户数小于新增客户数。",
        ],
        ["#DIV/0!", "期初客户数为 0。"],
      ],
    },
    "zh-TW": {
      name: "顧客保留率",
      description: "顧客保留率（CRR）：期末顧客中不是本期新增的顧客，佔期初顧客的比例。",
      parameters: {
        customers_at_start: {
          name: "期初顧客數",
          description: "期初的顧客數 S（大於 0 的整數）。",
        },
        new_customers: { name: "新增顧客數", description: "本期新獲得的顧客數 N（整數）。" },
        customers_at_end: {
          name: "期末顧客數",
          description: "期末的顧客數 E，包括仍然活躍的新顧客（整數，不小於新增顧客數）。",
        },
      },
      returns: "顧客保留率，以小數表示；流失的顧客回流時可能大於 1。",
      definition:
        "顧客保留率 CRR = (E − N) ÷ S。E 包含流失後又回來的顧客，因此 CRR 不等於 1 − 流失率，並且可能大於 1；結果不會被截斷。",
      errors: [
        ["#VALUE!", "某個引數為空、不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "顧客數為負數、不是整數或大於 9,007,199,254,740,991，或期末顧客數小於新增顧客數。",
        ],
        ["#DIV/0!", "期初顧客數為 0。"],
      ],
    },
  },
  REPEATRATE: {
    "zh-CN": {
      name: "重复购买率",
      description: "重复购买率：至少购买过两次的客户所占的比例。",
      parameters: {
        repeat_customers: {
          name: "重复购买客户数",
          description: "购买过两次或以上的客户数（整数，不超过客户总数）。",
        },
        customers: { name: "客户总数", description: "全部客户数（大于 0 的整数）。" },
      },
      returns: "重复购买率，以小数表示。",
      definition: "重复购买率 = 重复购买客户数 ÷ 客户总数。",
      errors: [
        ["#VALUE!", "某个参数为空、不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "客户数为负数、不是整数或大于 9,007,199,254,740,991，或重复购买客户数大于客户总数。",
        ],
        ["#DIV/0!", "客户总数为 0。"],
      ],
    },
    "zh-TW": {
      name: "重複購買率",
      description: "重複購買率：至少購買過兩次的顧客所佔的比例。",
      parameters: {
        repeat_customers: {
          name: "重複購買顧客數",
          description: "購買過兩次或以上的顧客數（整數，不超過顧客總數）。",
        },
        customers: { name: "顧客總數", description: "全部顧客數（大於 0 的整數）。" },
      },
      returns: "重複購買率，以小數表示。",
      definition: "重複購買率 = 重複購買顧客數 ÷ 顧客總數。",
      errors: [
        ["#VALUE!", "某個引數為空、不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "顧客數為負數、不是整數或大於 9,007,199,254,740,991，或重複購買顧客數大於顧客總數。",
        ],
        ["#DIV/0!", "顧客總數為 0。"],
      ],
    },
  },
  CLV: {
    "zh-CN": {
      name: "客户终生价值",
      description:
        "由平均值计算客户终生价值（CLV）：平均购买额 × 每期购买次数 × 生命周期，可选乘以利润率并折现。",
      parameters: {
        average_purchase: { name: "平均购买额", description: "单次购买的平均金额。" },
        purchases_per_period: { name: "每期购买次数", description: "每期的购买次数（例如每年）。" },
        lifespan_periods: {
          name: "生命周期期数",
          description: "预期的客户生命周期，以相同的期间计。",
        },
        margin: {
          name: "利润率",
          description: "利润率，以小数表示（30% 写作 0.3）。省略时为 1，即按收入计算。",
        },
        discount_rate: {
          name: "折现率",
          description: "每期的折现率，以小数表示（10% 写作 0.1）。省略时为 0，即不折现。",
        },
      },
      returns: "客户终生价值，货币单位与平均购买额相同。",
      definition:
        "客户终生价值 CLV = 平均购买额 × 每期购买次数 × 利润率 × A。不折现时 A = 生命周期期数；折现时 A = (1 − (1 + 折现率)^−生命周期期数) ÷ 折现率（每期的价值在期末计入，与 Excel 的 PV 函数相同）。",
      errors: [
        ["#VALUE!", "某个必需参数为空，或某个参数不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "某个参数为负数，利润率、折现率不在 0 到 1 之间（30% 应写作 0.3），或结果超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
      ],
    },
    "zh-TW": {
      name: "顧客終身價值",
      description:
        "由平均值計算顧客終身價值（CLV）：平均購買額 × 每期購買次數 × 生命週期，可選擇乘以利潤率並折現。",
      parameters: {
        average_purchase: { name: "平均購買額", description: "單次購買的平均金額。" },
        purchases_per_period: { name: "每期購買次數", description: "每期的購買次數（例如每年）。" },
        lifespan_periods: {
          name: "生命週期期數",
          description: "預期的顧客生命週期，以相同的期間計。",
        },
        margin: {
          name: "利潤率",
          description: "利潤率，以小數表示（30% 寫作 0.3）。省略時為 1，即按收入計算。",
        },
        discount_rate: {
          name: "折現率",
          description: "每期的折現率，以小數表示（10% 寫作 0.1）。省略時為 0，即不折現。",
        },
      },
      returns: "顧客終身價值，貨幣單位與平均購買額相同。",
      definition:
        "顧客終身價值 CLV = 平均購買額 × 每期購買次數 × 利潤率 × A。不折現時 A = 生命週期期數；折現時 A = (1 − (1 + 折現率)^−生命週期期數) ÷ 折現率（每期的價值在期末計入，與 Excel 的 PV 函數相同）。",
      errors: [
        ["#VALUE!", "某個必需引數為空，或某個引數不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "某個引數為負數，利潤率、折現率不在 0 到 1 之間（30% 應寫作 0.3），或結果超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
      ],
    },
  },
  CLVANNUITY: {
    "zh-CN": {
      name: "客户终生价值.年金",
      description: "按年金折现的客户终生价值：客户忠诚年限内（年收入 − 服务成本）的现值。",
      parameters: {
        yearly_revenue: { name: "年收入", description: "每年来自该客户的收入。" },
        discount_rate: { name: "折现率", description: "年折现率，以小数表示（10% 写作 0.1）。" },
        years: { name: "忠诚年数", description: "客户保持忠诚的年数。" },
        yearly_cost: { name: "年服务成本", description: "每年服务该客户的成本。省略时为 0。" },
      },
      returns: "客户净收入的现值。",
      definition:
        "CLV = R × (1 − (1 + r)^−n) ÷ r，其中 R = 年收入 − 年服务成本，r = 折现率，n = 忠诚年数，现金在每年年末收到；r = 0 时为 R × n。结果等于 Excel 的 PV(r, n, −R)。服务成本高于收入时结果为负。",
      errors: [
        ["#VALUE!", "某个必需参数为空，或某个参数不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "收入、成本或年数为负数，折现率不在 0 到 1 之间，或结果超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
      ],
    },
    "zh-TW": {
      name: "顧客終身價值.年金",
      description: "按年金折現的顧客終身價值：顧客忠誠年限內（年收入 − 服務成本）的現值。",
      parameters: {
        yearly_revenue: { name: "年收入", description: "每年來自該顧客的收入。" },
        discount_rate: { name: "折現率", description: "年折現率，以小數表示（10% 寫作 0.1）。" },
        years: { name: "忠誠年數", description: "顧客保持忠誠的年數。" },
        yearly_cost: { name: "年服務成本", description: "每年服務該顧客的成本。省略時為 0。" },
      },
      returns: "顧客淨收入的現值。",
      definition:
        "CLV = R × (1 − (1 + r)^−n) ÷ r，其中 R = 年收入 − 年服務成本，r = 折現率，n = 忠誠年數，現金在每年年末收到；r = 0 時為 R × n。結果等於 Excel 的 PV(r, n, −R)。服務成本高於收入時結果為負。",
      errors: [
        ["#VALUE!", "某個必需引數為空，或某個引數不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "收入、成本或年數為負數，折現率不在 0 到 1 之間，或結果超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
      ],
    },
  },
  CLVRETENTION: {
    "zh-CN": {
      name: "客户终生价值.保留率",
      description: "基于保留率的客户终生价值：每期按保留率留存的客户所带来的预期折现利润。",
      parameters: {
        margin: { name: "每期利润", description: "活跃客户每期贡献的利润 m。" },
        retention_rate: {
          name: "保留率",
          description: "每期的保留率 ρ，以小数表示（80% 写作 0.8）。",
        },
        discount_rate: {
          name: "折现率",
          description: "每期的折现率 d，以小数表示（10% 写作 0.1）。",
        },
        variant: {
          name: "计算方式",
          description:
            "计入哪些付款：0 不计首笔付款；1 计入首笔付款，且当即收到；2 计入首笔付款，在第一期期末收到。",
        },
      },
      returns: "无限期下的预期终生价值。",
      definition:
        "计算方式 0：m × ρ ÷ (1 + d − ρ)，即现有客户未来各期利润（均在期末收到）的价值。计算方式 1：m × (1 + d) ÷ (1 + d − ρ)。计算方式 2：m ÷ (1 + d − ρ)。各方式之间相差一笔付款或一期折现，因此必须明确选择（Fader 与 Hardie，“What's wrong with this CLV formula?”，2012）。",
      errors: [
        ["#VALUE!", "某个参数为空、不是数字、为 TRUE/FALSE 或错误值。"],
        [
          "#NUM!",
          "保留率或折现率不在 0 到 1 之间，计算方式不是 0、1 或 2，或结果超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
        ["#DIV/0!", "保留率为 1 且折现率为 0（价值无上限）。"],
      ],
    },
    "zh-TW": {
      name: "顧客終身價值.保留率",
      description: "基於保留率的顧客終身價值：每期按保留率留存的顧客所帶來的預期折現利潤。",
      parameters: {
        margin: { name: "每期利潤", description: "活躍顧客每期貢獻的利潤 m。" },
        retention_rate: {
          name: "保留率",
          description: "每期的保留率 ρ，以小數表示（80% 寫作 0.8）。",
        },
        discount_rate: {
          name: "折現率",
          description: "每期的折現率 d，以小數表示（10% 寫作 0.1）。",
        },
        variant: {
          name: "計算方式",
          description:
            "計入哪些付款：0 不計首筆付款；1 計入首筆付款，且立即收到；2 計入首筆付款，在第一期期末收到。",
        },
      },
      returns: "無限期下的預期終身價值。",
      definition:
        "計算方式 0：m × ρ ÷ (1 + d − ρ)，即現有顧客未來各期利潤（均在期末收到）的價值。計算方式 1：m × (1 + d) ÷ (1 + d − ρ)。計算方式 2：m ÷ (1 + d − ρ)。各方式之間相差一筆付款或一期折現，因此必須明確選擇（Fader 與 Hardie，「What's wrong with this CLV formula?」，2012）。",
      errors: [
        ["#VALUE!", "某個引數為空、不是數字、為 TRUE/FALSE 或錯誤值。"],
        [
          "#NUM!",
          "保留率或折現率不在 0 到 1 之間，計算方式不是 0、1 或 2，或結果超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
        ["#DIV/0!", "保留率為 1 且折現率為 0（價值無上限）。"],
      ],
    },
  },
  NPS: {
    "zh-CN": {
      name: "净推荐值",
      description:
        "净推荐值（NPS）：推荐者（9–10 分）的百分比减去贬损者（0–6 分）的百分比，范围为 −100 到 100。",
      parameters: {
        promoters: { name: "推荐者人数", description: "打 9 分或 10 分的受访者人数（整数）。" },
        passives: { name: "被动者人数", description: "打 7 分或 8 分的受访者人数（整数）。" },
        detractors: { name: "贬损者人数", description: "打 0 到 6 分的受访者人数（整数）。" },
      },
      returns: "净推荐值，范围为 −100 到 100（是分值，不是小数）。",
      definition:
        "净推荐值 NPS = 100 × (推荐者人数 − 贬损者人数) ÷ (推荐者人数 + 被动者人数 + 贬损者人数)。若要由一列 0–10 分的调查评分计算，请使用 CRM.净推荐值.评分。",
      errors: [
        ["#VALUE!", "某个参数为空、不是数字、为 TRUE/FALSE 或错误值。"],
        ["#NUM!", "人数为负数、不是整数或大于 9,007,199,254,740,991（无法精确计数）。"],
        ["#DIV/0!", "没有受访者。"],
      ],
    },
    "zh-TW": {
      name: "淨推薦值",
      description:
        "淨推薦值（NPS）：推薦者（9–10 分）的百分比減去批評者（0–6 分）的百分比，範圍為 −100 到 100。",
      parameters: {
        promoters: { name: "推薦者人數", description: "打 9 分或 10 分的受訪者人數（整數）。" },
        passives: { name: "被動者人數", description: "打 7 分或 8 分的受訪者人數（整數）。" },
        detractors: { name: "批評者人數", description: "打 0 到 6 分的受訪者人數（整數）。" },
      },
      returns: "淨推薦值，範圍為 −100 到 100（是分值，不是小數）。",
      definition:
        "淨推薦值 NPS = 100 × (推薦者人數 − 批評者人數) ÷ (推薦者人數 + 被動者人數 + 批評者人數)。若要由一欄 0–10 分的調查評分計算，請使用 CRM.淨推薦值.評分。",
      errors: [
        ["#VALUE!", "某個引數為空、不是數字、為 TRUE/FALSE 或錯誤值。"],
        ["#NUM!", "人數為負數、不是整數或大於 9,007,199,254,740,991（無法精確計數）。"],
        ["#DIV/0!", "沒有受訪者。"],
      ],
    },
  },
  "NPS.SCORES": {
    "zh-CN": {
      name: "净推荐值.评分",
      description:
        "由 0–10 分的调查评分计算净推荐值（NPS）：推荐者（9–10 分）的百分比减去贬损者（0–6 分）的百分比，范围为 −100 到 100。",
      parameters: {
        scores: {
          name: "评分",
          description:
            "0–10 分的调查评分，每位受访者一个，位于单列或单行中；空单元格表示未作答的受访者。",
        },
      },
      returns: "净推荐值，范围为 −100 到 100（是分值，不是小数）。",
      definition:
        '由评分本身计算净推荐值。推荐者打 9 或 10 分，被动者打 7 或 8 分，贬损者打 0 到 6 分；净推荐值 NPS = 100 × (推荐者人数 − 贬损者人数) ÷ 回答数，与 CRM.净推荐值 由人数计算的结果相同。空单元格不是回答，不计入；以文本形式存储的数字（"9"）会被读取。某些 Excel 平台会把空单元格作为 0 传入：在这个量表上 0 是一个评分（与 CRM.客户满意度 在包含 0 的量表上相同），因此在这些平台上区域内的空单元格会算作贬损者；请只给出已作答的单元格，或使用 FILTER(区域, 区域<>"")。它是 CRM.净推荐值 的同系函数，而不是带可选人数参数的同一个函数，这样每种形式的参数名都如实说明其内容（SPEC §3），只有一个回答的区域也不会被当作人数。',
      errors: [
        [
          "#VALUE!",
          "评分区域超过一行且超过一列，或某个评分为不是数字的文本、TRUE/FALSE、错误值、不是整数或不在 0 到 10 之间（消息会指明行号）。",
        ],
        ["#DIV/0!", "没有回答。"],
      ],
    },
    "zh-TW": {
      name: "淨推薦值.評分",
      description:
        "由 0–10 分的調查評分計算淨推薦值（NPS）：推薦者（9–10 分）的百分比減去批評者（0–6 分）的百分比，範圍為 −100 到 100。",
      parameters: {
        scores: {
          name: "評分",
          description:
            "0–10 分的調查評分，每位受訪者一個，位於單欄或單列中；空儲存格表示未作答的受訪者。",
        },
      },
      returns: "淨推薦值，範圍為 −100 到 100（是分值，不是小數）。",
      definition:
        '由評分本身計算淨推薦值。推薦者打 9 或 10 分，被動者打 7 或 8 分，批評者打 0 到 6 分；淨推薦值 NPS = 100 × (推薦者人數 − 批評者人數) ÷ 回答數，與 CRM.淨推薦值 由人數計算的結果相同。空儲存格不是回答，不計入；以文字形式儲存的數字（"9"）會被讀取。某些 Excel 平台會把空儲存格作為 0 傳入：在這個量表上 0 是一個評分（與 CRM.顧客滿意度 在包含 0 的量表上相同），因此在這些平台上範圍內的空儲存格會算作批評者；請只給出已作答的儲存格，或使用 FILTER(範圍, 範圍<>"")。它是 CRM.淨推薦值 的同系函數，而不是帶選用人數引數的同一個函數，這樣每種形式的引數名稱都如實說明其內容（SPEC §3），只有一個回答的範圍也不會被當作人數。',
      errors: [
        [
          "#VALUE!",
          "評分範圍超過一列且超過一欄，或某個評分為不是數字的文字、TRUE/FALSE、錯誤值、不是整數或不在 0 到 10 之間（訊息會指明列號）。",
        ],
        ["#DIV/0!", "沒有回答。"],
      ],
    },
  },
  CSAT: {
    "zh-CN": {
      name: "客户满意度",
      description:
        "客户满意度（CSAT）：调查回答中评分达到或高于“满意”分数的比例（默认在 1–5 分制中为 4 或 5 分）。",
      parameters: {
        scores: {
          name: "评分",
          description: "调查评分，每位受访者一个，位于单列或单行中；空单元格表示未作答的受访者。",
        },
        satisfied_from: { name: "满意起始分", description: "计为满意的最低分。省略时为 4。" },
        scale_min: { name: "量表最低分", description: "量表的最低分。省略时为 1。" },
        scale_max: { name: "量表最高分", description: "量表的最高分。省略时为 5。" },
      },
      returns: "满意回答所占的比例，以小数表示。",
      definition:
        "客户满意度 CSAT = 评分 ≥ 满意起始分的回答数 ÷ 回答数。空单元格不是回答，不计入。某些 Excel 平台会把空单元格作为 0 传入：当 0 低于量表最低分时按空单元格处理；若量表包含 0，则 0 是一个评分。",
      errors: [
        [
          "#VALUE!",
          "评分区域超过一行且超过一列，或某个评分为不是数字的文本、TRUE/FALSE、错误值或超出量表范围（消息会指明行号）。",
        ],
        ["#NUM!", "满意起始分超出量表范围，或量表最低分不小于量表最高分。"],
        ["#DIV/0!", "没有回答。"],
      ],
    },
    "zh-TW": {
      name: "顧客滿意度",
      description:
        "顧客滿意度（CSAT）：調查回答中評分達到或高於「滿意」分數的比例（預設在 1–5 分制中為 4 或 5 分）。",
      parameters: {
        scores: {
          name: "評分",
          description: "調查評分，每位受訪者一個，位於單欄或單列中；空儲存格表示未作答的受訪者。",
        },
        satisfied_from: { name: "滿意起始分", description: "計為滿意的最低分。省略時為 4。" },
        scale_min: { name: "量表最低分", description: "量表的最低分。省略時為 1。" },
        scale_max: { name: "量表最高分", description: "量表的最高分。省略時為 5。" },
      },
      returns: "滿意回答所佔的比例，以小數表示。",
      definition:
        "顧客滿意度 CSAT = 評分 ≥ 滿意起始分的回答數 ÷ 回答數。空儲存格不是回答，不計入。某些 Excel 平台會把空儲存格作為 0 傳入：當 0 低於量表最低分時按空儲存格處理；若量表包含 0，則 0 是一個評分。",
      errors: [
        [
          "#VALUE!",
          "評分範圍超過一列且超過一欄，或某個評分為不是數字的文字、TRUE/FALSE、錯誤值或超出量表範圍（訊息會指明列號）。",
        ],
        ["#NUM!", "滿意起始分超出量表範圍，或量表最低分不小於量表最高分。"],
        ["#DIV/0!", "沒有回答。"],
      ],
    },
  },
  "CHURNRATE.TX": {
    "zh-CN": {
      name: "客户流失率.交易",
      description:
        "由交易明细计算客户流失率：在期间开始前一天仍活跃的客户中，到期间结束时已不再活跃的比例。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: {
          name: "交易日期",
          description:
            "每笔交易的日期（Excel 日期，或 2024-03-01 这样的文本日期），长度与客户ID相同。",
        },
        period_start: { name: "期间开始日", description: "期间的第一天。" },
        period_end: { name: "期间结束日", description: "期间的最后一天。" },
        inactive_days: {
          name: "不活跃天数",
          description: "客户连续多少天没有购买即视为不活跃。省略时为 90。",
        },
        amounts: {
          name: "交易金额",
          description:
            "每笔交易的金额，长度与客户ID相同。给出时，某客户某天的各行全为退货（负金额）则该天不算购买；省略时每一行都算作购买。",
        },
      },
      returns: "客户流失率，以小数表示。",
      definition:
        "由原始交易行计算绝对流失率。若客户在某天 p 有购买，且 d − 不活跃天数 < p ≤ d，则该客户在第 d 天活跃。S = 在期间开始日前一天活跃的客户；期初流失 = S 中在期间结束日不再活跃的客户。客户流失率 = 期初流失 ÷ S。同一天的多笔购买算作一次购买。所有单元格均为空的行会被跳过。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不是购买日，只有退货的客户不算客户；未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨越多列，或某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号），或期间日期无法识别。",
        ],
        ["#NUM!", "期间结束日早于期间开始日，或不活跃天数不是 ≥ 1 的整数。"],
        ["#DIV/0!", "期间开始日前一天没有活跃客户。"],
        ["#N/A", "各列中没有数据。"],
      ],
    },
    "zh-TW": {
      name: "顧客流失率.交易",
      description:
        "由交易明細計算顧客流失率：在期間開始前一天仍活躍的顧客中，到期間結束時已不再活躍的比例。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: {
          name: "交易日期",
          description:
            "每筆交易的日期（Excel 日期，或 2024-03-01 這樣的文字日期），長度與顧客ID相同。",
        },
        period_start: { name: "期間開始日", description: "期間的第一天。" },
        period_end: { name: "期間結束日", description: "期間的最後一天。" },
        inactive_days: {
          name: "不活躍天數",
          description: "顧客連續多少天沒有購買即視為不活躍。省略時為 90。",
        },
        amounts: {
          name: "交易金額",
          description:
            "每筆交易的金額，長度與顧客ID相同。給出時，某顧客某天的各列全為退貨（負金額）則該天不算購買；省略時每一列都算作購買。",
        },
      },
      returns: "顧客流失率，以小數表示。",
      definition:
        "由原始交易列計算絕對流失率。若顧客在某天 p 有購買，且 d − 不活躍天數 < p ≤ d，則該顧客在第 d 天活躍。S = 在期間開始日前一天活躍的顧客；期初流失 = S 中在期間結束日不再活躍的顧客。顧客流失率 = 期初流失 ÷ S。同一天的多筆購買算作一次購買。所有儲存格均為空的列會被跳過。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不是購買日，只有退貨的顧客不算顧客；未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨越多欄，或某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號），或期間日期無法識別。",
        ],
        ["#NUM!", "期間結束日早於期間開始日，或不活躍天數不是 ≥ 1 的整數。"],
        ["#DIV/0!", "期間開始日前一天沒有活躍顧客。"],
        ["#N/A", "各欄中沒有資料。"],
      ],
    },
  },
  "RETENTIONRATE.TX": {
    "zh-CN": {
      name: "客户保留率.交易",
      description:
        "由交易明细计算客户保留率（CRR）：(期末活跃客户数 − 期末仍活跃的新客户数) ÷ 期初活跃客户数。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        period_start: { name: "期间开始日", description: "期间的第一天。" },
        period_end: { name: "期间结束日", description: "期间的最后一天。" },
        inactive_days: {
          name: "不活跃天数",
          description: "客户连续多少天没有购买即视为不活跃。省略时为 90。",
        },
        amounts: {
          name: "交易金额",
          description:
            "每笔交易的金额，长度与客户ID相同。给出时，某客户某天的各行全为退货（负金额）则该天不算购买；省略时每一行都算作购买。",
        },
      },
      returns: "客户保留率，以小数表示，不小于 0；流失的客户回流时可能大于 1。",
      definition:
        "由原始交易行计算客户保留率。CRR = (E − N_E) ÷ S，其中 S = 在期间开始日前一天活跃的客户数，E = 在期间结束日活跃的客户数（活跃的定义同 CRM.客户流失率.交易），N_E = 首次购买落在本期间内、且在期间结束日仍活跃的客户数。这就是源材料的 (E − N) ÷ S，只是把 N 理解为期末仍在的新客户：期间不长于不活跃天数时，每位新客户在期末都仍活跃，N_E = N，公式与源材料完全相同；期间更长时（例如不活跃天数为 90 的一个季度），新客户可能在期间内就已流失，他们不在 E 中，若仍减去他们，CRR 会变成负数。E 包含重新激活的客户，因此 CRR 不等于 1 − 流失率，并且可能大于 1。计数形式 CRM.客户保留率(S, N, E) 仍是源材料的原始公式。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不是购买日，只有退货的客户不算客户；未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨越多列，或某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号）。",
        ],
        ["#NUM!", "期间结束日早于期间开始日，或不活跃天数不是 ≥ 1 的整数。"],
        ["#DIV/0!", "期间开始日前一天没有活跃客户。"],
        ["#N/A", "各列中没有数据。"],
      ],
    },
    "zh-TW": {
      name: "顧客保留率.交易",
      description:
        "由交易明細計算顧客保留率（CRR）：(期末活躍顧客數 − 期末仍活躍的新顧客數) ÷ 期初活躍顧客數。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        period_start: { name: "期間開始日", description: "期間的第一天。" },
        period_end: { name: "期間結束日", description: "期間的最後一天。" },
        inactive_days: {
          name: "不活躍天數",
          description: "顧客連續多少天沒有購買即視為不活躍。省略時為 90。",
        },
        amounts: {
          name: "交易金額",
          description:
            "每筆交易的金額，長度與顧客ID相同。給出時，某顧客某天的各列全為退貨（負金額）則該天不算購買；省略時每一列都算作購買。",
        },
      },
      returns: "顧客保留率，以小數表示，不小於 0；流失的顧客回流時可能大於 1。",
      definition:
        "由原始交易列計算顧客保留率。CRR = (E − N_E) ÷ S，其中 S = 在期間開始日前一天活躍的顧客數，E = 在期間結束日活躍的顧客數（活躍的定義同 CRM.顧客流失率.交易），N_E = 首次購買落在本期間內、且在期間結束日仍活躍的顧客數。這就是源材料的 (E − N) ÷ S，只是把 N 理解為期末仍在的新顧客：期間不長於不活躍天數時，每位新顧客在期末都仍活躍，N_E = N，公式與源材料完全相同；期間更長時（例如不活躍天數為 90 的一個季度），新顧客可能在期間內就已流失，他們不在 E 中，若仍減去他們，CRR 會變成負數。E 包含重新活躍的顧客，因此 CRR 不等於 1 − 流失率，並且可能大於 1。計數形式 CRM.顧客保留率(S, N, E) 仍是源材料的原始公式。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不是購買日，只有退貨的顧客不算顧客；未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨越多欄，或某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號）。",
        ],
        ["#NUM!", "期間結束日早於期間開始日，或不活躍天數不是 ≥ 1 的整數。"],
        ["#DIV/0!", "期間開始日前一天沒有活躍顧客。"],
        ["#N/A", "各欄中沒有資料。"],
      ],
    },
  },
  "RELATIVECHURN.TX": {
    "zh-CN": {
      name: "相对流失率.交易",
      description:
        "由交易明细计算相对流失率：期初客户群的近期消费额中，随本期流失客户一同流失的比例。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        period_start: { name: "期间开始日", description: "期间的第一天。" },
        period_end: { name: "期间结束日", description: "期间的最后一天。" },
        inactive_days: {
          name: "不活跃天数",
          description: "客户连续多少天没有购买即视为不活跃。省略时为 90。",
        },
      },
      returns: "相对流失率，以小数表示。",
      definition:
        "由原始交易行计算相对流失率。相对流失率 = (流失客户数 ÷ S) × (流失客户的平均消费额 ÷ S 的平均消费额)，其中 S 和流失客户的定义同 CRM.客户流失率.交易，客户的消费额是其在期间开始日之前“不活跃天数”天内的购买总额（正是这些购买使其在期初处于活跃状态）。结果等于流失客户在这部分消费额中所占的份额。消费额为扣除退货后的净额（SPEC §2）：某客户某天的各行全为负金额时，该天不算购买（不会使客户变为活跃），但其金额计入该客户的消费额。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨越多列，或某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号）。",
        ],
        [
          "#NUM!",
          "期间结束日早于期间开始日，不活跃天数不是 ≥ 1 的整数，退货使流失客户的净消费额为负或大于期初客户群的净消费额，或金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
        ["#DIV/0!", "期初没有活跃客户，或他们在该时间窗口内的净消费额不大于 0。"],
        ["#N/A", "各列中没有数据。"],
      ],
    },
    "zh-TW": {
      name: "相對流失率.交易",
      description:
        "由交易明細計算相對流失率：期初顧客群的近期消費額中，隨本期流失顧客一同流失的比例。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        period_start: { name: "期間開始日", description: "期間的第一天。" },
        period_end: { name: "期間結束日", description: "期間的最後一天。" },
        inactive_days: {
          name: "不活躍天數",
          description: "顧客連續多少天沒有購買即視為不活躍。省略時為 90。",
        },
      },
      returns: "相對流失率，以小數表示。",
      definition:
        "由原始交易列計算相對流失率。相對流失率 = (流失顧客數 ÷ S) × (流失顧客的平均消費額 ÷ S 的平均消費額)，其中 S 和流失顧客的定義同 CRM.顧客流失率.交易，顧客的消費額是其在期間開始日之前「不活躍天數」天內的購買總額（正是這些購買使其在期初處於活躍狀態）。結果等於流失顧客在這部分消費額中所佔的份額。消費額為扣除退貨後的淨額（SPEC §2）：某顧客某天的各列全為負金額時，該天不算購買（不會使顧客變為活躍），但其金額計入該顧客的消費額。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨越多欄，或某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號）。",
        ],
        [
          "#NUM!",
          "期間結束日早於期間開始日，不活躍天數不是 ≥ 1 的整數，退貨使流失顧客的淨消費額為負或大於期初顧客群的淨消費額，或金額合計超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
        ["#DIV/0!", "期初沒有活躍顧客，或他們在該時間範圍內的淨消費額不大於 0。"],
        ["#N/A", "各欄中沒有資料。"],
      ],
    },
  },
  "REPEATRATE.TX": {
    "zh-CN": {
      name: "重复购买率.交易",
      description: "由交易明细计算重复购买率：在本期间购买过的客户中，在两天或以上有购买的比例。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        period_start: { name: "期间开始日", description: "期间的第一天。" },
        period_end: { name: "期间结束日", description: "期间的最后一天。" },
        amounts: {
          name: "交易金额",
          description:
            "每笔交易的金额，长度与客户ID相同。给出时，某客户某天的各行全为退货（负金额）则该天不算购买；省略时每一行都算作购买。",
        },
      },
      returns: "重复购买率，以小数表示。",
      definition:
        "由原始交易行计算重复购买率。重复购买率 = 在 [期间开始日, 期间结束日] 内至少有两个不同购买日的客户数 ÷ 至少有一个购买日的客户数。同一客户在同一天的多行记录算作一次购买。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不是购买日，只有退货的客户不算客户；未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨越多列，或某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号）。",
        ],
        ["#NUM!", "期间结束日早于期间开始日。"],
        ["#DIV/0!", "本期间内没有人购买。"],
        ["#N/A", "各列中没有数据。"],
      ],
    },
    "zh-TW": {
      name: "重複購買率.交易",
      description: "由交易明細計算重複購買率：在本期間購買過的顧客中，在兩天或以上有購買的比例。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        period_start: { name: "期間開始日", description: "期間的第一天。" },
        period_end: { name: "期間結束日", description: "期間的最後一天。" },
        amounts: {
          name: "交易金額",
          description:
            "每筆交易的金額，長度與顧客ID相同。給出時，某顧客某天的各列全為退貨（負金額）則該天不算購買；省略時每一列都算作購買。",
        },
      },
      returns: "重複購買率，以小數表示。",
      definition:
        "由原始交易列計算重複購買率。重複購買率 = 在 [期間開始日, 期間結束日] 內至少有兩個不同購買日的顧客數 ÷ 至少有一個購買日的顧客數。同一顧客在同一天的多列記錄算作一次購買。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不是購買日，只有退貨的顧客不算顧客；未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨越多欄，或某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號）。",
        ],
        ["#NUM!", "期間結束日早於期間開始日。"],
        ["#DIV/0!", "本期間內沒有人購買。"],
        ["#N/A", "各欄中沒有資料。"],
      ],
    },
  },
  CHURNTREND: {
    "zh-CN": {
      name: "客户流失趋势",
      description:
        "客户流失趋势：每月、每季度或每年一行，列出期初客户、新客户、重新激活、流失、期末客户、流失率和保留率。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        period: {
          name: "期间类型",
          description: '"month"、"quarter" 或 "year"（也可写 月、季度、年）。省略时为 month。',
        },
        inactive_days: {
          name: "不活跃天数",
          description: "客户连续多少天没有购买即视为不活跃。省略时为 90。",
        },
        as_of: {
          name: "截止日期",
          description:
            "报告的截止日期；晚于该日期的行会被忽略，只显示到该日期已完整结束的期间。省略时为数据中的最后一个日期。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
        amounts: {
          name: "交易金额",
          description:
            "每笔交易的金额，长度与客户ID相同。给出时，某客户某天的各行全为退货（负金额）则该天不算购买；省略时每一行都算作购买。",
        },
      },
      returns:
        "一个溢出的表格，各列依次为：period（期间）、first_day（第一天）、last_day（最后一天）、at_start（期初客户 S）、new（新客户 N）、reactivated（重新激活）、lost_from_start（期初流失）、lapsed（期内流失）、lost（流失合计）、at_end（期末客户 E）、churn_rate（流失率）、retention_rate（保留率）。",
      definition:
        "从首次购买所在的日历期间起，到截止日期时最后一个已完整结束的期间，每个期间一行：S = 期间开始前一天活跃的客户，N = 首次购买在本期间的客户，重新激活 = 既不在 S 中也不是新客户、但在本期间有购买的客户，期初流失 = 在 S 中但期末不再活跃的客户，期内流失 = 新客户或重新激活的客户在期末前又变得不活跃，E = 期末活跃的客户；每一行都满足 S + N + 重新激活 − 流失合计 = E。流失率 = 期初流失 ÷ S；保留率 = (E − N_E) ÷ S，N_E = 期末仍活跃的新客户（期间不长于不活跃天数时就是 N；见 CRM.客户保留率.交易），因此保留率可能大于 1，且不等于 1 − 流失率。S = 0 的期间只在其比率单元格中显示 #DIV/0!。日期以序列号溢出：请将这些列设置为日期格式。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不是购买日，只有退货的客户不算客户；未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨越多列，某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号），或期间类型不是 month、quarter 或 year。",
        ],
        ["#NUM!", "不活跃天数不是 ≥ 1 的整数。"],
        ["#N/A", "各列中没有数据，或到截止日期时还没有完整结束的期间。"],
      ],
      spills: [
        "溢出 3 行 × 12 列：标题行、2024-Q1（4 个新客户，at_start 为 0，因此其比率为 #DIV/0!）和 2024-Q2（at_start 为 2，lost_from_start 为 1，churn_rate 为 0.5）",
      ],
    },
    "zh-TW": {
      name: "顧客流失趨勢",
      description:
        "顧客流失趨勢：每月、每季度或每年一列，列出期初顧客、新顧客、重新活躍、流失、期末顧客、流失率和保留率。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        period: {
          name: "期間類型",
          description: '"month"、"quarter" 或 "year"（也可寫 月、季度、年）。省略時為 month。',
        },
        inactive_days: {
          name: "不活躍天數",
          description: "顧客連續多少天沒有購買即視為不活躍。省略時為 90。",
        },
        as_of: {
          name: "截止日期",
          description:
            "報告的截止日期；晚於該日期的列會被忽略，只顯示到該日期已完整結束的期間。省略時為資料中的最後一個日期。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
        amounts: {
          name: "交易金額",
          description:
            "每筆交易的金額，長度與顧客ID相同。給出時，某顧客某天的各列全為退貨（負金額）則該天不算購買；省略時每一列都算作購買。",
        },
      },
      returns:
        "一個溢位的表格，各欄依次為：period（期間）、first_day（第一天）、last_day（最後一天）、at_start（期初顧客 S）、new（新顧客 N）、reactivated（重新活躍）、lost_from_start（期初流失）、lapsed（期內流失）、lost（流失合計）、at_end（期末顧客 E）、churn_rate（流失率）、retention_rate（保留率）。",
      definition:
        "從首次購買所在的日曆期間起，到截止日期時最後一個已完整結束的期間，每個期間一列：S = 期間開始前一天活躍的顧客，N = 首次購買在本期間的顧客，重新活躍 = 既不在 S 中也不是新顧客、但在本期間有購買的顧客，期初流失 = 在 S 中但期末不再活躍的顧客，期內流失 = 新顧客或重新活躍的顧客在期末前又變得不活躍，E = 期末活躍的顧客；每一列都滿足 S + N + 重新活躍 − 流失合計 = E。流失率 = 期初流失 ÷ S；保留率 = (E − N_E) ÷ S，N_E = 期末仍活躍的新顧客（期間不長於不活躍天數時就是 N；見 CRM.顧客保留率.交易），因此保留率可能大於 1，且不等於 1 − 流失率。S = 0 的期間只在其比率儲存格中顯示 #DIV/0!。日期以序列值溢位：請將這些欄設定為日期格式。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不是購買日，只有退貨的顧客不算顧客；未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨越多欄，某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號），或期間類型不是 month、quarter 或 year。",
        ],
        ["#NUM!", "不活躍天數不是 ≥ 1 的整數。"],
        ["#N/A", "各欄中沒有資料，或到截止日期時還沒有完整結束的期間。"],
      ],
      spills: [
        "溢位 3 列 × 12 欄：標題列、2024-Q1（4 個新顧客，at_start 為 0，因此其比率為 #DIV/0!）和 2024-Q2（at_start 為 2，lost_from_start 為 1，churn_rate 為 0.5）",
      ],
    },
  },
  COHORTS: {
    "zh-CN": {
      name: "同期群留存",
      description:
        "同期群留存矩阵：按首次购买所在期间对客户分组，显示 0、1、2…… 期之后仍在购买的比例。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: {
          name: "交易金额",
          description:
            '每笔交易的金额；衡量方式为 "revenue" 时需要，也用于区分退货（负金额）与购买。省略时每一行都算作购买。',
        },
        period: {
          name: "期间类型",
          description: '"month"、"quarter" 或 "year"（也可写 月、季度、年）。省略时为 month。',
        },
        measure: {
          name: "衡量方式",
          description:
            '"customers"（同期群中在该期间购买的客户比例，也可写 客户）或 "revenue"（该期间收入 ÷ 同期群首期收入，也可写 收入）。省略时为 customers。',
        },
        max_offset: {
          name: "最大偏移期数",
          description: "显示的最后一个偏移期。省略时显示数据覆盖的全部期数。",
        },
        as_of: {
          name: "截止日期",
          description: "报告的截止日期；晚于该日期的行会被忽略。省略时为数据中的最后一个日期。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出的表格：cohort（同期群）、first_day（第一天）、customers（客户数），然后每个偏移期 0、1、2…… 各一列。",
      definition:
        "同期群 = 客户首次购买所在的日历期间。按客户衡量时，偏移期 k 的值是同期群中在第 同期群 + k 期有购买的客户比例；按收入衡量时，它是同期群在第 同期群 + k 期的收入 ÷ 其首期收入。到截止日期时尚未完整结束的期间留空，绝不显示为 0，这样新近的同期群既不会显得更差，也不会显得更好。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不算购买：不会使客户进入同期群，也不算该期有购买；只有退货的客户不属于任何同期群。按收入衡量时收入为净额，退货计入其发生的期间（首次购买之前的退货不计）。按收入衡量时，首期净收入为 0 或更少的同期群没有收入保留率（以负数为基数的比率会随收入增加而变小）：其单元格为错误值而绝不是数字，基数为 0 时为 #DIV/0!，基数为负时为 #NUM!。未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          '各列长度不同、跨越多列，某个单元格中的 ID、日期或金额为空或无法识别（消息会指明参数和行号），衡量方式为 "revenue" 但没有提供交易金额，或期间类型、衡量方式不是可接受的值。',
        ],
        [
          "#NUM!",
          "最大偏移期数不是 ≥ 0 的整数；结果表会超过 Excel 的 16,384 列（最大偏移期数大于 16,380，或未指定最大偏移期数时从首次购买到截止日期超过 16,381 个期间）；或金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）；仅在某个同期群的单元格中：按收入衡量时该同期群的首期净收入为负数。",
        ],
        ["#DIV/0!", "仅在某个同期群的单元格中：按收入衡量时该同期群的首期净收入为 0。"],
        ["#N/A", "各列中没有数据，或截止日期前没有任何购买。"],
      ],
      spills: [
        "溢出 3 行 × 5 列：标题行、同期群 2024-Q1（4 位客户，之后为 1 和 0.75）和 2024-Q2（1 位客户，之后为 1 和一个空单元格）",
      ],
    },
    "zh-TW": {
      name: "同期群留存",
      description:
        "同期群留存矩陣：按首次購買所在期間對顧客分組，顯示 0、1、2…… 期之後仍在購買的比例。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: {
          name: "交易金額",
          description:
            '每筆交易的金額；衡量方式為 "revenue" 時需要，也用於區分退貨（負金額）與購買。省略時每一列都算作購買。',
        },
        period: {
          name: "期間類型",
          description: '"month"、"quarter" 或 "year"（也可寫 月、季度、年）。省略時為 month。',
        },
        measure: {
          name: "衡量方式",
          description:
            '"customers"（同期群中在該期間購買的顧客比例，也可寫 顧客）或 "revenue"（該期間收入 ÷ 同期群首期收入，也可寫 收入）。省略時為 customers。',
        },
        max_offset: {
          name: "最大偏移期數",
          description: "顯示的最後一個偏移期。省略時顯示資料覆蓋的全部期數。",
        },
        as_of: {
          name: "截止日期",
          description: "報告的截止日期；晚於該日期的列會被忽略。省略時為資料中的最後一個日期。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位的表格：cohort（同期群）、first_day（第一天）、customers（顧客數），然後每個偏移期 0、1、2…… 各一欄。",
      definition:
        "同期群 = 顧客首次購買所在的日曆期間。按顧客衡量時，偏移期 k 的值是同期群中在第 同期群 + k 期有購買的顧客比例；按收入衡量時，它是同期群在第 同期群 + k 期的收入 ÷ 其首期收入。到截止日期時尚未完整結束的期間留空，絕不顯示為 0，這樣新近的同期群既不會顯得更差，也不會顯得更好。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不算購買：不會使顧客進入同期群，也不算該期有購買；只有退貨的顧客不屬於任何同期群。按收入衡量時收入為淨額，退貨計入其發生的期間（首次購買之前的退貨不計）。按收入衡量時，首期淨收入為 0 或更少的同期群沒有收入保留率（以負數為基數的比率會隨收入增加而變小）：其儲存格為錯誤值而絕不是數字，基數為 0 時為 #DIV/0!，基數為負時為 #NUM!。未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          '各欄長度不同、跨越多欄，某個儲存格中的 ID、日期或金額為空或無法識別（訊息會指明引數和列號），衡量方式為 "revenue" 但沒有提供交易金額，或期間類型、衡量方式不是可接受的值。',
        ],
        [
          "#NUM!",
          "最大偏移期數不是 ≥ 0 的整數；結果表會超過 Excel 的 16,384 欄（最大偏移期數大於 16,380，或未指定最大偏移期數時從首次購買到截止日期超過 16,381 個期間）；或金額合計超過 Excel 能容納的最大數字（約 1.8E+308）；僅在某個同期群的儲存格中：按收入衡量時該同期群的首期淨收入為負數。",
        ],
        ["#DIV/0!", "僅在某個同期群的儲存格中：按收入衡量時該同期群的首期淨收入為 0。"],
        ["#N/A", "各欄中沒有資料，或截止日期前沒有任何購買。"],
      ],
      spills: [
        "溢位 3 列 × 5 欄：標題列、同期群 2024-Q1（4 位顧客，之後為 1 和 0.75）和 2024-Q2（1 位顧客，之後為 1 和一個空儲存格）",
      ],
    },
  },
  CLVSUMMARY: {
    "zh-CN": {
      name: "客户购买汇总",
      description:
        "预测模型所需的每位客户汇总：重复购买天数、以指定时间单位计的最近购买时间和客户年龄，以及重复购买日的平均消费额。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天；当天的购买计入，之后的购买会被忽略。",
        },
        time_unit: {
          name: "时间单位",
          description:
            '"day"、"week" 或 "month"（一个月为 30.4375 天，即公历月的平均长度），也可写 天、周、月。',
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns: "一个溢出的表格：customer_id（客户ID）、x、t_x、T、monetary。",
      definition:
        "同一客户同一天的多行算作一个购买日，金额相加。x = 购买天数 − 1（重复购买天数），t_x = 从首个购买日到最后一个购买日的时间，T = 从首个购买日到校准期结束日的时间，二者均以时间单位计；monetary = 首个购买日之后到校准期结束日为止的净收入 ÷ x（重复购买日的金额加上首次购买之后只有退货的日子的金额），x = 0 时为 0。退货（SPEC §2）：某客户某天的各行全为负金额时，该天不是购买日（不计入 x、t_x 或 T），但计入 monetary，monetary 因此可能为 0 或以下；只有退货的客户不列出。首次购买晚于校准期结束日的客户不列出。这就是 Fader、Hardie 和 Lee（2005）以及 R 的 BTYD 包和 Python 的 lifetimes 库所用的 x、t_x、T、monetary 汇总。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），或时间单位不是 day、week 或 month。",
        ],
        ["#NUM!", "金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）。"],
        ["#N/A", "在校准期结束日当天或之前没有人购买。"],
      ],
      spills: [
        "溢出 2358 行 × 5 列：标题行和 CDNOW 的 2,357 位客户；客户 1：x 为 2，t_x 为 30.43，T 为 38.86，monetary 为 22.35",
      ],
    },
    "zh-TW": {
      name: "顧客購買彙總",
      description:
        "預測模型所需的每位顧客彙總：重複購買天數、以指定時間單位計的最近購買時間和顧客年齡，以及重複購買日的平均消費額。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天；當天的購買計入，之後的購買會被忽略。",
        },
        time_unit: {
          name: "時間單位",
          description:
            '"day"、"week" 或 "month"（一個月為 30.4375 天，即公曆月的平均長度），也可寫 天、週、月。',
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns: "一個溢位的表格：customer_id（顧客ID）、x、t_x、T、monetary。",
      definition:
        "同一顧客同一天的多列算作一個購買日，金額相加。x = 購買天數 − 1（重複購買天數），t_x = 從首個購買日到最後一個購買日的時間，T = 從首個購買日到校準期結束日的時間，二者均以時間單位計；monetary = 首個購買日之後到校準期結束日為止的淨收入 ÷ x（重複購買日的金額加上首次購買之後只有退貨的日子的金額），x = 0 時為 0。退貨（SPEC §2）：某顧客某天的各列全為負金額時，該天不是購買日（不計入 x、t_x 或 T），但計入 monetary，monetary 因此可能為 0 或以下；只有退貨的顧客不列出。首次購買晚於校準期結束日的顧客不列出。這就是 Fader、Hardie 和 Lee（2005）以及 R 的 BTYD 套件和 Python 的 lifetimes 函式庫所用的 x、t_x、T、monetary 彙總。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），或時間單位不是 day、week 或 month。",
        ],
        ["#NUM!", "金額合計超過 Excel 能容納的最大數字（約 1.8E+308）。"],
        ["#N/A", "在校準期結束日當天或之前沒有人購買。"],
      ],
      spills: [
        "溢位 2358 列 × 5 欄：標題列和 CDNOW 的 2,357 位顧客；顧客 1：x 為 2，t_x 為 30.43，T 為 38.86，monetary 為 22.35",
      ],
    },
  },
  CLVFIT: {
    "zh-CN": {
      name: "预测模型拟合",
      description:
        "用交易数据拟合购买模型（BG/NBD 或 Pareto/NBD）和 Gamma-Gamma 消费模型，并溢出拟合的模型：参数及其标准误、对数似然值、计数和设置。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天；之后的购买会被忽略。",
        },
        time_unit: {
          name: "时间单位",
          description: '"day"、"week" 或 "month"（30.4375 天）：t_x、T 以及速率参数 alpha 的单位。',
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
        model: {
          name: "模型",
          description:
            '购买模型："bgnbd"（BG/NBD）或 "pareto_nbd"（Pareto/NBD），也可写 "BG/NBD"、"Pareto/NBD"、帕累托。省略时为 "bgnbd"。',
        },
        penalizer: {
          name: "惩罚系数",
          description:
            "L2 惩罚系数，0 到 1 之间的数，与 lifetimes 的 penalizer_coef 相同（小数据通常取 0.001 到 0.1；大于 1 时惩罚压过数据，会被拒绝）。省略时为 0（普通最大似然）。",
        },
      },
      returns:
        "一个三列的溢出表格：parameter（参数）、value（值）、standard_error（标准误）；各行依次为 r、alpha、a、b（Pareto/NBD 为 r、alpha、s、beta）、bgnbd_log_likelihood（pareto_nbd_log_likelihood）、p、q、gamma、gamma_gamma_log_likelihood、customers、repeat_buyers、spend_fit_left_out（未纳入消费模型拟合的客户数）、model、time_unit、calibration_end（日期序列号）、penalizer。这个区域就是 PALIVE.MODEL、EXPECTEDPURCHASES.MODEL、EXPECTEDSPEND.MODEL 和 PREDICTEDCLV.MODEL 读取的模型。",
      definition:
        "BG/NBD（Fader、Hardie 和 Lee，2005）：客户存活期间按泊松过程购买，购买率 λ ~ Gamma(r, alpha)；每次购买后以概率 p ~ Beta(a, b) 流失；用全部客户拟合。Gamma-Gamma（Fader 和 Hardie，2013）：客户每个购买日的消费总额服从 Gamma(p, ν)，其中 ν ~ Gamma(q, gamma)，与购买过程相互独立；它描述正的消费额，因此只用平均重复购买日消费额大于 0 的重复购买客户拟合，重复购买日净额为 0 或更少（免费订单、退货）的重复购买客户不纳入该拟合（但始终纳入 BG/NBD 拟合），其人数计入 spend_fit_left_out。两个模型都以对数参数用最大似然法拟合（带解析梯度的 BFGS，以 Nelder–Mead 作为后备），每个拟合最多 2 秒；没有达到经过验证的内部极大值的拟合返回 #VALUE!，并附消息说明原因和该怎么做，绝不给出未收敛的数字。假设：同一天的购买合并；消费与购买频率无关；alpha 以时间单位计，因此同一数据按周和按天拟合会得到相同的 r、a、b，而按天拟合的 alpha 是按周的 7 倍。Pareto/NBD（Schmittlein、Morrison 和 Colombo，1987）：购买过程与 BG/NBD 相同，客户寿命服从指数分布，其速率 μ ~ Gamma(s, beta)。标准误是观测信息矩阵之逆的对角线元素的平方根（观测信息矩阵即对数似然在估计值处的 Hessian 矩阵，用中心差分计算），与 lifetimes 的 summary 相同；该矩阵不正定时单元格为 #N/A，绝不给出编造的数字；没有标准误的行留空。惩罚系数 c（与 lifetimes 的 penalizer_coef 完全相同）：拟合最小化每位客户的平均负对数似然加上 c × (r² + (alpha ÷ T_max)² + a² + b²)，T_max 为最老客户的年龄；Gamma-Gamma 加上 c × (p² + q² + gamma²)：这是对参数本身（而非其对数）的 L2 惩罚，使参数在小数据或退化数据上保持有限；对数似然行是未加惩罚的值，标准误是加惩罚的对数似然的标准误。相同的输入在一个会话中只拟合一次：数据不变时重新计算会复用拟合结果。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），时间单位不是 day、week 或 month，模型不是 bgnbd 或 pareto_nbd，或某个拟合在这些数据上没有极大值：每位客户的购买历史都相同、每位重复购买客户的平均消费额都相同（未设惩罚系数时）、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。",
        ],
        ["#NUM!", "金额合计超过 Excel 能容纳的最大数字（约 1.8E+308），或惩罚系数为负数或大于 1。"],
        [
          "#N/A",
          "在校准期结束日当天或之前没有人购买，没有人在两个不同的日子购买过，或者平均重复消费额大于 0 的重复购买客户少于 2 位（消息会说明是哪种情况）；仅在某个 standard_error 单元格中：观测信息矩阵在估计值处不正定。",
        ],
      ],
      spills: [
        "溢出 17 行 × 3 列：标题行，然后是 r 0.2426（标准误 0.0126）、alpha 4.4136（0.3782）、a 0.7929（0.1857）、b 2.4259（0.7054）、对数似然值 −9582.43、p 6.25（1.19）、q 3.74（0.29）、gamma 15.44（4.16）……、model bgnbd、time_unit week、calibration_end 35703、penalizer 0",
      ],
    },
    "zh-TW": {
      name: "預測模型配適",
      description:
        "用交易資料配適購買模型（BG/NBD 或 Pareto/NBD）和 Gamma-Gamma 消費模型，並溢位配適的模型：參數及其標準誤、對數概似值、計數和設定。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天；之後的購買會被忽略。",
        },
        time_unit: {
          name: "時間單位",
          description: '"day"、"week" 或 "month"（30.4375 天）：t_x、T 以及速率參數 alpha 的單位。',
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
        model: {
          name: "模型",
          description:
            '購買模型："bgnbd"（BG/NBD）或 "pareto_nbd"（Pareto/NBD），也可寫 "BG/NBD"、"Pareto/NBD"、帕雷托。省略時為 "bgnbd"。',
        },
        penalizer: {
          name: "懲罰係數",
          description:
            "L2 懲罰係數，0 到 1 之間的數，與 lifetimes 的 penalizer_coef 相同（小資料通常取 0.001 到 0.1；大於 1 時懲罰壓過資料，會被拒絕）。省略時為 0（一般最大概似）。",
        },
      },
      returns:
        "一個三欄的溢位表格：parameter（參數）、value（值）、standard_error（標準誤）；各列依次為 r、alpha、a、b（Pareto/NBD 為 r、alpha、s、beta）、bgnbd_log_likelihood（pareto_nbd_log_likelihood）、p、q、gamma、gamma_gamma_log_likelihood、customers、repeat_buyers、spend_fit_left_out（未納入消費模型配適的顧客數）、model、time_unit、calibration_end（日期序列值）、penalizer。這個範圍就是 PALIVE.MODEL、EXPECTEDPURCHASES.MODEL、EXPECTEDSPEND.MODEL 和 PREDICTEDCLV.MODEL 讀取的模型。",
      definition:
        "BG/NBD（Fader、Hardie 和 Lee，2005）：顧客存活期間按卜瓦松過程購買，購買率 λ ~ Gamma(r, alpha)；每次購買後以機率 p ~ Beta(a, b) 流失；用全部顧客配適。Gamma-Gamma（Fader 和 Hardie，2013）：顧客每個購買日的消費總額服從 Gamma(p, ν)，其中 ν ~ Gamma(q, gamma)，與購買過程相互獨立；它描述正的消費額，因此只用平均重複購買日消費額大於 0 的重複購買顧客配適，重複購買日淨額為 0 或更少（免費訂單、退貨）的重複購買顧客不納入該配適（但始終納入 BG/NBD 配適），其人數計入 spend_fit_left_out。兩個模型都以對數參數用最大概似法配適（帶解析梯度的 BFGS，以 Nelder–Mead 作為後備），每個配適最多 2 秒；沒有達到經過驗證的內部極大值的配適傳回 #VALUE!，並附訊息說明原因和該怎麼做，絕不給出未收斂的數字。假設：同一天的購買合併；消費與購買頻率無關；alpha 以時間單位計，因此同一資料按週和按天配適會得到相同的 r、a、b，而按天配適的 alpha 是按週的 7 倍。Pareto/NBD（Schmittlein、Morrison 和 Colombo，1987）：購買過程與 BG/NBD 相同，顧客壽命服從指數分配，其速率 μ ~ Gamma(s, beta)。標準誤是觀測資訊矩陣之反矩陣的對角線元素的平方根（觀測資訊矩陣即對數概似在估計值處的 Hessian 矩陣，以中央差分計算），與 lifetimes 的 summary 相同；該矩陣非正定時儲存格為 #N/A，絕不給出編造的數字；沒有標準誤的列留空。懲罰係數 c（與 lifetimes 的 penalizer_coef 完全相同）：配適最小化每位顧客的平均負對數概似加上 c × (r² + (alpha ÷ T_max)² + a² + b²)，T_max 為最老顧客的年齡；Gamma-Gamma 加上 c × (p² + q² + gamma²)：這是對參數本身（而非其對數）的 L2 懲罰，使參數在小資料或退化資料上保持有限；對數概似列是未加懲罰的值，標準誤是加懲罰的對數概似的標準誤。相同的輸入在一個工作階段中只配適一次：資料不變時重新計算會沿用配適結果。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），時間單位不是 day、week 或 month，模型不是 bgnbd 或 pareto_nbd，或某個配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、每位重複購買顧客的平均消費額都相同（未設懲罰係數時）、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。",
        ],
        ["#NUM!", "金額合計超過 Excel 能容納的最大數字（約 1.8E+308），或懲罰係數為負數或大於 1。"],
        [
          "#N/A",
          "在校準期結束日當天或之前沒有人購買，沒有人在兩個不同的日子購買過，或者平均重複消費額大於 0 的重複購買顧客少於 2 位（訊息會說明是哪種情況）；僅在某個 standard_error 儲存格中：觀測資訊矩陣在估計值處非正定。",
        ],
      ],
      spills: [
        "溢位 17 列 × 3 欄：標題列，然後是 r 0.2426（標準誤 0.0126）、alpha 4.4136（0.3782）、a 0.7929（0.1857）、b 2.4259（0.7054）、對數概似值 −9582.43、p 6.25（1.19）、q 3.74（0.29）、gamma 15.44（4.16）……、model bgnbd、time_unit week、calibration_end 35703、penalizer 0",
      ],
    },
  },
  PALIVE: {
    "zh-CN": {
      name: "客户存活概率",
      description: "根据用交易数据拟合的 BG/NBD 模型，计算每位客户仍然存活（还会再次购买）的概率。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天；之后的购买会被忽略。",
        },
        time_unit: { name: "时间单位", description: '"day"、"week" 或 "month"（30.4375 天）。' },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns: "一个溢出的表格：customer_id、x、t_x、T、p_alive（存活概率）。",
      definition:
        "P(存活 | x, t_x, T) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + T) ÷ (alpha + t_x))^(r + x))，其中 r、alpha、a、b 的拟合方法同 CRM.预测模型拟合（最多 2 秒，否则返回带消息的 #VALUE!）。从未再次购买的客户（x = 0）在 BG/NBD 下 P(存活) = 1：该模型只允许客户在一次购买之后流失，这是一次性购买客户的已知局限。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），时间单位不是 day、week 或 month，或 BG/NBD 拟合在这些数据上没有极大值：每位客户的购买历史都相同、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。",
        ],
        [
          "#N/A",
          "在校准期结束日当天或之前没有人购买，或者没有人在两个不同的日子购买过（消息会说明是哪种情况）。",
        ],
      ],
      spills: ["溢出 2358 行 × 5 列：标题行和每位 CDNOW 客户一行"],
    },
    "zh-TW": {
      name: "顧客存活機率",
      description: "根據用交易資料配適的 BG/NBD 模型，計算每位顧客仍然存活（還會再次購買）的機率。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天；之後的購買會被忽略。",
        },
        time_unit: { name: "時間單位", description: '"day"、"week" 或 "month"（30.4375 天）。' },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns: "一個溢位的表格：customer_id、x、t_x、T、p_alive（存活機率）。",
      definition:
        "P(存活 | x, t_x, T) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + T) ÷ (alpha + t_x))^(r + x))，其中 r、alpha、a、b 的配適方法同 CRM.預測模型配適（最多 2 秒，否則傳回帶訊息的 #VALUE!）。從未再次購買的顧客（x = 0）在 BG/NBD 下 P(存活) = 1：該模型只允許顧客在一次購買之後流失，這是一次性購買顧客的已知侷限。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），時間單位不是 day、week 或 month，或 BG/NBD 配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。",
        ],
        [
          "#N/A",
          "在校準期結束日當天或之前沒有人購買，或者沒有人在兩個不同的日子購買過（訊息會說明是哪種情況）。",
        ],
      ],
      spills: ["溢位 2358 列 × 5 欄：標題列和每位 CDNOW 顧客一列"],
    },
  },
  EXPECTEDPURCHASES: {
    "zh-CN": {
      name: "预期购买次数",
      description:
        "根据用交易数据拟合的 BG/NBD 模型，计算每位客户在接下来的预测时长（以时间单位计）内的预期购买次数。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天；之后的购买会被忽略。",
        },
        time_unit: {
          name: "时间单位",
          description: '"day"、"week" 或 "month"（30.4375 天）：预测时长的单位。',
        },
        horizon: { name: "预测时长", description: "向前预测多远，以时间单位计（例如 52 周）。" },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        '一个溢出的表格：customer_id、x、t_x、T、expected_purchases（预期购买次数）；最后一行的 customer_id 为 "(new customer)"，是新获得客户的 E[X(预测时长)]。',
      definition:
        "Fader、Hardie 和 Lee（2005，式 10）的 E[Y(t) | x, t_x, T]，其中的高斯超几何函数求和至收敛（自变量接近 1 时先做变换）；新客户的 E[X(t)] 为式 9。购买次数按购买日计。模型的拟合方法同 CRM.预测模型拟合（最多 2 秒，否则返回带消息的 #VALUE!）。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），时间单位不是 day、week 或 month，或 BG/NBD 拟合在这些数据上没有极大值：每位客户的购买历史都相同、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。",
        ],
        ["#NUM!", "预测时长为负数。"],
        [
          "#N/A",
          "在校准期结束日当天或之前没有人购买，或者没有人在两个不同的日子购买过（消息会说明是哪种情况）。",
        ],
      ],
      spills: ["溢出 2359 行 × 5 列：标题行、2,357 位客户（客户 1：1.226）和一位新客户"],
    },
    "zh-TW": {
      name: "預期購買次數",
      description:
        "根據用交易資料配適的 BG/NBD 模型，計算每位顧客在接下來的預測時長（以時間單位計）內的預期購買次數。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天；之後的購買會被忽略。",
        },
        time_unit: {
          name: "時間單位",
          description: '"day"、"week" 或 "month"（30.4375 天）：預測時長的單位。',
        },
        horizon: { name: "預測時長", description: "向前預測多遠，以時間單位計（例如 52 週）。" },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        '一個溢位的表格：customer_id、x、t_x、T、expected_purchases（預期購買次數）；最後一列的 customer_id 為 "(new customer)"，是新獲得顧客的 E[X(預測時長)]。',
      definition:
        "Fader、Hardie 和 Lee（2005，式 10）的 E[Y(t) | x, t_x, T]，其中的高斯超幾何函數求和至收斂（自變數接近 1 時先做變換）；新顧客的 E[X(t)] 為式 9。購買次數按購買日計。模型的配適方法同 CRM.預測模型配適（最多 2 秒，否則傳回帶訊息的 #VALUE!）。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），時間單位不是 day、week 或 month，或 BG/NBD 配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。",
        ],
        ["#NUM!", "預測時長為負數。"],
        [
          "#N/A",
          "在校準期結束日當天或之前沒有人購買，或者沒有人在兩個不同的日子購買過（訊息會說明是哪種情況）。",
        ],
      ],
      spills: ["溢位 2359 列 × 5 欄：標題列、2,357 位顧客（顧客 1：1.226）和一位新顧客"],
    },
  },
  PREDICTEDCLV: {
    "zh-CN": {
      name: "预测客户终生价值",
      description:
        "每位客户在预测时长内的预测客户终生价值：BG/NBD 预期购买次数 × Gamma-Gamma 预期消费额，按每个时间单位折现。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天；之后的购买会被忽略。",
        },
        time_unit: {
          name: "时间单位",
          description: '"day"、"week" 或 "month"（30.4375 天）：预测时长和折现率的单位。',
        },
        horizon: { name: "预测时长", description: "向前预测多远，以时间单位计（例如 12 个月）。" },
        discount_rate: {
          name: "折现率",
          description:
            '每个时间单位的折现率，以小数表示（时间单位为 "month" 时，0.01 即每月 1%）。',
        },
        margin: { name: "利润率", description: "利润率，以小数表示。省略时为 1（即按收入计算）。" },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出的表格：customer_id、x、t_x、T、monetary、p_alive、expected_purchases、expected_spend、clv。",
      definition:
        "将预测时长按一个时间单位分段；第 k 段的预期购买次数 E[Y(k)] − E[Y(k − 1)]（BG/NBD，以客户的历史为条件）乘以每个购买日的预期消费额（Gamma-Gamma：(gamma + monetary × x) × p ÷ (p × x + q − 1)），再乘以利润率，并除以 (1 + 折现率)^k 折现。折现率以时间单位计，绝不会悄悄按 30 天或按周计算。模型的拟合方法同 CRM.预测模型拟合：Gamma-Gamma 拟合不纳入平均重复消费额为 0 或更少的重复购买客户。不在消费模型拟合中的客户，即一次性购买客户（x = 0，因为模型忽略首次购买的金额）和这些未纳入的重复购买客户，其预期消费额为总体均值 p × gamma ÷ (q − 1)；该均值为无穷大（q ≤ 1）时，他们的 expected_spend 和 clv 单元格为 #NUM!。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），时间单位不是 day、week 或 month，预测时长过大（在客户所有不同的 (x, T) 组合上最多 2,000,000 个折现步；消息会给出允许的最大时长；请用更大的时间单位），或某个拟合在这些数据上没有极大值：每位客户的购买历史都相同、每位重复购买客户的平均消费额都相同、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。",
        ],
        [
          "#NUM!",
          "预测时长为负数，折现率或利润率不在 0 到 1 之间，或金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）；仅在某位客户的 expected_spend 和 clv 单元格中：该客户的预期消费额无定义，即对不在消费模型拟合范围内的客户，总体平均消费额为无穷大（q ≤ 1），或对在其中的客户，p × x + q ≤ 1。",
        ],
        [
          "#N/A",
          "在校准期结束日当天或之前没有人购买，没有人在两个不同的日子购买过，或者平均重复消费额大于 0 的重复购买客户少于 2 位（消息会说明是哪种情况）。",
        ],
      ],
      spills: ["溢出 2358 行 × 9 列：标题行和每位 CDNOW 客户一行"],
    },
    "zh-TW": {
      name: "預測顧客終身價值",
      description:
        "每位顧客在預測時長內的預測顧客終身價值：BG/NBD 預期購買次數 × Gamma-Gamma 預期消費額，按每個時間單位折現。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天；之後的購買會被忽略。",
        },
        time_unit: {
          name: "時間單位",
          description: '"day"、"week" 或 "month"（30.4375 天）：預測時長和折現率的單位。',
        },
        horizon: { name: "預測時長", description: "向前預測多遠，以時間單位計（例如 12 個月）。" },
        discount_rate: {
          name: "折現率",
          description:
            '每個時間單位的折現率，以小數表示（時間單位為 "month" 時，0.01 即每月 1%）。',
        },
        margin: { name: "利潤率", description: "利潤率，以小數表示。省略時為 1（即按收入計算）。" },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位的表格：customer_id、x、t_x、T、monetary、p_alive、expected_purchases、expected_spend、clv。",
      definition:
        "將預測時長按一個時間單位分段；第 k 段的預期購買次數 E[Y(k)] − E[Y(k − 1)]（BG/NBD，以顧客的歷史為條件）乘以每個購買日的預期消費額（Gamma-Gamma：(gamma + monetary × x) × p ÷ (p × x + q − 1)），再乘以利潤率，並除以 (1 + 折現率)^k 折現。折現率以時間單位計，絕不會悄悄按 30 天或按週計算。模型的配適方法同 CRM.預測模型配適：Gamma-Gamma 配適不納入平均重複消費額為 0 或更少的重複購買顧客。不在消費模型配適中的顧客，即一次性購買顧客（x = 0，因為模型忽略首次購買的金額）和這些未納入的重複購買顧客，其預期消費額為總體均值 p × gamma ÷ (q − 1)；該均值為無窮大（q ≤ 1）時，他們的 expected_spend 和 clv 儲存格為 #NUM!。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），時間單位不是 day、week 或 month，預測時長過大（在顧客所有不同的 (x, T) 組合上最多 2,000,000 個折現步；訊息會給出允許的最大時長；請用更大的時間單位），或某個配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、每位重複購買顧客的平均消費額都相同、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。",
        ],
        [
          "#NUM!",
          "預測時長為負數，折現率或利潤率不在 0 到 1 之間，或金額合計超過 Excel 能容納的最大數字（約 1.8E+308）；僅在某位顧客的 expected_spend 和 clv 儲存格中：該顧客的預期消費額無定義，即對不在消費模型配適範圍內的顧客，母體平均消費額為無窮大（q ≤ 1），或對在其中的顧客，p × x + q ≤ 1。",
        ],
        [
          "#N/A",
          "在校準期結束日當天或之前沒有人購買，沒有人在兩個不同的日子購買過，或者平均重複消費額大於 0 的重複購買顧客少於 2 位（訊息會說明是哪種情況）。",
        ],
      ],
      spills: ["溢位 2358 列 × 9 欄：標題列和每位 CDNOW 顧客一列"],
    },
  },
  "PALIVE.MODEL": {
    "zh-CN": {
      name: "客户存活概率.模型",
      description:
        "用 CRM.CLVFIT 一次拟合好的模型计算每位客户仍然存活的概率：成千上万个公式也能即时计算。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢出的模型区域（例如 H2#），可带或不带标题行和 standard_error 列。",
        },
        x: {
          name: "重复购买天数",
          description: "每位客户的重复购买天数（购买天数 − 1）：一个值或一个区域。",
        },
        t_x: {
          name: "首末购买间隔",
          description:
            "每位客户从首次到最后一次购买日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
        t: {
          name: "观察时长",
          description:
            "每位客户从首次购买日到校准期结束日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
      },
      returns: "每位客户的存活概率 P(alive)，形状与 x 相同（一位客户即一个值）。",
      definition:
        '使用模型中的购买模型及其拟合参数：BG/NBD 的 P(alive | x, t_x, t) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + t) ÷ (alpha + t_x))^(r + x))（Fader、Hardie 和 Lee，2005、2008），若模型以 model "pareto_nbd" 拟合，则用 Pareto/NBD 的公式（Fader 和 Hardie 2005 年笔记，式 11）。不做任何拟合：只读取模型区域（16 行），每位客户只需数微秒，因此一列 20,000 个公式可以即时重算。x、t_x 和 t 必须以模型的时间单位（其 time_unit 行）计，与 CLVSUMMARY 给出的一致。在 BG/NBD 下，没有再次购买的客户（x = 0）的 P(alive) = 1。输入全部为空的行返回空单元格。',
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 生成的模型（消息会指出哪一行不对），或 x、t_x 和 t 的形状不同；仅在某位客户的单元格中：某个值不是数字，或该行不一致（x 为小数或负数、t_x 大于 t、x 为 0 时 t_x 大于 0，或 x 大于 0 时 t_x 为 0；消息会指明参数和行号）。",
        ],
      ],
      spills: ["溢出 2357 行 × 1 列：汇总表中每位 CDNOW 客户的存活概率，第一位是客户 1（0.7266）"],
    },
    "zh-TW": {
      name: "顧客存活機率.模型",
      description:
        "用 CRM.CLVFIT 一次配適好的模型計算每位顧客仍然存活的機率：成千上萬個公式也能即時計算。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢位的模型範圍（例如 H2#），可帶或不帶標題列和 standard_error 欄。",
        },
        x: {
          name: "重複購買天數",
          description: "每位顧客的重複購買天數（購買天數 − 1）：一個值或一個範圍。",
        },
        t_x: {
          name: "首末購買間隔",
          description:
            "每位顧客從首次到最後一次購買日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
        t: {
          name: "觀察時長",
          description:
            "每位顧客從首次購買日到校準期結束日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
      },
      returns: "每位顧客的存活機率 P(alive)，形狀與 x 相同（一位顧客即一個值）。",
      definition:
        '使用模型中的購買模型及其配適參數：BG/NBD 的 P(alive | x, t_x, t) = 1 ÷ (1 + δ(x > 0) × a ÷ (b + x − 1) × ((alpha + t) ÷ (alpha + t_x))^(r + x))（Fader、Hardie 和 Lee，2005、2008），若模型以 model "pareto_nbd" 配適，則用 Pareto/NBD 的公式（Fader 和 Hardie 2005 年筆記，式 11）。不做任何配適：只讀取模型範圍（16 列），每位顧客只需數微秒，因此一欄 20,000 個公式可以即時重算。x、t_x 和 t 必須以模型的時間單位（其 time_unit 列）計，與 CLVSUMMARY 給出的一致。在 BG/NBD 下，沒有再次購買的顧客（x = 0）的 P(alive) = 1。輸入全部為空的列傳回空儲存格。',
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 產生的模型（訊息會指出哪一列不對），或 x、t_x 和 t 的形狀不同；僅在某位顧客的儲存格中：某個值不是數字，或該列不一致（x 為小數或負數、t_x 大於 t、x 為 0 時 t_x 大於 0，或 x 大於 0 時 t_x 為 0；訊息會指明引數和列號）。",
        ],
      ],
      spills: ["溢位 2357 列 × 1 欄：彙總表中每位 CDNOW 顧客的存活機率，第一位是顧客 1（0.7266）"],
    },
  },
  "EXPECTEDPURCHASES.MODEL": {
    "zh-CN": {
      name: "预期购买次数.模型",
      description: "用 CRM.CLVFIT 一次拟合好的模型计算每位客户在接下来的预测时长内的预期购买次数。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢出的模型区域（例如 H2#），可带或不带标题行和 standard_error 列。",
        },
        x: {
          name: "重复购买天数",
          description: "每位客户的重复购买天数（购买天数 − 1）：一个值或一个区域。",
        },
        t_x: {
          name: "首末购买间隔",
          description:
            "每位客户从首次到最后一次购买日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
        t: {
          name: "观察时长",
          description:
            "每位客户从首次购买日到校准期结束日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
        horizon: {
          name: "预测时长",
          description: "向前预测多久，以模型的时间单位计（例如 39 周）。",
        },
      },
      returns: "每位客户的 E[未来预测时长内的购买次数 | x, t_x, t]，形状与 x 相同。",
      definition:
        "BG/NBD：Fader、Hardie 和 Lee（2005，式 10），高斯超几何函数求和至收敛；Pareto/NBD：该模型自身的条件期望（Schmittlein、Morrison 和 Colombo，1987）。购买次数按购买日计。x = 0、t_x = 0 且 t = 0 的客户是新获取的客户：结果为 E[X(预测时长)]（式 9）。不做任何拟合：每次调用只读取一次模型区域。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 生成的模型（消息会指出哪一行不对），或 x、t_x 和 t 的形状不同；仅在某位客户的单元格中：某个值不是数字，或该行不一致（x 为小数或负数、t_x 大于 t、x 为 0 时 t_x 大于 0，或 x 大于 0 时 t_x 为 0；消息会指明参数和行号）。",
        ],
        ["#NUM!", "预测时长为负数或不是有限数；仅在某位客户的单元格中：超几何级数不收敛。"],
      ],
      spills: [
        "溢出 2357 行 × 1 列：每位 CDNOW 客户在接下来 39 周的预期购买次数，第一位是客户 1（1.226）",
      ],
    },
    "zh-TW": {
      name: "預期購買次數.模型",
      description: "用 CRM.CLVFIT 一次配適好的模型計算每位顧客在接下來的預測時長內的預期購買次數。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢位的模型範圍（例如 H2#），可帶或不帶標題列和 standard_error 欄。",
        },
        x: {
          name: "重複購買天數",
          description: "每位顧客的重複購買天數（購買天數 − 1）：一個值或一個範圍。",
        },
        t_x: {
          name: "首末購買間隔",
          description:
            "每位顧客從首次到最後一次購買日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
        t: {
          name: "觀察時長",
          description:
            "每位顧客從首次購買日到校準期結束日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
        horizon: {
          name: "預測時長",
          description: "向前預測多久，以模型的時間單位計（例如 39 週）。",
        },
      },
      returns: "每位顧客的 E[未來預測時長內的購買次數 | x, t_x, t]，形狀與 x 相同。",
      definition:
        "BG/NBD：Fader、Hardie 和 Lee（2005，式 10），高斯超幾何函數求和至收斂；Pareto/NBD：該模型自身的條件期望（Schmittlein、Morrison 和 Colombo，1987）。購買次數按購買日計。x = 0、t_x = 0 且 t = 0 的顧客是新取得的顧客：結果為 E[X(預測時長)]（式 9）。不做任何配適：每次呼叫只讀取一次模型範圍。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 產生的模型（訊息會指出哪一列不對），或 x、t_x 和 t 的形狀不同；僅在某位顧客的儲存格中：某個值不是數字，或該列不一致（x 為小數或負數、t_x 大於 t、x 為 0 時 t_x 大於 0，或 x 大於 0 時 t_x 為 0；訊息會指明引數和列號）。",
        ],
        ["#NUM!", "預測時長為負數或不是有限數；僅在某位顧客的儲存格中：超幾何級數不收斂。"],
      ],
      spills: [
        "溢位 2357 列 × 1 欄：每位 CDNOW 顧客在接下來 39 週的預期購買次數，第一位是顧客 1（1.226）",
      ],
    },
  },
  "EXPECTEDSPEND.MODEL": {
    "zh-CN": {
      name: "预期平均消费额.模型",
      description:
        "用 CRM.CLVFIT 一次拟合好的模型（Gamma-Gamma）计算每位客户每个购买日的预期平均消费额。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢出的模型区域（例如 H2#），可带或不带标题行和 standard_error 列。",
        },
        x: {
          name: "重复购买天数",
          description: "每位客户的重复购买天数（购买天数 − 1）：一个值或一个区域。",
        },
        monetary: {
          name: "平均消费额",
          description:
            "每位客户重复购买日的平均消费额（x 为 0 时忽略，可为 0 或空）：一个值或与 x 形状相同的区域。",
        },
      },
      returns: "每位客户的 E[每个购买日的消费额 | x, monetary]，形状与 x 相同。",
      definition:
        "Gamma-Gamma（Fader 和 Hardie，2013，式 5）：(gamma + monetary × x) × p ÷ (p × x + q − 1)，即客户自身 monetary 与总体均值 p × gamma ÷ (q − 1) 的加权平均。不在消费模型拟合范围内的客户（一次性购买客户 x = 0，以及 monetary 为 0 或更少的重复购买客户，见 SPEC §2“消费模型的适用范围”）按总体均值计；该均值为无穷大（q ≤ 1）时，其单元格为 #NUM!。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 生成的模型（消息会指出哪一行不对），或 x 和 monetary 的形状不同；仅在某位客户的单元格中：某个值不是数字，或 x 不是 0 或以上的整数（消息会指明参数和行号）。",
        ],
        [
          "#NUM!",
          "仅在某位客户的单元格中：对不在消费模型拟合范围内的客户，总体平均消费额为无穷大（q ≤ 1），或 p × x + q ≤ 1。",
        ],
      ],
      spills: [
        "溢出 2357 行 × 1 列：每位 CDNOW 客户的预期消费额，前三位是客户 1–3（24.66、18.91、35.17）",
      ],
    },
    "zh-TW": {
      name: "預期平均消費額.模型",
      description:
        "用 CRM.CLVFIT 一次配適好的模型（Gamma-Gamma）計算每位顧客每個購買日的預期平均消費額。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢位的模型範圍（例如 H2#），可帶或不帶標題列和 standard_error 欄。",
        },
        x: {
          name: "重複購買天數",
          description: "每位顧客的重複購買天數（購買天數 − 1）：一個值或一個範圍。",
        },
        monetary: {
          name: "平均消費額",
          description:
            "每位顧客重複購買日的平均消費額（x 為 0 時忽略，可為 0 或空）：一個值或與 x 形狀相同的範圍。",
        },
      },
      returns: "每位顧客的 E[每個購買日的消費額 | x, monetary]，形狀與 x 相同。",
      definition:
        "Gamma-Gamma（Fader 和 Hardie，2013，式 5）：(gamma + monetary × x) × p ÷ (p × x + q − 1)，即顧客自身 monetary 與母體均值 p × gamma ÷ (q − 1) 的加權平均。不在消費模型配適範圍內的顧客（一次性購買顧客 x = 0，以及 monetary 為 0 或更少的重複購買顧客，見 SPEC §2「消費模型的適用範圍」）按母體均值計；該均值為無窮大（q ≤ 1）時，其儲存格為 #NUM!。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 產生的模型（訊息會指出哪一列不對），或 x 和 monetary 的形狀不同；僅在某位顧客的儲存格中：某個值不是數字，或 x 不是 0 或以上的整數（訊息會指明引數和列號）。",
        ],
        [
          "#NUM!",
          "僅在某位顧客的儲存格中：對不在消費模型配適範圍內的顧客，母體平均消費額為無窮大（q ≤ 1），或 p × x + q ≤ 1。",
        ],
      ],
      spills: [
        "溢位 2357 列 × 1 欄：每位 CDNOW 顧客的預期消費額，前三位是顧客 1–3（24.66、18.91、35.17）",
      ],
    },
  },
  "PREDICTEDCLV.MODEL": {
    "zh-CN": {
      name: "预测客户终生价值.模型",
      description:
        "用 CRM.CLVFIT 一次拟合好的模型计算每位客户在预测时长内的预测客户终生价值：预期购买次数 × 预期消费额，按时间单位折现。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢出的模型区域（例如 H2#），可带或不带标题行和 standard_error 列。",
        },
        x: {
          name: "重复购买天数",
          description: "每位客户的重复购买天数（购买天数 − 1）：一个值或一个区域。",
        },
        t_x: {
          name: "首末购买间隔",
          description:
            "每位客户从首次到最后一次购买日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
        t: {
          name: "观察时长",
          description:
            "每位客户从首次购买日到校准期结束日的时间，以模型的时间单位计：一个值或与 x 形状相同的区域。",
        },
        monetary: {
          name: "平均消费额",
          description:
            "每位客户重复购买日的平均消费额（x 为 0 时忽略，可为 0 或空）：一个值或与 x 形状相同的区域。",
        },
        horizon: {
          name: "预测时长",
          description: "向前预测多久，以模型的时间单位计（例如 52 周）。",
        },
        discount_rate: {
          name: "折现率",
          description:
            "按模型的每个时间单位计的折现率，以小数表示（模型按周时，0.002 即每周 0.2%）。",
        },
        margin: { name: "利润率", description: "利润率，以小数表示。省略时为 1（按收入计）。" },
      },
      returns: "每位客户的预测客户终生价值，形状与 x 相同。",
      definition:
        "与 PREDICTEDCLV 相同，只是以模型的时间单位作为预测时长和折现率的单位：预测时长按一个时间单位切分成若干步；第 k 步的预期购买次数 E[Y(k)] − E[Y(k − 1)]（模型中的购买模型，以客户的购买历史为条件）乘以 Gamma-Gamma 每个购买日的预期消费额再乘以利润率，并按 (1 + 折现率)^k 折现。不在消费模型拟合范围内的客户（一次性购买客户、monetary 为 0 或更少的重复购买客户）按总体平均消费额计；该均值为无穷大（q ≤ 1）时，其单元格为 #NUM!。不做任何拟合；BG/NBD 的折现后购买次数对每个不同的 (x, t) 只计算一次（再乘以每位客户的 P(alive)，与公式 10 的分解完全一致），Pareto/NBD 则对每个不同的 (x, t_x, t) 只计算一次。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 生成的模型（消息会指出哪一行不对），x、t_x、t 和 monetary 的形状不同，或预测时长太大（BG/NBD 按所有不同的 (x, t) 组合、Pareto/NBD 按所有不同的 (x, t_x, t) 客户历史，合计最多 2,000,000 个折现步；消息会给出最大的预测时长）；仅在某位客户的单元格中：某个值不是数字，或该行不一致（x 为小数或负数、t_x 大于 t、x 为 0 时 t_x 大于 0，或 x 大于 0 时 t_x 为 0；消息会指明参数和行号）。",
        ],
        [
          "#NUM!",
          "预测时长为负数，或折现率、利润率不在 0 到 1 之间；仅在某位客户的单元格中：对不在消费模型拟合范围内的客户，总体平均消费额为无穷大（q ≤ 1）。",
        ],
      ],
      spills: ["溢出 2357 行 × 1 列：每位 CDNOW 客户 52 周的客户终生价值，第一位是客户 1（36.60）"],
    },
    "zh-TW": {
      name: "預測顧客終身價值.模型",
      description:
        "用 CRM.CLVFIT 一次配適好的模型計算每位顧客在預測時長內的預測顧客終身價值：預期購買次數 × 預期消費額，按時間單位折現。",
      parameters: {
        model: {
          name: "模型",
          description:
            "CRM.CLVFIT 溢位的模型範圍（例如 H2#），可帶或不帶標題列和 standard_error 欄。",
        },
        x: {
          name: "重複購買天數",
          description: "每位顧客的重複購買天數（購買天數 − 1）：一個值或一個範圍。",
        },
        t_x: {
          name: "首末購買間隔",
          description:
            "每位顧客從首次到最後一次購買日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
        t: {
          name: "觀察時長",
          description:
            "每位顧客從首次購買日到校準期結束日的時間，以模型的時間單位計：一個值或與 x 形狀相同的範圍。",
        },
        monetary: {
          name: "平均消費額",
          description:
            "每位顧客重複購買日的平均消費額（x 為 0 時忽略，可為 0 或空）：一個值或與 x 形狀相同的範圍。",
        },
        horizon: {
          name: "預測時長",
          description: "向前預測多久，以模型的時間單位計（例如 52 週）。",
        },
        discount_rate: {
          name: "折現率",
          description:
            "按模型的每個時間單位計的折現率，以小數表示（模型按週時，0.002 即每週 0.2%）。",
        },
        margin: { name: "利潤率", description: "利潤率，以小數表示。省略時為 1（按收入計）。" },
      },
      returns: "每位顧客的預測顧客終身價值，形狀與 x 相同。",
      definition:
        "與 PREDICTEDCLV 相同，只是以模型的時間單位作為預測時長和折現率的單位：預測時長按一個時間單位切分成若干步；第 k 步的預期購買次數 E[Y(k)] − E[Y(k − 1)]（模型中的購買模型，以顧客的購買歷史為條件）乘以 Gamma-Gamma 每個購買日的預期消費額再乘以利潤率，並按 (1 + 折現率)^k 折現。不在消費模型配適範圍內的顧客（一次性購買顧客、monetary 為 0 或更少的重複購買顧客）按母體平均消費額計；該均值為無窮大（q ≤ 1）時，其儲存格為 #NUM!。不做任何配適；BG/NBD 的折現後購買次數對每個不同的 (x, t) 只計算一次（再乘以每位顧客的 P(alive)，與公式 10 的分解完全一致），Pareto/NBD 則對每個不同的 (x, t_x, t) 只計算一次。",
      errors: [
        [
          "#VALUE!",
          "model 不是 CRM.CLVFIT 產生的模型（訊息會指出哪一列不對），x、t_x、t 和 monetary 的形狀不同，或預測時長太大（BG/NBD 按所有不同的 (x, t) 組合、Pareto/NBD 按所有不同的 (x, t_x, t) 顧客歷史，合計最多 2,000,000 個折現步；訊息會給出最大的預測時長）；僅在某位顧客的儲存格中：某個值不是數字，或該列不一致（x 為小數或負數、t_x 大於 t、x 為 0 時 t_x 大於 0，或 x 大於 0 時 t_x 為 0；訊息會指明引數和列號）。",
        ],
        [
          "#NUM!",
          "預測時長為負數，或折現率、利潤率不在 0 到 1 之間；僅在某位顧客的儲存格中：對不在消費模型配適範圍內的顧客，母體平均消費額為無窮大（q ≤ 1）。",
        ],
      ],
      spills: ["溢位 2357 列 × 1 欄：每位 CDNOW 顧客 52 週的顧客終身價值，第一位是顧客 1（36.60）"],
    },
  },
  "PREDICTEDCLV.SUMMARY": {
    "zh-CN": {
      name: "预测客户终生价值.汇总表",
      description:
        "由现成的汇总表（每位客户的 x、t_x、T、monetary）计算预测客户终生价值，适用于在别处汇总好的数据。",
      parameters: {
        customer_ids: { name: "客户ID", description: "客户 ID，汇总表每行一个。" },
        x: { name: "重复购买天数", description: "每位客户的重复购买天数 x（购买天数 − 1）。" },
        t_x: {
          name: "首末购买间隔",
          description: "每位客户从首次购买到最后一次购买的时间 t_x，以时间单位计。",
        },
        t: {
          name: "观察时长",
          description: "每位客户从首次购买到校准期结束的时间 T，以时间单位计。",
        },
        monetary: {
          name: "平均消费额",
          description: "每位客户重复购买日的平均消费额（x 为 0 时忽略，可为 0 或留空）。",
        },
        time_unit: {
          name: "时间单位",
          description:
            '"day"、"week" 或 "month"（30.4375 天）：首末购买间隔、观察时长、预测时长和折现率的单位。',
        },
        horizon: { name: "预测时长", description: "向前预测多远，以时间单位计。" },
        discount_rate: { name: "折现率", description: "每个时间单位的折现率，以小数表示。" },
        margin: { name: "利润率", description: "利润率，以小数表示。省略时为 1（即按收入计算）。" },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出的表格，与 CRM.预测客户终生价值 相同：customer_id、x、t_x、T、monetary、p_alive、expected_purchases、expected_spend、clv。",
      definition:
        "模型和方法与 CRM.预测客户终生价值 相同，只是用给定的汇总表而不是交易数据来拟合。每一行都必须自洽：x 为 ≥ 0 的整数，0 ≤ t_x ≤ T，x = 0 时 t_x = 0。monetary 为 0 或更少的重复购买客户（x > 0）不纳入 Gamma-Gamma 拟合，其预期消费额为总体均值，与 CRM.预测客户终生价值 相同。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同，某个单元格为空或不是数字，或某行不自洽（x 为小数或负数、t_x 大于 T、x 为 0 而 t_x 大于 0 等；消息会指明参数和该参数区域内的行号），预测时长过大（在客户所有不同的 (x, T) 组合上最多 2,000,000 个折现步；消息会给出允许的最大时长），或某个拟合在这些数据上没有极大值：每位客户的购买历史都相同、每位重复购买客户的平均消费额都相同、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。",
        ],
        [
          "#NUM!",
          "预测时长为负数，或折现率或利润率不在 0 到 1 之间；仅在某位客户的 expected_spend 和 clv 单元格中：该客户的预期消费额无定义，即对不在消费模型拟合范围内的客户，总体平均消费额为无穷大（q ≤ 1），或对在其中的客户，p × x + q ≤ 1。",
        ],
        [
          "#N/A",
          "汇总表为空，没有人在两个不同的日子购买过（每行的 x 都为 0），或者 x 大于 0 且 monetary 大于 0 的行少于 2 行（消息会说明是哪种情况）。",
        ],
      ],
      spills: ["溢出 2358 行 × 9 列：标题行和已发表汇总表中的每位客户一行"],
    },
    "zh-TW": {
      name: "預測顧客終身價值.彙總表",
      description:
        "由現成的彙總表（每位顧客的 x、t_x、T、monetary）計算預測顧客終身價值，適用於在別處彙總好的資料。",
      parameters: {
        customer_ids: { name: "顧客ID", description: "顧客 ID，彙總表每列一個。" },
        x: { name: "重複購買天數", description: "每位顧客的重複購買天數 x（購買天數 − 1）。" },
        t_x: {
          name: "首末購買間隔",
          description: "每位顧客從首次購買到最後一次購買的時間 t_x，以時間單位計。",
        },
        t: {
          name: "觀察時長",
          description: "每位顧客從首次購買到校準期結束的時間 T，以時間單位計。",
        },
        monetary: {
          name: "平均消費額",
          description: "每位顧客重複購買日的平均消費額（x 為 0 時忽略，可為 0 或留空）。",
        },
        time_unit: {
          name: "時間單位",
          description:
            '"day"、"week" 或 "month"（30.4375 天）：首末購買間隔、觀察時長、預測時長和折現率的單位。',
        },
        horizon: { name: "預測時長", description: "向前預測多遠，以時間單位計。" },
        discount_rate: { name: "折現率", description: "每個時間單位的折現率，以小數表示。" },
        margin: { name: "利潤率", description: "利潤率，以小數表示。省略時為 1（即按收入計算）。" },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位的表格，與 CRM.預測顧客終身價值 相同：customer_id、x、t_x、T、monetary、p_alive、expected_purchases、expected_spend、clv。",
      definition:
        "模型和方法與 CRM.預測顧客終身價值 相同，只是用給定的彙總表而不是交易資料來配適。每一列都必須自洽：x 為 ≥ 0 的整數，0 ≤ t_x ≤ T，x = 0 時 t_x = 0。monetary 為 0 或更少的重複購買顧客（x > 0）不納入 Gamma-Gamma 配適，其預期消費額為總體均值，與 CRM.預測顧客終身價值 相同。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同，某個儲存格為空或不是數字，或某列不自洽（x 為小數或負數、t_x 大於 T、x 為 0 而 t_x 大於 0 等；訊息會指明引數和該引數範圍內的列號），預測時長過大（在顧客所有不同的 (x, T) 組合上最多 2,000,000 個折現步；訊息會給出允許的最大時長），或某個配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、每位重複購買顧客的平均消費額都相同、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。",
        ],
        [
          "#NUM!",
          "預測時長為負數，或折現率或利潤率不在 0 到 1 之間；僅在某位顧客的 expected_spend 和 clv 儲存格中：該顧客的預期消費額無定義，即對不在消費模型配適範圍內的顧客，母體平均消費額為無窮大（q ≤ 1），或對在其中的顧客，p × x + q ≤ 1。",
        ],
        [
          "#N/A",
          "彙總表為空，沒有人在兩個不同的日子購買過（每列的 x 都為 0），或者 x 大於 0 且 monetary 大於 0 的列少於 2 列（訊息會說明是哪種情況）。",
        ],
      ],
      spills: ["溢位 2358 列 × 9 欄：標題列和已發表彙總表中的每位顧客一列"],
    },
  },
  CLVHOLDOUT: {
    "zh-CN": {
      name: "预测模型留出检验",
      description:
        "预测模型的留出期检验：用校准期结束日之前的交易拟合购买模型，预测每位客户到留出期结束日为止的重复购买次数；按校准期频次溢出实际与预期的平均购买次数。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        calibration_end: {
          name: "校准期结束日",
          description: "校准期的最后一天：模型用截至当天（含当天）的购买拟合。",
        },
        holdout_end: {
          name: "留出期结束日",
          description:
            "留出期的最后一天，须晚于校准期结束日：从校准期结束日的次日到当天（含当天）的购买为实际购买。",
        },
        time_unit: {
          name: "时间单位",
          description:
            '"day"、"week" 或 "month"（30.4375 天），也可写 天、周、月：拟合模型所用的单位。',
        },
        model: {
          name: "模型",
          description: '"bgnbd"（BG/NBD）或 "pareto_nbd"（Pareto/NBD）。省略时为 "bgnbd"。',
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        '一个溢出的 4 列表格：calibration_frequency（校准期频次，文本 "0"、"1"、…、"6"、"7+"）、customers（客户数）、actual_mean（实际平均购买次数）、expected_mean（预期平均购买次数）；随后是覆盖全部客户的 "total" 行；最后是 "mean_absolute_error"（平均绝对误差）行，误差位于 expected_mean 列。',
      definition:
        "模型按 CRM.预测模型拟合 的方法，以每位客户在校准期结束日的 x、t_x 和 T 做最大似然拟合。对其中每位客户，实际值 = 校准期结束日之后到留出期结束日（含）的购买日数，预期值 = 模型的 E[Y(t) | x, t_x, T]，其中 t = (留出期结束日 − 校准期结束日) ÷ 时间单位（BG/NBD 见 Fader、Hardie 和 Lee 2005，式 10）。客户按校准期频次 x（截至校准期结束日的重复购买日数）分组：0、1、…、6 和 7 及以上，与 Fader、Hardie 和 Lee（2005，图 4）及 BTYD 的 bgnbd.PlotFreqVsConditionalExpectedFrequency 相同；每组给出客户数以及实际值和预期值在组内的平均，total 行对全部客户给出同样的数字（客户数 × 平均值即购买总次数），mean_absolute_error 是有客户的各组 |actual_mean − expected_mean| 的平均，每组不论大小都只计一次（BTYD 和 lifetimes 都不计算此值）。没有客户的组，平均值为空。购买次数按购买日计：同一客户同一天的多行只算一次。没有金额列时，每一行都算作购买。首次购买在校准期结束日之后的客户不在表中：模型并未用他们拟合。数据被视为覆盖整个留出期：留出期结束日晚于数据中最后日期时，缺少的日子按没有购买计。在同一运行环境中，相同的校准数据只拟合一次并重复使用。",
      errors: [
        [
          "#VALUE!",
          '各列长度不同或含有无法识别的单元格（消息会指明参数和行号），时间单位不是 day、week 或 month，模型不是 "bgnbd" 或 "pareto_nbd"，或拟合在这些数据上没有极大值：每位客户的购买历史都相同、某个参数趋向 0 或无穷大，或者拟合在迭代次数上限或 2 秒内未收敛（消息会说明是哪种情况以及该怎么做）。',
        ],
        ["#NUM!", "留出期结束日在校准期结束日当天或之前。"],
        [
          "#N/A",
          "在校准期结束日当天或之前没有人购买，截至当天没有人在两个不同的日子购买过，或者没有交易的日期晚于校准期结束日，因而数据不覆盖留出期（消息会说明是哪种情况）。",
        ],
      ],
      spills: [
        "溢出 11 行 × 4 列：标题行；频次 0 … 7+，客户数 1411、439、214、100、62、38、29、64，实际平均 0.2367 … 6.3594，预期平均 0.2251 … 6.1572；total 行 2357 位客户，实际 0.7985、预期 0.7015；平均绝对误差 0.2245",
      ],
    },
    "zh-TW": {
      name: "預測模型留出檢驗",
      description:
        "預測模型的留出期檢驗：用校準期結束日之前的交易配適購買模型，預測每位顧客到留出期結束日為止的重複購買次數；按校準期頻次溢位實際與預期的平均購買次數。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        calibration_end: {
          name: "校準期結束日",
          description: "校準期的最後一天：模型用截至當天（含當天）的購買配適。",
        },
        holdout_end: {
          name: "留出期結束日",
          description:
            "留出期的最後一天，須晚於校準期結束日：從校準期結束日的次日到當天（含當天）的購買為實際購買。",
        },
        time_unit: {
          name: "時間單位",
          description:
            '"day"、"week" 或 "month"（30.4375 天），也可寫 天、週、月：配適模型所用的單位。',
        },
        model: {
          name: "模型",
          description: '"bgnbd"（BG/NBD）或 "pareto_nbd"（Pareto/NBD）。省略時為 "bgnbd"。',
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        '一個溢位的 4 欄表格：calibration_frequency（校準期頻次，文字 "0"、"1"、…、"6"、"7+"）、customers（顧客數）、actual_mean（實際平均購買次數）、expected_mean（預期平均購買次數）；隨後是涵蓋全部顧客的 "total" 列；最後是 "mean_absolute_error"（平均絕對誤差）列，誤差位於 expected_mean 欄。',
      definition:
        "模型按 CRM.預測模型配適 的方法，以每位顧客在校準期結束日的 x、t_x 和 T 做最大概似配適。對其中每位顧客，實際值 = 校準期結束日之後到留出期結束日（含）的購買日數，預期值 = 模型的 E[Y(t) | x, t_x, T]，其中 t = (留出期結束日 − 校準期結束日) ÷ 時間單位（BG/NBD 見 Fader、Hardie 和 Lee 2005，式 10）。顧客按校準期頻次 x（截至校準期結束日的重複購買日數）分組：0、1、…、6 和 7 以上，與 Fader、Hardie 和 Lee（2005，圖 4）及 BTYD 的 bgnbd.PlotFreqVsConditionalExpectedFrequency 相同；每組列出顧客數以及實際值和預期值在組內的平均，total 列對全部顧客列出同樣的數字（顧客數 × 平均值即購買總次數），mean_absolute_error 是有顧客的各組 |actual_mean − expected_mean| 的平均，每組不論大小都只計一次（BTYD 和 lifetimes 都不計算此值）。沒有顧客的組，平均值為空。購買次數按購買日計：同一顧客同一天的多列只算一次。沒有金額欄時，每一列都算作購買。首次購買在校準期結束日之後的顧客不在表中：模型並未用他們配適。資料被視為涵蓋整個留出期：留出期結束日晚於資料中最後日期時，缺少的日子按沒有購買計。在同一執行環境中，相同的校準資料只配適一次並重複使用。",
      errors: [
        [
          "#VALUE!",
          '各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），時間單位不是 day、week 或 month，模型不是 "bgnbd" 或 "pareto_nbd"，或配適在這些資料上沒有極大值：每位顧客的購買歷史都相同、某個參數趨向 0 或無窮大，或者配適在迭代次數上限或 2 秒內未收斂（訊息會說明是哪種情況以及該怎麼做）。',
        ],
        ["#NUM!", "留出期結束日在校準期結束日當天或之前。"],
        [
          "#N/A",
          "在校準期結束日當天或之前沒有人購買，截至當天沒有人在兩個不同的日子購買過，或者沒有交易的日期晚於校準期結束日，因而資料不涵蓋留出期（訊息會說明是哪種情況）。",
        ],
      ],
      spills: [
        "溢位 11 列 × 4 欄：標題列；頻次 0 … 7+，顧客數 1411、439、214、100、62、38、29、64，實際平均 0.2367 … 6.3594，預期平均 0.2251 … 6.1572；total 列 2357 位顧客，實際 0.7985、預期 0.7015；平均絕對誤差 0.2245",
      ],
    },
  },
  RFMALERT: {
    "zh-CN": {
      name: "RFM预警",
      description:
        "RFM 预警：每位客户一行，列出距最近一次购买的天数、购买频次和消费金额的下降幅度，以及预警级别。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        as_of: {
          name: "截止日期",
          description: "预警的截止日期；晚于该日期的行会被忽略。省略时为数据中的最后一个日期。",
        },
        thresholds: {
          name: "阈值",
          description:
            "覆盖规则的 3 × 3 区域：各行依次为 yellow（关注级）、orange（重点关注级）、red（危机级）；各列依次为 R（天数）、F 下降幅度、M 下降幅度（小数）。空单元格保留默认值。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
        sort_by_severity: {
          name: "按严重程度排序",
          description:
            "TRUE 表示按 lost、red、orange、yellow、normal 的顺序列出客户（同级再按 R 从长到短）。省略时为 TRUE。",
        },
      },
      returns:
        "一个溢出的表格：customer_id、r_days（距最近购买天数）、f_recent（近期频次）、f_previous（前期频次）、f_decline（频次下降幅度）、m_recent（近期金额）、m_previous（前期金额）、m_decline（金额下降幅度）、level（级别）。",
      definition:
        'RFM 预警（源材料中某银行的规则）。R = 从最近一次购买日 L 到截止日期的天数。近期窗口 = 截至 L（含 L）的 30 天；前期窗口 = 在此之前的 30 天。F = 窗口内的购买天数，M = 窗口内的金额。下降幅度 = 前期 > 0 时为 (前期 − 近期) ÷ 前期，否则为 0，且不为负。级别取各规则达到的最严重级别（normal 正常 < yellow 关注级 < orange 重点关注级 < red 危机级 < lost 流失）：R 不超过 10 天不触发预警，11–30 天为 orange，31–60 天为 red，超过 60 天为 lost；F 或 M 的下降幅度不超过 30% 为 yellow，不超过 50% 为 orange，超过 50% 为 red；没有下降为 normal。边界值归入较低的一档（恰好 30% 为 yellow），并精确比较，金额以分计。默认阈值网格为 {10, 0.3, 0.3; 30, 0.5, 0.5; 60, "", ""}。退货（SPEC §2）：某客户某天的各行全为负金额时，该天不是购买日：不会成为 L，也不计入 F，但其金额计入所在窗口的 M，因此下降幅度始终在 0 到 1 之间（近期金额为 0 或以下时下降幅度为 1）。只有退货的客户不列出。',
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），或阈值区域不是 3 × 3。",
        ],
        [
          "#NUM!",
          "阈值不是递增的，某个下降幅度边界不在 0 到 1 之间，或金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
        ["#N/A", "各列中没有数据，或截止日期前没有人购买。"],
      ],
      spills: [
        "溢出 6 行 × 9 列：标题行、1002（lost，121 天）、1003（red，59 天）、1005（red，43 天）、1004（normal）和 1001（normal）",
      ],
    },
    "zh-TW": {
      name: "RFM預警",
      description:
        "RFM 預警：每位顧客一列，列出距最近一次購買的天數、購買頻次和消費金額的下降幅度，以及預警級別。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        as_of: {
          name: "截止日期",
          description: "預警的截止日期；晚於該日期的列會被忽略。省略時為資料中的最後一個日期。",
        },
        thresholds: {
          name: "門檻值",
          description:
            "覆蓋規則的 3 × 3 區域：各列依次為 yellow（關注級）、orange（重點關注級）、red（危機級）；各欄依次為 R（天數）、F 下降幅度、M 下降幅度（小數）。空儲存格保留預設值。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
        sort_by_severity: {
          name: "按嚴重程度排序",
          description:
            "TRUE 表示按 lost、red、orange、yellow、normal 的順序列出顧客（同級再按 R 從長到短）。省略時為 TRUE。",
        },
      },
      returns:
        "一個溢位的表格：customer_id、r_days（距最近購買天數）、f_recent（近期頻次）、f_previous（前期頻次）、f_decline（頻次下降幅度）、m_recent（近期金額）、m_previous（前期金額）、m_decline（金額下降幅度）、level（級別）。",
      definition:
        'RFM 預警（源材料中某銀行的規則）。R = 從最近一次購買日 L 到截止日期的天數。近期區間 = 截至 L（含 L）的 30 天；前期區間 = 在此之前的 30 天。F = 區間內的購買天數，M = 區間內的金額。下降幅度 = 前期 > 0 時為 (前期 − 近期) ÷ 前期，否則為 0，且不為負。級別取各規則達到的最嚴重級別（normal 正常 < yellow 關注級 < orange 重點關注級 < red 危機級 < lost 流失）：R 不超過 10 天不觸發預警，11–30 天為 orange，31–60 天為 red，超過 60 天為 lost；F 或 M 的下降幅度不超過 30% 為 yellow，不超過 50% 為 orange，超過 50% 為 red；沒有下降為 normal。邊界值歸入較低的一檔（恰好 30% 為 yellow），並精確比較，金額以分計。預設門檻值網格為 {10, 0.3, 0.3; 30, 0.5, 0.5; 60, "", ""}。退貨（SPEC §2）：某顧客某天的各列全為負金額時，該天不是購買日：不會成為 L，也不計入 F，但其金額計入所在區間的 M，因此下降幅度始終在 0 到 1 之間（近期金額為 0 或以下時下降幅度為 1）。只有退貨的顧客不列出。',
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），或門檻值區域不是 3 × 3。",
        ],
        [
          "#NUM!",
          "門檻值不是遞增的，某個下降幅度邊界不在 0 到 1 之間，或金額合計超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
        ["#N/A", "各欄中沒有資料，或截止日期前沒有人購買。"],
      ],
      spills: [
        "溢位 6 列 × 9 欄：標題列、1002（lost，121 天）、1003（red，59 天）、1005（red，43 天）、1004（normal）和 1001（normal）",
      ],
    },
  },
  RFMSEGMENTS: {
    "zh-CN": {
      name: "RFM客户分群",
      description:
        "RFM 评分与客户分群：按五分位将每位客户的最近购买（R）、购买频率（F）和消费金额（M）评为 1 到 5 分，并给出命名的客户群。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        as_of: {
          name: "截止日期",
          description: "评分的截止日期；晚于该日期的行会被忽略。省略时为数据中的最后一个日期。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出的表格：customer_id、recency（距最近购买天数）、frequency（购买天数）、monetary（消费总额）、r_score、f_score、m_score、rfm、segment（客户群）。",
      definition:
        "recency = 距最近一次购买的天数，frequency = 购买天数，monetary = 净消费额（扣除退货），均统计到截止日期为止。每项评分 = 1 + ⌊5 × (取值严格更差的客户数 + 取值相同的客户数（含本人）的一半) ÷ 客户数⌋：并列的客户按其名次的中点所在的五分位评分，因此最近购买、购买最频繁和消费最多的客户得 5 分，取值相同的客户得分总是相同，全部取值相同（或只有一位客户）时得 3 分。客户群由 R 分和 FM = ⌊(F + M) ÷ 2⌋ 决定：Champions 冠军客户（R 5 且 FM 4–5）、Loyal customers 忠诚客户（R 3–4 且 FM 4–5）、Potential loyalists 潜在忠诚客户（R 4–5 且 FM 2–3）、New customers 新客户（R 5 且 FM 1）、Promising 有潜力客户（R 4 且 FM 1）、Need attention 需关注客户（R 3 且 FM 3）、About to sleep 即将沉睡客户（R 3 且 FM 1–2）、Cannot lose them 不能失去的客户（R 1–2 且 FM 5）、At risk 有流失风险客户（R 1–2 且 FM 3–4）、Hibernating 休眠客户（R 2 且 FM 1–2）、Lost 已流失客户（R 1 且 FM 1–2）。segment 列显示英文名称。某客户某天的各行全为负金额（退货）时，该天不是购买日；只有退货的客户不列出。",
      errors: [
        ["#VALUE!", "各列长度不同或含有无法识别的单元格（消息会指明参数和行号）。"],
        ["#NUM!", "金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）。"],
        ["#N/A", "各列中没有数据，或截止日期前没有人购买。"],
      ],
      spills: [
        "溢出 6 行 × 9 列：标题行和客户 1001 至 1005；1001（2 天、4 次购买、380）为 555，Champions",
      ],
    },
    "zh-TW": {
      name: "RFM顧客分群",
      description:
        "RFM 評分與顧客分群：按五分位將每位顧客的最近購買（R）、購買頻率（F）和消費金額（M）評為 1 到 5 分，並給出命名的顧客群。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        as_of: {
          name: "截止日期",
          description: "評分的截止日期；晚於該日期的列會被忽略。省略時為資料中的最後一個日期。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位的表格：customer_id、recency（距最近購買天數）、frequency（購買天數）、monetary（消費總額）、r_score、f_score、m_score、rfm、segment（顧客群）。",
      definition:
        "recency = 距最近一次購買的天數，frequency = 購買天數，monetary = 淨消費額（扣除退貨），均統計到截止日期為止。每項評分 = 1 + ⌊5 × (取值嚴格更差的顧客數 + 取值相同的顧客數（含本人）的一半) ÷ 顧客數⌋：並列的顧客按其名次的中點所在的五分位評分，因此最近購買、購買最頻繁和消費最多的顧客得 5 分，取值相同的顧客得分總是相同，全部取值相同（或只有一位顧客）時得 3 分。顧客群由 R 分和 FM = ⌊(F + M) ÷ 2⌋ 決定：Champions 冠軍顧客（R 5 且 FM 4–5）、Loyal customers 忠誠顧客（R 3–4 且 FM 4–5）、Potential loyalists 潛在忠誠顧客（R 4–5 且 FM 2–3）、New customers 新顧客（R 5 且 FM 1）、Promising 有潛力顧客（R 4 且 FM 1）、Need attention 需關注顧客（R 3 且 FM 3）、About to sleep 即將沉睡顧客（R 3 且 FM 1–2）、Cannot lose them 不能失去的顧客（R 1–2 且 FM 5）、At risk 有流失風險顧客（R 1–2 且 FM 3–4）、Hibernating 休眠顧客（R 2 且 FM 1–2）、Lost 已流失顧客（R 1 且 FM 1–2）。segment 欄顯示英文名稱。某顧客某天的各列全為負金額（退貨）時，該天不是購買日；只有退貨的顧客不列出。",
      errors: [
        ["#VALUE!", "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號）。"],
        ["#NUM!", "金額合計超過 Excel 能容納的最大數字（約 1.8E+308）。"],
        ["#N/A", "各欄中沒有資料，或截止日期前沒有人購買。"],
      ],
      spills: [
        "溢位 6 列 × 9 欄：標題列和顧客 1001 至 1005；1001（2 天、4 次購買、380）為 555，Champions",
      ],
    },
  },
  GRADE: {
    "zh-CN": {
      name: "客户分级",
      description:
        "客户分级 A/B/C/D：按截止日期之前（含当日）365 天内的到访次数（不同的购买日数）分级。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        dates: { name: "交易日期", description: "每笔交易的日期，长度与客户ID相同。" },
        as_of: {
          name: "截止日期",
          description: "365 天窗口的最后一天。省略时为数据中的最后一个日期。",
        },
        thresholds: {
          name: "阈值",
          description: "三个单元格：A、B、C 级各自所需的最少到访次数。省略时为 3、2、1。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
        amounts: {
          name: "交易金额",
          description:
            "每笔交易的金额，长度与客户ID相同。给出时，某客户某天的各行全为退货（负金额）则该天不算购买；省略时每一行都算作购买。",
        },
      },
      returns: "一个溢出的表格：customer_id、visits（到访次数）、grade（等级）。",
      definition:
        "客户分级。到访次数 = [截止日期 − 364, 截止日期] 内不同购买日的天数；至少 3 次为 A，2 次为 B，1 次为 C，没有为 D（源材料中的售后示例）。同一客户同一天的多行算作一次到访。只在窗口之前购买过的客户为 D。退货（SPEC §2）：给出金额时，某客户某天的各行全为退货（负金额）则该天不是购买日，只有退货的客户不算客户；未给出金额时，每一行都算作购买。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同或含有无法识别的单元格（消息会指明参数和行号），或阈值不是三个单元格。",
        ],
        ["#NUM!", "阈值不是满足 A > B > C ≥ 1 的整数。"],
        ["#N/A", "各列中没有数据，或截止日期前没有人购买。"],
      ],
      spills: [
        "溢出 6 行 × 3 列：标题行、1001（4 次到访，A）、1002（2，B）、1003（2，B）、1004（2，B）和 1005（1，C）",
      ],
    },
    "zh-TW": {
      name: "顧客分級",
      description:
        "顧客分級 A/B/C/D：按截止日期之前（含當日）365 天內的到訪次數（不同的購買日數）分級。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        dates: { name: "交易日期", description: "每筆交易的日期，長度與顧客ID相同。" },
        as_of: {
          name: "截止日期",
          description: "365 天區間的最後一天。省略時為資料中的最後一個日期。",
        },
        thresholds: {
          name: "門檻值",
          description: "三個儲存格：A、B、C 級各自所需的最少到訪次數。省略時為 3、2、1。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
        amounts: {
          name: "交易金額",
          description:
            "每筆交易的金額，長度與顧客ID相同。給出時，某顧客某天的各列全為退貨（負金額）則該天不算購買；省略時每一列都算作購買。",
        },
      },
      returns: "一個溢位的表格：customer_id、visits（到訪次數）、grade（等級）。",
      definition:
        "顧客分級。到訪次數 = [截止日期 − 364, 截止日期] 內不同購買日的天數；至少 3 次為 A，2 次為 B，1 次為 C，沒有為 D（源材料中的售後示例）。同一顧客同一天的多列算作一次到訪。只在區間之前購買過的顧客為 D。退貨（SPEC §2）：給出金額時，某顧客某天的各列全為退貨（負金額）則該天不是購買日，只有退貨的顧客不算顧客；未給出金額時，每一列都算作購買。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號），或門檻值不是三個儲存格。",
        ],
        ["#NUM!", "門檻值不是滿足 A > B > C ≥ 1 的整數。"],
        ["#N/A", "各欄中沒有資料，或截止日期前沒有人購買。"],
      ],
      spills: [
        "溢位 6 列 × 3 欄：標題列、1001（4 次到訪，A）、1002（2，B）、1003（2，B）、1004（2，B）和 1005（1，C）",
      ],
    },
  },
  RETENTIONFIT: {
    "zh-CN": {
      name: "保留模型拟合",
      description:
        "用一个同期群各期的存续客户数拟合移位贝塔几何（sBG）保留模型，并溢出其参数和标准误。",
      parameters: {
        survivors: {
          name: "各期存续数",
          description:
            "一个同期群在 0、1、2……期后仍在合约中的客户数（一列或一行）：先是期初的同期群规模，之后不增加。须为整数；最后一个数之后的空单元格会被忽略。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个三列的溢出表格：parameter（参数）、value（值）、standard_error（标准误），依次为 alpha、beta、log_likelihood、periods（期数）、customers（客户数）。",
      definition:
        "移位贝塔几何模型（Fader 和 Hardie 2007，《How to Project Customer Retention》）：每期期末，每位仍在合约中的客户以自己的概率 θ 解约，该概率每期相同，并在客户之间服从 Beta(alpha, beta)。t 期后仍在合约中的比例为 S(t) = B(alpha, beta + t) ÷ B(alpha, beta)；第 t 期的客户保留率为 (beta + t − 1) ÷ (alpha + beta + t − 1)，它随在网时长上升，因为最可能解约的客户先离开。用最大似然法拟合：第 1 期有 n₀ − n₁ 位客户解约，第 2 期 n₁ − n₂ 位……最后一个数仍在合约中；标准误来自观测信息矩阵。若同期群中没有人解约、所有人都在第 1 期解约，或保留率不随时长上升（没有异质性：一个固定保留率即可描述），模型没有极大值：返回 #VALUE! 并说明原因，绝不给出边界上的估计。periods = 数的个数 − 1；customers = 第一个数。",
      errors: [
        [
          "#VALUE!",
          "各期存续数跨多行多列，含有文本，或在最后一个数之前有空单元格（消息会指明行号或列号），或模型在这些数上没有极大值：没有人解约、所有人都在第 1 期解约，或某个参数趋向 0 或无穷大（消息会给出可以替代的固定保留率）。",
        ],
        ["#NUM!", "某个数不是 ≥ 0 的整数，第一个数为 0，或某个数大于它前面的数。"],
        ["#N/A", "各期存续数少于 3 个（模型需要期初和至少 2 期）。"],
      ],
      spills: [
        "溢出 6 行 × 3 列：标题行，然后是 alpha 0.704（标准误 0.066）、beta 1.182（0.152）、log_likelihood −1680.27、periods 7、customers 1000",
      ],
    },
    "zh-TW": {
      name: "保留模型配適",
      description:
        "用一個同期群各期的存續顧客數配適移位貝塔幾何（sBG）保留模型，並溢位其參數和標準誤。",
      parameters: {
        survivors: {
          name: "各期存續數",
          description:
            "一個同期群在 0、1、2……期後仍在合約中的顧客數（一欄或一列）：先是期初的同期群規模，之後不增加。須為整數；最後一個數之後的空白儲存格會被忽略。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個三欄的溢位表格：parameter（參數）、value（值）、standard_error（標準誤），依次為 alpha、beta、log_likelihood、periods（期數）、customers（顧客數）。",
      definition:
        "移位貝塔幾何模型（Fader 和 Hardie 2007，《How to Project Customer Retention》）：每期期末，每位仍在合約中的顧客以自己的機率 θ 解約，該機率每期相同，並在顧客之間服從 Beta(alpha, beta)。t 期後仍在合約中的比例為 S(t) = B(alpha, beta + t) ÷ B(alpha, beta)；第 t 期的顧客保留率為 (beta + t − 1) ÷ (alpha + beta + t − 1)，它隨在網時長上升，因為最可能解約的顧客先離開。用最大概似法配適：第 1 期有 n₀ − n₁ 位顧客解約，第 2 期 n₁ − n₂ 位……最後一個數仍在合約中；標準誤來自觀測資訊矩陣。若同期群中沒有人解約、所有人都在第 1 期解約，或保留率不隨時長上升（沒有異質性：一個固定保留率即可描述），模型沒有極大值：傳回 #VALUE! 並說明原因，絕不給出邊界上的估計。periods = 數的個數 − 1；customers = 第一個數。",
      errors: [
        [
          "#VALUE!",
          "各期存續數跨多列多欄，含有文字，或在最後一個數之前有空白儲存格（訊息會指明列號或欄號），或模型在這些數上沒有極大值：沒有人解約、所有人都在第 1 期解約，或某個參數趨向 0 或無窮大（訊息會給出可以替代的固定保留率）。",
        ],
        ["#NUM!", "某個數不是 ≥ 0 的整數，第一個數為 0，或某個數大於它前面的數。"],
        ["#N/A", "各期存續數少於 3 個（模型需要期初和至少 2 期）。"],
      ],
      spills: [
        "溢位 6 列 × 3 欄：標題列，然後是 alpha 0.704（標準誤 0.066）、beta 1.182（0.152）、log_likelihood −1680.27、periods 7、customers 1000",
      ],
    },
  },
  RETENTIONFORECAST: {
    "zh-CN": {
      name: "保留率预测",
      description:
        "用按各期存续客户数拟合的移位贝塔几何模型，预测同期群此后各期的存续比例和客户保留率。",
      parameters: {
        survivors: {
          name: "各期存续数",
          description:
            "一个同期群在 0、1、2……期后仍在合约中的客户数（一列或一行）：先是期初的同期群规模，之后不增加。须为整数；最后一个数之后的空单元格会被忽略。",
        },
        periods_ahead: {
          name: "预测期数",
          description: "在最后一个数之后预测多少期（≥ 1 的整数）。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出表格，每个预测期一行：period（期）、expected_survivors（预期存续客户数）、survival（存续比例）、retention_rate（客户保留率）。",
      definition:
        "模型的拟合方式与 CRM.RETENTIONFIT 相同（Fader 和 Hardie 2007）。对最后一个数之后的每一期 t（各数覆盖第 0 到 k 期，因此 t = k + 1, …, k + 预测期数）：存续比例 S(t) = B(alpha, beta + t) ÷ B(alpha, beta)，即 t 期后仍在合约中的同期群比例；expected_survivors = 同期群规模（第一个数）× S(t)；retention_rate = S(t) ÷ S(t − 1) = (beta + t − 1) ÷ (alpha + beta + t − 1)，即第 t 期仍在合约中的客户在期末续约的比例。期的单位与各数相同（年、月）。客户价值见 CRM.RESIDUALLIFETIME。",
      errors: [
        [
          "#VALUE!",
          "各期存续数跨多行多列，含有文本，或在最后一个数之前有空单元格（消息会指明行号或列号），或模型在这些数上没有极大值（见 CRM.RETENTIONFIT）。",
        ],
        [
          "#NUM!",
          "某个数不是 ≥ 0 的整数，第一个数为 0，某个数大于它前面的数，预测期数不是 ≥ 1 的整数，或表格超出 Excel 的网格。",
        ],
        ["#N/A", "各期存续数少于 3 个。"],
      ],
      spills: [
        "溢出 6 行 × 4 列：标题行，然后是第 8 到 12 期，预期存续客户数 460.4、435.8、414.2、395.1、378.0（该同期群的实际数为 468、445、427、409、394）",
      ],
    },
    "zh-TW": {
      name: "保留率預測",
      description:
        "用按各期存續顧客數配適的移位貝塔幾何模型，預測同期群此後各期的存續比例和顧客保留率。",
      parameters: {
        survivors: {
          name: "各期存續數",
          description:
            "一個同期群在 0、1、2……期後仍在合約中的顧客數（一欄或一列）：先是期初的同期群規模，之後不增加。須為整數；最後一個數之後的空白儲存格會被忽略。",
        },
        periods_ahead: {
          name: "預測期數",
          description: "在最後一個數之後預測多少期（≥ 1 的整數）。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位表格，每個預測期一列：period（期）、expected_survivors（預期存續顧客數）、survival（存續比例）、retention_rate（顧客保留率）。",
      definition:
        "模型的配適方式與 CRM.RETENTIONFIT 相同（Fader 和 Hardie 2007）。對最後一個數之後的每一期 t（各數涵蓋第 0 到 k 期，因此 t = k + 1, …, k + 預測期數）：存續比例 S(t) = B(alpha, beta + t) ÷ B(alpha, beta)，即 t 期後仍在合約中的同期群比例；expected_survivors = 同期群規模（第一個數）× S(t)；retention_rate = S(t) ÷ S(t − 1) = (beta + t − 1) ÷ (alpha + beta + t − 1)，即第 t 期仍在合約中的顧客在期末續約的比例。期的單位與各數相同（年、月）。顧客價值見 CRM.RESIDUALLIFETIME。",
      errors: [
        [
          "#VALUE!",
          "各期存續數跨多列多欄，含有文字，或在最後一個數之前有空白儲存格（訊息會指明列號或欄號），或模型在這些數上沒有極大值（見 CRM.RETENTIONFIT）。",
        ],
        [
          "#NUM!",
          "某個數不是 ≥ 0 的整數，第一個數為 0，某個數大於它前面的數，預測期數不是 ≥ 1 的整數，或表格超出 Excel 的格線。",
        ],
        ["#N/A", "各期存續數少於 3 個。"],
      ],
      spills: [
        "溢位 6 列 × 4 欄：標題列，然後是第 8 到 12 期，預期存續顧客數 460.4、435.8、414.2、395.1、378.0（該同期群的實際數為 468、445、427、409、394）",
      ],
    },
  },
  RESIDUALLIFETIME: {
    "zh-CN": {
      name: "折现剩余生命期",
      description:
        "用按同期群各期存续客户数拟合的移位贝塔几何模型，计算订阅客户的折现预期剩余生命期（DERL），以每期付款次数计。",
      parameters: {
        survivors: {
          name: "各期存续数",
          description:
            "一个同期群在 0、1、2……期后仍在合约中的客户数（一列或一行）：先是期初的同期群规模，之后不增加。须为整数；最后一个数之后的空单元格会被忽略。",
        },
        discount_rate: {
          name: "折现率",
          description:
            "每期的折现率（0.1 即每期 10%）：0，或至少 0.0001。省略时为 0（不折现的预期剩余生命期）。",
        },
        renewals: {
          name: "续约次数",
          description:
            "客户已续约的次数（≥ 0 的整数）。省略时为各数覆盖的期数，即最后一个数时的同期群存续客户。",
        },
      },
      returns: "客户未来付款的预期现值，以每期付款 1 计；乘以每期利润即为剩余终生价值。",
      definition:
        "Fader 和 Hardie（2010），《Customer-Base Valuation in a Contractual Setting》：对已续约 n 次、在下一次续约决定之前估值、每期期初付款的客户，DERL = 对 t > n 求和 S(t) ÷ S(n) × (1 + 折现率)^−(t − n − 1) = (beta + n) ÷ (alpha + beta + n) × ₂F₁(1, beta + n + 1; alpha + beta + n + 1; 1 ÷ (1 + 折现率))，alpha 与 beta 的拟合方式与 CRM.RETENTIONFIT 相同：下一次续约的付款不折现，之后每次多折现一期。它随 n 上升，因为留下来的是忠诚客户。折现率为 0 时它是预期的后续期数 (beta + n) ÷ (alpha − 1)，alpha ≤ 1 时为无穷大（#NUM!）。新客户的预期生命期（计入第一期）为 1 + CRM.折现剩余生命期(各期存续数, 0, 0)。",
      errors: [
        [
          "#VALUE!",
          "各期存续数跨多行多列，含有文本，或在最后一个数之前有空单元格（消息会指明行号或列号），或模型在这些数上没有极大值（见 CRM.RETENTIONFIT）。",
        ],
        [
          "#NUM!",
          "某个数不是 ≥ 0 的整数，第一个数为 0，某个数大于它前面的数，折现率为负或介于 0 和 0.0001 之间，续约次数不是 ≥ 0 的整数，或折现率为 0 且 alpha ≤ 1（预期生命期为无穷大）。",
        ],
        ["#N/A", "各期存续数少于 3 个。"],
      ],
    },
    "zh-TW": {
      name: "折現剩餘生命期",
      description:
        "用按同期群各期存續顧客數配適的移位貝塔幾何模型，計算訂閱顧客的折現預期剩餘生命期（DERL），以每期付款次數計。",
      parameters: {
        survivors: {
          name: "各期存續數",
          description:
            "一個同期群在 0、1、2……期後仍在合約中的顧客數（一欄或一列）：先是期初的同期群規模，之後不增加。須為整數；最後一個數之後的空白儲存格會被忽略。",
        },
        discount_rate: {
          name: "折現率",
          description:
            "每期的折現率（0.1 即每期 10%）：0，或至少 0.0001。省略時為 0（不折現的預期剩餘生命期）。",
        },
        renewals: {
          name: "續約次數",
          description:
            "顧客已續約的次數（≥ 0 的整數）。省略時為各數涵蓋的期數，即最後一個數時的同期群存續顧客。",
        },
      },
      returns: "顧客未來付款的預期現值，以每期付款 1 計；乘以每期利潤即為剩餘終身價值。",
      definition:
        "Fader 和 Hardie（2010），《Customer-Base Valuation in a Contractual Setting》：對已續約 n 次、在下一次續約決定之前估值、每期期初付款的顧客，DERL = 對 t > n 求和 S(t) ÷ S(n) × (1 + 折現率)^−(t − n − 1) = (beta + n) ÷ (alpha + beta + n) × ₂F₁(1, beta + n + 1; alpha + beta + n + 1; 1 ÷ (1 + 折現率))，alpha 與 beta 的配適方式與 CRM.RETENTIONFIT 相同：下一次續約的付款不折現，之後每次多折現一期。它隨 n 上升，因為留下來的是忠誠顧客。折現率為 0 時它是預期的後續期數 (beta + n) ÷ (alpha − 1)，alpha ≤ 1 時為無窮大（#NUM!）。新顧客的預期生命期（計入第一期）為 1 + CRM.折現剩餘生命期(各期存續數, 0, 0)。",
      errors: [
        [
          "#VALUE!",
          "各期存續數跨多列多欄，含有文字，或在最後一個數之前有空白儲存格（訊息會指明列號或欄號），或模型在這些數上沒有極大值（見 CRM.RETENTIONFIT）。",
        ],
        [
          "#NUM!",
          "某個數不是 ≥ 0 的整數，第一個數為 0，某個數大於它前面的數，折現率為負或介於 0 和 0.0001 之間，續約次數不是 ≥ 0 的整數，或折現率為 0 且 alpha ≤ 1（預期生命期為無窮大）。",
        ],
        ["#N/A", "各期存續數少於 3 個。"],
      ],
    },
  },
  SURVIVORS: {
    "zh-CN": {
      name: "存续客户数",
      description:
        "从订阅表计算各开始同期群的存续客户数：每期开始订阅的客户，以及其中在 0、1、2……期后仍在合约中的人数。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔订阅的客户 ID（一列）。不区分大小写（"abc" 即 "ABC"）；1001 与 "1001" 为同一客户。',
        },
        start_dates: { name: "开始日期", description: "每笔订阅的第一天，长度与客户ID相同。" },
        end_dates: {
          name: "结束日期",
          description: "每笔订阅结束的日期，长度与客户ID相同；仍在进行时留空（或为 0）。",
        },
        period: {
          name: "周期",
          description:
            '"month"、"quarter" 或 "year"（也可用 月、季度、年）：同期群和计数的周期。省略时为 month。',
        },
        as_of: {
          name: "截至日期",
          description:
            "表格的截至日期：之后开始的订阅被忽略，在其之后结束的期留空。省略时为数据中最后的开始或结束日期。",
        },
        show_header: { name: "显示标题行", description: "TRUE 表示添加标题行。省略时为 TRUE。" },
      },
      returns:
        "一个溢出表格：cohort（同期群）、first_day（第一天）、customers（客户数），然后每个偏移期 0、1、2……一列，为该同期群的存续客户数。",
      definition:
        "同期群 = 订阅开始所在的日历周期。偏移期 0 的数为同期群规模；偏移期 k 的数为其订阅在周期 同期群 + k 的最后一天之前尚未结束的数量（结束日期为空或更晚）。在某期最后一天结束的订阅算作该期期末已离开；截至日期之后的结束日期尚不可知，算作仍在进行。合约期为一个周期时，偏移期 k 统计的是续约了 k 次的客户。截至日期时尚未完整经过的期留空，绝不为 0（右删失）；同期群仍在形成时偏移期 0 也留空。每行是一笔订阅：回流的客户有第二行，其开始不早于前一笔的结束，并在新开始的同期群中再次计入；同一客户重叠的订阅会被拒绝。表格的一行（从偏移期 0 起）正是 CRM.RETENTIONFIT、CRM.RETENTIONFORECAST 和 CRM.RESIDUALLIFETIME 读取的内容；行末的空单元格会被忽略。",
      errors: [
        [
          "#VALUE!",
          "各列长度不同、跨多列，某个单元格的 ID 或开始日期为空或无法识别、结束日期无法识别，某个结束日期早于其开始日期，或同一客户的订阅重叠（消息会指明参数和行号），或周期不是规定的词之一。",
        ],
        ["#NUM!", "表格超出 Excel 的网格（从第一个开始日期到截至日期超过 16,381 期）。"],
        ["#N/A", "各列中没有数据，或没有订阅在截至日期当天或之前开始。"],
      ],
      spills: [
        "溢出 3 行 × 6 列：标题行，同期群 2024-03（2 位客户；存续 2、1、1）和 2024-04（1 位客户；1、1，然后一个空单元格）",
      ],
    },
    "zh-TW": {
      name: "存續顧客數",
      description:
        "從訂閱表計算各開始同期群的存續顧客數：每期開始訂閱的顧客，以及其中在 0、1、2……期後仍在合約中的人數。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆訂閱的顧客 ID（一欄）。不區分大小寫（"abc" 即 "ABC"）；1001 與 "1001" 為同一顧客。',
        },
        start_dates: { name: "開始日期", description: "每筆訂閱的第一天，長度與顧客ID相同。" },
        end_dates: {
          name: "結束日期",
          description: "每筆訂閱結束的日期，長度與顧客ID相同；仍在進行時留空（或為 0）。",
        },
        period: {
          name: "週期",
          description:
            '"month"、"quarter" 或 "year"（也可用 月、季度、年）：同期群和計數的週期。省略時為 month。',
        },
        as_of: {
          name: "截至日期",
          description:
            "表格的截至日期：之後開始的訂閱被忽略，在其之後結束的期留空。省略時為資料中最後的開始或結束日期。",
        },
        show_header: { name: "顯示標題列", description: "TRUE 表示新增標題列。省略時為 TRUE。" },
      },
      returns:
        "一個溢位表格：cohort（同期群）、first_day（第一天）、customers（顧客數），然後每個偏移期 0、1、2……一欄，為該同期群的存續顧客數。",
      definition:
        "同期群 = 訂閱開始所在的日曆週期。偏移期 0 的數為同期群規模；偏移期 k 的數為其訂閱在週期 同期群 + k 的最後一天之前尚未結束的數量（結束日期為空或更晚）。在某期最後一天結束的訂閱算作該期期末已離開；截至日期之後的結束日期尚不可知，算作仍在進行。合約期為一個週期時，偏移期 k 統計的是續約了 k 次的顧客。截至日期時尚未完整經過的期留空，絕不為 0（右設限）；同期群仍在形成時偏移期 0 也留空。每列是一筆訂閱：回流的顧客有第二列，其開始不早於前一筆的結束，並在新開始的同期群中再次計入；同一顧客重疊的訂閱會被拒絕。表格的一列（從偏移期 0 起）正是 CRM.RETENTIONFIT、CRM.RETENTIONFORECAST 和 CRM.RESIDUALLIFETIME 讀取的內容；列末的空白儲存格會被忽略。",
      errors: [
        [
          "#VALUE!",
          "各欄長度不同、跨多欄，某個儲存格的 ID 或開始日期為空或無法識別、結束日期無法識別，某個結束日期早於其開始日期，或同一顧客的訂閱重疊（訊息會指明引數和列號），或週期不是規定的詞之一。",
        ],
        ["#NUM!", "表格超出 Excel 的格線（從第一個開始日期到截至日期超過 16,381 期）。"],
        ["#N/A", "各欄中沒有資料，或沒有訂閱在截至日期當天或之前開始。"],
      ],
      spills: [
        "溢位 3 列 × 6 欄：標題列，同期群 2024-03（2 位顧客；存續 2、1、1）和 2024-04（1 位顧客；1、1，然後一個空白儲存格）",
      ],
    },
  },
  TOPSHARE: {
    "zh-CN": {
      name: "头部客户收入占比",
      description: "头部客户收入占比（80/20 检验）：收入中来自排名靠前的那部分客户的比例。",
      parameters: {
        customer_ids: {
          name: "客户ID",
          description:
            '每笔交易的客户 ID（一列）。匹配时不区分大小写（"abc" 即 "ABC"），此外不作转换：ß 与 SS、全角 Ａ 与半角 A 不同；1001 与 "1001" 为同一客户。按首次出现时的写法显示。',
        },
        amounts: { name: "交易金额", description: "每笔交易的金额，长度与客户ID相同。" },
        top_share: {
          name: "头部客户比例",
          description: "排名靠前的客户所占的比例。省略时为 0.2（即前 20%）。",
        },
      },
      returns: "头部客户的收入占比，以小数表示。",
      definition:
        "按消费总额对客户排名；取前 ⌈头部客户比例 × 客户数⌉ 位客户，用他们的收入除以所有参与排名客户的收入，因此份额介于 0 和 1 之间（头部客户比例为 1 时为 1）。收入为扣除退货（负金额，SPEC §2）后的净额。退货超过购买的客户（净收入小于 0，通常是数据开始之前所购商品的退货）不占任何收入份额：不参与排名，不计入客户数和总收入；各行全为退货的客户的金额同样不计入；若计入它们，总收入会小于头部客户的收入，份额会超过 100%。净收入恰为 0 的客户计入客户数。所有单元格都为空的行会被跳过（空单元格可能以 0 传入：客户ID 为 0 且金额为 0 的行视为空行，而客户ID 为 0 且金额不为 0 的行属于客户 0）。",
      errors: [
        ["#VALUE!", "各列长度不同或含有无法识别的单元格（消息会指明参数和行号）。"],
        [
          "#NUM!",
          "头部客户比例不大于 0 或大于 1，或金额合计超过 Excel 能容纳的最大数字（约 1.8E+308）。",
        ],
        ["#DIV/0!", "参与排名客户的净收入合计不大于 0。"],
        ["#N/A", "各列中没有数据。"],
      ],
    },
    "zh-TW": {
      name: "頂尖顧客收入佔比",
      description: "頂尖顧客收入佔比（80/20 檢驗）：收入中來自排名靠前的那部分顧客的比例。",
      parameters: {
        customer_ids: {
          name: "顧客ID",
          description:
            '每筆交易的顧客 ID（一欄）。比對時不區分大小寫（"abc" 即 "ABC"），此外不作轉換：ß 與 SS、全形 Ａ 與半形 A 不同；1001 與 "1001" 為同一顧客。依首次出現時的寫法顯示。',
        },
        amounts: { name: "交易金額", description: "每筆交易的金額，長度與顧客ID相同。" },
        top_share: {
          name: "頂尖顧客比例",
          description: "排名靠前的顧客所佔的比例。省略時為 0.2（即前 20%）。",
        },
      },
      returns: "頂尖顧客的收入佔比，以小數表示。",
      definition:
        "按消費總額對顧客排名；取前 ⌈頂尖顧客比例 × 顧客數⌉ 位顧客，用他們的收入除以所有參與排名顧客的收入，因此份額介於 0 和 1 之間（頂尖顧客比例為 1 時為 1）。收入為扣除退貨（負金額，SPEC §2）後的淨額。退貨超過購買的顧客（淨收入小於 0，通常是資料開始之前所購商品的退貨）不佔任何收入份額：不參與排名，不計入顧客數和總收入；各列全為退貨的顧客的金額同樣不計入；若計入它們，總收入會小於頂尖顧客的收入，份額會超過 100%。淨收入恰為 0 的顧客計入顧客數。所有儲存格都為空的列會被略過（空儲存格可能以 0 傳入：顧客ID 為 0 且金額為 0 的列視為空列，而顧客ID 為 0 且金額不為 0 的列屬於顧客 0）。",
      errors: [
        ["#VALUE!", "各欄長度不同或含有無法識別的儲存格（訊息會指明引數和列號）。"],
        [
          "#NUM!",
          "頂尖顧客比例不大於 0 或大於 1，或金額合計超過 Excel 能容納的最大數字（約 1.8E+308）。",
        ],
        ["#DIV/0!", "參與排名顧客的淨收入合計不大於 0。"],
        ["#N/A", "各欄中沒有資料。"],
      ],
    },
  },
};
