/**
 * The transaction-form functions through the built bundle: small tables computed by hand, bad
 * input, and the real CDNOW master data (69,659 rows) checked against a second, naive
 * implementation written here from SPEC §2 with plain sets and JavaScript dates.
 */
import { expect } from "../support/expect";
import { each } from "../support/each";
import { DetailedCellError, type CellValue, type RawCellContent } from "hyperformula";
import { evaluate, evaluateSpill, excelSerial, type EmptyCell } from "../support/formulaEngine";
import { loadBuiltAddin, StandInError } from "../support/builtAddin";
import { loadCdnowMasterCells, utcDay } from "../support/cdnowCells";

function expectError(value: CellValue, code: string, messageParts: string[] = []): void {
  expect(value, `expected ${code}, got ${String(value)}`).toBeInstanceOf(DetailedCellError);
  const error = value as DetailedCellError;
  expect(error.value).toBe(code);
  for (const part of messageParts) expect(error.message).toContain(part);
}

// The reference's sample table (A1:C12), accounted by hand for Q2 2024 with a 45-day rule:
// active on 2024-03-31 = bought in Feb 15 (excl.) … Mar 31: 1002 (Mar 1), 1004 (Mar 10) → S = 2.
// Q2: 1005 is new (May 18); 1001 (last Feb 3) and 1003 (Feb 15, not after Feb 15) reactivated.
// active on 2024-06-30 = bought after May 16: 1005, 1004 (Jun 25), 1001 (Jun 28) → E = 3.
// lost from start: 1002; lapsed: 1003 (May 2). 2 + 1 + 2 − 2 = 3.
const table: RawCellContent[][] = [
  ["customer_id", "date", "amount"],
  [1001, excelSerial("2024-01-05"), 120],
  [1002, excelSerial("2024-01-12"), 80],
  [1001, excelSerial("2024-02-03"), 60],
  [1003, excelSerial("2024-02-15"), 200],
  [1002, excelSerial("2024-03-01"), 40],
  [1004, excelSerial("2024-03-10"), 90],
  [1001, excelSerial("2024-04-20"), 150],
  [1003, excelSerial("2024-05-02"), 70],
  [1005, excelSerial("2024-05-18"), 30],
  [1004, excelSerial("2024-06-25"), 110],
  [1001, excelSerial("2024-06-28"), 50],
];

describe("rates of a period, by hand", () => {
  it("CHURNRATE.TX: 1 of S = 2 lost → 0.5", () => {
    expect(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)', table)
    ).toBe(0.5);
  });

  it("RETENTIONRATE.TX: (E 3 − N 1) ÷ S 2 → 1", () => {
    expect(
      evaluate('=CRM.RETENTIONRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)', table)
    ).toBe(1);
  });

  it("RELATIVECHURN.TX: lost 1002 spent 40 of the start base's 130 in the 45 days before → 0.3077", () => {
    expect(
      evaluate(
        '=CRM.RELATIVECHURN.TX(A2:A12, B2:B12, C2:C12, "2024-04-01", "2024-06-30", 45)',
        table
      )
    ).toBeCloseTo(40 / 130, 12);
  });

  it("REPEATRATE.TX: 4 of 5 buyers bought on two or more days", () => {
    expect(evaluate('=CRM.REPEATRATE.TX(A2:A12, B2:B12, "2024-01-01", "2024-06-30")', table)).toBe(
      0.8
    );
  });

  it("takes period dates as Excel dates, text dates in other forms and yyyymmdd numbers alike", () => {
    const withDates = [...table, [excelSerial("2024-04-01"), "2024年6月30日", 20240401]];
    expect(evaluate("=CRM.CHURNRATE.TX(A2:A12, B2:B12, A13, B13, 45)", withDates)).toBe(0.5);
    expect(evaluate("=CRM.CHURNRATE.TX(A2:A12, B2:B12, C13, B13, 45)", withDates)).toBe(0.5);
  });

  it('matches ids across numbers and text: 1002 and "1002" are one customer', () => {
    const mixed = table.map((row, i) => (i === 5 ? ["1002", row[1]!, row[2]!] : row));
    expect(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)', mixed)
    ).toBe(0.5);
  });

  it("reads text dates in the date column", () => {
    const textDates = table.map((row, i) =>
      i === 0 ? row : [row[0]!, isoOf(row[1] as number), row[2]!]
    );
    expect(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)', textDates)
    ).toBe(0.5);
  });
});

