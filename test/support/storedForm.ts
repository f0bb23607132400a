/**
 * Checks of the XML of a workbook written in formulas mode: the add-in's calls as Excel stores
 * them (src/cli/storedFormula.ts; sources there and in test/cli/storedFormula.test.ts).
 */
import JSZip from "jszip";
import { expect } from "./expect";
import { callsCustomFunction, maskLiterals } from "../../src/cli/storedFormula";

/** Every formula cell of a sheet's XML: its attributes, the <f> attributes and the formula text. */
export function formulaCells(
  sheetXml: string
): { ref: string; cell: string; f: string; formula: string }[] {
  const unescape = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [...sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)><f([^>]*)>([^<]*)<\/f>/g)].map((m) => ({
    ref: m[1]!,
    cell: m[2]!,
    f: m[3]!,
    formula: unescape(m[4]!),
  }));
}

/**
 * The checks of a formulas-mode workbook's XML: every formula calling a CRM function holds it
 * in stored form only and is a dynamic-array cell (cm="1", t="array", ref from the cell), the
 * dynamic-array metadata is there. Returns the functions called (stored names).
 */
export async function expectStoredForm(bytes: Buffer): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(bytes);
  const called = new Set<string>();
  let crmCells = 0;
  for (const name of Object.keys(zip.files).filter((n) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
  )) {
    const xml = await zip.file(name)!.async("string");
    for (const cell of formulaCells(xml)) {
      const at = `${name} ${cell.ref}: ${cell.formula}`;
      // nothing typed left outside text: a typed call opens as #NAME? (office-js#6611)
      expect(maskLiterals(cell.formula), at).not.toMatch(/(?<![\w.])CRM\.[\w.]*\(/i);
      if (!callsCustomFunction(cell.formula)) continue;
      crmCells++;
      // as Excel saves _xldudf_CONTOSO_ADD(1,2): <c cm="1"><f t="array" ref="A1">
      expect(cell.cell, at).toContain(' cm="1"');
      expect(cell.f, at).toMatch(new RegExp(`^ t="array" ref="${cell.ref}(:[A-Z]+\\d+)?"$`));
      for (const m of maskLiterals(cell.formula).matchAll(/_xldudf_CRM_\w+(?=\()/g)) {
        expect(m[0], at).toMatch(/^_xldudf_CRM_[A-Z0-9_]+$/);
        called.add(m[0]);
      }
    }
  }
  expect(crmCells).toBeGreaterThan(0);
  expect(zip.file("xl/metadata.xml"), "dynamic-array metadata").not.toBeNull();
  return called;
}
