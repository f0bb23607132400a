/**
 * The count-form worksheet functions: metrics from counts and averages the analyst already has.
 * Each JSDoc block is the function's one documentation: Excel's metadata (description,
 * parameters, help link) and the function reference page (@remarks, @example, @throws) are
 * both generated from it.
 */
import { churnRate, relativeChurnRate } from "../core/metrics/churn";
import { retentionRate } from "../core/metrics/retention";
import { repeatPurchaseRate } from "../core/metrics/repeatPurchase";
import { annuityClv, retentionClv, simpleClv } from "../core/metrics/clv";
import { netPromoterScore, netPromoterScoreFromScores } from "../core/metrics/nps";
import { csat } from "../core/metrics/csat";
import { evaluate, numberArg, optionalNumberArg, optionalNumberColumn } from "./adapter";

/**
 * Churn rate: the share of the customers at the start of a period who were lost during it.
 * @customfunction CHURNRATE
 * @helpurl https://localhost:3000/reference/index.html#churnrate
 * @param lost Customers lost during the period (a whole number, at most customers_at_start).
 * @param customers_at_start Customers at the start of the period (a whole number above 0).
 * @returns The churn rate as a fraction (0.05 is 5%).
 * @remarks 绝对流失率. churn rate = lost ÷ customers_at_start.
 * @example =CRM.CHURNRATE(50, 1000) → 0.05
 * @throws #VALUE! lost or customers_at_start is empty, text that is not a number, TRUE/FALSE or an error value.
 * @throws #NUM! a count is negative, not a whole number or above 9,007,199,254,740,991 (too large to count exactly), or lost exceeds customers_at_start.
 * @throws #DIV/0! customers_at_start is 0.
 */
export function CHURNRATE(lost: unknown, customers_at_start: unknown): number {
  return evaluate("CRM.CHURNRATE", () =>
    churnRate(numberArg(lost, "lost"), numberArg(customers_at_start, "customers_at_start"))
  );
}

/**
 * Relative churn rate: the churn rate weighted by how much the lost customers spent compared with all customers.
 * @customfunction RELATIVECHURN
 * @helpurl https://localhost:3000/reference/index.html#relativechurn
 * @param lost Customers lost during the period (a whole number, at most customers).
 * @param customers All customers in the period (a whole number above 0).
 * @param average_purchase_lost Average purchase of the lost customers.
 * @param average_purchase_all Average purchase of all customers (above 0).
 * @returns The relative churn rate as a fraction.
 * @remarks 相对流失率. relative churn = (lost ÷ customers) × (average_purchase_lost ÷ average_purchase_all): the share of all spending that left with the lost customers, so it lies between 0 and 1.
 * @example =CRM.RELATIVECHURN(10, 100, 200, 100) → 0.2
 * @throws #VALUE! an argument is empty, not a number, TRUE/FALSE or an error value.
 * @throws #NUM! a count is negative, fractional or above 9,007,199,254,740,991, lost exceeds customers, an average is negative, or lost × average_purchase_lost exceeds customers × average_purchase_all.
 * @throws #DIV/0! customers or average_purchase_all is 0.
 */
export function RELATIVECHURN(
  lost: unknown,
  customers: unknown,
  average_purchase_lost: unknown,
  average_purchase_all: unknown
): number {
  return evaluate("CRM.RELATIVECHURN", () =>
    relativeChurnRate({
      lost: numberArg(lost, "lost"),
      customers: numberArg(customers, "customers"),
      averagePurchaseLost: numberArg(average_purchase_lost, "average_purchase_lost"),
      averagePurchaseAll: numberArg(average_purchase_all, "average_purchase_all"),
    })
  );
}

/**
 * Customer retention rate (CRR): customers at the end who were not newly acquired, as a share of the customers at the start.
 * @customfunction RETENTIONRATE
 * @helpurl https://localhost:3000/reference/index.html#retentionrate
 * @param customers_at_start Customers at the start of the period, S (a whole number above 0).
 * @param new_customers Customers acquired during the period, N (a whole number).
 * @param customers_at_end Customers at the end of the period, E, including new customers still active (a whole number, at least new_customers).
 * @returns The retention rate as a fraction; it can exceed 1 when lapsed customers return.
 * @remarks 客户保留率. CRR = (E − N) ÷ S. E includes customers who came back after lapsing, so CRR is not 1 − churn rate and may exceed 1; it is never capped.
 * @example =CRM.RETENTIONRATE(100, 30, 120) → 0.9
 * @throws #VALUE! an argument is empty, not a number, TRUE/FALSE or an error value.
 * @throws #NUM! a count is negative, fractional or above 9,007,199,254,740,991, or customers_at_end is below new_customers.
 * @throws #DIV/0! customers_at_start is 0.
 */