function isoOf(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

for (const suiteCase of each<[string, EmptyCell]>([
  ["null", null],
  ['""', ""],
  ["0", 0],
])) {
  describe(
    suiteCase.name("blank rows below the data, with empty cells passed as %s"),
    suiteCase.run((_label, emptyCell) => {
      it("are skipped, so a whole-column style range gives the same answer", () => {
        const padded: RawCellContent[][] = [
          ...table,
          [null, null, null],
          [null, null, null],
          [null, null, null],
        ];
        expect(
          evaluate(
            '=CRM.CHURNRATE.TX(A2:A15, B2:B15, "2024-04-01", "2024-06-30", 45)',
            padded,
            emptyCell
          )
        ).toBe(0.5);
        expect(
          evaluate(
            '=CRM.RELATIVECHURN.TX(A2:A15, B2:B15, C2:C15, "2024-04-01", "2024-06-30", 45)',
            padded,
            emptyCell
          )
        ).toBeCloseTo(40 / 130, 12);
      });

      it("a row with an id but no date is refused, naming the row", () => {
        const holed = table.map((row, i) => (i === 4 ? [row[0]!, null, row[2]!] : row));
        expectError(
          evaluate(
            '=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30", 45)',
            holed,
            emptyCell
          ),
          "#VALUE!",
          ["CRM.CHURNRATE.TX", "dates, row 4"]
        );
      });
    })
  );
}

describe("bad input", () => {
  it("refuses columns of different lengths, naming both", () => {
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B11, "2024-04-01", "2024-06-30")', table),
      "#VALUE!",
      ["customer_ids", "dates"]
    );
  });

  it("refuses a date that is not a date, naming the row", () => {
    const bad = table.map((row, i) => (i === 3 ? [row[0]!, "next Tuesday", row[2]!] : row));
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30")', bad),
      "#VALUE!",
      ["dates, row 3", "next Tuesday"]
    );
  });

  it("refuses an ambiguous day/month text date", () => {
    // The apostrophe keeps the formula engine from reading the cell as a date itself: it is text.
    const bad = table.map((row, i) => (i === 2 ? [row[0]!, "'3/1/2024", row[2]!] : row));
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30")', bad),
      "#VALUE!",
      ["dates, row 2"]
    );
  });

  it("refuses text in the amount column, naming the row", () => {
    const bad = table.map((row, i) => (i === 7 ? [row[0]!, row[1]!, "lots"] : row));
    expectError(
      evaluate('=CRM.RELATIVECHURN.TX(A2:A12, B2:B12, C2:C12, "2024-04-01", "2024-06-30")', bad),
      "#VALUE!",
      ["amounts, row 7"]
    );
  });

  it("refuses an error cell in a column, naming the row and the error", () => {
    const bad = table.map((row, i) => (i === 6 ? ["=NA()", row[1]!, row[2]!] : row));
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-04-01", "2024-06-30")', bad),
      "#VALUE!",
      ["customer_ids, row 6", "#N/A"]
    );
  });

  it("refuses a period that ends before it starts, and a base of nobody", () => {
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-06-30", "2024-04-01")', table),
      "#NUM!"
    );
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A2:A12, B2:B12, "2024-01-01", "2024-01-31")', table),
      "#DIV/0!"
    );
  });

  it("gives #N/A for columns with no data", () => {
    expectError(
      evaluate('=CRM.CHURNRATE.TX(A1:A3, B1:B3, "2024-04-01", "2024-06-30")', [
        [null, null],
        [null, null],
        [null, null],
      ]),
      "#N/A",
      ["customer_ids has no data"]
    );
  });
});

