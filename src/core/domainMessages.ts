/**
 * Wording of the metrics' domain errors, in one place. The functions layer prefixes the
 * function's name (`CRM.CHURNRATE: …`); the task pane shows them as they are.
 */
export const DomainMessages = {
  notFinite: (argument: string) => `${argument} must be a finite number.`,
  negative: (argument: string, value: number) => `${argument} must not be negative (got ${value}).`,
  notWhole: (argument: string, value: number) =>
    `${argument} is a count and must be a whole number (got ${value}).`,
  zeroBase: (argument: string) => `${argument} is 0, so there is no base to divide by.`,
  notFraction: (argument: string, value: number) =>
    `${argument} must be a fraction from 0 to 1 (30% is 0.3), got ${value}.`,
  exceeds: (part: string, partValue: number, whole: string, wholeValue: number) =>
    `${part} (${partValue}) cannot exceed ${whole} (${wholeValue}).`,
  endBelowNew: (end: number, added: number) =>
    `customers_at_end (${end}) is smaller than new_customers (${added}): the counts are inconsistent.`,
  spendInconsistent: () =>
    "lost × average_purchase_lost exceeds customers × average_purchase_all: the lost customers cannot have spent more than all customers together.",
  unboundedRetentionValue: () =>
    "retention_rate 1 with discount_rate 0 gives an unbounded value: 1 + discount_rate - retention_rate must be above 0.",
  unknownVariant: (argument: string, value: number) =>
    `${argument} must be 0 (first payment excluded), 1 (first payment now) or 2 (first payment at period end), got ${value}.`,
  scoreOutOfScale: (where: string, value: number, low: number, high: number) =>
    `${where} is ${value}, outside the scale ${low} to ${high}.`,
  thresholdOutOfScale: (value: number, low: number, high: number) =>
    `satisfied_from (${value}) must lie on the scale ${low} to ${high}.`,
  badScale: (low: number, high: number) => `scale_min (${low}) must be below scale_max (${high}).`,
  noResponses: (argument: string) =>
    `${argument} has no responses, so there is no base to divide by.`,
} as const;
