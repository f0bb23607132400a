/**
 * The inputs and fingerprints of test/core/report/report.identity.test.ts (issue 14): seeded
 * generated transactions (the shape of bench/generate.ts, kept here so that a bench change
 * cannot move them) and a SHA-256 fingerprint of every part of a report workbook.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReportSource } from "../../src/core/report";
import type { ReportWorkbook } from "../../src/core/report/reportModel";

/** mulberry32, as bench/generate.ts. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_DAY = 44927; // 2023-01-01

/** id, day serial, amount (and cost) rows: skewed buyers, each with a typical spend. */
function generate(rows: number, customers: number, days: number, seed: number) {
  const random = prng(seed);
  const joined = new Int32Array(customers);
  const spend = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    joined[c] = Math.floor(random() * random() * days);
    spend[c] = 8 + 22 * Math.exp(2.5 * (random() * random() - 0.25));
  }
  const out: { id: string | number; day: number; amount: number; cost: number }[] = [];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(customers * random() ** 1.6);
    const since = joined[c]!;
    const day = FIRST_DAY + since + Math.floor(random() * (days - since));
    const id = 100000 + c;
    let amount = Math.round(spend[c]! * (0.5 + random()) * 100) / 100;
    if (random() < 0.01) amount = -amount; // a return (SPEC §2 "Returns")
    out.push({
      id: c % 10 === 0 ? `C${id}` : id,
      day,
      amount,
      cost: Math.round(amount * 60) / 100,
    });
  }
  return out;
}

function hash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

/** Per sheet: the whole sheet's fingerprint, then each block's and the layout's. */
export function fingerprints(workbook: ReportWorkbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sheet of workbook.sheets) {
    const kind = sheet.kind ?? sheet.sheetName;
    out[`${kind}`] = hash(sheet);
    for (const block of sheet.blocks) out[`${kind} block ${block.id}`] = hash(block);
    out[`${kind} columnWidths`] = hash(sheet.columnWidths);
    out[`${kind} rowHeights`] = hash(sheet.rowHeights ?? []);
    out[`${kind} styles`] = hash(sheet.styles);
    out[`${kind} numberFormats`] = hash(sheet.numberFormats);
  }
  return out;
}

export function sheetSource(): ReportSource {
  const rows: unknown[][] = [["Customer ID", "Order date", "Amount", "Cost"]];
  for (const r of generate(30_000, 6_000, 730, 20261130))
    rows.push([r.id, r.day, r.amount, r.cost]);
  return {
    rows,
    hasHeader: true,
    columnNames: ["Customer ID", "Order date", "Amount", "Cost"],
    mapping: { customerId: 0, date: 1, amount: 2, cost: 3, score: null },
    location: { sheetName: "Orders", row: 0, column: 0, address: "Orders!A1:D30001" },
  };
}

export function csvFile(): string {
  const iso = (serial: number) =>
    new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
  const lines = ["customer_id,order_date,amount"];
  for (const r of generate(20_000, 4_000, 730, 7))
    lines.push(
      `${typeof r.id === "number" ? r.id : r.id.slice(1)},${iso(r.day)},${Math.abs(r.amount)}`
    );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "crm-identity-")), "orders.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}
