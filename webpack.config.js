/**
 * Builds the add-in into dist/: the task pane page (which, in the shared runtime, also loads the
 * custom functions) with taskpane.js and its report worker (report.worker.js), functions.js with
 * the generated functions.json, its Chinese versions
 * (functions.zh-CN.json, functions.zh-TW.json), the function reference in English and Chinese
 * (reference/), the icons and the manifest.
 *
 *   npm run build       production build for development and the tests (manifest URLs
 *                       rewritten to the placeholder URL_PROD)
 *   npm run build:dev   development build (manifest URLs stay on https://localhost:3000/)
 *   ADDIN_URL=https://… npm run build:prod
 *                       deployable build (scripts/build-prod.mjs): every URL rewritten to
 *                       ADDIN_URL, source maps without the sources (their JSDoc names the dev
 *                       server); refuses to run without an https ADDIN_URL
 *   npm start           development build served over https (scripts/start.mjs)
 */
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { ReferencePlugin } = require("./scripts/reference.cjs");
const { LocalizePlugin } = require("./scripts/localize.cjs");
const { deploymentUrl } = require("./scripts/addin-url.cjs");

/** Where the dev server serves the add-in; manifest*.xml is written against this origin. */
const URL_DEV = "https://localhost:3000/";
/**
 * PLACEHOLDER host of `npm run build` (development and tests). A deployable build takes the
 * real one from ADDIN_URL instead (`npm run build:prod`, env.addinUrl below).
 */
const URL_PROD = "https://www.contoso.com/crm-retention/";

const FUNCTIONS_DIR = path.resolve(__dirname, "src/functions");

/**
 * Every `*.functions.ts` file, sorted so the build (and functions.json) does not depend on the
 * order the file system lists them in. They are both the `functions` entry and the input of the
 * metadata plugin, which appends their `CustomFunctions.associate` calls.
 */
function functionSourceFiles() {
  const files = fs
    .readdirSync(FUNCTIONS_DIR)
    .filter((name) => name.endsWith(".functions.ts"))
    .sort()
    .map((name) => path.join(FUNCTIONS_DIR, name));
  if (files.length === 0) {
    throw new Error(`No custom function sources (*.functions.ts) found in ${FUNCTIONS_DIR}`);
  }
  return files;
}

/**
 * env (from scripts/build-prod.mjs, or `webpack --env addinUrl=https://…`):
 *   addinUrl    deployable build for this host (checked by scripts/addin-url.cjs)
 *   outputPath  where to write the build instead of dist/
 */
function makeConfig(env = {}, argv = {}) {
  const production = argv.mode !== "development";
  const functionFiles = functionSourceFiles();
  const deployable = env.addinUrl !== undefined;
  if (deployable && !production) throw new Error("addinUrl needs --mode production");
  const urlProd = deployable ? deploymentUrl(env.addinUrl) : URL_PROD;

  return {
    mode: production ? "production" : "development",
    target: ["web", "es2020"],
    // A deployable build publishes maps without the sources (their JSDoc names the dev server).
    devtool: deployable ? "nosources-source-map" : "source-map",
    context: __dirname,
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      functions: functionFiles,
    },
    output: {
      path: env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The report's Web Worker (src/taskpane/reportRunner.ts: `new Worker(new URL(
      // "./report.worker.ts", import.meta.url))`) is the one other chunk: report.worker.js,
      // beside taskpane.js, loaded from the same origin through the automatic public path.
      chunkFilename: "[name].js",
      clean: true,
      devtoolModuleFilenameTemplate: "webpack:///[resource-path]",
    },
    // functions.js must stand alone: Excel (and test/support/builtAddin.ts) load it by itself.
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // tsconfig.json is for `tsc --noEmit` (npm run typecheck); the loader must emit.
              compilerOptions: { noEmit: false },
              // Type errors are reported for the bundled files; the whole project (tests
              // included) is checked by `npm run typecheck`.
              onlyCompileBundledFiles: true,
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: functionFiles,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task pane page is also the custom functions' page.
        chunks: ["taskpane", "functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return production ? content.toString().split(URL_DEV).join(urlProd) : content;
            },
          },
        ],
      }),
      // The function reference page, from the same JSDoc as functions.json.
      new ReferencePlugin({
        files: functionFiles,
        urlDev: URL_DEV,
        urlProd: production ? urlProd : URL_DEV,
      }),
      // functions.zh-CN.json, functions.zh-TW.json and reference/zh-*.html from the translation
      // table (src/i18n/functions.translations.ts); fails the build when a function lacks one.
      new LocalizePlugin({ files: functionFiles }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      // scripts/start.mjs replaces the options with the certificates it found or made; left to
      // itself (`webpack serve`), webpack-dev-server generates an untrusted self-signed one.
      server: { type: "https" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
}

// The URLs are exported for the tests (the dist manifest must be the source one, rewritten).
module.exports = Object.assign(makeConfig, { URL_DEV, URL_PROD });
