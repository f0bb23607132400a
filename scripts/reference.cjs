/**
 * The function reference page, generated from the custom functions' JSDoc: the same comments
 * that feed functions.json, so the page and Excel's metadata can never disagree. Used by
 * webpack (ReferencePlugin emits reference/index.html into dist) and by the tests. The same
 * renderer draws the Chinese pages (reference/zh-CN.html, zh-TW.html) from docs that
 * scripts/localize.cjs has translated; the fixed prose of every page is in UI_TEXT below.
 *
 * JSDoc tags read: the main text (description), @customfunction ID, @param, @returns,
 * @remarks (definition), @example (one per line: formula → result), @throws (#CODE! reason),
 * @helpurl.
 */
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

/** Reads every `@customfunction` in `files` into plain objects, in source order. */
function collectFunctionDocs(files) {
  const docs = [];
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      fs.readFileSync(file, "utf8"),
      ts.ScriptTarget.ES2020,
      true
    );
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
      const jsDoc = statement.jsDoc && statement.jsDoc[statement.jsDoc.length - 1];
      if (!jsDoc) continue;
      const tags = jsDoc.tags || [];
      const textOf = (tag) => (ts.getTextOfJSDocComment(tag.comment) || "").trim();
      const named = (name) => tags.filter((tag) => tag.tagName.text.toLowerCase() === name);
      const marker = named("customfunction")[0];
      if (!marker) continue;
      const id = (textOf(marker).split(/\s+/)[0] || statement.name.text).toUpperCase();
      docs.push({
        id,
        file: path.relative(process.cwd(), file),
        description: (ts.getTextOfJSDocComment(jsDoc.comment) || "").trim(),
        params: tags.filter(ts.isJSDocParameterTag).map((tag) => ({
          name: tag.name.getText(),
          optional: Boolean(tag.isBracketed),
          description: textOf(tag).replace(/^-\s*/, ""),
        })),
        returns: named("returns").map(textOf)[0] || "",
        remarks: named("remarks").map(textOf).join(" "),
        examples: named("example").map(textOf),
        errors: named("throws").map((tag) => {
          const text = textOf(tag);
          const match = /^(#[A-Z0-9/!?]+)\s+(.*)$/s.exec(text);
          return match ? { code: match[1], reason: match[2] } : { code: "", reason: text };
        }),
        helpUrl: named("helpurl").map(textOf)[0] || "",
      });
    }
  }
  return docs;
}

/**
 * The transactions the reference's examples refer to, as they sit in A1:C12 of a sheet (header
 * in row 1). The examples test puts this same table in its sheet, so every example is checked.
 */
const SAMPLE_TABLE = [
  ["customer_id", "date", "amount"],
  [1001, "2024-01-05", 120],
  [1002, "2024-01-12", 80],
  [1001, "2024-02-03", 60],
  [1003, "2024-02-15", 200],
  [1002, "2024-03-01", 40],
  [1004, "2024-03-10", 90],
  [1001, "2024-04-20", 150],
  [1003, "2024-05-02", 70],
  [1005, "2024-05-18", 30],
  [1004, "2024-06-25", 110],
  [1001, "2024-06-28", 50],
];

const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]
  );

/** The anchor of a function's section: its id in lower case (`#churnrate`), the same in every language. */
const anchorOf = (id) => id.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The languages of the reference, each with its page in dist/reference/. */
const REFERENCE_PAGES = { en: "index.html", "zh-CN": "zh-CN.html", "zh-TW": "zh-TW.html" };

const CONVENTIONS_EN = `
<section id="conventions">
  <h2>Conventions</h2>
  <ul>
    <li><strong>Rates are fractions.</strong> A churn rate of 5% is returned as 0.05; format the cell as a percentage. Rates given as arguments (margins, discount and retention rates) are fractions too: 30% is 0.3, and 30 is refused rather than read as 3,000%.</li>
    <li><strong>Numbers</strong> may be numbers or numbers stored as text (<code>1,234.50</code>, <code>12%</code>, <code>$5</code>, <code>(3)</code> for −3). Text that is not a number, TRUE/FALSE and error values are refused with <code>#VALUE!</code>.</li>
    <li><strong>Dates</strong> may be Excel dates (serial numbers in the 1900 date system), or text such as <code>2024-03-01</code>, <code>2024/3/1</code>, <code>2024年3月1日</code> or <code>20240301</code>. Day-first and month-first text like <code>3/1/2024</code> is refused because it is ambiguous. Serial 60, Excel's fictitious 29 February 1900, is refused.</li>
    <li><strong>Omitted optional arguments</strong> take the default given in each function's table; an empty cell passed to an optional argument counts as omitted.</li>
    <li><strong>Errors, never a wrong number.</strong> Bad input gives <code>#VALUE!</code> (wrong type, empty, unreadable, ranges of different sizes), <code>#NUM!</code> (a number outside its domain), <code>#DIV/0!</code> (a zero base) or <code>#N/A</code> (nothing to compute on). <code>#VALUE!</code> and <code>#N/A</code> carry a message naming the function, the argument and, within a range, the row (counted from 1 at the top of the range); hover over the cell's error indicator to read it. Excel shows no message on <code>#NUM!</code> and <code>#DIV/0!</code>, so each function below lists their causes.</li>
    <li><strong>Deterministic.</strong> No function is volatile; each recalculates only when its inputs change, and the same inputs always give the same result.</li>
  </ul>
</section>`;

