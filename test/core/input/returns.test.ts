/**
 * SPEC §2 "Returns" and the amended CRR, through the core: a row with a negative amount is a
 * return; a customer-day of only returns is no purchase day (no visit, recency, frequency or
 * cohort membership) but its amount counts in every revenue figure (net amounts). CRR =
 * (E − N_E) ÷ S. Every expected value is computed by hand from SPEC §2 (as amended).
 */
import fs from "node:fs";
import path from "node:path";
import { expect } from "../../support/expect";
import fc from "fast-check";
import { buildHistories, returnsBetween } from "../../../src/core/input/history";
import { serialFromYmd } from "../../../src/core/input/dates";
import { accountPeriod, customPeriod } from "../../../src/core/metrics/customerBase";
import { retentionRateFromHistories, retentionRate } from "../../../src/core/metrics/retention";
import { relativeChurnFromHistories } from "../../../src/core/metrics/churn";
import { churnTrend } from "../../../src/core/metrics/trend";
import { repeatPurchaseRateFromHistories } from "../../../src/core/metrics/repeatPurchase";
import { cohortRetention } from "../../../src/core/metrics/cohorts";
import { topCustomerShare } from "../../../src/core/metrics/topShare";
import { rfmAlerts } from "../../../src/core/metrics/rfmAlert";
import { rfmScores, rfmScoreTable, summarizeSegments } from "../../../src/core/metrics/rfmScores";
import { gradeCustomers } from "../../../src/core/metrics/grading";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { auditTransactions, countReturns, readTransactions } from "../../../src/core/input/input";
import {
  buildReport,
  defaultReportOptions,
  prepareReportData,
  type ReportSource,
} from "../../../src/core/report";
import type { ReportModel } from "../../../src/core/report/reportModel";
import { REPORT_STRINGS } from "../../../src/i18n/report.strings";
import { TASKPANE_STRINGS } from "../../../src/i18n/taskpane.strings";
import { historiesOf } from "../../support/histories";
import { expectCrmError } from "../expectError";

const d = (year: number, month: number, day: number) => serialFromYmd(year, month, day);

/** ../shared/cases/refund-day.csv, read as the wizard would read its rows (text cells). */
const REFUND_DAY_ROWS: string[][] = fs
  .readFileSync(
    path.resolve(import.meta.dirname, "../../../../shared/cases/refund-day.csv"),
    "utf8"
  )
  .trim()
  .split(/\r?\n/)
  .map((line) => line.split(","));
const MAY_31 = d(2024, 5, 31);

function refundDaySource(): ReportSource {
  return {
    rows: REFUND_DAY_ROWS,
    hasHeader: true,
    columnNames: REFUND_DAY_ROWS[0]!,
    mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
  };
}

/** Columns for customerSummary: ids numbered in order of first appearance. */
function columnsOf(ids: string[], days: number[], amounts: number[]) {
  const distinct = [...new Set(ids)];
  return {
    customerIndex: Int32Array.from(ids, (id) => distinct.indexOf(id)),
    customerIds: distinct,
    days: Int32Array.from(days),
    amounts: Float64Array.from(amounts),
  };
}

function kpis(model: ReportModel): Record<string, unknown> {
  const tiles = model.blocks.find((b) => b.id === "kpis")!;
  return Object.fromEntries(
    tiles.values[0]!.map((label, c) => [String(label), tiles.values[1]![c]])
  );
}

