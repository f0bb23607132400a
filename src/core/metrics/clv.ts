/**
 * Customer lifetime value (CLV, 客户终生价值) from averages and rates: the simple product
 * form, the annuity form and the retention-based (geometric) form. The predictive, fitted
 * forms live in their own modules.
 */
import { CrmError } from "../errors";
import { Messages } from "../messages";
import {
  requireFinite,
  requireFiniteResult,
  requireFraction,
  requireNonNegative,
} from "../input/validate";

/**
 * Present value of 1 paid at the end of each of `periods` periods at `rate` per period:
 * (1 − (1 + rate)^−periods) ÷ rate, and `periods` when rate is 0 (its limit). Equals Excel's
 * PV(rate, periods, −1). Fractional periods follow the same formula, as PV does.
 *
 * Cost O(1).
 *
 * @example annuityFactor(0.1, 3) //=> 2.4868519909842224
 */
export function annuityFactor(rate: number, periods: number): number {
  if (rate === 0) return periods;
  // expm1/log1p keep precision for small rates, where 1 − (1 + r)^−n cancels badly.
  return -Math.expm1(-periods * Math.log1p(rate)) / rate;
}

export interface SimpleClvInput {
  /** average value of one purchase */
  readonly averagePurchase: number;
  /** purchases per period */
  readonly purchasesPerPeriod: number;
  /** expected customer lifespan, in the same periods */
  readonly lifespanPeriods: number;
  /** profit margin as a fraction (default 1: revenue, not profit) */
  readonly margin?: number;
  /** discount rate per period as a fraction (default 0: undiscounted) */
  readonly discountRate?: number;
}

/**
 * Simple CLV: what a customer is worth over their lifespan from average figures.
 *
 * CLV = average purchase × purchases per period × margin × A, where A is the lifespan in
 * periods when undiscounted and the annuity factor (1 − (1 + d)^−n) ÷ d when a discount rate
 * d per period is given (each period's value counted at its end).
 *
 * Reference: SPEC §2 (simple CLV). Cost O(1).
 *
 * @returns the lifetime value in the currency of averagePurchase
 * @throws CrmError `num` for negative inputs, or a margin or discount rate outside [0, 1], or a
 *   value beyond the range of numbers (naming the largest factor)
 * @example simpleClv({ averagePurchase: 50, purchasesPerPeriod: 2, lifespanPeriods: 24 }) //=> 2400
 */
export function simpleClv(input: SimpleClvInput): number {
  const {
    averagePurchase,
    purchasesPerPeriod,
    lifespanPeriods,
    margin = 1,
    discountRate = 0,
  } = input;
  requireNonNegative(averagePurchase, "average_purchase");
  requireNonNegative(purchasesPerPeriod, "purchases_per_period");
  requireNonNegative(lifespanPeriods, "lifespan_periods");
  requireFraction(margin, "margin");
  requireFraction(discountRate, "discount_rate");
  const factors: readonly (readonly [string, number])[] = [
    ["average_purchase", averagePurchase],
    ["purchases_per_period", purchasesPerPeriod],
    ["margin", margin],
    ["lifespan_periods", annuityFactor(discountRate, lifespanPeriods)],
  ];
  // A zero factor makes the value 0 even when the others multiply beyond the range of numbers.
  if (factors.some(([, factor]) => factor === 0)) return 0;
  const value = factors.reduce((product, [, factor]) => product * factor, 1);
  // Overflow: name the largest factor, the one to look at.
  const largest = factors.reduce((a, b) => (b[1] > a[1] ? b : a));
  return requireFiniteResult(value, largest[0]);
}

export interface AnnuityClvInput {
  /** revenue from the customer per year */
  readonly yearlyRevenue: number;
  /** cost to serve the customer per year (default 0) */
  readonly yearlyCost?: number;
  /** yearly discount rate as a fraction */
  readonly discountRate: number;
  /** years the customer stays loyal */
  readonly years: number;
}

