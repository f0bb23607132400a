/**
 * The ExcelApi requirement set that manifest.xml declares is the one the task pane needs: the
 * highest set of any Excel API member that src/taskpane/ uses unconditionally, no lower (Excel
 * that cannot run the pane would offer it) and no higher (Excel that can would not).
 *
 * Each member's set is read from its declaration in @types/office-js, whose doc comments carry
 * the same "[Api set: ExcelApi 1.x]" as Microsoft's API reference (learn.microsoft.com/
 * javascript/api/excel). The TypeScript compiler resolves every property access and call in
 * the task pane's sources to its declaration, so `axis.numberFormat` (ExcelApi 1.8) and
 * `range.numberFormat` (1.1) are told apart. Members of a higher set are allowed only where
 * the code checks for that set first: the page layout (ExcelApi 1.9) in applyPageSetup, called
 * after `isSetSupported("ExcelApi", "1.9")`.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect } from "./support/expect";

const ROOT = path.resolve(import.meta.dirname, "..");
const TASKPANE = path.join(ROOT, "src", "taskpane");
const manifestText = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** Functions that run only once the named set is known to be supported, and that set. */
const FEATURE_DETECTED: Record<string, string> = { applyPageSetup: "1.9" };

interface Use {
  readonly member: string;
  readonly version: string;
  readonly file: string;
  readonly line: number;
  readonly inFunction: string | undefined;
}

function versionNumber(version: string): [number, number] {
  const [major, minor] = version.split(".").map(Number);
  return [major ?? 0, minor ?? 0];
}

function compareVersions(a: string, b: string): number {
  const [a1, a2] = versionNumber(a);
  const [b1, b2] = versionNumber(b);
  return a1 - b1 || a2 - b2;
}

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) && current.name) return current.name.text;
  }
  return undefined;
}

/** Every use of an Excel API member in the task pane's sources, with its requirement set. */
function excelApiUses(): Use[] {
  const files = fs
    .readdirSync(TASKPANE)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(TASKPANE, name));
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const declaration of symbol?.declarations ?? []) {
          if (!declaration.getSourceFile().fileName.includes("@types/office-js")) continue;
          const comments = ts.getJSDocCommentsAndTags(declaration).map((c) => c.getText());
          const set = /\[Api set: ExcelApi (\d+\.\d+)\]/.exec(comments.join("\n"));
          if (!set?.[1]) continue;
          uses.push({
            member: `${checker.getFullyQualifiedName(symbol!)}`,
            version: set[1],
            file: path.relative(ROOT, file),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            inFunction: enclosingFunctionName(node),
          });
          break;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

const uses = excelApiUses();
const declared = /<Set Name="ExcelApi" MinVersion="(\d+\.\d+)"\s*\/>/.exec(manifestText)?.[1];

describe("manifest.xml's ExcelApi requirement set", () => {
  it("is declared once, in the base manifest's <Requirements>", () => {
    expect(declared).toBeDefined();
    expect(manifestText.match(/<Set Name="ExcelApi"/g)).toHaveLength(1);
    const base = manifestText.slice(0, manifestText.indexOf("<VersionOverrides"));
    expect(base).toMatch(/<Requirements>\s*<Sets[^>]*>[\s\S]*<Set Name="ExcelApi"/);
  });

  it("finds the task pane's Excel API calls (sanity check of the scan)", () => {
    const members = new Set(uses.map((use) => use.member));
    // one member from each of the sets the manifest comment names
    for (const member of [
      "Excel.Range.values", // 1.1
      "Excel.RangeFormat.columnWidth", // 1.2
      "Excel.WorksheetCollection.getItemOrNullObject", // 1.4
      "Excel.Range.conditionalFormats", // 1.6
      "Excel.Worksheet.getRangeByIndexes", // 1.7
      "Excel.ChartAxis.numberFormat", // 1.8
      "Excel.Worksheet.pageLayout", // 1.9, feature-detected
    ])
      expect(members, member).toContain(member);
  });

  it("equals the highest set the task pane uses without checking for it first", () => {
    const unconditional = uses.filter(
      (use) => !(use.inFunction !== undefined && use.inFunction in FEATURE_DETECTED)
    );
    const highest = unconditional.reduce(
      (max, use) => (compareVersions(use.version, max) > 0 ? use.version : max),
      "1.1"
    );
    const atHighest = unconditional
      .filter((use) => use.version === highest)
      .map((use) => `${use.member} (${use.file}:${use.line})`);
    expect(
      declared,
      `highest unconditional use: ExcelApi ${highest}: ${atHighest.join(", ")}`
    ).toBe(highest);
  });

  it("is checked at run time before members of a higher set are used", () => {
    const adapter = fs.readFileSync(path.join(TASKPANE, "excelAdapter.ts"), "utf8");
    for (const [fn, version] of Object.entries(FEATURE_DETECTED)) {
      expect(adapter).toContain(`isSetSupported("ExcelApi", "${version}")`);
      const inside = uses.filter((use) => use.inFunction === fn);
      expect(inside.length, fn).toBeGreaterThan(0);
      for (const use of inside)
        expect(compareVersions(use.version, version), use.member).toBeLessThanOrEqual(0);
    }
  });
});
