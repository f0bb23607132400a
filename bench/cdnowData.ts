/**
 * The CDNOW files of ../shared/data/cdnow read for the benchmark cases, in one place: the
 * sample (2,357 customers, 6,919 rows) and the master (23,570 customers, 69,659 rows), each a
 * whitespace-separated text file with a customer id, a yyyymmdd date and an amount per row
 * (lines without a date are skipped). Readers give the rows as transaction columns, as a
 * customer summary at 1997-09-30 in weeks, or as worksheet cells (2-D, one cell per row).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { serialFromYmd } from "../src/core/input/dates";
import {
  customerSummary,
  type CustomerSummary,
  type TransactionColumns,
} from "../src/core/models/customerSummary";

/** One CDNOW file: its name in the data directory and its (0-based) columns. */
export interface CdnowFile {
  readonly name: string;
  readonly idColumn: number;
  readonly dateColumn: number;
  readonly amountColumn: number;
}

/** CDNOW_sample.txt: sample id, customer id, yyyymmdd date, CDs, amount. */
export const CDNOW_SAMPLE: CdnowFile = {
  name: "CDNOW_sample.txt",
  idColumn: 1,
  dateColumn: 2,
  amountColumn: 4,
};

/** CDNOW_master.txt: customer id, yyyymmdd date, CDs, amount. */
export const CDNOW_MASTER: CdnowFile = {
  name: "CDNOW_master.txt",
  idColumn: 0,
  dateColumn: 1,
  amountColumn: 3,
};

/** Calls `visit` with each dated row's id, yyyymmdd date and amount, in file order. */
function forEachRow(
  dataDir: string,
  file: CdnowFile,
  visit: (id: string, yyyymmdd: number, amount: number) => void
): void {
  for (const line of readFileSync(path.resolve(dataDir, file.name), "utf8").split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const date = Number(fields[file.dateColumn]);
    if (!(date > 19000000)) continue;
    visit(fields[file.idColumn]!, date, Number(fields[file.amountColumn]));
  }
}

/** A CDNOW file as transaction columns (dates as Excel serial days; ids in order of first row). */
export function cdnowTransactions(dataDir: string, file: CdnowFile): TransactionColumns {
  const ids = new Map<string, number>();
  const customerIndex: number[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  forEachRow(dataDir, file, (id, date, amount) => {
    if (!ids.has(id)) ids.set(id, ids.size);
    customerIndex.push(ids.get(id)!);
    days.push(serialFromYmd(Math.floor(date / 10000), Math.floor(date / 100) % 100, date % 100));
    amounts.push(amount);
  });
  return {
    customerIndex: Int32Array.from(customerIndex),
    customerIds: [...ids.keys()],
    days: Int32Array.from(days),
    amounts: Float64Array.from(amounts),
  };
}

/** A CDNOW file's customer summary at 1997-09-30, in weeks (the published calibration). */
export function cdnowSummary(dataDir: string, file: CdnowFile): CustomerSummary {
  return customerSummary(cdnowTransactions(dataDir, file), {
    calibrationEnd: serialFromYmd(1997, 9, 30),
    timeUnit: "week",
  });
}

/** A CDNOW file as worksheet columns: ids, yyyymmdd dates, amounts (2-D, one cell per row). */
export function cdnowCells(
  dataDir: string,
  file: CdnowFile
): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  forEachRow(dataDir, file, (id, date, amount) => {
    ids.push([id]);
    dates.push([date]);
    amounts.push([amount]);
  });
  return { ids, dates, amounts };
}
