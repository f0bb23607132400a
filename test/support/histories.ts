/**
 * Purchase histories from readable rows `[customer, day, amount?]`, ids numbered in order of
 * first appearance, for the core tests.
 */
import { buildHistories, type PurchaseHistories } from "../../src/core/input/history";

export type HistoryRow = readonly [customer: string, day: number, amount?: number];

export function historiesOf(rows: readonly HistoryRow[]): PurchaseHistories {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const [id] of rows) {
    if (!index.has(id)) {
      index.set(id, ids.length);
      ids.push(id);
    }
  }
  return buildHistories({
    customerIndex: Int32Array.from(rows, (row) => index.get(row[0])!),
    customerIds: ids,
    days: Int32Array.from(rows, (row) => row[1]),
    amounts: Float64Array.from(rows, (row) => row[2] ?? 0),
  });
}
