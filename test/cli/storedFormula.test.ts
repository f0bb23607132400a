/**
 * Formulas as Excel stores them (src/cli/storedFormula.ts, issue 15 part 3): the add-in's calls
 * under their stored names, and the workbook `crm-report --formulas` writes holding every CRM
 * call in that form, as a dynamic-array cell.
 *
 * The stored form is taken from a workbook saved by Excel itself:
 * github.com/evelyn-chrono/officejs-custom-functions-name-error-repro, "Custom Functions
 * Protected Sheet Repro.xlsx" (Microsoft Macintosh Excel 16; repro of OfficeDev/office-js#6611),
 * sheet "Correct": `<c r="A1" cm="1"><f t="array" ref="A1">_xldudf_CONTOSO_ADD(1,2)</f><v>3</v></c>`
 * for `=CONTOSO.ADD(1,2)` (ADD returns a scalar), and from Microsoft's engineer in
 * OfficeDev/Excel-Custom-Functions#108 ("we by default save out with a different prefix
 * "_xldudf""). Dots of a function's id become underscores: OfficeDev/office-js-docs-pr#4039 and
 * OfficeDev/script-lab#1009 (users' reports; no Excel-saved file with a dotted id was found).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { expect } from "../support/expect";
import {
  callsCustomFunction,
  customFunctionCells,
  maskLiterals,
  storedFormula,
  storedFunctionName,
} from "../../src/cli/storedFormula";
import { fileFormula, reportWorkbookBuffer } from "../../src/cli/xlsxWriter";
import { cellAddress, rangeAddress } from "../../src/core/report/reportModel";
import { SAMPLE_SALES, sampleWorkbook } from "../support/sampleReport";
import { expectStoredForm } from "../support/storedForm";

/** Every custom function id the add-in declares (`@customfunction ID [NAME]` in src/functions/). */
function declaredIds(): string[] {
  const dir = path.resolve("src/functions");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".functions.ts"))
    .flatMap((f) =>
      [...readFileSync(path.join(dir, f), "utf8").matchAll(/@customfunction\s+([\w.]+)/g)].map(
        (m) => m[1]!
      )
    );
}

describe("storedFunctionName", () => {
  it("is _xldudf_, the namespace and the id, dots as underscores", () => {
    // the Excel-saved file: CONTOSO.ADD → _xldudf_CONTOSO_ADD
    expect(storedFunctionName("ADD", "CONTOSO")).toBe("_xldudf_CONTOSO_ADD");
    expect(storedFunctionName("GRADE")).toBe("_xldudf_CRM_GRADE");
    // office-js-docs-pr#4039: "the periods are converted to underscores"
    expect(storedFunctionName("NPS.SCORES")).toBe("_xldudf_CRM_NPS_SCORES");
    expect(storedFunctionName("predictedclv.summary")).toBe("_xldudf_CRM_PREDICTEDCLV_SUMMARY");
  });

  it("gives every function the add-in declares a distinct stored name, and the manifest's namespace is CRM", () => {
    const ids = declaredIds();
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(ids).toContain("NPS.SCORES");
    const stored = ids.map((id) => storedFunctionName(id));
    for (const name of stored) expect(name).toMatch(/^_xldudf_CRM_[A-Z0-9_]+$/);
    // script-lab#1009: ids equal but for . and _ collide in Excel
    expect(new Set(stored).size).toBe(ids.length);
    expect(readFileSync("manifest.xml", "utf8")).toContain(
      '<bt:String id="Functions.Namespace" DefaultValue="CRM"/>'
    );
  });
});