export function RETENTIONRATE(
  customers_at_start: unknown,
  new_customers: unknown,
  customers_at_end: unknown
): number {
  return evaluate("CRM.RETENTIONRATE", () =>
    retentionRate({
      customersAtStart: numberArg(customers_at_start, "customers_at_start"),
      newCustomers: numberArg(new_customers, "new_customers"),
      customersAtEnd: numberArg(customers_at_end, "customers_at_end"),
    })
  );
}

/**
 * Repeat purchase rate: the share of customers who bought at least twice.
 * @customfunction REPEATRATE
 * @helpurl https://localhost:3000/reference/index.html#repeatrate
 * @param repeat_customers Customers with two or more purchases (a whole number, at most customers).
 * @param customers All customers (a whole number above 0).
 * @returns The repeat purchase rate as a fraction.
 * @remarks 重复购买率. repeat purchase rate = repeat_customers ÷ customers.
 * @example =CRM.REPEATRATE(150, 500) → 0.3
 * @throws #VALUE! an argument is empty, not a number, TRUE/FALSE or an error value.
 * @throws #NUM! a count is negative, fractional or above 9,007,199,254,740,991, or repeat_customers exceeds customers.
 * @throws #DIV/0! customers is 0.
 */
export function REPEATRATE(repeat_customers: unknown, customers: unknown): number {
  return evaluate("CRM.REPEATRATE", () =>
    repeatPurchaseRate(
      numberArg(repeat_customers, "repeat_customers"),
      numberArg(customers, "customers")
    )
  );
}

/**
 * Customer lifetime value from averages: average purchase × purchases per period × lifespan, optionally times a margin and discounted.
 * @customfunction CLV
 * @helpurl https://localhost:3000/reference/index.html#clv
 * @param average_purchase Average value of one purchase.
 * @param purchases_per_period Purchases per period (for example per year).
 * @param lifespan_periods Expected customer lifespan in the same periods.
 * @param [margin] Profit margin as a fraction (0.3 for 30%). Omitted: 1, i.e. revenue.
 * @param [discount_rate] Discount rate per period as a fraction (0.1 for 10%). Omitted: 0, undiscounted.
 * @returns The customer lifetime value, in the currency of average_purchase.
 * @remarks 客户终生价值. CLV = average_purchase × purchases_per_period × margin × A, where A = lifespan_periods without discounting and A = (1 − (1 + discount_rate)^−lifespan_periods) ÷ discount_rate with it (each period's value counted at the period's end, as Excel's PV does).
 * @example =CRM.CLV(50, 2, 24) → 2400
 * @example =CRM.CLV(50, 2, 24, 0.25) → 600
 * @throws #VALUE! an argument is empty (where required), not a number, TRUE/FALSE or an error value.
 * @throws #NUM! an argument is negative, margin or discount_rate lies outside 0 to 1 (write 30% as 0.3), or the value exceeds the largest number Excel can hold (about 1.8E+308).
 */
export function CLV(
  average_purchase: unknown,
  purchases_per_period: unknown,
  lifespan_periods: unknown,
  margin?: unknown,
  discount_rate?: unknown
): number {
  return evaluate("CRM.CLV", () =>
    simpleClv({
      averagePurchase: numberArg(average_purchase, "average_purchase"),
      purchasesPerPeriod: numberArg(purchases_per_period, "purchases_per_period"),
      lifespanPeriods: numberArg(lifespan_periods, "lifespan_periods"),
      margin: optionalNumberArg(margin, "margin", 1),
      discountRate: optionalNumberArg(discount_rate, "discount_rate", 0),
    })
  );
}

