/**
 * The custom functions in Chinese. From the generated functions.json, the functions' JSDoc and
 * the translation table (src/i18n/functions.translations.ts) this builds, per locale:
 *
 *   functions.zh-CN.json, functions.zh-TW.json   what Excel reads (manifest.xml selects them by
 *       <bt:Override Locale>): the same functions, ids, parameter lists, types and options as
 *       functions.json, with the function's name and description, each parameter's name and
 *       description, and the help link (to the localised reference page) translated. These are
 *       the fields Excel localises ("Custom functions naming and localization", Microsoft Learn).
 *   reference/zh-CN.html, reference/zh-TW.html   the function reference, every function section
 *       from the table and the fixed prose from scripts/reference.cjs.
 *
 * LocalizePlugin does this in webpack and fails the compilation, naming the function and the
 * parameter, when the table lacks anything the English metadata or JSDoc has, or translates a
 * function or parameter that no longer exists. The tests use the same functions.
 */
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const ts = require("typescript");
const { collectFunctionDocs, renderReference, REFERENCE_PAGES } = require("./reference.cjs");

const TABLE_FILE = path.resolve(__dirname, "../src/i18n/functions.translations.ts");

/** Excel's rule for a custom function name (custom-functions-metadata's validateName). */
const NAME_PATTERN = /^\p{L}[\p{L}0-9._]*$/u;

/**
 * Loads the translation table. It is TypeScript (so `npm run typecheck` checks its shape) with
 * no imports, so transpiling it to CommonJS and running it is all it takes.
 */
function loadTranslations(file = TABLE_FILE) {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    fileName: file,
  });
  const module = { exports: {} };
  const run = vm.runInThisContext(`(function (exports, module, require) {${outputText}\n})`, {
    filename: file,
  });
  run(module.exports, module, (name) => {
    throw new Error(`${file} must not import anything (it imports ${name})`);
  });
  const { LOCALES, FUNCTION_TRANSLATIONS } = module.exports;
  if (!Array.isArray(LOCALES) || typeof FUNCTION_TRANSLATIONS !== "object") {
    throw new Error(`${file} must export LOCALES and FUNCTION_TRANSLATIONS`);
  }
  return { locales: LOCALES, table: FUNCTION_TRANSLATIONS, file };
}

/** The examples of a doc whose result is a spilled table (`=F(…) ⇒ spills …`). */
const spillExamples = (doc) => doc.examples.filter((e) => /\s⇒\s/.test(e));

/** What a missing entry should look like, to paste into the table and fill in. */
function skeleton(fn, doc, locales) {
  const text = (indent) =>
    [
      `name: "…",`,
      `description: "…",`,
      `parameters: {`,
      ...fn.parameters.map((p) => `  ${p.name}: { name: "…", description: "…" },`),
      `},`,
      `returns: "…",`,
      `definition: "…",`,
      `errors: [${(doc ? doc.errors : []).map((e) => `["${e.code}", "…"]`).join(", ")}],`,
      ...(doc && spillExamples(doc).length > 0
        ? [
            `spills: [${spillExamples(doc)
              .map(() => `"…"`)
              .join(", ")}],`,
          ]
        : []),
    ]
      .map((line) => " ".repeat(indent) + line)
      .join("\n");
  const key = /^[A-Z_][A-Z0-9_]*$/.test(fn.id) ? fn.id : JSON.stringify(fn.id);
  return [
    `  ${key}: {`,
    ...locales.map((locale) => `    "${locale}": {\n${text(6)}\n    },`),
    `  },`,
  ].join("\n");
}

/**
 * Problems with one name under Excel's naming rules. Function names (`isFunction`) have at least
 * 3 characters and write Latin letters in upper case, as Excel's own names do.
 */
function nameProblems(name, isFunction) {
  const minLength = isFunction ? 3 : 1;
  if (typeof name !== "string" || name.trim() === "") return ["is empty"];
  const problems = [];
  if (!NAME_PATTERN.test(name))
    problems.push(
      `"${name}" must start with a letter and hold only letters, digits, "." and "_" (no spaces)`
    );
  if (name.length < minLength) problems.push(`"${name}" is shorter than ${minLength} characters`);
  if (name.length > 128) problems.push(`"${name}" is longer than 128 characters`);
  if (isFunction && name !== name.toUpperCase())
    problems.push(`"${name}" must write Latin letters in upper case`);
  return problems;
}

const isBlank = (text) => typeof text !== "string" || text.trim() === "";

/**
 * Everything wrong with the table for the functions in `metadata` (functions.json) documented
 * by `docs` (collectFunctionDocs), as messages that name the function, locale and parameter.
 * An empty list means every locale has every text.
 */
