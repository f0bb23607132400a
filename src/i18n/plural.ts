/**
 * English counts with the right noun form ("1 row", "2 rows"; QA found "1 rows"). Chinese has
 * no plural, so the zh-CN and zh-TW tables do not need this.
 *
 * @example count(1, "row") //=> "1 row"; count(3, "customer-day") //=> "3 customer-days"
 */
export function count(n: number | string, singular: string, plural = `${singular}s`): string {
  return `${n} ${Number(n) === 1 ? singular : plural}`;
}
