/**
 * The functions in Chinese, as the build ships them: dist/functions.zh-CN.json and
 * functions.zh-TW.json (what Excel reads for a Chinese display language, selected by the
 * manifest's overrides), the reference pages in three languages, the build step that refuses an
 * incomplete translation table, and formulas typed with the Chinese names.
 *
 * Naming rules are Microsoft's ("Custom functions naming and localization"): a name starts with
 * a letter, uses only letters, digits, "." and "_", has 3 to 128 characters, does not look like
 * a cell reference and does not match a built-in Excel function in any language.
 */
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { DetailedCellError, ErrorType, type RawCellContent } from "hyperformula";
import * as languages from "hyperformula/i18n/languages";
import webpack from "webpack";
import { expect } from "./support/expect";
import { each } from "./support/each";
import { DIST, loadBuiltAddin, type FunctionMetadata } from "./support/builtAddin";
import {
  ENGINE_FUNCTION_NAME,
  evaluate,
  evaluateSpill,
  excelSerial,
  loadLocalisedMetadata,
} from "./support/formulaEngine";

const require = createRequire(import.meta.url);

interface Doc {
  id: string;
  file: string;
  examples: string[];
  params: { name: string }[];
  errors: { code: string; reason: string }[];
}
interface FunctionText {
  name: string;
  description: string;
  parameters: Record<string, { name: string; description: string }>;
  returns: string;
  definition: string;
  errors: [string, string][];
  spills?: string[];
}
type Table = Record<string, Record<string, FunctionText>>;

const { collectFunctionDocs, SAMPLE_TABLE } = require("../scripts/reference.cjs") as {
  collectFunctionDocs(files: string[]): Doc[];
  SAMPLE_TABLE: (string | number)[][];
};
const { loadTranslations, checkTranslations, localizeDocs, TABLE_FILE, LocalizePlugin } =
  require("../scripts/localize.cjs") as {
    loadTranslations(file?: string): { locales: string[]; table: Table };
    checkTranslations(input: {
      metadata: { functions: FunctionMetadata[] };
      docs: Doc[];
      locales: string[];
      table: Table;
    }): string[];
    localizeDocs(
      docs: Doc[],
      metadata: { functions: FunctionMetadata[] },
      table: Table,
      locale: string
    ): Doc[];
    TABLE_FILE: string;
    LocalizePlugin: new (options: {
      files: string[];
      tableFile: string;
    }) => webpack.WebpackPluginInstance;
  };

const LOCALES = ["zh-CN", "zh-TW"] as const;
type Locale = (typeof LOCALES)[number];

const functionsDir = path.resolve(import.meta.dirname, "../src/functions");
const functionFiles = fs
  .readdirSync(functionsDir)
  .filter((f) => f.endsWith(".functions.ts"))
  .sort()
  .map((f) => path.join(functionsDir, f));
const docs = collectFunctionDocs(functionFiles);
const { metadata } = loadBuiltAddin();
const { locales, table } = loadTranslations();

function localised(locale: Locale): { functions: FunctionMetadata[] } & Record<string, unknown> {
  const file = loadLocalisedMetadata(locale);
  if (!file) throw new Error(`dist/functions.${locale}.json is not built: run npm run build`);
  return file as { functions: FunctionMetadata[] } & Record<string, unknown>;
}

/** Every built-in function name HyperFormula knows, in each of its 19 languages. */
const builtInNames = new Set(
  Object.values(languages as unknown as Record<string, { functions?: Record<string, string> }>)
    .flatMap((language) => Object.entries(language.functions ?? {}))
    .flatMap(([canonical, translated]) => [canonical.toUpperCase(), translated.toUpperCase()])
);

const readPage = (page: string): string =>
  fs.readFileSync(path.join(DIST, "reference", page), "utf8");
const pageOf: Record<Locale, string> = { "zh-CN": "zh-CN.html", "zh-TW": "zh-TW.html" };
const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!
  );
const anchorOf = (id: string): string => id.toLowerCase().replace(/[^a-z0-9]+/g, "-");