/**
 * Discounted customer lifetime value as an annuity: the present value of (yearly revenue − cost to serve) over the loyal years.
 * @customfunction CLVANNUITY
 * @helpurl https://localhost:3000/reference/index.html#clvannuity
 * @param yearly_revenue Revenue from the customer per year.
 * @param discount_rate Yearly discount rate as a fraction (0.1 for 10%).
 * @param years Years the customer stays loyal.
 * @param [yearly_cost] Cost to serve the customer per year. Omitted: 0.
 * @returns The present value of the customer's net revenue.
 * @remarks CLV = R × (1 − (1 + r)^−n) ÷ r with R = yearly_revenue − yearly_cost, r = discount_rate, n = years, cash at each year's end; R × n when r = 0. Equals Excel's PV(r, n, −R). Negative when the cost to serve exceeds the revenue.
 * @example =CRM.CLVANNUITY(100, 0.1, 3) → 248.685
 * @throws #VALUE! an argument is empty (where required), not a number, TRUE/FALSE or an error value.
 * @throws #NUM! revenue, cost or years is negative, discount_rate lies outside 0 to 1, or the value exceeds the largest number Excel can hold (about 1.8E+308).
 */
export function CLVANNUITY(
  yearly_revenue: unknown,
  discount_rate: unknown,
  years: unknown,
  yearly_cost?: unknown
): number {
  return evaluate("CRM.CLVANNUITY", () =>
    annuityClv({
      yearlyRevenue: numberArg(yearly_revenue, "yearly_revenue"),
      discountRate: numberArg(discount_rate, "discount_rate"),
      years: numberArg(years, "years"),
      yearlyCost: optionalNumberArg(yearly_cost, "yearly_cost", 0),
    })
  );
}

/**
 * Retention-based customer lifetime value: the expected discounted margin of a customer who stays each period with the retention rate.
 * @customfunction CLVRETENTION
 * @helpurl https://localhost:3000/reference/index.html#clvretention
 * @param margin Margin per period from an active customer, m.
 * @param retention_rate Retention rate per period as a fraction, ρ (0.8 for 80%).
 * @param discount_rate Discount rate per period as a fraction, d (0.1 for 10%).
 * @param variant Which payments count: 0 first payment excluded; 1 first payment included, received now; 2 first payment included, received at the end of the first period.
 * @returns The expected lifetime value over an unbounded horizon.
 * @remarks variant 0: m × ρ ÷ (1 + d − ρ), the value of an existing customer's future margins, each at a period's end. variant 1: m × (1 + d) ÷ (1 + d − ρ). variant 2: m ÷ (1 + d − ρ). The variants differ by one payment or one period's discounting, so the choice is always explicit (Fader and Hardie, "What's wrong with this CLV formula?", 2012).
 * @example =CRM.CLVRETENTION(100, 0.8, 0.1, 0) → 266.67
 * @example =CRM.CLVRETENTION(100, 0.8, 0.1, 1) → 366.67
 * @throws #VALUE! an argument is empty, not a number, TRUE/FALSE or an error value.
 * @throws #NUM! retention_rate or discount_rate lies outside 0 to 1, variant is not 0, 1 or 2, or the value exceeds the largest number Excel can hold (about 1.8E+308).
 * @throws #DIV/0! retention_rate is 1 and discount_rate is 0 (the value is unbounded).
 */
export function CLVRETENTION(
  margin: unknown,
  retention_rate: unknown,
  discount_rate: unknown,
  variant: unknown
): number {
  return evaluate("CRM.CLVRETENTION", () =>
    retentionClv({
      margin: numberArg(margin, "margin"),
      retentionRate: numberArg(retention_rate, "retention_rate"),
      discountRate: numberArg(discount_rate, "discount_rate"),
      variant: numberArg(variant, "variant"),
    })
  );
}

/**
 * Net Promoter Score: the percentage of promoters (9–10) minus the percentage of detractors (0–6), from −100 to 100.
 * @customfunction NPS
 * @helpurl https://localhost:3000/reference/index.html#nps
 * @param promoters Respondents who scored 9 or 10 (a whole number).
 * @param passives Respondents who scored 7 or 8 (a whole number).
 * @param detractors Respondents who scored 0 to 6 (a whole number).
 * @returns The NPS in points, from −100 to 100 (a score, not a fraction).
 * @remarks 净推荐值. NPS = 100 × (promoters − detractors) ÷ (promoters + passives + detractors). From a column of 0–10 survey scores, use CRM.NPS.SCORES.
 * @example =CRM.NPS(100, 30, 80) → 9.52
 * @throws #VALUE! an argument is empty, not a number, TRUE/FALSE or an error value.
 * @throws #NUM! a count is negative, not a whole number or above 9,007,199,254,740,991 (too large to count exactly).
 * @throws #DIV/0! there are no respondents.
 */