/**
 * Discounted CLV as an annuity: the present value of a constant yearly net revenue
 * R = revenue − cost to serve over n loyal years at discount rate r, cash at each year's end.
 *
 * CLV = R × (1 − (1 + r)^−n) ÷ r  (R × n when r = 0); equals Excel's PV(r, n, −R).
 *
 * R may be negative (a customer who costs more than they bring), and the value then is too.
 *
 * Reference: SPEC §2 (discounted CLV). Cost O(1).
 *
 * @throws CrmError `num` for a negative revenue, cost or number of years, a discount rate
 *   outside [0, 1], or a value beyond the range of numbers
 * @example annuityClv({ yearlyRevenue: 100, discountRate: 0.1, years: 3 }) //=> 248.68519909842223
 */
export function annuityClv(input: AnnuityClvInput): number {
  const { yearlyRevenue, yearlyCost = 0, discountRate, years } = input;
  requireNonNegative(yearlyRevenue, "yearly_revenue");
  requireNonNegative(yearlyCost, "yearly_cost");
  requireFraction(discountRate, "discount_rate");
  requireNonNegative(years, "years");
  const net = yearlyRevenue - yearlyCost;
  const factor = annuityFactor(discountRate, years);
  if (net === 0 || factor === 0) return 0;
  const amountArgument = yearlyRevenue >= yearlyCost ? "yearly_revenue" : "yearly_cost";
  return requireFiniteResult(net * factor, Math.abs(net) >= factor ? amountArgument : "years");
}

/**
 * When the retention-based CLV counts the customer's payments:
 * - `0`: first payment excluded, the value of an existing customer's future margins, each at
 *   a period end: m ρ ÷ (1 + d − ρ)
 * - `1`: first payment included and received now (start of the first period):
 *   m (1 + d) ÷ (1 + d − ρ)
 * - `2`: first payment included, received at the end of the first period: m ÷ (1 + d − ρ)
 */
export type RetentionClvVariant = 0 | 1 | 2;

export interface RetentionClvInput {
  /** margin m per period from an active customer */
  readonly margin: number;
  /** retention rate ρ per period, a fraction */
  readonly retentionRate: number;
  /** discount rate d per period, a fraction */
  readonly discountRate: number;
  /** which payments count and when; see {@link RetentionClvVariant} */
  readonly variant: number;
}

/**
 * Retention-based CLV: the expected discounted margin of a customer who stays each period
 * with probability ρ, over an unbounded horizon (a geometric series).
 *
 * variant 0: m ρ ÷ (1 + d − ρ); variant 1: m (1 + d) ÷ (1 + d − ρ); variant 2: m ÷ (1 + d − ρ).
 * The three differ by exactly one payment or one period's discount, so the variant is always
 * an explicit choice (Fader & Hardie, "What's wrong with this CLV formula?", 2012).
 *
 * Reference: SPEC §2 (retention-based CLV). Cost O(1).
 *
 * @throws CrmError `num` for a retention or discount rate outside [0, 1], an unknown variant, a
 *   value beyond the range of numbers (`margin`);
 *   `div0` when ρ = 1 and d = 0 (the series does not converge)
 * @example retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, variant: 0 }) //=> 266.66666666666663
 */
export function retentionClv(input: RetentionClvInput): number {
  const { margin, retentionRate, discountRate, variant } = input;
  requireFinite(margin, "margin");
  requireFraction(retentionRate, "retention_rate");
  requireFraction(discountRate, "discount_rate");
  if (variant !== 0 && variant !== 1 && variant !== 2) {
    throw new CrmError("num", Messages.unknownVariant("variant", variant), "variant");
  }
  const denominator = 1 + discountRate - retentionRate;
  if (denominator <= 0) {
    throw new CrmError("div0", Messages.unboundedRetentionValue(), "retention_rate");
  }
  const numerator = variant === 0 ? retentionRate : variant === 1 ? 1 + discountRate : 1;
  // numerator ÷ denominator first: it is finite (at most 2 ÷ 2^−53), so only a huge margin
  // can overflow, and the error names it.
  return requireFiniteResult(margin * (numerator / denominator), "margin");
}