describe("the translation table", () => {
  it("covers zh-CN and zh-TW", () => {
    expect(locales).toEqual([...LOCALES]);
  });

  it("has every text the build needs, for exactly the functions that exist", () => {
    expect(checkTranslations({ metadata, docs, locales, table })).toEqual([]);
  });

  it("names the missing function, locale and parameter when something is left out", () => {
    const broken: Table = structuredClone(table);
    delete broken.CLV;
    delete broken.CHURNRATE!["zh-TW"];
    delete broken.NPS!["zh-CN"]!.parameters.passives;
    broken.NPS!["zh-CN"]!.parameters.respondents = { name: "受访者", description: "…" };
    broken.GONE = broken.REPEATRATE!;
    const problems = checkTranslations({ metadata, docs, locales, table: broken }).join("\n");
    expect(problems).toMatch(
      /CRM\.CLV \(src\/functions\/counts\.functions\.ts\) has no translation/
    );
    expect(problems).toContain("average_purchase: { name:"); // the skeleton to fill in
    expect(problems).toMatch(/CRM\.CHURNRATE .*has no zh-TW translation/);
    expect(problems).toMatch(/NPS zh-CN: parameter passives of CRM\.NPS has no translation/);
    expect(problems).toMatch(/translates parameter respondents, which CRM\.NPS does not have/);
    expect(problems).toMatch(/translates GONE, which is not a function/);
  });

  it("refuses names Excel would not take, and two functions with one name", () => {
    const broken: Table = structuredClone(table);
    broken.NPS!["zh-CN"]!.name = "净 推荐值";
    broken.CSAT!["zh-TW"]!.name = broken.CHURNRATE!["zh-TW"]!.name;
    broken.CLV!["zh-CN"]!.name = "rfm预警";
    const problems = checkTranslations({ metadata, docs, locales, table: broken }).join("\n");
    expect(problems).toContain('"净 推荐值" must start with a letter');
    expect(problems).toMatch(/CHURNRATE and CSAT have the same zh-TW name/);
    expect(problems).toContain('"rfm预警" must write Latin letters in upper case');
  });
});

