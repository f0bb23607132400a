/**
 * QA problem 1: customer ids are matched case-insensitively (as Excel's MATCH, COUNTIF and UNIQUE
 * compare text) but never merged by a wider fold, and every customer is shown as its first cell
 * holds it. Rules: src/core/input/input.ts foldIdText and readCustomerId.
 */
import { expect } from "../../support/expect";
import { foldIdText, readCustomerId, readTransactions } from "../../../src/core/input/input";

const at = { argument: "customer_ids" };
const read = (ids: unknown[]) =>
  readTransactions({ customerIds: ids, dates: ids.map(() => 45352) });

describe("customer ids: matched ignoring case, shown as the sheet holds them", () => {
  it("keeps the case of the first cell: John Smith, abc (the QA case)", () => {
    const t = read(["John Smith", "abc", "John Smith", "ABC", " john smith "]);
    expect(t.customerIds).toEqual(["John Smith", "abc"]);
    expect(Array.from(t.customerIndex)).toEqual([0, 1, 0, 1, 0]);
  });

  it("shows the first spelling when later cells differ in case", () => {
    expect(read(["ABC", "abc"]).customerIds).toEqual(["ABC"]);
    expect(read(["abc", "ABC"]).customerIds).toEqual(["abc"]);
  });

  it("keeps ß and SS apart: straße and STRASSE are two customers, each shown as written", () => {
    const t = read(["straße", "STRASSE", "STRAßE", "Strasse"]);
    expect(t.customerIds).toEqual(["straße", "STRASSE"]);
    expect(Array.from(t.customerIndex)).toEqual([0, 1, 0, 1]);
    expect(foldIdText("straße")).toBe("STRAßE");
    expect(readCustomerId("straße", at)).not.toBe(readCustomerId("STRASSE", at));
  });

  it("keeps full-width and half-width forms apart (no NFKC): Ａ is not A, １００１ is not 1001", () => {
    const t = read(["Ａ", "A", "１００１", 1001, "ａ"]);
    expect(t.customerIds).toEqual(["Ａ", "A", "１００１", "1001"]);
    expect(Array.from(t.customerIndex)).toEqual([0, 1, 2, 3, 0]); // ａ is Ａ in lower case
  });

  it("makes the number 1001 and the text 1001 one customer, shown as its digits", () => {
    const t = read([1001, "1001", " 1001 ", "001001"]);
    expect(t.customerIds).toEqual(["1001", "001001"]);
    expect(Array.from(t.customerIndex)).toEqual([0, 0, 0, 1]);
    expect(read(["1001", 1001]).customerIds).toEqual(["1001"]);
  });

  it("folds case beyond ASCII one code point at a time: é/É, σ/Σ, Chinese unchanged", () => {
    expect(read(["café", "CAFÉ"]).customerIds).toEqual(["café"]);
    expect(read(["ΟΔΟΣ", "οδοσ", "οδος"]).customerIds).toEqual(["ΟΔΟΣ"]); // σ and final ς are Σ
    expect(read(["张三", "张三"]).customerIds).toEqual(["张三"]);
  });

  it("treats canonically equal text as one id (é as one character or e + accent)", () => {
    expect(read(["caf\u00e9", "cafe\u0301"]).customerIds).toEqual(["caf\u00e9"]);
  });

  it("matches a non-integer number with the text that prints it, in either case", () => {
    expect(read([1.5e-7, "1.5E-7", "1.5e-7"]).customerIds).toEqual(["1.5e-7"]);
  });

  it("gives distinct customers distinct shown ids", () => {
    const ids = ["a", "A", "ß", "SS", "ss", "Ａ", "ａ", 1, "1", "01", 1.5, "1.5", "x", "X "];
    const t = read(ids);
    expect(new Set(t.customerIds).size).toBe(t.customerIds.length);
    expect(t.customerIds).toEqual(["a", "ß", "SS", "Ａ", "1", "01", "1.5", "x"]);
  });
});