function checkTranslations({ metadata, docs, locales, table, file = TABLE_FILE }) {
  const where = path.relative(process.cwd(), file);
  const problems = [];
  const docById = new Map(docs.map((d) => [d.id.toUpperCase(), d]));
  const ids = new Set(metadata.functions.map((fn) => fn.id));
  for (const fn of metadata.functions) {
    const doc = docById.get(fn.id.toUpperCase());
    const label = `CRM.${fn.name}${doc ? ` (${doc.file})` : ""}`;
    const entry = table[fn.id];
    if (!entry) {
      problems.push(
        `${label} has no translation: add this entry to ${where} and fill it in:\n${skeleton(fn, doc, locales)}`
      );
      continue;
    }
    for (const locale of locales) {
      const text = entry[locale];
      const at = `${where}: ${fn.id} ${locale}`;
      if (!text) {
        problems.push(`${label} has no ${locale} translation (${at})`);
        continue;
      }
      for (const p of nameProblems(text.name, true)) problems.push(`${at}: the name ${p}`);
      if (isBlank(text.description)) problems.push(`${at}: the description is missing`);
      const translated = text.parameters || {};
      const parameterNames = new Map();
      for (const parameter of fn.parameters) {
        const t = translated[parameter.name];
        if (!t) {
          problems.push(
            `${at}: parameter ${parameter.name} of CRM.${fn.name} has no translation (add ${parameter.name}: { name, description } to its parameters)`
          );
          continue;
        }
        for (const p of nameProblems(t.name, false))
          problems.push(`${at}: the name of parameter ${parameter.name} ${p}`);
        if (isBlank(t.description))
          problems.push(`${at}: parameter ${parameter.name} has no description`);
        const key = String(t.name).toUpperCase();
        if (parameterNames.has(key))
          problems.push(
            `${at}: parameters ${parameterNames.get(key)} and ${parameter.name} are both named "${t.name}"`
          );
        parameterNames.set(key, parameter.name);
      }
      for (const name of Object.keys(translated)) {
        if (!fn.parameters.some((p) => p.name === name))
          problems.push(
            `${at}: translates parameter ${name}, which CRM.${fn.name} does not have (its parameters: ${fn.parameters.map((p) => p.name).join(", ") || "none"})`
          );
      }
      if (!doc) continue; // the reference texts are checked against the JSDoc
      if (doc.returns && isBlank(text.returns)) problems.push(`${at}: "returns" is missing`);
      if (doc.remarks && isBlank(text.definition)) problems.push(`${at}: "definition" is missing`);
      const codes = doc.errors.map((e) => e.code);
      const translatedCodes = (text.errors || []).map((e) => e[0]);
      if (codes.join(" ") !== translatedCodes.join(" "))
        problems.push(
          `${at}: "errors" must give a reason for each @throws, in order: ${codes.join(", ") || "none"} (it has ${translatedCodes.join(", ") || "none"})`
        );
      else if ((text.errors || []).some((e) => isBlank(e[1])))
        problems.push(`${at}: an error has no reason`);
      const spills = spillExamples(doc).length;
      if ((text.spills || []).length !== spills || (text.spills || []).some(isBlank))
        problems.push(
          `${at}: "spills" must describe the ${spills} spilled example(s) (it has ${(text.spills || []).length})`
        );
    }
  }
  for (const locale of locales) {
    const seen = new Map();
    for (const fn of metadata.functions) {
      const name = table[fn.id] && table[fn.id][locale] && table[fn.id][locale].name;
      if (typeof name !== "string") continue;
      const key = name.toUpperCase();
      if (seen.has(key))
        problems.push(
          `${where}: ${seen.get(key)} and ${fn.id} have the same ${locale} name "${name}"`
        );
      seen.set(key, fn.id);
    }
  }
  for (const id of Object.keys(table)) {
    if (!ids.has(id))
      problems.push(
        `${where}: translates ${id}, which is not a function in functions.json (renamed or removed? move or delete its entry)`
      );
  }
  return problems;
}

/** A help link on the English reference page, pointed at the same anchor on `locale`'s page. */
function localizedHelpUrl(helpUrl, locale) {
  const english = `reference/${REFERENCE_PAGES.en}`;
  if (typeof helpUrl !== "string" || !helpUrl.includes(english)) return helpUrl;
  return helpUrl.replace(english, `reference/${REFERENCE_PAGES[locale]}`);
}

/**
 * functions.json for `locale`: every field as in English except each function's name,
 * description and help link and each parameter's name and description.
 */
function localizeMetadata(metadata, table, locale) {
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const text = table[fn.id][locale];
      return {
        ...fn,
        name: text.name,
        description: text.description,
        ...(fn.helpUrl === undefined ? {} : { helpUrl: localizedHelpUrl(fn.helpUrl, locale) }),
        parameters: fn.parameters.map((p) => ({
          ...p,
          name: text.parameters[p.name].name,
          description: text.parameters[p.name].description,
        })),
      };
    }),
  };
}

