/**
 * The function reference page, generated from the custom functions' JSDoc: the same comments
 * that feed functions.json, so the page and Excel's metadata can never disagree. Used by
 * webpack (ReferencePlugin emits reference/index.html into dist) and by the tests.
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

/** The anchor of a function's section: its id in lower case (`#churnrate`). */
const anchorOf = (id) => id.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function signature(namespace, doc) {
  const args = doc.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `${namespace}.${doc.id}(${args})`;
}

/**
 * An example is `=FORMULA → result` (a single value) or `=FORMULA ⇒ spills R rows × C columns: …`
 * (a table); the examples test checks both forms against the built functions.
 */
function renderExample(example) {
  const spill = example.split(/\s*⇒\s*/);
  if (spill.length === 2)
    return `<li><code>${escapeHtml(spill[0])}</code> ${escapeHtml(spill[1])}</li>`;
  const [formula, result] = example.split(/\s*→\s*/);
  return result === undefined
    ? `<li><code>${escapeHtml(formula)}</code></li>`
    : `<li><code>${escapeHtml(formula)}</code> returns <code>${escapeHtml(result)}</code></li>`;
}

function renderFunction(namespace, doc) {
  return `
<section id="${anchorOf(doc.id)}" class="function">
  <h2><code>${escapeHtml(signature(namespace, doc))}</code></h2>
  <p class="description">${escapeHtml(doc.description)}</p>
  <h3>Definition</h3>
  <p class="definition">${escapeHtml(doc.remarks || doc.description)}</p>
  <h3>Arguments</h3>
  <table class="arguments">
    <thead><tr><th>Argument</th><th></th><th>Meaning</th></tr></thead>
    <tbody>
${doc.params
  .map(
    (p) =>
      `      <tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.optional ? "optional" : "required"}</td><td>${escapeHtml(p.description)}</td></tr>`
  )
  .join("\n")}
    </tbody>
  </table>
  <h3>Returns</h3>
  <p class="returns">${escapeHtml(doc.returns)}</p>
  <h3>Errors</h3>
  <ul class="errors">
${doc.errors.map((e) => `    <li><code>${escapeHtml(e.code)}</code> ${escapeHtml(e.reason)}</li>`).join("\n")}
  </ul>
  <h3>Example</h3>
  <ul class="examples">
${doc.examples.map((e) => "    " + renderExample(e)).join("\n")}
  </ul>
</section>`;
}

const CONVENTIONS = `
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

/** The whole page for `docs`, in English. */
function renderReference(
  docs,
  { namespace = "CRM", title = "CRM Retention Analytics: function reference" } = {}
) {
  const toc = docs
    .map(
      (d) =>
        `    <li><a href="#${anchorOf(d.id)}"><code>${namespace}.${escapeHtml(d.id)}</code></a> ${escapeHtml(d.description)}</li>`
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "Segoe UI", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #242424; line-height: 1.5; }
  h1 { font-weight: 600; } h2 { border-top: 1px solid #e0e0e0; padding-top: 1.2rem; font-size: 1.25rem; }
  h3 { font-size: 1rem; margin-bottom: .25rem; } code { font-family: Consolas, "Courier New", monospace; background: #f5f5f5; padding: 0 .2em; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .25rem .75rem .25rem 0; vertical-align: top; border-bottom: 1px solid #f0f0f0; }
  a { color: #0f6cbd; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Every worksheet function of the add-in, with its definition, arguments, errors and an example. Type them in a cell with the <code>${namespace}.</code> prefix, for example <code>=${namespace}.CHURNRATE(50, 1000)</code>.</p>
<nav>
  <ul>
${toc}
  </ul>
</nav>
${CONVENTIONS}
<section id="sample-data">
  <h2>Sample data for the examples</h2>
  <p>The examples of the transaction functions refer to this table in cells A1:C12 (the dates are Excel dates).</p>
  <table>
${SAMPLE_TABLE.map(
  (row, i) =>
    `    <tr><td>${i + 1}</td>${row.map((cell) => (i === 0 ? `<th>${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`
).join("\n")}
  </table>
</section>
${docs.map((d) => renderFunction(namespace, d)).join("\n")}
</body>
</html>
`;
}

/**
 * Emits reference/index.html, built from the JSDoc of `files`, into the compilation, and points
 * the help links in functions.json at the production origin when it differs from the dev one.
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

module.exports = { collectFunctionDocs, renderReference, anchorOf, ReferencePlugin, SAMPLE_TABLE };