describe("storedFormula", () => {
  it("renames a call as the Excel-saved file holds it", () => {
    expect(storedFormula("CONTOSO.ADD(1,2)", "CONTOSO")).toBe("_xldudf_CONTOSO_ADD(1,2)");
    expect(storedFormula('CONTOSO.GET("test")', "CONTOSO")).toBe('_xldudf_CONTOSO_GET("test")');
  });

  it("renames nested and dotted calls, any case, leaving Excel's functions and references alone", () => {
    expect(
      storedFormula(
        "ROWS(CRM.PALIVE.MODEL(CRM.CLVFIT(Data!$A$2:$A$9,Data!$B$2:$B$9,Data!$C$2:$C$9),J2:J9,K2:K9,L2:L9))"
      )
    ).toBe(
      "ROWS(_xldudf_CRM_PALIVE_MODEL(_xldudf_CRM_CLVFIT(Data!$A$2:$A$9,Data!$B$2:$B$9,Data!$C$2:$C$9),J2:J9,K2:K9,L2:L9))"
    );
    expect(storedFormula("crm.nps.scores(A1:A5)+Crm.Nps(B1:B5)")).toBe(
      "_xldudf_CRM_NPS_SCORES(A1:A5)+_xldudf_CRM_NPS(B1:B5)"
    );
    expect(storedFormula("SUM($B$46:$B$50)/CRM.CLV(I6,J6,Model!$B$10,Model!$B$8)")).toBe(
      "SUM($B$46:$B$50)/_xldudf_CRM_CLV(I6,J6,Model!$B$10,Model!$B$8)"
    );
  });

  it("leaves text in strings, quoted sheet names and structured references alone", () => {
    expect(storedFormula(`"say ""CRM.NPS(1)"""&CRM.NPS(A1:A3)`)).toBe(
      `"say ""CRM.NPS(1)"""&_xldudf_CRM_NPS(A1:A3)`
    );
    expect(storedFormula(`CRM.GRADE('CRM.GRADE(1)'!A1:A9,'O''Neil (2)'!B1:B9)`)).toBe(
      `_xldudf_CRM_GRADE('CRM.GRADE(1)'!A1:A9,'O''Neil (2)'!B1:B9)`
    );
    // formulas.ts escapes [ ] # ' @ in a header with '
    expect(storedFormula(`CRM.CSAT(Sales['[CRM.CSAT(']],T[[#Headers],[CRM.NPS(]])`)).toBe(
      `_xldudf_CRM_CSAT(Sales['[CRM.CSAT(']],T[[#Headers],[CRM.NPS(]])`
    );
  });

  it("renames only calls: not a longer name, a name without (, or a stored call again", () => {
    for (const formula of ["XCRM.GRADE(1)", "MY.CRM.GRADE(1)", "CRM.GRADE+1", "CRM.GRADE (1)"])
      expect(storedFormula(formula)).toBe(formula);
    const once = storedFormula("LET(m,CRM.CLVFIT(A:A,B:B,C:C),CRM.PALIVE.MODEL(m,D:D,E:E,F:F))");
    expect(storedFormula(once)).toBe(once);
  });

  it("composes with fileFormula: _xlfn., _xlpm. and ANCHORARRAY from it, _xldudf_ from this", () => {
    const typed = `LET(s,CRM.RFMSEGMENTS(Sales!$A$2:$A$12),SUM((INDEX(s,0,9)="s")*INDEX(s,0,4)))`;
    expect(storedFormula(fileFormula(typed))).toBe(
      `_xlfn.LET(_xlpm.s,_xldudf_CRM_RFMSEGMENTS(Sales!$A$2:$A$12),SUM((INDEX(_xlpm.s,0,9)="s")*INDEX(_xlpm.s,0,4)))`
    );
    expect(
      storedFormula(fileFormula("TAKE(CHOOSECOLS(CRM.CHURNTREND(A2:A9,B2:B9,$B$6),1,4),-12)"))
    ).toBe("_xlfn.TAKE(_xlfn.CHOOSECOLS(_xldudf_CRM_CHURNTREND(A2:A9,B2:B9,$B$6),1,4),-12)");
    // the other order gives the same: fileFormula does not touch a stored name
    expect(fileFormula(storedFormula(typed))).toBe(storedFormula(fileFormula(typed)));
    expect(storedFormula(fileFormula("INDEX(Model!I6#,ROWS(Model!I6#),8)"))).toBe(
      "INDEX(_xlfn.ANCHORARRAY(Model!I6),ROWS(_xlfn.ANCHORARRAY(Model!I6)),8)"
    );
  });

  it("masks literals to the same length", () => {
    const formula = `'a''b'!A1&"x""y"&T[[#All],[c'[d]]&CRM.NPS(1)`;
    const masked = maskLiterals(formula);
    expect(masked.length).toBe(formula.length);
    // eslint-disable-next-line no-control-regex -- \u0001 is the mask character
    expect(masked).toMatch(/^\u0001{6}!A1&\u0001{6}&T\u0001{15}&CRM\.NPS\(1\)$/);
  });
});

