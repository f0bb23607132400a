/**
 * The task pane's and the report sheet's text tables (src/i18n/taskpane.strings.ts,
 * src/i18n/report.strings.ts): every language has every entry (the types make sure of that),
 * and each Chinese table is written in its own script, so Traditional readers never get a
 * Simplified string left over from the table it was converted from, and the other way round.
 */
import { expect } from "./support/expect";
import { each } from "./support/each";
import { REPORT_STRINGS, reportLanguageOf } from "../src/i18n/report.strings";
import { TASKPANE_STRINGS } from "../src/i18n/taskpane.strings";

/** Sample arguments for the texts that take a list rather than numbers and words. */
const LIST_ARGUMENTS: Readonly<Record<string, readonly unknown[]>> = {
  done: [["X", "Y"]],
  textCut: [[{ sheet: "X", row: 12 }]],
};

/** Every text of a table: strings, and functions called with sample arguments. */
function texts(table: unknown, path = ""): [string, string][] {
  if (typeof table === "string") return [[path, table]];
  if (typeof table === "function") {
    const args =
      LIST_ARGUMENTS[path] ??
      Array.from({ length: table.length }, (_, i) => (i % 2 === 0 ? 12 : "X"));
    return [[path, String((table as (...a: unknown[]) => unknown)(...args))]];
  }
  if (Array.isArray(table)) return table.flatMap((item, i) => texts(item, `${path}[${i}]`));
  if (table && typeof table === "object") {
    return Object.entries(table).flatMap(([key, value]) =>
      texts(value, path ? `${path}.${key}` : key)
    );
  }
  return [];
}

// Characters that exist only in one script (a sample of the common ones in these tables).
const SIMPLIFIED_ONLY =
  "户数据选项时间级额务报览预设计钮关键费类发删这们进过还个为与从会对开实现显应动读写识别价态购买简单细资质库";
const TRADITIONAL_ONLY =
  "戶數據選項時間級額務報覽預設計鈕關鍵費類發刪這們進過還個為與從會對開實現顯應動讀寫識別價態購買簡單細資質庫";

const tables = { taskpane: TASKPANE_STRINGS, report: REPORT_STRINGS };

for (const suiteCase of each(Object.entries(tables))) {
  describe(
    suiteCase.name("the %s strings"),
    suiteCase.run((_, table) => {
      it("have the same entries in every language", () => {
        const keys = (language: keyof typeof table) => texts(table[language]).map(([key]) => key);
        expect(keys("zh-CN")).toEqual(keys("en"));
        expect(keys("zh-TW")).toEqual(keys("en"));
      });

      it("are Traditional Chinese in zh-TW", () => {
        const wrong = texts(table["zh-TW"]).filter(([, text]) =>
          [...text].some((ch) => SIMPLIFIED_ONLY.includes(ch))
        );
        expect(wrong).toEqual([]);
      });

      it("are Simplified Chinese in zh-CN", () => {
        const wrong = texts(table["zh-CN"]).filter(([, text]) =>
          [...text].some((ch) => TRADITIONAL_ONLY.includes(ch))
        );
        expect(wrong).toEqual([]);
      });

      it("are never empty", () => {
        for (const language of ["en", "zh-CN", "zh-TW"] as const) {
          expect(texts(table[language]).filter(([, text]) => text.trim() === "")).toEqual([]);
        }
      });
    })
  );
}

describe("reportLanguageOf", () => {
  it("maps Office display languages to the three languages", () => {
    expect(["en-US", "de-DE", "", undefined].map(reportLanguageOf)).toEqual([
      "en",
      "en",
      "en",
      "en",
    ]);
    expect(["zh-CN", "zh-SG", "zh-Hans", "ZH-cn"].map(reportLanguageOf)).toEqual([
      "zh-CN",
      "zh-CN",
      "zh-CN",
      "zh-CN",
    ]);
    expect(["zh-TW", "zh-HK", "zh-MO", "zh-Hant-TW"].map(reportLanguageOf)).toEqual([
      "zh-TW",
      "zh-TW",
      "zh-TW",
      "zh-TW",
    ]);
  });
});