describe("purchase days and return-only days (buildHistories)", () => {
  it("a day with a purchase and a return on it is one purchase day worth the net: +100 − 30 = 70", () => {
    const h = historiesOf([
      ["a", 10, 100],
      ["a", 10, -30],
    ]);
    expect([...h.days]).toEqual([10]);
    expect([...h.totals]).toEqual([70]);
    expect(h.returnDays.length).toBe(0);
  });

  it("a day of only returns is no purchase day; its net amount is kept apart", () => {
    const h = historiesOf([
      ["r", 2, 100],
      ["r", 9, -60],
      ["r", 9, -40],
    ]);
    expect([...h.days]).toEqual([2]);
    expect([...h.returnDays]).toEqual([9]);
    expect([...h.returnTotals]).toEqual([-100]);
    expect(returnsBetween(h, 0, 1, 8)).toBe(0);
    expect(returnsBetween(h, 0, 9, 9)).toBe(-100);
    // the return day is no purchase, but it is the last date in the data (the default as-of)
    expect([h.firstDay, h.lastDay]).toEqual([2, 9]);
  });

  it("a zero-amount row is a purchase (a free order, the CDNOW convention)", () => {
    const h = historiesOf([
      ["z", 3, 0],
      ["z", 3, -5],
    ]);
    expect([...h.days]).toEqual([3]);
    expect([...h.totals]).toEqual([-5]);
  });

  it("a customer with only returns has no purchase day", () => {
    const h = historiesOf([
      ["p", 1, 10],
      ["x", 2, -10],
    ]);
    expect(h.start[2]! - h.start[1]!).toBe(0);
    expect(h.returnStart[2]! - h.returnStart[1]!).toBe(1);
  });

  it("without amounts every row is a purchase", () => {
    const h = buildHistories({
      customerIndex: Int32Array.of(0, 0),
      customerIds: ["a"],
      days: Int32Array.of(1, 5),
    });
    expect([...h.days]).toEqual([1, 5]);
    expect(h.returnDays.length).toBe(0);
  });
});

describe('shared/cases refund-day.csv at as-of 2024-05-31 (SPEC §2 "Returns")', () => {
  const data = prepareReportData(refundDaySource());
  // the summary sheet, the report workbook's first (SPEC §4 "Generate")
  const model = buildReport(data, {
    ...defaultReportOptions(data, "en"),
    asOf: MAY_31,
    period: "month",
    inactiveDays: 90,
  }).sheets[0]!;

  it("the data-quality audit counts 1 return row and 1 return-only customer-day", () => {
    expect(data.audit.rowsWithProblems).toBe(0);
    expect(data.audit.returnRows).toBe(1);
    expect(data.audit.returnOnlyDays).toBe(1);
    const subtitle = model.blocks.find((b) => b.id === "subtitle")!;
    expect(String(subtitle.values[1]![0])).toBe(
      "Rows: 5 read, 5 used, 0 skipped for bad cells, 0 blank. Returns: 1 row with a negative amount, counted in revenue; 1 customer-day with only returns is not a purchase day."
    );
  });

  it("repeat rate 1/3: only P bought on two days", () => {
    expect(kpis(model)["Repeat rate"]).toBe(1 / 3);
    expect(kpis(model).Customers).toBe(3);
    expect(
      repeatPurchaseRateFromHistories(data.histories, customPeriod(d(2024, 5, 1), MAY_31))
    ).toBe(1 / 3);
  });

  it("average order value = net revenue 130 ÷ 4 purchase days = 32.5", () => {
    expect(kpis(model)["Avg order value"]).toBe(32.5);
    expect(kpis(model)["Purchases / year"]).toBe(4 / 3);
  });

  it("R's last purchase is 2024-05-02: R = 29 days", () => {
    const r = rfmAlerts(data.histories, { asOf: MAY_31 }).find((a) => a.customer === "R")!;
    expect(r).toMatchObject({ recencyDays: 29, frequencyRecent: 1, monetaryRecent: 100 });
  });

  it("net revenue is 130: R's monetary value is 100 − 100 = 0", () => {
    const table = rfmScoreTable(data.histories, { asOf: MAY_31 });
    const segments = summarizeSegments(table);
    expect(segments.reduce((sum, s) => sum + s.revenue, 0)).toBe(130);
    const r = rfmScores(data.histories, { asOf: MAY_31 }).find((s) => s.customer === "R")!;
    expect(r).toMatchObject({ recency: 29, frequency: 1, monetary: 0 });
  });
});

describe("a customer with only returns", () => {
  // p buys 100 on days 1 and 20; x only returns 30 on day 5
  const h = historiesOf([
    ["p", 1, 100],
    ["p", 20, 100],
    ["x", 5, -30],
  ]);

  it("is not a customer for counts: not listed, not in the base, not in a cohort", () => {
    expect(rfmAlerts(h, { asOf: 30 }).map((a) => a.customer)).toEqual(["p"]);
    expect(gradeCustomers(h, { asOf: 30 }).customers.map((g) => g.customer)).toEqual(["p"]);
    expect(repeatPurchaseRateFromHistories(h, customPeriod(1, 30))).toBe(1);
    expect(accountPeriod(h, customPeriod(1, 30), { inactiveDays: 90 })).toMatchObject({
      new: 1,
      atEnd: 1,
    });
  });

  it('holds no share of revenue: top share 200 ÷ 200, never above 1 (SPEC §2 "Bounds"; topShare.ts)', () => {
    expect(topCustomerShare(h, { topShare: 1 })).toBe(1);
  });

  it("is left out of the CLV summary and counted as excluded", () => {
    const summary = customerSummary(columnsOf(["p", "p", "x"], [1, 20, 5], [100, 100, -30]), {
      calibrationEnd: 30,
      timeUnit: "day",
    });
    expect(summary.customerIds).toEqual(["p"]);
    expect(summary.excludedCustomers).toBe(1);
  });

  it("#N/A when every customer has only returns", () => {
    expectCrmError(() => rfmAlerts(historiesOf([["x", 5, -30]]), { asOf: 30 }), "na", "as_of");
  });
});

