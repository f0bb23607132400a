/**
 * Cell text in its stored form (src/cli/cellText.ts). Expected values from ECMA-376 Part 1
 * §22.9.2.19 ST_Xstring: `_xHHHH_` is the character of UTF-16 unit HHHH, so a literal one
 * has its `_` written `_x005F_`, and characters XML 1.0 cannot hold are written so.
 */
import { expect } from "../support/expect";
import { each } from "../support/each";
import { cutAtCodePoint, ooxmlText } from "../../src/cli/cellText";

/** An ST_Xstring reader: every `_xHHHH_`, left to right, is its character. */
const decoded = (text: string) =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe("ooxmlText", () => {
  for (const testCase of each([
    ["plain text", "plain text"],
    ["客户 😀\ttab\nline", "客户 😀\ttab\nline"],
    ["_x0041_", "_x005F_x0041_"],
    ["_x000D_", "_x005F_x000D_"],
    ["_x005f_", "_x005F_x005f_"],
    ["a_x0041_x0042_b", "a_x005F_x0041_x005F_x0042_b"],
    ["_x004", "_x004"],
    ["_xZZZZ_", "_xZZZZ_"],
    ["a\u0007b", "a_x0007_b"],
    ["a\rb", "a_x000D_b"],
    ["\u0000\u001F\u007F\uFFFE\uFFFF", "_x0000__x001F__x007F__xFFFE__xFFFF_"],
    // `_x0041` before an escaped character would read as "A" + "0007_"
    ["_x0041\u0007", "_x005F_x0041_x0007_"],
  ])) {
    it(
      testCase.name("%j is stored as %j"),
      testCase.run((text, stored) => {
        expect(ooxmlText(text)).toBe(stored);
        expect(decoded(ooxmlText(text))).toBe(text);
      })
    );
  }

  it("every text reads back as given, whatever mix of underscores, x, hex and controls", () => {
    const pieces = ["_", "x", "0", "4", "1", "F", "\u0007", "\r", "a"];
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      let text = "";
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += pieces[seed % pieces.length];
      }
      expect(decoded(ooxmlText(text)), JSON.stringify(text)).toBe(text);
    }
  });
});

describe("cutAtCodePoint", () => {
  it("cuts to max UTF-16 units, one fewer where a surrogate pair would be split", () => {
    expect(cutAtCodePoint("ab😀", 3)).toBe("ab");
    expect(cutAtCodePoint("ab😀", 4)).toBe("ab😀");
    expect(cutAtCodePoint("a😀b", 3)).toBe("a😀");
    expect(cutAtCodePoint("abcd", 2)).toBe("ab");
    expect(cutAtCodePoint("ab", 5)).toBe("ab");
  });
});