describe("spilled tables", () => {
  it("CHURNTREND spills one row per complete quarter with the accounting and rates", () => {
    const block = evaluateSpill('=CRM.CHURNTREND(A2:A12, B2:B12, "季度", 45, "2024-06-30")', table);
    expect(block[0]).toEqual([
      "period",
      "first_day",
      "last_day",
      "at_start",
      "new",
      "reactivated",
      "lost_from_start",
      "lapsed",
      "lost",
      "at_end",
      "churn_rate",
      "retention_rate",
    ]);
    // Q1: nobody at the start; 1001–1004 new; on Mar 31 (45-day rule) 1002 and 1004 active; 1001, 1003 lapsed
    expect(block[1]!.slice(0, 10)).toEqual([
      "2024-Q1",
      excelSerial("2024-01-01"),
      excelSerial("2024-03-31"),
      0,
      4,
      0,
      0,
      2,
      2,
      2,
    ]);
    expect(block[1]![10]).toBeInstanceOf(DetailedCellError); // no base: #DIV/0! in this cell only
    expect(block[2]).toEqual([
      "2024-Q2",
      excelSerial("2024-04-01"),
      excelSerial("2024-06-30"),
      2,
      1,
      2,
      1,
      1,
      2,
      3,
      0.5,
      1,
    ]);
  });

  it("leaves the header out on request", () => {
    const block = evaluateSpill(
      '=CRM.CHURNTREND(A2:A12, B2:B12, "quarter", 45, "2024-06-30", FALSE())',
      table
    );
    expect(block.length).toBe(2);
    expect(block[0]![0]).toBe("2024-Q1");
  });

  it("COHORTS leaves offsets that have not elapsed empty, never 0", () => {
    const block = evaluateSpill(
      '=CRM.COHORTS(A2:A12, B2:B12, , "quarter", , , "2024-06-30")',
      table
    );
    expect(block).toEqual([
      ["cohort", "first_day", "customers", "offset_0", "offset_1"],
      ["2024-Q1", excelSerial("2024-01-01"), 4, 1, 0.75],
      // an empty cell, returned as empty text
      ["2024-Q2", excelSerial("2024-04-01"), 1, 1, ""],
    ]);
  });

  it("COHORTS by revenue divides each quarter's revenue by the cohort's first", () => {
    // Q1 cohort: Q1 revenue 120 + 80 + 60 + 200 + 40 + 90 = 590; Q2: 150 + 70 + 110 + 50 = 380
    const block = evaluateSpill(
      '=CRM.COHORTS(A2:A12, B2:B12, C2:C12, "quarter", "revenue", , "2024-06-30", FALSE())',
      table
    );
    expect(block[0]!.slice(0, 4)).toEqual(["2024-Q1", excelSerial("2024-01-01"), 4, 1]);
    expect(block[0]![4]).toBeCloseTo(380 / 590, 12);
  });

  it("COHORTS refuses measure revenue without amounts", () => {
    expectError(
      evaluate('=CRM.COHORTS(A2:A12, B2:B12, , "quarter", "revenue")', table),
      "#VALUE!",
      ["amounts"]
    );
  });
});