describe("callsCustomFunction", () => {
  it("finds typed and stored calls, not names in text", () => {
    expect(callsCustomFunction("ROWS(CRM.GRADE(A1:A3,B1:B3))")).toBe(true);
    expect(callsCustomFunction("ROWS(_xldudf_CRM_GRADE(A1:A3,B1:B3))")).toBe(true);
    expect(callsCustomFunction(`"CRM.GRADE(1)"&'CRM.NPS(1)'!A1`)).toBe(false);
    expect(callsCustomFunction("INDEX(_xlfn.ANCHORARRAY(Model!I6),1,8)")).toBe(false);
  });
});

describe("customFunctionCells", () => {
  it("lists each formula calling a CRM function but the spill anchors as a one-cell spill; none in values mode", () => {
    const report = sampleWorkbook({ mode: "formulas" });
    let expected = 0;
    for (const model of report.sheets) {
      const cells = customFunctionCells(model);
      const anchors = new Set(model.spills.map((s) => cellAddress(s.range.row, s.range.column)));
      for (const cell of cells) {
        expect(cell.range).toMatchObject({ rows: 1, columns: 1 });
        expect(anchors.has(cellAddress(cell.range.row, cell.range.column))).toBe(false);
        expect(callsCustomFunction(cell.formula)).toBe(true);
      }
      for (const block of model.blocks)
        block.formulas?.forEach((row, r) =>
          row.forEach((f, c) => {
            const at = cellAddress(block.row + r, block.column + c);
            if (f !== null && callsCustomFunction(f) && !anchors.has(at)) expected++;
          })
        );
      expected -= cells.length;
    }
    expect(expected).toBe(0);
    expect(report.sheets.flatMap((m) => customFunctionCells(m)).length).toBeGreaterThan(5);
    for (const model of sampleWorkbook({ mode: "values" }).sheets)
      expect(customFunctionCells(model)).toEqual([]);
  });
});

describe("a formulas-mode workbook as Excel stores it", () => {
  it("holds every CRM call in stored form, each in a dynamic-array cell (the function reference's sample)", async () => {
    const report = sampleWorkbook({ mode: "formulas" });
    const bytes = await reportWorkbookBuffer(report, {
      dataSheet: { name: "Sales", rows: SAMPLE_SALES },
    });
    const called = await expectStoredForm(bytes);
    expect(called.size).toBeGreaterThan(3);
    // the spills keep their ranges
    const zip = await JSZip.loadAsync(bytes);
    const first = report.sheets.findIndex((m) => m.spills.length > 0);
    const xml = await zip.file(`xl/worksheets/sheet${first + 1}.xml`)!.async("string");
    for (const spill of report.sheets[first]!.spills)
      expect(xml).toContain(` ref="${rangeAddress(spill.range)}"`);
  });

  it("leaves a values-mode workbook without formulas or metadata", async () => {
    const bytes = await reportWorkbookBuffer(sampleWorkbook({ mode: "values" }));
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet")))
      expect(await zip.file(name)!.async("string")).not.toMatch(/<f[^>]*>[^<]*(CRM\.|_xldudf_)/);
    expect(zip.file("xl/metadata.xml")).toBeNull();
  });
});
