/**
 * ESLint 9 flat config, picked up by `npm run lint` (office-addin-lint check), which lints the
 * files named by config.lint_files in package.json. Microsoft's Office add-in rules (Office.js
 * load/sync misuse) plus Prettier with office-addin-prettier-config (.prettierrc.json).
 */
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

export default [
  {
    ignores: ["dist/", "node_modules/", "coverage/", ".certs/", "test-output/"],
  },
  ...officeAddins.configs.recommended,
  {
    // The recommended config names its parser through a default import that resolves to
    // nothing, which silently leaves ESLint on espree; set it here.
    languageOptions: {
      parser: tsParser,
      ecmaVersion: "latest",
      sourceType: "module",
    },
  },
  {
    files: ["**/*.ts", "**/*.mts", "**/*.cts"],
    rules: {
      // TypeScript resolves names itself (and knows the Office, Excel and CustomFunctions
      // globals from their type packages); no-undef only produces false alarms here.
      "no-undef": "off",
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The command line and its tests use ExcelJS, not Office.js: its cells and charts are plain
    // objects, so the Office.js load/sync rules only give false alarms there.
    files: ["src/cli/**", "test/cli/**"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    files: ["scripts/**/*.{js,mjs,cjs}", "*.{js,mjs,cjs}"],
    languageOptions: {
      globals: globals.node,
    },
  },
  {
    files: ["**/*.cjs", "webpack.config.js"],
    languageOptions: {
      sourceType: "commonjs",
    },
  },
];
