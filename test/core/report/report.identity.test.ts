/**
 * The report model pinned (issue 14, "Fast where users wait"): the whole workbook buildReport
 * makes from generated mid-size inputs — every block's cells and formulas, formats, styles,
 * tables, charts, rules, column widths and row heights — fingerprinted (SHA-256 of its JSON)
 * block by block and sheet by sheet. The fingerprints were taken from the report before its
 * computation and layout were made fast (src/core/report/**), so a speed-up that changes any
 * cell, width or height fails here, naming the block and the sheet.
 *
 * The fingerprints change, legitimately, when the report's text (src/i18n/report.strings.ts),
 * a metric, a model fit or the layout rules change: then re-take them
 * (`PRINT_REPORT_FINGERPRINTS=1 npx mocha test/core/report/report.identity.test.ts`
 * prints them) after checking that the change is the intended one.
 *
 * Inputs (seeded, so identical on every run; the shape of bench/generate.ts, kept here so that
 * a bench change cannot move them):
 * - 30,000 rows of 6,000 customers over two years as a sheet's 2-D array (numbers and text ids
 *   mixed, cents, some returns, a cost column), in English values mode and in zh-CN formulas
 *   mode;
 * - 20,000 rows of 4,000 customers as a CSV file through crm-report's columnar path
 *   (reportForFile).
 */
import { expect } from "../../support/expect";
import { parseArguments, reportForFile } from "../../../src/cli/main";
import { buildReport, defaultReportOptions, prepareReportData } from "../../../src/core/report";
import type { ReportWorkbook } from "../../../src/core/report/reportModel";
import { csvFile, fingerprints, sheetSource } from "../../support/reportIdentity";

const PRINT = process.env.PRINT_REPORT_FINGERPRINTS === "1";

function expectFingerprints(
  name: string,
  workbook: ReportWorkbook,
  expected: Record<string, string>
): void {
  const actual = fingerprints(workbook);
  if (PRINT) console.log(`${name}: ${JSON.stringify(actual, null, 2)}`);
  expect(actual).toEqual(expected);
}

/**
 * Fingerprints taken from the report before the speed-up (src/core/report of commit 728c7d0)
 * on the working tree of 2026-11-30 19:50 UTC, and the same after it. The Model sheets' widths,
 * heights and styles re-taken when the holdout table was made to read as a table (its group
 * column right-aligned, the parameters' meanings wrapped so column D fits the numbers; no
 * block changed).
 */