describe("returns in revenue figures", () => {
  it("revenue cohorts net a return in the period it falls; membership comes from purchase days", () => {
    // a: 100 in Jan, returns 40 in Feb (return-only day); b: 50 in Jan, 50 in Feb
    // Jan cohort: 2 customers; by customers Feb = 1 of 2 (a's return is no purchase);
    // by revenue Feb = (50 − 40) ÷ 150
    const h = historiesOf([
      ["a", d(2024, 1, 5), 100],
      ["a", d(2024, 2, 5), -40],
      ["b", d(2024, 1, 6), 50],
      ["b", d(2024, 2, 6), 50],
    ]);
    const asOf = d(2024, 2, 29);
    const byCustomers = cohortRetention(h, { asOf });
    expect(byCustomers.rows.map((r) => [r.cohort.label, r.size, r.values])).toEqual([
      ["2024-01", 2, [1, 0.5]],
    ]);
    const byRevenue = cohortRetention(h, { asOf, measure: "revenue" });
    expect(byRevenue.rows[0]!.values).toEqual([1, 10 / 150]);
  });

  it("a return-only day in a later month makes no cohort and no membership there", () => {
    const h = historiesOf([
      ["a", d(2024, 1, 5), 100],
      ["c", d(2024, 2, 5), -20], // only a return: in no cohort
    ]);
    const table = cohortRetention(h, { asOf: d(2024, 2, 29) });
    expect(table.rows.map((r) => [r.cohort.label, r.size, r.values])).toEqual([
      ["2024-01", 1, [1, 0]],
    ]);
  });

  it("a return inside the RFM M window lowers M, never F; the decline stays within [0, 1]", () => {
    // last purchase 1000 (100); a return of −80 on 990 lies in the recent window [971, 1000];
    // previous [941, 970]: 100 on 950 → recent 20, decline 0.8 → red; F 1 vs 1, no decline
    const [alert] = rfmAlerts(
      historiesOf([
        ["a", 950, 100],
        ["a", 990, -80],
        ["a", 1000, 100],
      ]),
      { asOf: 1000 }
    );
    expect(alert).toMatchObject({
      frequencyRecent: 1,
      frequencyPrevious: 1,
      frequencyDecline: 0,
      monetaryRecent: 20,
      monetaryDecline: 0.8,
      level: "red",
    });
  });

  it("relative churn weighs by net spend in the window before the period", () => {
    // 30-day rule, period 71–80: S = {a (70), b (45)}; window 41–70: a 10 (day 70);
    // b 100 on 45 and a return of −50 on 60 → 50. b is lost: 50 ÷ 60
    const h = historiesOf([
      ["a", 40, 300],
      ["a", 70, 10],
      ["b", 45, 100],
      ["b", 60, -50],
    ]);
    expect(relativeChurnFromHistories(h, customPeriod(71, 80), { inactiveDays: 30 })).toBeCloseTo(
      50 / 60,
      15
    );
  });

  it("relative churn is #NUM! (amounts) when returns put the lost customers' net spend below 0", () => {
    // window 41–70: a 100 (day 70), b 100 − 150 = −50; the base spent 50, the lost b −50
    const h = historiesOf([
      ["a", 70, 100],
      ["b", 45, 100],
      ["b", 60, -150],
    ]);
    expectCrmError(
      () => relativeChurnFromHistories(h, customPeriod(71, 80), { inactiveDays: 30 }),
      "num",
      "amounts"
    );
  });

  it("a return-only day is no visit for the grade", () => {
    // as of 400: a bought on 100 and 200 and only returned on 300 → 2 visits, B
    const grading = gradeCustomers(
      historiesOf([
        ["a", 100, 10],
        ["a", 200, 10],
        ["a", 300, -10],
      ]),
      { asOf: 400 }
    );
    expect(grading.customers).toEqual([{ customer: "a", visits: 2, grade: "B" }]);
  });

  it("CLV summary: x counts repeat purchase days; monetary = net revenue after the first day ÷ x", () => {
    // days 1 (50), 10 (+40 − 10 = 30), 20 (return −20), 30 (60), 40 (return −5, after the end 35)
    // x = 2 (days 10 and 30); monetary = (30 + 60 − 20) ÷ 2 = 35
    const summary = customerSummary(
      columnsOf(
        ["a", "a", "a", "a", "a", "a"],
        [1, 10, 10, 20, 30, 40],
        [50, 40, -10, -20, 60, -5]
      ),
      { calibrationEnd: 35, timeUnit: "day" }
    );
    expect([...summary.x]).toEqual([2]);
    expect([...summary.tx]).toEqual([29]);
    expect([...summary.monetary]).toEqual([35]);
  });

  it("countReturns: rows with a negative amount, and customer-days of only returns", () => {
    const transactions = readTransactions({
      customerIds: ["a", "a", "a", "b"],
      dates: [1, 1, 2, 2],
      amounts: [10, -5, -3, -1],
    });
    expect(countReturns(transactions)).toEqual({ returnRows: 3, returnOnlyDays: 2 });
    expect(auditTransactions({ customerIds: ["a"], dates: [1] })).toMatchObject({
      returnRows: 0,
      returnOnlyDays: 0,
    });
  });
});

