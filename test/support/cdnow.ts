/**
 * The CDNOW data set shipped in ../shared/data/cdnow/ (see its README): the 1/10 sample of
 * Fader, Hardie & Lee (2005), read into the columnar transaction input of the core, and the
 * per-customer summary file that lifetimes ships with it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { serialFromYmd } from "../../src/core/input/dates";
import type { TransactionColumns } from "../../src/core/models/customerSummary";

const DATA = path.resolve(import.meta.dirname, "../../../shared/data/cdnow");

/** Day serial of 1997-01-01, the first day of the CDNOW data. */
export const CDNOW_FIRST_DAY = 35431;
/** Day serial of 1997-09-30, the last day of the calibration period of the published analyses. */
export const CDNOW_CALIBRATION_END = 35703;

/**
 * `CDNOW_sample.txt`: lines ` master_id sample_id yyyymmdd cds dollars` (whitespace-separated,
 * CRLF, leading space). The customer is the sample id without its leading zeros ("0001" → "1"),
 * so ids match the summary file; customers are indexed in order of first appearance.
 */
export function loadCdnowSample(): TransactionColumns {
  const lines = readFileSync(path.join(DATA, "CDNOW_sample.txt"), "utf8").split(/\r?\n/);
  const customerIds: string[] = [];
  const indexOf = new Map<string, number>();
  const customerIndex: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const id = String(Number(fields[1]));
    const date = fields[2]!;
    let index = indexOf.get(id);
    if (index === undefined) {
      index = customerIds.length;
      indexOf.set(id, index);
      customerIds.push(id);
    }
    customerIndex.push(index);
    days.push(
      serialFromYmd(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)))
    );
    amounts.push(Number(fields[4]));
  }
  return {
    customerIndex: Int32Array.from(customerIndex),
    customerIds,
    days: Int32Array.from(days),
    amounts: Float64Array.from(amounts),
  };
}

/** A row of `cdnow_customers_summary_with_transactions.csv` (ID,x,t_x,T,zbar; 2 dp). */
export interface PublishedSummaryRow {
  readonly id: string;
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly zbar: number;
}

export function loadCdnowPublishedSummary(): PublishedSummaryRow[] {
  const lines = readFileSync(
    path.join(DATA, "cdnow_customers_summary_with_transactions.csv"),
    "utf8"
  )
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== "");
  return lines.map((line) => {
    const [id, x, tx, T, zbar] = line.split(",");
    return { id: id!, x: Number(x), tx: Number(tx), T: Number(T), zbar: Number(zbar) };
  });
}