describe("the build", () => {
  it("fails, naming the function, when the table lacks one", async function () {
    this.timeout(60_000);
    // A table without CHURNRATE, and a compilation holding the real functions.json.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-i18n-"));
    const source = fs.readFileSync(TABLE_FILE, "utf8");
    const start = source.indexOf("\n  CHURNRATE: {");
    // The next top-level key (two spaces in) ends CHURNRATE's entry.
    const end = start + 1 + source.slice(start + 1).search(/\n {2}["A-Z]/);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const tableFile = path.join(dir, "functions.translations.ts");
    fs.writeFileSync(tableFile, source.slice(0, start) + source.slice(end));
    fs.writeFileSync(path.join(dir, "entry.js"), "");
    const metadataText = fs.readFileSync(path.join(DIST, "functions.json"), "utf8");
    const addMetadata: webpack.WebpackPluginInstance = {
      apply(compiler) {
        compiler.hooks.thisCompilation.tap("AddMetadata", (compilation) => {
          compilation.emitAsset(
            "functions.json",
            new compiler.webpack.sources.RawSource(metadataText)
          );
        });
      },
    };
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(
        {
          mode: "production",
          context: dir,
          entry: "./entry.js",
          output: { path: path.join(dir, "dist") },
          plugins: [addMetadata, new LocalizePlugin({ files: functionFiles, tableFile })],
        },
        (error, result) => (error || !result ? reject(error) : resolve(result))
      )
    );
    expect(stats.hasErrors()).toBe(true);
    const message =
      stats
        .toJson({ errors: true })
        .errors?.map((e) => e.message)
        .join("\n") ?? "";
    expect(message).toMatch(
      /CRM\.CHURNRATE \(src\/functions\/counts\.functions\.ts\) has no translation/
    );
    expect(fs.existsSync(path.join(dir, "dist", "functions.zh-CN.json"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

for (const suiteCase of each(LOCALES)) {
  describe(
    suiteCase.name("dist/functions.%s.json"),
    suiteCase.run((locale) => {
      const file = localised(locale);
      const functions = file.functions;

      it("has the same functions, ids, parameter lists, types and options as functions.json", () => {
        const english = metadata.functions;
        const topLevel = (json: object) =>
          Object.fromEntries(Object.entries(json).filter(([key]) => key !== "functions"));
        expect(topLevel(file)).toEqual(topLevel(metadata));
        expect(functions.map((f) => f.id)).toEqual(english.map((f) => f.id));
        english.forEach((fn, i) => {
          const other = functions[i]!;
          const strip = (f: FunctionMetadata) => ({
            ...f,
            name: undefined,
            description: undefined,
            helpUrl: undefined,
            parameters: f.parameters.map((p) => ({
              ...p,
              name: undefined,
              description: undefined,
            })),
          });
          expect(strip(other), fn.id).toEqual(strip(fn));
        });
      });

      it("gives every function a translated name and description, and every parameter both", () => {
        const english = new Map(metadata.functions.map((f) => [f.id, f]));
        for (const fn of functions) {
          const en = english.get(fn.id)!;
          expect(fn.name, fn.id).not.toBe(en.name);
          expect(fn.description?.trim(), `${fn.id} description`).toBeTruthy();
          expect(fn.description, fn.id).toMatch(/\p{Script=Han}/u);
          for (const [i, p] of fn.parameters.entries()) {
            expect(p.description?.trim(), `${fn.id}(${p.name}) description`).toBeTruthy();
            expect(p.description, `${fn.id}(${p.name})`).toMatch(/\p{Script=Han}/u);
            expect(p.name, `${fn.id} parameter ${en.parameters[i]!.name}`).toMatch(
              /^\p{L}[\p{L}0-9._]*$/u
            );
          }
          const parameterNames = fn.parameters.map((p) => p.name.toUpperCase());
          expect(new Set(parameterNames).size, `${fn.id} parameter names`).toBe(
            parameterNames.length
          );
        }
      });

      it("names functions as Excel requires: letters, digits, period, underscore; 3 to 128 characters", () => {
        for (const fn of functions) {
          expect(fn.name, fn.id).toMatch(/^\p{L}[\p{L}0-9._]{2,127}$/u);
          expect(fn.name, fn.id).toBe(fn.name.toUpperCase());
          // Not a cell reference (A1 or R1C1 style).
          expect(fn.name, fn.id).not.toMatch(/^([A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*)$/);
        }
      });

      it("gives each function its own name (compared case-insensitively)", () => {
        const names = functions.map((f) => f.name.toUpperCase());
        expect(new Set(names).size).toBe(names.length);
      });

      it("uses no name of an Excel built-in function (HyperFormula's ~400, in its 19 languages)", () => {
        expect(builtInNames.size).toBeGreaterThan(1000);
        expect(builtInNames).toContain("SUMME"); // German SUM: the set really holds other languages
        for (const fn of functions) {
          expect(builtInNames.has(fn.name.toUpperCase()), fn.name).toBe(false);
          const [base] = fn.name.split(".");
          expect(builtInNames.has(base!.toUpperCase()), `${fn.name} (${base})`).toBe(false);
        }
      });

      it("links every function to its section of the reference page in the same language", () => {
        const page = readPage(pageOf[locale]);
        for (const fn of functions) {
          expect(fn.helpUrl, fn.id).toMatch(
            new RegExp(`^https://.+/reference/${locale}\\.html#${anchorOf(fn.id)}$`)
          );
          expect(page, fn.id).toContain(`<section id="${anchorOf(fn.id)}"`);
        }
      });

      it("writes the table's texts", () => {
        for (const fn of functions) {
          const text = table[fn.id]![locale]!;
          expect(fn.name).toBe(text.name);
          expect(fn.description).toBe(text.description);
          const english = metadata.functions.find((f) => f.id === fn.id)!;
          fn.parameters.forEach((p, i) => {
            expect(p).toMatchObject(text.parameters[english.parameters[i]!.name]!);
          });
        }
      });
    })
  );
}

describe("the two Chinese locales", () => {
  it("write the same function in their own script: names differ only where the characters do", () => {
    const cn = localised("zh-CN").functions;
    const tw = localised("zh-TW").functions;
    // Simplified 客户流失率 and Traditional 顧客流失率 are one function; the ids tie them.
    expect(cn.find((f) => f.id === "CHURNRATE")?.name).toBe("客户流失率");
    expect(tw.find((f) => f.id === "CHURNRATE")?.name).toBe("顧客流失率");
    for (const [i, fn] of cn.entries()) {
      expect(tw[i]!.id).toBe(fn.id);
      expect(tw[i]!.name.split(".").length, fn.id).toBe(fn.name.split(".").length);
    }
  });
});

describe("the reference pages", () => {
  const pages = {
    en: readPage("index.html"),
    "zh-CN": readPage("zh-CN.html"),
    "zh-TW": readPage("zh-TW.html"),
  };

  for (const testCase of each(Object.keys(pages))) {
    it(
      testCase.name("%s has a section, under the same anchor, for every function"),
      testCase.run((locale) => {
        const page = pages[locale as keyof typeof pages];
        expect(page).toContain(`<html lang="${locale}">`);
        for (const fn of metadata.functions)
          expect(page, fn.id).toContain(`<section id="${anchorOf(fn.id)}" class="function">`);
      })
    );
  }

  for (const testCase of each(Object.keys(pages))) {
    it(
      testCase.name("%s links to the other two languages"),
      testCase.run((locale) => {
        const page = pages[locale as keyof typeof pages];
        const files = { en: "index.html", "zh-CN": "zh-CN.html", "zh-TW": "zh-TW.html" };
        for (const [other, file] of Object.entries(files)) {
          if (other === locale) expect(page).toContain(`aria-current="page"`);
          else expect(page).toContain(`<a href="${file}" hreflang="${other}"`);
        }
      })
    );
  }

  for (const testCase of each(LOCALES)) {
    it(
      testCase.name("%s shows every function by its Chinese name, with its English one"),
      testCase.run((locale) => {
        const page = pages[locale];
        for (const fn of localised(locale).functions) {
          const english = metadata.functions.find((f) => f.id === fn.id)!;
          const start = page.indexOf(`<section id="${anchorOf(fn.id)}"`);
          const section = page.slice(start, page.indexOf("</section>", start));
          expect(section, fn.id).toContain(`<h2><code>CRM.${fn.name}(`);
          expect(section, fn.id).toContain(`<code lang="en">CRM.${english.name}</code>`);
          expect(section, fn.id).toContain(`=CRM.${fn.name}(`); // the example calls the Chinese name
          for (const other of metadata.functions)
            // and no English one
            expect(section, fn.id).not.toContain(`CRM.${other.name}(`);
          for (const [i, p] of fn.parameters.entries()) {
            expect(section).toContain(`<code>${p.name}</code>`);
            expect(section).toContain(`(${english.parameters[i]!.name})`);
          }
          const text = table[fn.id]![locale]!;
          expect(section).toContain(escapeHtml(text.definition));
          for (const [, reason] of text.errors) expect(section).toContain(escapeHtml(reason));
        }
      })
    );
  }

  it("translates the fixed prose", () => {
    expect(pages["zh-CN"]).toContain("<h3>定义</h3>");
    expect(pages["zh-CN"]).toContain("比率以小数表示");
    expect(pages["zh-CN"]).toContain("<th>客户ID</th>");
    expect(pages["zh-TW"]).toContain("<h3>引數</h3>");
    expect(pages["zh-TW"]).toContain("比率以小數表示");
    expect(pages["zh-TW"]).toContain("<th>顧客ID</th>");
    for (const english of ["<h3>Definition</h3>", "Rates are fractions", ">returns<"]) {
      expect(pages["zh-CN"]).not.toContain(english);
      expect(pages["zh-TW"]).not.toContain(english);
    }
  });
});

/** The sample table the reference's examples refer to, dates as Excel dates, in A1:C12. */
const sheet: RawCellContent[][] = SAMPLE_TABLE.map((row, i) =>
  i === 0 ? row : row.map((cell, column) => (column === 1 ? excelSerial(String(cell)) : cell))
);

function expectError(value: unknown, type: ErrorType): void {
  expect(value).toBeInstanceOf(DetailedCellError);
  expect((value as DetailedCellError).type).toBe(type);
}

/**
 * What these run: HyperFormula parses the Chinese name (after the lexer widening described in
 * test/support/formulaEngine.ts), resolves it through the names in the built
 * functions.<locale>.json to the function id, and calls the function the built bundle
 * associated with that id, with Excel-shaped arguments. What they do not run: Excel's own
 * parser, or Excel choosing the metadata file by the manifest's overrides.
 */
describe("formulas typed with the Chinese names", () => {
  it("=CRM.客户流失率(50, 1000) is 0.05 in a zh-CN workbook (SPEC §2: 1000 at start, 50 lost)", () => {
    expect(evaluate("=CRM.客户流失率(50, 1000)", [], null, "zh-CN")).toBe(0.05);
  });

  it("=CRM.顧客流失率(50, 1000) is 0.05 in a zh-TW workbook", () => {
    expect(evaluate("=CRM.顧客流失率(50, 1000)", [], null, "zh-TW")).toBe(0.05);
  });

  it("a dotted name over ranges: 客户流失率.交易 is CHURNRATE.TX", () => {
    const formula = '=CRM.客户流失率.交易(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)';
    expect(evaluate(formula, sheet, null, "zh-CN")).toBe(0.5); // as the reference's example
    expect(evaluate(formula.replace("客户", "顧客"), sheet, null, "zh-TW")).toBe(0.5);
  });

  it("errors come back as from the English name: 客户保留率 with no customers at the start", () => {
    expectError(evaluate("=CRM.客户保留率(0, 30, 120)", [], null, "zh-CN"), ErrorType.DIV_BY_ZERO);
    expectError(evaluate('=CRM.净推荐值("many", 30, 80)', [], null, "zh-CN"), ErrorType.VALUE);
  });

  it("a spilled table: 同期群留存", () => {
    const block = evaluateSpill(
      '=CRM.同期群留存(A2:A12, B2:B12, , "quarter", , , "2024-06-30")',
      sheet,
      null,
      "zh-CN"
    );
    expect(block.map((row) => row.length)).toEqual([5, 5, 5]);
    expect(block[0]![0]).toBe("cohort");
  });

  it("a name belongs to its locale: the zh-TW name is unknown in zh-CN, the Chinese ones in English", () => {
    expectError(evaluate("=CRM.顧客流失率(50, 1000)", [], null, "zh-CN"), ErrorType.NAME);
    expectError(evaluate("=CRM.客户流失率(50, 1000)", [], null, "en"), ErrorType.NAME);
  });

  it("the test engine takes every Chinese name (its widened lexer covers their letters)", () => {
    for (const locale of LOCALES)
      for (const fn of localised(locale).functions)
        expect(fn.name, `${locale} ${fn.id}`).toMatch(ENGINE_FUNCTION_NAME);
  });

  /*
   * Each example runs by its Chinese name and by its English one, over the reference's sample
   * table, and must give the same value, spill or error (with the same message, which names the
   * function). Examples over the CDNOW ranges (E:M) meet empty cells here, so they show only
   * that the Chinese name reaches the same function; test/functions/examples.test.ts checks their
   * documented numbers on the CDNOW data.
   */
  for (const suiteCase of each(LOCALES)) {
    describe(
      suiteCase.name("every documented example, in %s"),
      suiteCase.run((locale) => {
        const localisedDocs = localizeDocs(docs, metadata, table, locale);
        const cases = docs.flatMap((doc, d) =>
          doc.examples.map((example, e) => ({
            id: doc.id,
            english: example,
            translated: localisedDocs[d]!.examples[e]!,
          }))
        );
        for (const testCase of each(cases)) {
          it(
            testCase.name("$id: $translated"),
            testCase.run(({ english, translated }) => {
              const englishFormula = english.split(/\s*[→⇒]\s*/)[0]!;
              const formula = translated.split(/\s*[→⇒]\s*/)[0]!;
              expect(formula).not.toBe(englishFormula);
              if (english.includes("⇒")) {
                const [rows, columns] = /spills (\d+) rows? × (\d+) columns?/
                  .exec(english)!
                  .slice(1);
                // The translated note states the same size: zh-CN "3 行 × 12 列", zh-TW "3 列 × 12 欄".
                const size = locale === "zh-CN" ? /(\d+) 行 × (\d+) 列/ : /(\d+) 列 × (\d+) 欄/;
                expect(size.exec(translated)?.slice(1)).toEqual([rows, columns]);
                expect(evaluateSpill(formula, sheet, null, locale)).toEqual(
                  evaluateSpill(englishFormula, sheet)
                );
              } else {
                expect(evaluate(formula, sheet, null, locale)).toEqual(
                  evaluate(englishFormula, sheet)
                );
              }
            })
          );
        }
      })
    );
  }
});