describe("CRR = (E − N_E) ÷ S (SPEC §2 as amended)", () => {
  it("a new customer who lapsed within a long period is not subtracted: 0, not −1", () => {
    // 30-day rule; A bought 2023-12-27 (S), B 2024-01-10 (new, lapsed by 2024-06-30); E = {}
    const h = historiesOf([
      ["A", 45287],
      ["B", 45301],
    ]);
    const period = customPeriod(45292, 45473);
    expect(accountPeriod(h, period, { inactiveDays: 30 })).toMatchObject({
      atStart: 1,
      new: 1,
      newAtEnd: 0,
      atEnd: 0,
    });
    expect(retentionRateFromHistories(h, period, { inactiveDays: 30 })).toBe(0);
  });

  it("a quarter with 90 inactive days: N_E leaves out the new customer who lapsed", () => {
    // A bought 2023-12-20 (in S on 2023-12-31) and 2024-03-01 (in E on 2024-03-31);
    // B bought only 2024-01-01: new, and inactive on 2024-03-31 (90 days later) → N 1, N_E 0;
    // C bought only 2024-02-01: new and still active at the end → N = 2, N_E = 1, E = {A, C} = 2
    // CRR = (2 − 1) ÷ 1 = 1 (the literal (E − N) ÷ S would give 0)
    const h = historiesOf([
      ["A", d(2023, 12, 20)],
      ["A", d(2024, 3, 1)],
      ["B", d(2024, 1, 1)],
      ["C", d(2024, 2, 1)],
    ]);
    const [q1] = churnTrend(h, { period: "quarter", inactiveDays: 90, asOf: d(2024, 3, 31) }).slice(
      -1
    );
    expect(q1).toMatchObject({ atStart: 1, new: 2, newAtEnd: 1, atEnd: 2, retentionRate: 1 });
  });

  it("in a period no longer than inactive_days N_E = N: the source's formula exactly", () => {
    const h = historiesOf([
      ["A", 100],
      ["A", 130],
      ["B", 125],
    ]);
    const account = accountPeriod(h, customPeriod(121, 150), { inactiveDays: 30 });
    expect(account.newAtEnd).toBe(account.new);
    expect(retentionRateFromHistories(h, customPeriod(121, 150), { inactiveDays: 30 })).toBe(
      (2 - 1) / 1
    );
  });

  it("can exceed 1: E includes reactivated customers", () => {
    // S = {A}; R reactivated (bought 10, then 140) → E = {A, R} → (2 − 0) ÷ 1 = 2
    const h = historiesOf([
      ["A", 110],
      ["A", 130],
      ["R", 10],
      ["R", 140],
    ]);
    expect(retentionRateFromHistories(h, customPeriod(121, 150), { inactiveDays: 30 })).toBe(2);
  });

  it("the count form stays the literal (E − N) ÷ S", () => {
    expect(retentionRate({ customersAtStart: 100, newCustomers: 30, customersAtEnd: 120 })).toBe(
      0.9
    );
  });
});

