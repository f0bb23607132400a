/**
 * A Chinese report holds no English sentence, even where a section cannot be computed: the
 * core's reasons are English, so the Chinese string tables say why in their own words from the
 * section and the kind of error (issue: CLI and report text wholly translated; SPEC §1 users
 * read Simplified or Traditional Chinese).
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "../../support/expect";
import { serialFromYmd } from "../../../src/core/input/dates";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type ReportSource,
} from "../../../src/core/report";
import type { ReportLanguage } from "../../../src/i18n/report.strings";

/** ../shared/cases/refund-day.csv: one month of data, so no full month and no fittable model. */
const ROWS: string[][] = fs
  .readFileSync(
    path.resolve(import.meta.dirname, "../../../../shared/cases/refund-day.csv"),
    "utf8"
  )
  .trim()
  .split(/\r?\n/)
  .map((line) => line.split(","));

function source(): ReportSource {
  return {
    rows: ROWS,
    hasHeader: true,
    columnNames: ROWS[0]!,
    mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
  };
}

function textCells(language: ReportLanguage): string[] {
  const data = prepareReportData(source());
  const workbook = buildReport(data, {
    ...defaultReportOptions(data, language),
    asOf: serialFromYmd(2024, 5, 31),
    period: "month",
  });
  return workbook.sheets.flatMap((sheet) =>
    sheet.blocks.flatMap((block) =>
      block.values.flatMap((row) => row.filter((v): v is string => typeof v === "string"))
    )
  );
}

/** Four lower-case English words in a row: a sentence, not a term such as "BG/NBD" or "P(alive)". */
const ENGLISH_SENTENCE = /\b[a-z]{2,}(?: [a-z]{2,}){3}\b/;

describe("sections that cannot be computed say why in the sheet's language", () => {
  it("English keeps the core's reason", () => {
    const notAvailable = textCells("en").filter((text) => text.startsWith("Not available: "));
    expect(notAvailable.length).toBeGreaterThan(0);
  });

  for (const language of ["zh-CN", "zh-TW"] as const) {
    it(`${language}: every "cannot compute" line is Chinese, and no cell holds an English sentence`, () => {
      const cells = textCells(language);
      const notAvailable = cells.filter((text) => /^無法計算|^无法计算/.test(text));
      expect(notAvailable.length).toBeGreaterThan(0);
      for (const text of notAvailable) expect(text).not.toMatch(/[A-Za-z]{4,}/);
      expect(cells.filter((text) => ENGLISH_SENTENCE.test(text))).toEqual([]);
    });
  }
});