const CONVENTIONS_ZH_CN = `
<section id="conventions">
  <h2>约定</h2>
  <ul>
    <li><strong>比率以小数表示。</strong>5% 的流失率返回 0.05；请将单元格设置为百分比格式。作为参数传入的比率（利润率、折现率和保留率）同样以小数表示：30% 写作 0.3；写 30 会被拒绝，而不会被当作 3,000%。</li>
    <li><strong>数字</strong>可以是数字，也可以是以文本形式存储的数字（<code>1,234.50</code>、<code>12%</code>、<code>$5</code>、表示 −3 的 <code>(3)</code>）。不是数字的文本、TRUE/FALSE 和错误值会以 <code>#VALUE!</code> 拒绝。</li>
    <li><strong>日期</strong>可以是 Excel 日期（1900 日期系统中的序列号），也可以是 <code>2024-03-01</code>、<code>2024/3/1</code>、<code>2024年3月1日</code> 或 <code>20240301</code> 这样的文本。<code>3/1/2024</code> 这类无法确定日和月先后顺序的文本有歧义，会被拒绝。序列号 60（Excel 虚构的 1900 年 2 月 29 日）会被拒绝。</li>
    <li><strong>省略的可选参数</strong>取各函数参数表中给出的默认值；传给可选参数的空单元格视为省略。</li>
    <li><strong>宁可报错，绝不给出错误的数字。</strong>输入有误时返回 <code>#VALUE!</code>（类型错误、为空、无法识别、区域大小不一致）、<code>#NUM!</code>（数字超出取值范围）、<code>#DIV/0!</code>（基数为零）或 <code>#N/A</code>（没有可计算的数据）。<code>#VALUE!</code> 和 <code>#N/A</code> 附带一条消息，指明函数、参数以及区域中的行号（从区域顶部的 1 开始计数）；将鼠标悬停在单元格的错误指示器上即可查看。消息目前为英文，以英文名称指代函数和参数，因此下文为每个函数及其参数都注明了英文名称。Excel 不会在 <code>#NUM!</code> 和 <code>#DIV/0!</code> 上显示消息，因此下文为每个函数列出了它们的原因。</li>
    <li><strong>结果确定。</strong>所有函数都不是易失性函数；只有输入改变时才会重新计算，相同的输入总是得到相同的结果。</li>
    <li><strong>中文函数名称</strong>在 Excel 的显示语言为简体中文时可用；其他语言的 Excel 使用英文名称（见每个函数下的“英文名称”）。</li>
  </ul>
</section>`;