describe("a table of nothing but returns", () => {
  it("the report refuses it with #N/A: there is no purchase to report on", () => {
    const rows = [
      ["customer_id", "date", "amount"],
      ["R", "2024-05-20", "-100"],
    ];
    const data = prepareReportData({
      rows,
      hasHeader: true,
      columnNames: rows[0]!,
      mapping: { customerId: 0, date: 1, amount: 2, cost: null, score: null },
    });
    expect(data.audit.returnRows).toBe(1);
    expect(Number.isNaN(data.firstDay)).toBe(true);
    expectCrmError(
      () => buildReport(data, { ...defaultReportOptions(data, "en"), asOf: MAY_31 }),
      "na",
      "amount"
    );
  });
});

describe("properties", () => {
  /** Purchases (amount ≥ 0) of a few customers over days 1 … 200. */
  const purchasesArbitrary = fc.array(
    fc.tuple(
      fc.constantFrom("a", "b", "c", "d"),
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: 0, max: 5000 }).map((cents) => cents / 100)
    ),
    { minLength: 1, maxLength: 40 }
  );
  /** Returns (amount < 0) by the same and other customers. */
  const returnsArbitrary = fc.array(
    fc.tuple(
      fc.constantFrom("a", "b", "c", "d", "x"),
      fc.integer({ min: 1, max: 200 }),
      fc.integer({ min: -5000, max: -1 }).map((cents) => cents / 100)
    ),
    { maxLength: 20 }
  );

  it("returns on days without a purchase change no count: S, N, N_E, E, repeat rate, visits, R, F", () => {
    fc.assert(
      fc.property(purchasesArbitrary, returnsArbitrary, (purchases, returns) => {
        const bought = new Set(purchases.map(([c, day]) => `${c}@${day}`));
        const returnOnly = returns.filter(([c, day]) => !bought.has(`${c}@${day}`));
        const plain = historiesOf(purchases);
        const withReturns = historiesOf([...purchases, ...returnOnly]);
        const period = customPeriod(60, 150);
        const rule = { inactiveDays: 30 };
        expect(accountPeriod(withReturns, period, rule)).toEqual(
          accountPeriod(plain, period, rule)
        );
        expect(repeatPurchaseRateFromHistories(withReturns, customPeriod(1, 200))).toBe(
          repeatPurchaseRateFromHistories(plain, customPeriod(1, 200))
        );
        const visits = (h: typeof plain) =>
          gradeCustomers(h, { asOf: 200 })
            .customers.map((g) => `${g.customer}:${g.visits}`)
            .sort();
        expect(visits(withReturns)).toEqual(visits(plain));
        const rf = (h: typeof plain) =>
          rfmAlerts(h, { asOf: 200 })
            .map(
              (a) => `${a.customer}:${a.recencyDays}:${a.frequencyRecent}:${a.frequencyPrevious}`
            )
            .sort();
        expect(rf(withReturns)).toEqual(rf(plain));
      })
    );
  });

  it("every return counts in net revenue: the RFM monetary values add up to the customers' rows", () => {
    fc.assert(
      fc.property(purchasesArbitrary, returnsArbitrary, (purchases, returns) => {
        const rows = [...purchases, ...returns];
        const table = rfmScoreTable(historiesOf(rows), { asOf: 200 });
        const listed = new Set<string>(purchases.map(([c]) => c));
        const cents = (amount: number) => Math.round(amount * 100);
        const expected = rows
          .filter(([c]) => listed.has(c))
          .reduce((sum, [, , amount]) => sum + cents(amount), 0);
        expect([...table.monetary].reduce((sum, m) => sum + cents(m), 0)).toBe(expected);
      })
    );
  });
});

describe("data-quality text in every language", () => {
  it("the report line and the wizard line name both counts", () => {
    for (const language of ["en", "zh-CN", "zh-TW"] as const) {
      const report = REPORT_STRINGS[language].returnsLine(7, 3);
      const wizard = TASKPANE_STRINGS[language].qualityReturns(7, 3);
      for (const text of [report, wizard]) {
        expect(text, language).toContain("7");
        expect(text, language).toContain("3");
      }
    }
  });
});