/** Replaces `CRM.NAME(` in a formula with the localised name, for every function in `names`. */
function localizeFormula(formula, names, namespace = "CRM") {
  const pattern = new RegExp(`\\b${namespace}\\.(\\p{L}[\\p{L}0-9._]*)\\(`, "gu");
  return formula.replace(pattern, (whole, name) => {
    const localized = names.get(name.toUpperCase());
    if (!localized) throw new Error(`${formula}: no function named ${namespace}.${name}`);
    return `${namespace}.${localized}(`;
  });
}

/**
 * The docs (collectFunctionDocs) in `locale`, for renderReference: each function's texts from
 * the table, its localised `name` beside its `englishName` (the id, which error messages use),
 * each parameter's localised `name` beside its `englishName`, and examples whose formulas call
 * the localised names. `metadata` maps ids to the English names the examples are written with.
 */
function localizeDocs(docs, metadata, table, locale) {
  const names = new Map(
    metadata.functions.map((fn) => [fn.name.toUpperCase(), table[fn.id][locale].name])
  );
  const byDocId = new Map(metadata.functions.map((fn) => [fn.id.toUpperCase(), fn.id]));
  return docs.map((doc) => {
    const id = byDocId.get(doc.id);
    if (!id) throw new Error(`${doc.file}: ${doc.id} is documented but not in functions.json`);
    const text = table[id][locale];
    const spills = [...(text.spills || [])];
    return {
      ...doc,
      name: text.name,
      englishName: doc.id,
      description: text.description,
      params: doc.params.map((p) => ({
        ...p,
        name: text.parameters[p.name].name,
        englishName: p.name,
        description: text.parameters[p.name].description,
      })),
      returns: text.returns,
      remarks: text.definition,
      errors: doc.errors.map((e, i) => ({ code: e.code, reason: text.errors[i][1] })),
      examples: doc.examples.map((example) => {
        const [formula, rest] = example.split(/\s*⇒\s*/);
        if (rest !== undefined) return `${localizeFormula(formula, names)} ⇒ ${spills.shift()}`;
        const [call, result] = example.split(/\s*→\s*/);
        return result === undefined
          ? localizeFormula(call, names)
          : `${localizeFormula(call, names)} → ${result}`;
      }),
    };
  });
}

/** The file each locale's metadata is written to, beside functions.json. */
const metadataFileOf = (locale) => `functions.${locale}.json`;

/**
 * Emits functions.<locale>.json and reference/<locale>.html for every locale of the table, after
 * ReferencePlugin has pointed functions.json's help links at their final origin. Fails the
 * compilation (with every problem found) instead when the table is incomplete.
 */
class LocalizePlugin {
  constructor({ files, tableFile = TABLE_FILE }) {
    this.files = files;
    this.tableFile = tableFile;
  }
  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("LocalizePlugin", (compilation) => {
      compilation.fileDependencies.add(this.tableFile);
      compilation.hooks.processAssets.tap(
        { name: "LocalizePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_DERIVED },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return; // the metadata plugin has reported why
          const fail = (message) =>
            compilation.errors.push(new WebpackError(`LocalizePlugin: ${message}`));
          let translations;
          try {
            translations = loadTranslations(this.tableFile);
          } catch (error) {
            fail(`cannot read ${this.tableFile}: ${error.message}`);
            return;
          }
          const { locales, table } = translations;
          const metadata = JSON.parse(asset.source.source().toString());
          const docs = collectFunctionDocs(this.files);
          const problems = checkTranslations({
            metadata,
            docs,
            locales,
            table,
            file: this.tableFile,
          });
          if (problems.length > 0) {
            fail(
              `the Chinese translations are incomplete (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `- ${p}`).join("\n")
            );
            return;
          }
          try {
            for (const locale of locales) {
              const localized = localizeMetadata(metadata, table, locale);
              compilation.emitAsset(
                metadataFileOf(locale),
                new sources.RawSource(JSON.stringify(localized, null, 4))
              );
              const html = renderReference(localizeDocs(docs, metadata, table, locale), {
                locale,
              });
              compilation.emitAsset(
                `reference/${REFERENCE_PAGES[locale]}`,
                new sources.RawSource(html),
                { minimized: true }
              );
            }
          } catch (error) {
            fail(error.message);
          }
        }
      );
    });
  }
}

module.exports = {
  TABLE_FILE,
  NAME_PATTERN,
  loadTranslations,
  checkTranslations,
  localizeMetadata,
  localizeDocs,
  localizeFormula,
  localizedHelpUrl,
  metadataFileOf,
  LocalizePlugin,
};