const EXPECTED: Record<string, Record<string, string>> = {
  "sheet en values": {
    summary: "5bcf729fcf0e5ab2",
    "summary block title": "0520a771bd1fe240",
    "summary block subtitle": "68a129cbcd64db3f",
    "summary block kpis.title": "d0e51496918ab749",
    "summary block kpis": "bcf60816c0036895",
    "summary block kpis.change": "934b04bbf229d6fa",
    "summary block kpis.changeLabel": "0791135d03fc2617",
    "summary block status.title": "7362c0b7b0a1cf69",
    "summary block status": "2d7d0efb2072d17e",
    "summary block grades": "07c05b1873aa9e6e",
    "summary block segments": "8a33795b6d6ffb83",
    "summary block trend.title": "74dc13d858377abf",
    "summary block trend.data": "22db86e400792352",
    "summary block cohorts.title": "797f0fb4ed3f0c40",
    "summary block cohorts": "f4c2b855977f896a",
    "summary columnWidths": "3e51309a7ac366e3",
    "summary rowHeights": "705ea6a8c3f909b7",
    "summary styles": "ca8d64902b0053d3",
    "summary numberFormats": "6966c004956703ee",
    actions: "c454cf181d2a3804",
    "actions block actions.title": "dd46dab74049d0e5",
    "actions block actions.subtitle": "311ca30062a006d5",
    "actions block actions": "0e031964429cd48b",
    "actions columnWidths": "b1cce51a94ef243d",
    "actions rowHeights": "74d3bc12a99797cb",
    "actions styles": "93725e150cac7405",
    "actions numberFormats": "542ce9dd396350b7",
    value: "3f4a0b6271ff6e1c",
    "value block value.title": "f3ab4a72de8f975d",
    "value block value.subtitle": "a4ec939224853999",
    "value block value": "b96e02afce1c6274",
    "value columnWidths": "a5f39f7ab4b70a50",
    "value rowHeights": "82b196681d338bef",
    "value styles": "93725e150cac7405",
    "value numberFormats": "45c3d8002a6a7120",
    model: "42b9e0e1b86f4564",
    "model block model.title": "dfa4fd4c51515b10",
    "model block model.mode": "0d33a60b65109859",
    "model block settings.title": "8e582f3a25eeda6c",
    "model block settings": "f0365a121f402dc2",
    "model block settings.grades": "77f163e189cae55a",
    "model block settings.alerts": "898b0012029bde24",
    "model block trend.title": "bbf09d7c4877f2ae",
    "model block trend": "139781e5978637f9",
    "model block fit.title": "c17edc374e05413d",
    "model block fit.note": "715a985c0956d728",
    "model block fit.figures": "8aecdd2a063bfe9b",
    "model block fit.parameters": "053eb7a26f753af4",
    "model block fit.standardErrors": "4ca492d882753d1a",
    "model block holdout.title": "52ef322a7f9489e8",
    "model block holdout.note": "31b943f1e6f3d66e",
    "model block holdout.table": "e252cd2ca64a32ff",
    "model block holdout.total": "311a30be5a72a065",
    "model block definitions.title": "2adfea609f5da384",
    "model block definitions.window": "6036139a1f11e457",
    "model block definitions.clv": "9878d8e9a3b83ef6",
    "model block definitions.cohorts": "0f80ee1ea6390961",
    "model block definitions.retention": "4d7ee505fb65998b",
    "model block definitions.actions": "7a15f91dba420360",
    "model block meanings.title": "6720ee6cbd5d43e8",
    "model block meanings.pAlive": "36271f9528dd3762",
    "model block meanings.expectedPurchases": "3c720720d9a966a1",
    "model block meanings.expectedSpend": "4a57cb720139b040",
    "model block meanings.clv": "d75f0ce35e62f585",
    "model block meanings.leftOut": "e610f90e7b53f960",
    "model block cohortTable.title": "f8b6720aa04baad6",
    "model block cohortTable": "a7fcd777d8602d55",
    "model columnWidths": "a7d42920c3581c43",
    "model rowHeights": "231fcbe804dfaa46",
    "model styles": "10357802c5590975",
    "model numberFormats": "c098c8cd18cf0be1",
  },
  "sheet zh-CN formulas": {
    summary: "0527ca2b372fb26c",
    "summary block title": "47e4ffa0f34bda1f",
    "summary block subtitle": "c37ebbe3f495a44a",
    "summary block formulasNote": "9b514d5caddf8d61",
    "summary block kpis.title": "73abbf1a3c3d4964",
    "summary block kpis": "70bfa6f38575c187",
    "summary block kpis.change": "b23ec6802554ccc5",
    "summary block kpis.changeLabel": "b79d585bff756d1d",
    "summary block status.title": "e88864ab29692d31",
    "summary block status": "e2648fda71c5a5fc",
    "summary block grades": "82b54cf7e5437d34",
    "summary block segments": "fa9c9d1bcece2f58",
    "summary block trend.title": "30ba17bca1be5ba8",
    "summary block trend.data": "bbd929f29e2394a6",
    "summary block cohorts.title": "88924c57e58a07c0",
    "summary block cohorts": "f26b8aea6cc04db3",
    "summary columnWidths": "96d83e065ae6536a",
    "summary rowHeights": "705ea6a8c3f909b7",
    "summary styles": "262c06cc3b591381",
    "summary numberFormats": "2a4bea38fa3ae42b",
    actions: "ef043822c2009307",
    "actions block actions.title": "0645aeec8f824241",
    "actions block actions.subtitle": "f1f2b5db149a531b",
    "actions block actions": "f6bd3e7c60a95c69",
    "actions columnWidths": "ce969f53127fdfc2",
    "actions rowHeights": "74d3bc12a99797cb",
    "actions styles": "93725e150cac7405",
    "actions numberFormats": "542ce9dd396350b7",
    value: "aed1d819d8856ec9",
    "value block value.title": "4bdb5f748cd03a80",
    "value block value.subtitle": "d5cc7b881a4ffdd7",
    "value block value": "9a4f7db553f7fb98",
    "value columnWidths": "e60e5b1f7f5caf55",
    "value rowHeights": "7af554c3f6995803",
    "value styles": "93725e150cac7405",
    "value numberFormats": "45c3d8002a6a7120",
    model: "933751d63ac51067",
    "model block model.title": "799b4fbae3e981ef",
    "model block model.mode": "8990697fe69716c3",
    "model block settings.title": "a6963d4d7443175f",
    "model block settings": "a765ff17775c2edd",
    "model block settings.grades": "34cff77111dbe554",
    "model block settings.alerts": "2bf3582c379a1214",
    "model block trend.title": "3f8c192d3d09d5d8",
    "model block trend": "715a41c2f6c22415",
    "model block fit.title": "532431e0d5f1ff16",
    "model block fit.note": "158e4528dfa2a461",
    "model block fit.figures": "33823361373a3b23",
    "model block fit.parameters": "88add3f2b6d58acd",
    "model block fit.standardErrors": "1b899a148d385c45",
    "model block holdout.title": "9d91671921841580",
    "model block holdout.note": "e5c4cbd36f04d272",
    "model block holdout.table": "19b4832cfcc58364",
    "model block holdout.total": "6232de8ca5dadcac",
    "model block definitions.title": "9ac62247c2339ecd",
    "model block definitions.window": "c959af0e398639a9",
    "model block definitions.clv": "74e96c0ceae4978c",
    "model block definitions.cohorts": "ceb1c119f77ba919",
    "model block definitions.retention": "f357d4b428455d50",
    "model block definitions.actions": "d9d9f3ee3020e4d7",
    "model block meanings.title": "86dc924a59cdc009",
    "model block meanings.pAlive": "40cf8cf3c4919697",
    "model block meanings.expectedPurchases": "50599aaedf71ff9b",
    "model block meanings.expectedSpend": "960323044b5df840",
    "model block meanings.clv": "e1a86e6bd8ed9c84",
    "model block meanings.leftOut": "0505f04c96324b5b",
    "model block cohortTable.title": "9465cf471f779e24",
    "model block cohortTable": "92c133fcad6fe9f5",
    "model columnWidths": "1133746422c3dbed",
    "model rowHeights": "698c0d3fe841f05b",
    "model styles": "37dc450e05689339",
    "model numberFormats": "fea79661490e501a",
  },
  "csv columnar": {
    summary: "50b38918452ea97e",
    "summary block title": "0520a771bd1fe240",
    "summary block subtitle": "35f84b9916d9b562",
    "summary block kpis.title": "d0e51496918ab749",
    "summary block kpis": "dc908c5e98319976",
    "summary block kpis.change": "2f2b40882003b044",
    "summary block kpis.changeLabel": "0791135d03fc2617",
    "summary block status.title": "7362c0b7b0a1cf69",
    "summary block status": "f419d8f6333cb030",
    "summary block grades": "88c1a1dea8410825",
    "summary block segments": "b8e3de912dcbdf29",
    "summary block trend.title": "74dc13d858377abf",
    "summary block trend.data": "ba2e5b86ab44281d",
    "summary block cohorts.title": "797f0fb4ed3f0c40",
    "summary block cohorts": "88ac5eb33fc53b08",
    "summary columnWidths": "3e51309a7ac366e3",
    "summary rowHeights": "705ea6a8c3f909b7",
    "summary styles": "ca8d64902b0053d3",
    "summary numberFormats": "6966c004956703ee",
    actions: "69ee81d1ab82ed73",
    "actions block actions.title": "dd46dab74049d0e5",
    "actions block actions.subtitle": "97194025f0f4df4d",
    "actions block actions": "74936c352d005ab2",
    "actions columnWidths": "b1cce51a94ef243d",
    "actions rowHeights": "74d3bc12a99797cb",
    "actions styles": "93725e150cac7405",
    "actions numberFormats": "89c0884e2355ccfe",
    value: "1d7aaab402ee9151",
    "value block value.title": "f3ab4a72de8f975d",
    "value block value.subtitle": "a4ec939224853999",
    "value block value": "41c9808b51fab49d",
    "value columnWidths": "a5f39f7ab4b70a50",
    "value rowHeights": "82b196681d338bef",
    "value styles": "93725e150cac7405",
    "value numberFormats": "44739bb6a1390d82",
    model: "2de95fb2a8ee9d37",
    "model block model.title": "dfa4fd4c51515b10",
    "model block model.mode": "0d33a60b65109859",
    "model block settings.title": "8e582f3a25eeda6c",
    "model block settings": "a2177bb19b15cf5c",
    "model block settings.grades": "77f163e189cae55a",
    "model block settings.alerts": "898b0012029bde24",
    "model block trend.title": "bbf09d7c4877f2ae",
    "model block trend": "a4717380ac76709e",
    "model block fit.title": "c17edc374e05413d",
    "model block fit.note": "715a985c0956d728",
    "model block fit.figures": "3e84cae7a928fe45",
    "model block fit.parameters": "e1b9af3d96172b89",
    "model block fit.standardErrors": "4ca492d882753d1a",
    "model block holdout.title": "52ef322a7f9489e8",
    "model block holdout.note": "31b943f1e6f3d66e",
    "model block holdout.table": "82b890e97abe0bf7",
    "model block holdout.total": "e0a17f890304acf9",
    "model block definitions.title": "2adfea609f5da384",
    "model block definitions.window": "6036139a1f11e457",
    "model block definitions.clv": "fd7f0ba1bc2bdb80",
    "model block definitions.cohorts": "0f80ee1ea6390961",
    "model block definitions.retention": "4d7ee505fb65998b",
    "model block definitions.actions": "7a15f91dba420360",
    "model block meanings.title": "6720ee6cbd5d43e8",
    "model block meanings.pAlive": "36271f9528dd3762",
    "model block meanings.expectedPurchases": "3c720720d9a966a1",
    "model block meanings.expectedSpend": "4a57cb720139b040",
    "model block meanings.clv": "d75f0ce35e62f585",
    "model block meanings.leftOut": "e610f90e7b53f960",
    "model block cohortTable.title": "f8b6720aa04baad6",
    "model block cohortTable": "62afd5c03e4ea93d",
    "model columnWidths": "a7d42920c3581c43",
    "model rowHeights": "231fcbe804dfaa46",
    "model styles": "10357802c5590975",
    "model numberFormats": "c098c8cd18cf0be1",
  },
};

