/** English counts agree with their nouns (QA: "1 rows"). */
import { expect } from "./support/expect";
import { count } from "../src/i18n/plural";
import { CLI_STRINGS } from "../src/i18n/cli.strings";
import { REPORT_STRINGS } from "../src/i18n/report.strings";
import { TASKPANE_STRINGS } from "../src/i18n/taskpane.strings";

describe("count", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(count(1, "row")).toBe("1 row");
    expect(count(0, "row")).toBe("0 rows");
    expect(count(2, "customer-day")).toBe("2 customer-days");
    expect(count("1", "day")).toBe("1 day");
    expect(count("1,234", "row")).toBe("1,234 rows");
  });
});

describe("English messages with one of something", () => {
  const cli = CLI_STRINGS.en;
  const report = REPORT_STRINGS.en;
  const pane = TASKPANE_STRINGS.en;
  it("the CLI", () => {
    expect(cli.badRows(1, 1)).toBe("1 of 1 row has unreadable cells:");
    expect(cli.badRows(2, 10)).toBe("2 of 10 rows have unreadable cells:");
    expect(cli.skippedRows(1)).toBe("1 row with unreadable cells was left out (--skip-bad-rows).");
    expect(cli.raggedLeftOut(1)).toContain("1 row with more or fewer fields than the header was");
    expect(cli.raggedRows(1, 5)).toMatch(/^1 of 5 rows does not have/);
  });
  it("the report", () => {
    expect(report.returnsLine(1, 1)).toBe(
      "Returns: 1 row with a negative amount, counted in revenue; 1 customer-day with only returns is not a purchase day."
    );
    expect(report.returnsLine(2, 0)).toContain("2 rows with a negative amount");
    expect(report.inactiveAfter(1)).toBe("inactive after 1 day without a purchase");
  });
  it("the task pane", () => {
    expect(String(pane.readDone("A1:C2", 1, 1))).toBe("A1:C2: 1 row × 1 column.");
    expect(String(pane.qualityBy("Date", 1))).toBe("Date: 1 row");
    expect(String(pane.qualityReturns(1, 1))).toMatch(
      /^1 row is a return .* 1 customer-day holds only returns and is not a purchase day/
    );
  });
});
