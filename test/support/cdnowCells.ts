/**
 * The CDNOW master data as an analyst's sheet holds it: one 2-D array per column, ids as the
 * text the file has ("00001"), dates as the file's yyyymmdd numbers, dollar amounts as numbers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export const CDNOW_DIR = path.resolve(import.meta.dirname, "../../../shared/data/cdnow");

export interface CdnowCells {
  customerIds: unknown[][];
  dates: unknown[][];
  amounts: unknown[][];
  /** the same rows, parsed independently for naive re-computation: [id, day number (UTC days), amount] */
  rows: [string, number, number][];
}

/** Days since 1970-01-01 of a yyyymmdd number, by the JavaScript Date: independent of src/. */
export function utcDay(yyyymmdd: number): number {
  const y = Math.floor(yyyymmdd / 10000);
  const m = Math.floor(yyyymmdd / 100) % 100;
  const d = yyyymmdd % 100;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function loadCdnowMasterCells(): CdnowCells {
  const lines = readFileSync(path.join(CDNOW_DIR, "CDNOW_master.txt"), "utf8")
    .split(/\r?\n/)
    .slice(1);
  const cells: CdnowCells = { customerIds: [], dates: [], amounts: [], rows: [] };
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const [id, date, , dollars] = fields as [string, string, string, string];
    cells.customerIds.push([id]);
    cells.dates.push([Number(date)]);
    cells.amounts.push([Number(dollars)]);
    cells.rows.push([id, utcDay(Number(date)), Number(dollars)]);
  }
  return cells;
}

/** The CDNOW sample as a sheet holds it, one 2-D column each (one row per line of the file). */
export interface CdnowSampleCells {
  /** the sample id as a number (1 … 2357) */
  ids: number[][];
  /** the file's yyyymmdd numbers */
  dates: number[][];
  /** dollars */
  amounts: number[][];
}

/**
 * `CDNOW_sample.txt` (lines ` master_id sample_id yyyymmdd cds dollars`) as worksheet cells:
 * sample id, yyyymmdd date, dollars, in file order.
 */
export function loadCdnowSampleCells(): CdnowSampleCells {
  const lines = readFileSync(path.join(CDNOW_DIR, "CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length === 5);
  return {
    ids: lines.map((f) => [Number(f[1])]),
    dates: lines.map((f) => [Number(f[2])]),
    amounts: lines.map((f) => [Number(f[4])]),
  };
}