export function NPS(promoters: unknown, passives: unknown, detractors: unknown): number {
  return evaluate("CRM.NPS", () =>
    netPromoterScore(
      numberArg(promoters, "promoters"),
      numberArg(passives, "passives"),
      numberArg(detractors, "detractors")
    )
  );
}

/**
 * Net Promoter Score from 0–10 survey scores: the percentage of promoters (9–10) minus the percentage of detractors (0–6), from −100 to 100.
 * @customfunction NPS.SCORES NPS.SCORES
 * @helpurl https://localhost:3000/reference/index.html#nps-scores
 * @param scores The 0–10 survey scores, one per respondent, in a single column or row; empty cells are respondents who did not answer.
 * @returns The NPS in points, from −100 to 100 (a score, not a fraction).
 * @remarks 净推荐值 from the scores themselves. Promoters score 9 or 10, passives 7 or 8, detractors 0 to 6; NPS = 100 × (promoters − detractors) ÷ responses, as CRM.NPS computes it from the counts. Empty cells are not responses and are not counted; numbers stored as text ("9") are read. Some Excel platforms pass an empty cell as 0: 0 is a score on this scale (as in CRM.CSAT on a scale that includes 0), so there an empty cell inside the range counts as a detractor; give only the answered cells, or FILTER(range, range<>""). A sibling of CRM.NPS rather than one function with optional counts, so that each form's argument names say what they hold (SPEC §3) and a range of one response is never read as a count.
 * @example =CRM.NPS.SCORES({10;9;8;7;6;3}) → 0
 * @example =CRM.NPS.SCORES({10,9,9,7,2}) → 40
 * @throws #VALUE! scores has more than one row and column, or a score is text that is not a number, TRUE/FALSE, an error value, not a whole number or outside 0 to 10 (the message names the row).
 * @throws #DIV/0! there are no responses.
 */
export function NPS_SCORES(scores: unknown[][]): number {
  return evaluate("CRM.NPS.SCORES", () =>
    netPromoterScoreFromScores(optionalNumberColumn(scores, "scores"), "scores")
  );
}

/**
 * Customer satisfaction (CSAT): the share of survey responses at or above the satisfied score (4 or 5 on a 1–5 scale by default).
 * @customfunction CSAT
 * @helpurl https://localhost:3000/reference/index.html#csat
 * @param scores The survey scores, one per respondent, in a single column or row; empty cells are respondents who did not answer.
 * @param [satisfied_from] Lowest score that counts as satisfied. Omitted: 4.
 * @param [scale_min] Lowest score on the scale. Omitted: 1.
 * @param [scale_max] Highest score on the scale. Omitted: 5.
 * @returns The share of satisfied responses, as a fraction.
 * @remarks 客户满意度. CSAT = responses with score ≥ satisfied_from ÷ responses. Empty cells are not responses and are not counted. Some Excel platforms pass an empty cell as 0: when 0 is below scale_min it is read as an empty cell; on a scale that includes 0, a 0 is a score.
 * @example =CRM.CSAT({5;4;3;2}) → 0.5
 * @throws #VALUE! scores has more than one row and column, or a score is text that is not a number, TRUE/FALSE, an error value or off the scale (the message names the row).
 * @throws #NUM! satisfied_from lies off the scale, or scale_min is not below scale_max.
 * @throws #DIV/0! there are no responses.
 */
export function CSAT(
  scores: unknown[][],
  satisfied_from?: unknown,
  scale_min?: unknown,
  scale_max?: unknown
): number {
  return evaluate("CRM.CSAT", () => {
    const scaleMin = optionalNumberArg(scale_min, "scale_min", 1);
    const values = optionalNumberColumn(scores, "scores");
    if (scaleMin > 0) {
      for (let i = 0; i < values.length; i++) if (values[i] === 0) values[i] = null;
    }
    return csat(values, {
      satisfiedFrom: optionalNumberArg(satisfied_from, "satisfied_from", 4),
      scaleMin,
      scaleMax: optionalNumberArg(scale_max, "scale_max", 5),
    });
  });
}
