/**
 * sheetPrefix: a sheet name is quoted in a formula wherever Excel would otherwise read it as a
 * reference or a constant. Expected quoting: the names Excel itself writes quoted / unquoted,
 * as listed (extracted from Excel files) in XlsxWriter's xlsxwriter/test/utility/
 * test_quote_sheetname.py; where we quote more than Excel needs, that is said (Excel reads a
 * quoted name alike).
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import { sheetPrefix } from "../../../src/core/report/reportModel";

const quoted = (name: string) => `'${name.replace(/'/g, "''")}'!`;

describe("sheetPrefix", () => {
  for (const testCase of each([
    "Sheet1",
    "Sheet.1",
    "Sheet_1",
    "_",
    "_Sheet1",
    "XFD",
    "CR",
    "CZ",
    "RCZ",
    "RRC",
  ])) {
    it(
      testCase.name("leaves %s unquoted, as Excel does"),
      testCase.run((name) => expect(sheetPrefix(name)).toBe(`${name}!`))
    );
  }

  for (const testCase of each([
    "Sales",
    "Customers",
    "Rate",
    "Report",
    "Cohorts",
    "bR1C1",
    "bR1C1b",
    "PC16384Z",
  ])) {
    it(
      testCase.name("leaves %s unquoted: it starts with R or C but no R1C1 reference"),
      testCase.run((name) => expect(sheetPrefix(name)).toBe(`${name}!`))
    );
  }

  for (const testCase of each([
    "A1",
    "a1",
    "XFD1",
    "xfd1",
    "B1048576",
    "XFD1048576",
    "XFD01048576",
  ])) {
    it(
      testCase.name("quotes %s: an A1 reference"),
      testCase.run((name) => expect(sheetPrefix(name)).toBe(quoted(name)))
    );
  }

  for (const testCase of each([
    "R",
    "r",
    "C",
    "c",
    "RC",
    "rc",
    "C8",
    "R4C",
    "RC2",
    "rc2z",
    "R1C1",
    "r1c2",
    "R1C1b",
    "R1C1R",
    "C16384",
    "C16384Z",
    "RC16383",
    "R1048576",
    "R1048576C16384",
  ])) {
    it(
      testCase.name("quotes %s: an R1C1 reference, or a name starting with one"),
      testCase.run((name) => expect(sheetPrefix(name)).toBe(quoted(name)))
    );
  }

  for (const testCase of each(["TRUE", "false", "True"])) {
    it(
      testCase.name("quotes %s: a logical constant"),
      testCase.run((name) => expect(sheetPrefix(name)).toBe(quoted(name)))
    );
  }

  it("quotes a few names Excel leaves unquoted (out of the grid), which Excel reads alike", () => {
    // A0 (row 0), ZZZ1 (column past XFD), R0C0 and C16385Z are unquoted in Excel's files
    for (const name of ["A0", "ZZZ1", "R0C0", "C16385Z"])
      expect(sheetPrefix(name)).toBe(quoted(name));
  });

  it("quotes names with spaces, punctuation, a leading digit or non-ASCII letters", () => {
    expect(sheetPrefix("Sheet 1")).toBe("'Sheet 1'!");
    expect(sheetPrefix("Sheet-1")).toBe("'Sheet-1'!");
    expect(sheetPrefix("1Sheet")).toBe("'1Sheet'!");
    expect(sheetPrefix("O'Neil")).toBe("'O''Neil'!");
    expect(sheetPrefix("客户")).toBe("'客户'!");
  });
});
