/**
 * One word for "customer" per language (QA: the zh-TW report mixed 客戶 and 顧客 for the same
 * word). The vocabulary is fixed in src/i18n/functions.translations.ts's header: zh-TW 顧客
 * (顧客流失率, 顧客保留率, 顧客終身價值), zh-CN 客户. Header names users may type (客戶ID, 會員編號…)
 * are recognised by the column mapping, not displayed, so src/core/input is not checked.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "./support/expect";
import { REPORT_STRINGS } from "../src/i18n/report.strings";
import { RFM_SEGMENTS } from "../src/core/metrics/rfmScores";

const displayed = [
  "src/i18n/report.strings.ts",
  "src/i18n/taskpane.strings.ts",
  "src/i18n/cli.strings.ts",
  "src/i18n/functions.translations.ts",
  "src/core/metrics/rfmScores.ts",
];

describe("zh-TW says 顧客 for customer everywhere it is displayed", () => {
  for (const file of displayed) {
    it(`${file} has no 客戶`, () => {
      const text = readFileSync(path.resolve(import.meta.dirname, "..", file), "utf8");
      const lines = text.split("\n").filter((line) => line.includes("客戶"));
      expect(lines).toEqual([]);
    });
  }
  it("the zh-TW report's sheet names and KPI labels use 顧客", () => {
    const zhTW = REPORT_STRINGS["zh-TW"];
    expect(JSON.stringify(zhTW)).not.toContain("客戶");
    expect(JSON.stringify(zhTW)).toContain("顧客");
  });
  it("the zh-TW segment names use 顧客 too", () => {
    expect(JSON.stringify(RFM_SEGMENTS)).not.toContain("客戶");
  });
});