describe("the CDNOW master data, end to end (69,659 rows, 23,570 customers)", () => {
  const cdnow = loadCdnowMasterCells();
  const { implementations } = loadBuiltAddin();
  const call = (id: string, ...args: unknown[]): unknown => {
    try {
      return implementations.get(id)!(...args);
    } catch (error) {
      if (error instanceof StandInError) return error;
      throw error;
    }
  };

  // A second, naive implementation of SPEC §2, from the file's own rows and JavaScript dates.
  const byCustomer = new Map<string, number[]>();
  for (const [id, day] of cdnow.rows) {
    const days = byCustomer.get(id) ?? [];
    days.push(day);
    byCustomer.set(id, days);
  }
  function naiveAccount(first: number, last: number, inactive: number) {
    let S = 0,
      N = 0,
      E = 0,
      lostFromStart = 0,
      repeaters = 0,
      buyers = 0;
    for (const days of byCustomer.values()) {
      const inS = days.some((p) => p > first - 1 - inactive && p <= first - 1);
      const inE = days.some((p) => p > last - inactive && p <= last);
      const isNew = Math.min(...days) >= first && Math.min(...days) <= last;
      const inPeriod = new Set(days.filter((p) => p >= first && p <= last));
      if (inS) S++;
      if (inE) E++;
      if (isNew) N++;
      if (inS && !inE) lostFromStart++;
      if (inPeriod.size > 0) buyers++;
      if (inPeriod.size > 1) repeaters++;
    }
    return { S, N, E, lostFromStart, repeaters, buyers };
  }

  it("holds 69,659 rows and 23,570 distinct customers", () => {
    expect(cdnow.rows.length).toBe(69_659);
    expect(byCustomer.size).toBe(23_570);
  });

  for (const testCase of each([
    ["1997-04-01", "1997-06-30", 90],
    ["1997-10-01", "1997-12-31", 90],
    ["1998-01-01", "1998-01-31", 30],
    ["1997-07-01", "1998-06-30", 180],
  ])) {
    it(
      testCase.name(
        "churn, retention and repeat rate for %s … %s (%i-day rule) agree with the naive count"
      ),
      testCase.run((from, to, inactive) => {
        const first = utcDay(Number(from.replaceAll("-", "")));
        const last = utcDay(Number(to.replaceAll("-", "")));
        const naive = naiveAccount(first, last, inactive);
        expect(
          call("CHURNRATE.TX", cdnow.customerIds, cdnow.dates, from, to, inactive)
        ).toBeCloseTo(naive.lostFromStart / naive.S, 12);
        expect(
          call("RETENTIONRATE.TX", cdnow.customerIds, cdnow.dates, from, to, inactive)
        ).toBeCloseTo((naive.E - naive.N) / naive.S, 12);
        expect(call("REPEATRATE.TX", cdnow.customerIds, cdnow.dates, from, to)).toBeCloseTo(
          naive.repeaters / naive.buyers,
          12
        );
      })
    );
  }

  it("the monthly churn trend agrees with the naive count in every month and keeps S + N + reactivated − lost = E", () => {
    const trend = call(
      "CHURNTREND",
      cdnow.customerIds,
      cdnow.dates,
      "month",
      90,
      null,
      false
    ) as unknown[][];
    // 1997-01 … 1998-06: 18 complete months
    expect(trend.length).toBe(18);
    for (const row of trend) {
      const [label, , , S, N, R, , , lost, E] = row as [
        string,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const [y, m] = label.split("-").map(Number) as [number, number];
      const first = Date.UTC(y, m - 1, 1) / 86_400_000;
      const last = Date.UTC(y, m, 1) / 86_400_000 - 1;
      const naive = naiveAccount(first, last, 90);
      expect([S, N, E], label).toEqual([naive.S, naive.N, naive.E]);
      expect(S + N + R - lost, label).toBe(E);
    }
  });

  it("the cohorts are the three acquisition months of the data set, each retaining a share in (0, 1)", () => {
    const table = call(
      "COHORTS",
      cdnow.customerIds,
      cdnow.dates,
      null,
      "month",
      "customers",
      3,
      null,
      false
    ) as unknown[][];
    expect(table.map((row) => row[0])).toEqual(["1997-01", "1997-02", "1997-03"]);
    // cohort sizes by first purchase month, counted naively
    const firstMonths = [...byCustomer.values()].map((days) =>
      new Date(Math.min(...days) * 86_400_000).toISOString().slice(0, 7)
    );
    for (const row of table) {
      expect(row[2]).toBe(firstMonths.filter((m) => m === row[0]).length);
      expect(row[3]).toBe(1);
      for (const value of row.slice(4)) {
        expect(value as number).toBeGreaterThan(0);
        expect(value as number).toBeLessThan(1);
      }
    }
    // January cohort, offset 1: share of January's customers buying in February, counted naively
    const january = [...byCustomer.values()].filter((days) =>
      new Date(Math.min(...days) * 86_400_000).toISOString().startsWith("1997-01")
    );
    const buyingInFebruary = january.filter((days) =>
      days.some((p) => new Date(p * 86_400_000).toISOString().startsWith("1997-02"))
    );
    expect(table[0]![4]).toBeCloseTo(buyingInFebruary.length / january.length, 12);
  });
});

describe("RFM early warning, segments, grading and top share, by hand", () => {
  it("RFMALERT lists lost, red, then normal customers as of 2024-06-30", () => {
    const block = evaluateSpill('=CRM.RFMALERT(A2:A12, B2:B12, C2:C12, "2024-06-30")', table);
    expect(block[0]).toEqual([
      "customer_id",
      "r_days",
      "f_recent",
      "f_previous",
      "f_decline",
      "m_recent",
      "m_previous",
      "m_decline",
      "level",
    ]);
    // 1002 last bought Mar 1 (121 days: lost); 1003 May 2 (59: red); 1005 May 18 (43: red);
    // 1004 Jun 25 and 1001 Jun 28 with nothing in the 30 days before their recent window: normal
    expect(block.slice(1).map((row) => [row[0], row[1], row[8]])).toEqual([
      [1002, 121, "lost"],
      [1003, 59, "red"],
      [1005, 43, "red"],
      [1004, 5, "normal"],
      [1001, 2, "normal"],
    ]);
  });

  it("RFMALERT takes a threshold range: with R up to 60 days raising nothing, 1003 and 1005 are normal", () => {
    const withGrid: RawCellContent[][] = table.map((row) => [...row, null, null, null, null]);
    withGrid[1]!.splice(4, 3, 60, 0.3, 0.3);
    withGrid[2]!.splice(4, 3, 90, 0.5, 0.5);
    withGrid[3]!.splice(4, 3, 120, null, null);
    const block = evaluateSpill(
      '=CRM.RFMALERT(A2:A12, B2:B12, C2:C12, "2024-06-30", E2:G4, FALSE(), FALSE())',
      withGrid
    );
    expect(block.map((row) => [row[0], row[8]])).toEqual([
      [1001, "normal"],
      [1002, "lost"],
      [1003, "normal"],
      [1004, "normal"],
      [1005, "normal"],
    ]);
  });

  it("RFMALERT refuses a threshold range that is not 3 × 3", () => {
    const withGrid: RawCellContent[][] = table.map((row) => [...row, null, 10, 0.3]);
    expectError(
      evaluate('=CRM.RFMALERT(A2:A12, B2:B12, C2:C12, "2024-06-30", E2:F3)', withGrid),
      "#VALUE!",
      ["thresholds"]
    );
  });

  it("RFMSEGMENTS scores 1001 (2 days, 4 purchase days, 380) 555, Champions", () => {
    const block = evaluateSpill(
      '=CRM.RFMSEGMENTS(A2:A12, B2:B12, C2:C12, "2024-06-30", FALSE())',
      table
    );
    expect(block[0]).toEqual([1001, 2, 4, 380, 5, 5, 5, "555", "Champions"]);
  });

  it("GRADE counts visits in the 365 days to as_of", () => {
    const block = evaluateSpill('=CRM.GRADE(A2:A12, B2:B12, "2024-06-30", , FALSE())', table);
    expect(block).toEqual([
      [1001, 4, "A"],
      [1002, 2, "B"],
      [1003, 2, "B"],
      [1004, 2, "B"],
      [1005, 1, "C"],
    ]);
  });

  it("TOPSHARE: the top 20 % (1 of 5 customers, 1001 with 380 of 1000) → 0.38; the top 40 % → 0.65", () => {
    expect(evaluate("=CRM.TOPSHARE(A2:A12, C2:C12)", table)).toBeCloseTo(0.38, 12);
    expect(evaluate("=CRM.TOPSHARE(A2:A12, C2:C12, 0.4)", table)).toBeCloseTo(0.65, 12);
    expectError(evaluate("=CRM.TOPSHARE(A2:A12, C2:C12, 20)", table), "#NUM!");
  });
});

describe("RFM grading and top share on the CDNOW master data, against naive counts", () => {
  const cdnow = loadCdnowMasterCells();
  const { implementations } = loadBuiltAddin();

  it("GRADE as of 1998-06-30 agrees with counting visits per customer", () => {
    const asOf = utcDay(19980630);
    const visits = new Map<string, Set<number>>();
    for (const [id, day] of cdnow.rows) {
      if (!visits.has(id)) visits.set(id, new Set());
      if (day > asOf - 365 && day <= asOf) visits.get(id)!.add(day);
    }
    const naive = { A: 0, B: 0, C: 0, D: 0 };
    for (const days of visits.values())
      naive[days.size >= 3 ? "A" : days.size === 2 ? "B" : days.size === 1 ? "C" : "D"]++;
    const grades = implementations.get("GRADE")!(
      cdnow.customerIds,
      cdnow.dates,
      "1998-06-30",
      null,
      false
    ) as unknown[][];
    const counted = { A: 0, B: 0, C: 0, D: 0 };
    for (const row of grades) counted[row[2] as "A" | "B" | "C" | "D"]++;
    expect(counted).toEqual(naive);
  });

  it("TOPSHARE agrees with sorting the customers' totals", () => {
    const totals = new Map<string, number>();
    for (const [id, , amount] of cdnow.rows) totals.set(id, (totals.get(id) ?? 0) + amount);
    const sorted = [...totals.values()].sort((a, b) => b - a);
    const all = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, Math.ceil(0.2 * sorted.length)).reduce((a, b) => a + b, 0);
    expect(implementations.get("TOPSHARE")!(cdnow.customerIds, cdnow.amounts)).toBeCloseTo(
      top / all,
      10
    );
  });
});