const CONVENTIONS_ZH_TW = `
<section id="conventions">
  <h2>慣例</h2>
  <ul>
    <li><strong>比率以小數表示。</strong>5% 的流失率會傳回 0.05；請將儲存格設定為百分比格式。作為引數傳入的比率（利潤率、折現率和保留率）同樣以小數表示：30% 寫作 0.3；寫 30 會被拒絕，而不會被當作 3,000%。</li>
    <li><strong>數字</strong>可以是數字，也可以是以文字形式儲存的數字（<code>1,234.50</code>、<code>12%</code>、<code>$5</code>、表示 −3 的 <code>(3)</code>）。不是數字的文字、TRUE/FALSE 和錯誤值會以 <code>#VALUE!</code> 拒絕。</li>
    <li><strong>日期</strong>可以是 Excel 日期（1900 日期系統中的序列值），也可以是 <code>2024-03-01</code>、<code>2024/3/1</code>、<code>2024年3月1日</code> 或 <code>20240301</code> 這樣的文字。<code>3/1/2024</code> 這類無法確定日與月先後順序的文字有歧義，會被拒絕。序列值 60（Excel 虛構的 1900 年 2 月 29 日）會被拒絕。</li>
    <li><strong>省略的選用引數</strong>採用各函數引數表中列出的預設值；傳給選用引數的空白儲存格視為省略。</li>
    <li><strong>寧可傳回錯誤，絕不給出錯誤的數字。</strong>輸入有誤時傳回 <code>#VALUE!</code>（類型錯誤、空白、無法辨識、範圍大小不一致）、<code>#NUM!</code>（數字超出容許範圍）、<code>#DIV/0!</code>（基數為零）或 <code>#N/A</code>（沒有可計算的資料）。<code>#VALUE!</code> 和 <code>#N/A</code> 附帶一則訊息，指出函數、引數以及範圍中的列號（從範圍頂端的 1 開始計數）；將滑鼠停留在儲存格的錯誤指示器上即可查看。訊息目前為英文，以英文名稱指稱函數和引數，因此下文為每個函數及其引數都註明了英文名稱。Excel 不會在 <code>#NUM!</code> 和 <code>#DIV/0!</code> 上顯示訊息，因此下文為每個函數列出了它們的原因。</li>
    <li><strong>結果具確定性。</strong>所有函數都不是暫時性（volatile）函數；只有輸入變更時才會重新計算，相同的輸入一律得到相同的結果。</li>
    <li><strong>中文函數名稱</strong>在 Excel 的顯示語言為繁體中文時可用；其他語言的 Excel 使用英文名稱（見每個函數下的「英文名稱」）。</li>
  </ul>
</section>`;

/**
 * The fixed prose of the reference in each language. The function sections themselves come from
 * the docs handed to renderReference (JSDoc in English; src/i18n/functions.translations.ts for
 * the Chinese pages, applied by scripts/localize.cjs).
 */
const UI_TEXT = {
  en: {
    languageName: "English",
    languagesLabel: "Language",
    title: "CRM Retention Analytics: function reference",
    intro: (namespace, exampleFormula) =>
      `Every worksheet function of the add-in, with its definition, arguments, errors and an example. Type them in a cell with the <code>${namespace}.</code> prefix, for example <code>${escapeHtml(exampleFormula)}</code>.`,
    conventions: CONVENTIONS_EN,
    sampleTitle: "Sample data for the examples",
    sampleText:
      "The examples of the transaction functions refer to this table in cells A1:C12 (the dates are Excel dates).",
    sampleHeader: null, // SAMPLE_TABLE's own
    cdnowText:
      "The examples of the predictive CLV functions use the CDNOW sample, the standard data set of the customer-base literature (Fader, Hardie and Lee 2005): its 6,919 transactions of 2,357 customers in E1:G6920 (customer, date as yyyymmdd, amount) and its published per-customer summary at 1997-09-30 in I1:M2358 (ID, x, t_x, T in weeks, mean repeat spend).",
    definition: "Definition",
    arguments: "Arguments",
    argument: "Argument",
    meaning: "Meaning",
    optional: "optional",
    required: "required",
    returns: "Returns",
    errors: "Errors",
    example: "Example",
    returnsWord: "returns",
    englishName: "",
  },
  "zh-CN": {
    languageName: "简体中文",
    languagesLabel: "语言",
    title: "CRM 客户保留分析：函数参考",
    intro: (namespace, exampleFormula) =>
      `本加载项的所有工作表函数，包括定义、参数、错误和示例。在单元格中以 <code>${namespace}.</code> 前缀输入，例如 <code>${escapeHtml(exampleFormula)}</code>。`,
    conventions: CONVENTIONS_ZH_CN,
    sampleTitle: "示例使用的数据",
    sampleText: "交易类函数的示例引用单元格 A1:C12 中的下表（日期为 Excel 日期）。",
    sampleHeader: ["客户ID", "日期", "金额"],
    cdnowText:
      "预测型客户终生价值函数的示例使用 CDNOW 样本（客户基础研究的标准数据集，Fader、Hardie 和 Lee 2005）：2,357 位客户的 6,919 笔交易位于 E1:G6920（客户、yyyymmdd 格式的日期、金额），其公开的 1997-09-30 客户汇总位于 I1:M2358（ID、x、t_x、以周计的 T、平均重复消费额）。",
    definition: "定义",
    arguments: "参数",
    argument: "参数",
    meaning: "说明",
    optional: "可选",
    required: "必需",
    returns: "返回值",
    errors: "错误",
    example: "示例",
    returnsWord: "返回",
    englishName: "英文名称",
  },
  "zh-TW": {
    languageName: "繁體中文",
    languagesLabel: "語言",
    title: "CRM 顧客保留分析：函數參考",
    intro: (namespace, exampleFormula) =>
      `本增益集的所有工作表函數，包括定義、引數、錯誤和範例。在儲存格中以 <code>${namespace}.</code> 前置詞輸入，例如 <code>${escapeHtml(exampleFormula)}</code>。`,
    conventions: CONVENTIONS_ZH_TW,
    sampleTitle: "範例使用的資料",
    sampleText: "交易類函數的範例參照儲存格 A1:C12 中的下表（日期為 Excel 日期）。",
    sampleHeader: ["顧客ID", "日期", "金額"],
    cdnowText:
      "預測型顧客終身價值函數的範例使用 CDNOW 樣本（顧客基礎研究的標準資料集，Fader、Hardie 與 Lee 2005）：2,357 位顧客的 6,919 筆交易位於 E1:G6920（顧客、yyyymmdd 格式的日期、金額），其公開的 1997-09-30 顧客彙總位於 I1:M2358（ID、x、t_x、以週計的 T、平均重複消費額）。",
    definition: "定義",
    arguments: "引數",
    argument: "引數",
    meaning: "說明",
    optional: "選用",
    required: "必要",
    returns: "傳回值",
    errors: "錯誤",
    example: "範例",
    returnsWord: "傳回",
    englishName: "英文名稱",
  },
};