describe("the report model of generated mid-size inputs is pinned (issue 14)", () => {
  const source = sheetSource();
  const data = prepareReportData(source);

  it("30,000 sheet rows, English, values mode", function () {
    this.timeout(120_000);
    const workbook = buildReport(data, {
      ...defaultReportOptions(data, "en"),
      generatedAt: "2026-11-30 19:00",
    });
    const actions = workbook.sheets.find((s) => s.kind === "actions")!;
    const value = workbook.sheets.find((s) => s.kind === "value")!;
    // SPEC §4: every alerted customer and every customer listed, never a capped sample
    expect(value.blocks.find((b) => b.id === "value")!.values.length - 1).toBe(
      data.histories.customerIds.length - countReturnOnly(data)
    );
    expect(actions.blocks.find((b) => b.id === "actions")!.values.length).toBeGreaterThan(1000);
    expectFingerprints("sheet en values", workbook, EXPECTED["sheet en values"]!);
  });

  it("30,000 sheet rows, zh-CN, formulas mode", function () {
    this.timeout(120_000);
    const workbook = buildReport(data, {
      ...defaultReportOptions(data, "zh-CN"),
      mode: "formulas",
      period: "quarter",
      generatedAt: "2026-11-30 19:00",
    });
    expectFingerprints("sheet zh-CN formulas", workbook, EXPECTED["sheet zh-CN formulas"]!);
  });

  it("20,000 CSV rows through crm-report's columnar path", async function () {
    this.timeout(120_000);
    const report = await reportForFile(
      parseArguments([csvFile(), "--quiet", "--lang", "en"], {}),
      undefined,
      new Date(Date.UTC(2026, 10, 30, 19, 0))
    );
    expect(report.data.preRead).toBe(true);
    expectFingerprints("csv columnar", report.model, EXPECTED["csv columnar"]!);
  });
});

/** Customers with no purchase day up to the as-of date (only returns): not on the value sheet. */
function countReturnOnly(data: ReturnType<typeof prepareReportData>): number {
  const { start } = data.histories;
  let none = 0;
  for (let c = 0; c + 1 < start.length; c++) if (start[c + 1] === start[c]) none++;
  return none;
}