/** A function's display name: its localised name on the Chinese pages, else its id. */
const nameOf = (doc) => doc.name || doc.id;

function signature(namespace, doc) {
  const args = doc.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `${namespace}.${nameOf(doc)}(${args})`;
}

/**
 * An example is `=FORMULA → result` (a single value) or `=FORMULA ⇒ spills R rows × C columns: …`
 * (a table); the examples test checks both forms against the built functions.
 */
function renderExample(example, ui) {
  const spill = example.split(/\s*⇒\s*/);
  if (spill.length === 2)
    return `<li><code>${escapeHtml(spill[0])}</code> ${escapeHtml(spill[1])}</li>`;
  const [formula, result] = example.split(/\s*→\s*/);
  return result === undefined
    ? `<li><code>${escapeHtml(formula)}</code></li>`
    : `<li><code>${escapeHtml(formula)}</code> ${ui.returnsWord} <code>${escapeHtml(result)}</code></li>`;
}

/** On a translated page, the English name the error messages and English docs use. */
function englishNote(text) {
  return text ? ` <span class="english" lang="en">(${escapeHtml(text)})</span>` : "";
}

function renderFunction(namespace, doc, ui) {
  const englishName =
    ui.englishName && doc.englishName
      ? `\n  <p class="english-name">${ui.englishName}：<code lang="en">${escapeHtml(`${namespace}.${doc.englishName}`)}</code></p>`
      : "";
  return `
<section id="${anchorOf(doc.id)}" class="function">
  <h2><code>${escapeHtml(signature(namespace, doc))}</code></h2>${englishName}
  <p class="description">${escapeHtml(doc.description)}</p>
  <h3>${ui.definition}</h3>
  <p class="definition">${escapeHtml(doc.remarks || doc.description)}</p>
  <h3>${ui.arguments}</h3>
  <table class="arguments">
    <thead><tr><th>${ui.argument}</th><th></th><th>${ui.meaning}</th></tr></thead>
    <tbody>
${doc.params
  .map(
    (p) =>
      `      <tr><td><code>${escapeHtml(p.name)}</code>${englishNote(p.englishName)}</td><td>${p.optional ? ui.optional : ui.required}</td><td>${escapeHtml(p.description)}</td></tr>`
  )
  .join("\n")}
    </tbody>
  </table>
  <h3>${ui.returns}</h3>
  <p class="returns">${escapeHtml(doc.returns)}</p>
  <h3>${ui.errors}</h3>
  <ul class="errors">
${doc.errors.map((e) => `    <li><code>${escapeHtml(e.code)}</code> ${escapeHtml(e.reason)}</li>`).join("\n")}
  </ul>
  <h3>${ui.example}</h3>
  <ul class="examples">
${doc.examples.map((e) => "    " + renderExample(e, ui)).join("\n")}
  </ul>
</section>`;
}

/** Links to the page in every language; a small script keeps the function anchor across them. */
function renderLanguageSwitcher(locale) {
  const links = Object.entries(REFERENCE_PAGES).map(([code, page]) =>
    code === locale
      ? `<strong lang="${code}" aria-current="page">${UI_TEXT[code].languageName}</strong>`
      : `<a href="${page}" hreflang="${code}" lang="${code}">${UI_TEXT[code].languageName}</a>`
  );
  return `<nav class="languages" aria-label="${UI_TEXT[locale].languagesLabel}">${links.join(" · ")}</nav>
<script>
  for (const link of document.querySelectorAll("nav.languages a")) {
    link.addEventListener("click", () => { link.hash = location.hash; });
  }
</script>`;
}

/** The formula the introduction shows: the first example of CHURNRATE (or of the first function). */
function introFormula(namespace, docs) {
  const doc = docs.find((d) => d.id === "CHURNRATE") || docs[0];
  const example = doc && doc.examples[0];
  return example ? example.split(/\s*[→⇒]\s*/)[0] : `=${namespace}.`;
}

/**
 * The whole page for `docs` in `locale` ("en", "zh-CN" or "zh-TW"). For a Chinese page, `docs`
 * are already translated (scripts/localize.cjs: localizeDocs), with `name` and `englishName` on
 * each function and `englishName` on each parameter.
 */
function renderReference(docs, { namespace = "CRM", locale = "en", title } = {}) {
  const ui = UI_TEXT[locale];
  if (!ui) throw new Error(`renderReference: no page text for locale ${locale}`);
  const pageTitle = title || ui.title;
  const toc = docs
    .map(
      (d) =>
        `    <li><a href="#${anchorOf(d.id)}"><code>${namespace}.${escapeHtml(nameOf(d))}</code></a> ${escapeHtml(d.description)}</li>`
    )
    .join("\n");
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(pageTitle)}</title>
${Object.entries(REFERENCE_PAGES)
  .map(([code, page]) => `<link rel="alternate" hreflang="${code}" href="${page}">`)
  .join("\n")}
<style>
  body { font-family: "Segoe UI", "Microsoft YaHei", "PingFang SC", "Microsoft JhengHei", "PingFang TC", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #242424; line-height: 1.5; }
  h1 { font-weight: 600; } h2 { border-top: 1px solid #e0e0e0; padding-top: 1.2rem; font-size: 1.25rem; }
  h3 { font-size: 1rem; margin-bottom: .25rem; } code { font-family: Consolas, "Courier New", monospace; background: #f5f5f5; padding: 0 .2em; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .25rem .75rem .25rem 0; vertical-align: top; border-bottom: 1px solid #f0f0f0; }
  .arguments td:nth-child(2) { white-space: nowrap; }
  a { color: #0f6cbd; } nav.languages { text-align: right; } .english, .english-name { color: #616161; }
</style>
</head>
<body>
${renderLanguageSwitcher(locale)}
<h1>${escapeHtml(pageTitle)}</h1>
<p>${ui.intro(namespace, introFormula(namespace, docs))}</p>
<nav>
  <ul>
${toc}
  </ul>
</nav>
${ui.conventions}
<section id="sample-data">
  <h2>${ui.sampleTitle}</h2>
  <p>${ui.sampleText}</p>
  <p>${ui.cdnowText}</p>
  <table>
${[ui.sampleHeader || SAMPLE_TABLE[0], ...SAMPLE_TABLE.slice(1)]
  .map(
    (row, i) =>
      `    <tr><td>${i + 1}</td>${row.map((cell) => (i === 0 ? `<th>${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`
  )
  .join("\n")}
  </table>
</section>
${docs.map((d) => renderFunction(namespace, d, ui)).join("\n")}
</body>
</html>
`;
}

/**
 * Emits reference/index.html, built from the JSDoc of `files`, into the compilation, and points
 * the help links in functions.json at the production origin when it differs from the dev one.
 * The Chinese pages and metadata files are emitted by LocalizePlugin (scripts/localize.cjs).
 */
class ReferencePlugin {
  constructor({ files, urlDev, urlProd }) {
    this.files = files;
    this.urlDev = urlDev;
    this.urlProd = urlProd;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("ReferencePlugin", (compilation) => {
      for (const file of this.files) compilation.fileDependencies.add(path.resolve(file));
      compilation.hooks.processAssets.tap(
        { name: "ReferencePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const html = renderReference(collectFunctionDocs(this.files));
          // Marked as minimized so the page stays readable: it is documentation, and small.
          compilation.emitAsset("reference/index.html", new sources.RawSource(html), {
            minimized: true,
          });
          const metadata = compilation.getAsset("functions.json");
          if (metadata && this.urlDev && this.urlProd && this.urlDev !== this.urlProd) {
            const text = metadata.source.source().toString().split(this.urlDev).join(this.urlProd);
            compilation.updateAsset("functions.json", new sources.RawSource(text));
          }
        }
      );
    });
  }
}

module.exports = {
  collectFunctionDocs,
  renderReference,
  anchorOf,
  ReferencePlugin,
  SAMPLE_TABLE,
  REFERENCE_PAGES,
  UI_TEXT,
};
