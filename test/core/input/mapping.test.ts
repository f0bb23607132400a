import { expect } from "../../support/expect";
import {
  detectColumns,
  detectHeaderRow,
  FIELD_KEYS,
  mappingProblems,
  normalizeHeader,
  REQUIRED_FIELDS,
  type ColumnMapping,
  type FieldKey,
} from "../../../src/core/input/mapping";

const none: ColumnMapping = { customerId: null, date: null, amount: null, cost: null, score: null };
const byHeader = {
  customerId: "header",
  date: "header",
  amount: "header",
  cost: null,
  score: null,
};
const byValues = {
  customerId: "values",
  date: "values",
  amount: "values",
  cost: null,
  score: null,
};

describe("constants", () => {
  it("lists the fields in order, the first three required", () => {
    expect(FIELD_KEYS).toEqual(["customerId", "date", "amount", "cost", "score"]);
    expect(REQUIRED_FIELDS).toEqual(["customerId", "date", "amount"]);
  });
});

describe("normalizeHeader", () => {
  it("lower-cases and drops spaces, underscores, hyphens and full-width spaces", () => {
    expect(normalizeHeader(" Customer_ID ")).toBe("customerid");
    expect(normalizeHeader("Order-Date")).toBe("orderdate");
    expect(normalizeHeader("客户\u3000ID")).toBe("客户id");
    expect(normalizeHeader("ＣＵＳＴＯＭＥＲ ＩＤ")).toBe("customerid"); // full-width letters
  });

  it("drops a trailing unit in brackets, half- or full-width", () => {
    expect(normalizeHeader("金额(元)")).toBe("金额");
    expect(normalizeHeader("金额（元）")).toBe("金额");
    expect(normalizeHeader("Amount (USD)")).toBe("amount");
    expect(normalizeHeader("Amount [¥]")).toBe("amount");
    expect(normalizeHeader("金额【元】")).toBe("金额");
    expect(normalizeHeader("(元)")).toBe("(元)"); // nothing but a unit: kept
  });
});

describe("detectColumns by header", () => {
  it("matches English headers", () => {
    const d = detectColumns([
      ["Customer ID", "Order Date", "Amount"],
      ["a", 45352, 12.5],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.columnNames).toEqual(["Customer ID", "Order Date", "Amount"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons).toEqual(byHeader);
  });

  it("matches simplified Chinese headers: 客户ID / 交易日期 / 消费金额 (doc example)", () => {
    const d = detectColumns([
      ["客户ID", "交易日期", "消费金额"],
      ["a", 45352, 12.5],
    ]);
    expect(d.mapping).toEqual({ customerId: 0, date: 1, amount: 2, cost: null, score: null });
    expect(d.reasons).toEqual(byHeader);
  });

  it("matches traditional Chinese headers: 會員編號 / 訂單日期 / 金額, in any order", () => {
    const d = detectColumns([
      ["訂單日期", "金額", "會員編號"],
      ["2024/3/1", 10, "甲"],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 2, date: 0, amount: 1 });
  });

  it("matches a header with a unit: 金额(元), 金额（元）, Amount (USD)", () => {
    for (const amountHeader of ["金额(元)", "金额（元）", "Amount (USD)", "消费金额 (元)"]) {
      const d = detectColumns([
        ["客户", "日期", amountHeader],
        ["甲", 45352, 10],
      ]);
      expect(d.mapping.amount).toBe(2);
      expect(d.reasons.amount).toBe("header");
      expect(d.columnNames[2]).toBe(amountHeader); // shown as written
    }
  });

  it("knows every listed synonym, case and separators aside", () => {
    const synonyms: { readonly [K in FieldKey]: readonly string[] } = {
      customerId: [
        "customer id",
        "Customer",
        "CustomerID",
        "cust_id",
        "Client ID",
        "member-id",
        "USER ID",
        "buyer",
        "Account",
        "ID",
        "客户ID",
        "客户编号",
        "客户",
        "会员编号",
        "会员ID",
        "会员",
        "用户ID",
        "用户",
        "顾客",
        "顾客编号",
        "客戶ID",
        "客戶編號",
        "會員編號",
        "會員",
        "用戶ID",
        "顧客",
      ],
      date: [
        "date",
        "Order Date",
        "transaction_date",
        "Purchase Date",
        "invoice date",
        "Time",
        "Timestamp",
        "Day",
        "日期",
        "交易日期",
        "购买日期",
        "订单日期",
        "下单日期",
        "消费日期",
        "时间",
        "交易时间",
        "購買日期",
        "訂單日期",
        "交易時間",
        "時間",
      ],
      amount: [
        "amount",
        "Sales",
        "Revenue",
        "Value",
        "Total",
        "Price",
        "spend",
        "Order Value",
        "金额",
        "消费金额",
        "交易金额",
        "销售额",
        "订单金额",
        "实付金额",
        "收入",
        "金額",
        "消費金額",
        "交易金額",
        "銷售額",
        "訂單金額",
      ],
      cost: ["cost", "COGS", "Cost of goods", "成本", "服务成本", "成本金额", "服務成本"],
      score: [
        "score",
        "Satisfaction",
        "CSAT",
        "rating",
        "NPS",
        "满意度",
        "评分",
        "满意度评分",
        "滿意度",
        "評分",
      ],
    };
    for (const field of FIELD_KEYS) {
      for (const header of synonyms[field]) {
        const d = detectColumns([[header]], { hasHeader: true });
        expect({ header, mapping: d.mapping, reason: d.reasons[field] }).toEqual({
          header,
          mapping: { ...none, [field]: 0 },
          reason: "header",
        });
      }
    }
  });

  it("finds the optional cost and score columns", () => {
    const chinese = detectColumns([
      ["客户ID", "交易日期", "消费金额", "成本金额", "满意度评分"],
      ["甲", 45352, 10, 4, 5],
    ]);
    expect(chinese.mapping).toEqual({ customerId: 0, date: 1, amount: 2, cost: 3, score: 4 });
    const english = detectColumns([
      ["Client", "Date", "Revenue", "COGS", "CSAT"],
      ["a", 45352, 10, 4, 5],
    ]);
    expect(english.mapping).toEqual({ customerId: 0, date: 1, amount: 2, cost: 3, score: 4 });
    expect(english.reasons).toEqual({ ...byHeader, cost: "header", score: "header" });
  });

  it("reads the CDNOW header: customer_id, date, number_of_cds, dollar_value", () => {
    // dollar_value contains the synonym "value"; number_of_cds names no field
    const d = detectColumns([
      ["customer_id", "date", "number_of_cds", "dollar_value"],
      ["00001", 19970101, 1, 11.77],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 3 });
    expect(d.reasons).toEqual(byHeader);
  });

  describe("precedence", () => {
    it("an exact synonym beats a header containing one, wherever it stands", () => {
      const d = detectColumns([
        ["Customer name", "Date of birth", "Customer ID", "Transaction date", "Sales"],
        ["Ann", 30000, "a", 45352, 10],
      ]);
      expect(d.mapping).toEqual({ ...none, customerId: 2, date: 3, amount: 4 });
    });

    it("a header containing a synonym is used when no header is exact", () => {
      const d = detectColumns([
        ["Customer name", "Order time", "Net amount", "订单总金额"],
        ["Ann", 45352, 10, 10],
      ]);
      expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
      expect(d.reasons).toEqual(byHeader);
    });

    it("ties go to the leftmost column", () => {
      const exact = detectColumns([
        ["Customer", "Order date", "Date", "Price", "Line total"],
        ["a", 45352, 45353, 9.99, 19.98],
      ]);
      expect(exact.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 3 });
      const partial = detectColumns([
        ["Customer", "Date", "Net amount", "Gross amount"],
        ["a", 45352, 9, 10],
      ]);
      expect(partial.mapping.amount).toBe(2);
    });

    it("a header containing synonyms of two fields names the one it ends with", () => {
      // "Total cost" holds "total" (amount) and ends with "cost"; "Customer satisfaction" holds
      // "customer" and ends with "satisfaction"
      const d = detectColumns([
        ["Member", "Day", "Total cost", "Customer satisfaction", "Order value"],
        ["a", 45352, 4, 5, 10],
      ]);
      expect(d.mapping).toEqual({ customerId: 0, date: 1, amount: 4, cost: 2, score: 3 });
      expect(
        detectColumns([["服务成本金额"]], { hasHeader: true }).mapping // longer synonym at the end
      ).toEqual({ ...none, cost: 0 });
    });

    it("short synonyms match only whole headers: Order ID is no customer, Paid no id", () => {
      const d = detectColumns([
        ["Order ID", "Paid", "Buyer", "Date", "Amount"],
        ["o1", "yes", "a", 45352, 10],
      ]);
      expect(d.mapping).toEqual({ ...none, customerId: 2, date: 3, amount: 4 });
    });
  });

  it("leaves an extra unrelated column unmapped", () => {
    const d = detectColumns([
      ["Region", "Customer ID", "Date", "Amount", "Notes"],
      ["North", "a", 45352, 10, "gift"],
      ["South", "b", 45353, 12, ""],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 1, date: 2, amount: 3 });
    expect(Object.values(d.mapping)).not.toContain(0);
    expect(Object.values(d.mapping)).not.toContain(4);
  });

  it("uses a column once only, even when the values would fit a second field", () => {
    // "When" holds serial dates, which are numbers too; amount has no column left
    const d = detectColumns([
      ["Customer", "When"],
      ["a", 45352],
      ["a", 45353],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1 });
    expect(d.reasons).toEqual({ ...byHeader, date: "values", amount: null });
    expect(mappingProblems(d.mapping, 2)).toEqual([{ field: "amount", kind: "missing" }]);
  });

  it("names a blank header cell by its letter and finds its field by values", () => {
    const d = detectColumns([
      ["Customer", "", "Amount"],
      ["a", 45352, 10],
    ]);
    expect(d.columnNames).toEqual(["Customer", "Column B", "Amount"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons.date).toBe("values");
  });

  it("finds fields by values under headers it does not know", () => {
    const d = detectColumns([
      ["Who", "When", "Paid"],
      ["a", "2024-03-01", "¥12.50"],
      ["a", "2024-03-05", "¥1,200"],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.columnNames).toEqual(["Who", "When", "Paid"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons).toEqual(byValues);
  });
});

describe("detectColumns by values (no header row)", () => {
  it("reads Excel serials and text dates such as 2024/3/1 (doc example)", () => {
    const d = detectColumns([
      ["C001", "2024/3/1", 12.5],
      ["C002", 45353, 20],
      ["C001", 45360, 8],
      ["C003", "2024-03-09", 31.25],
    ]);
    expect(d.hasHeader).toBe(false);
    expect(d.columnNames).toEqual(["Column A", "Column B", "Column C"]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(d.reasons).toEqual(byValues);
    expect(
      detectColumns([
        ["C001", "2024/3/1", 12.5],
        ["C001", 45360, 8],
      ]).reasons.date
    ).toBe("values");
  });

  it("reads the CDNOW layout: number ids, yyyymmdd numbers, CD counts, dollars", () => {
    // CDNOW_master.txt without its header: 19970101 is 1997-01-01 (parseTextDate reads
    // "19970101"), not an Excel serial (those end at 2958465)
    const d = detectColumns([
      [1, 19970101, 1, 11.77],
      [2, 19970112, 1, 12],
      [2, 19970112, 5, 77],
      [3, 19970102, 2, 20.76],
      [3, 19970330, 2, 20.76],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 3 });
    expect(d.reasons).toEqual(byValues);
  });

  it("reads numeric text as the number: serials and yyyymmdd dates, formatted amounts", () => {
    const d = detectColumns([
      ["a", "45352", "$1,234.50"],
      ["b", "20240302", "$5"],
      ["a", "45354", "7.25元"],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
  });

  it("does not take eight digits that are no calendar date, or serials outside 10000 … 80000, for dates", () => {
    expect(
      detectColumns([
        ["a", 19971345, 1.5],
        ["a", 19971346, 2.5],
      ]).mapping.date
    ).toBeNull();
    expect(
      detectColumns([
        ["a", 9999, 1.5],
        ["a", 80001, 2.5],
      ]).mapping.date
    ).toBeNull();
  });

  it("takes the column with the larger share of dates", () => {
    // column A: 4 of 5 dates (80 %); column B: 5 of 5
    const d = detectColumns([
      [45352, 45352, "a", 1.5],
      [45353, 45353, "a", 2.5],
      [45354, 45354, "b", 3.5],
      [45355, 45355, "b", 4.5],
      ["n/a", 45356, "c", 5.5],
    ]);
    expect(d.mapping.date).toBe(1);
  });

  it("prefers an amount column with fractions", () => {
    const d = detectColumns([
      ["a", 45352, 3, 1234.5],
      ["b", 45353, 1, 5],
      ["a", 45354, 2, 7.25],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 3 });
  });

  it("with whole numbers only, takes the amount with the wider relative spread, and the repeating ids as customers", () => {
    // ids 1001, 1002, 1001, 1003: mean 1001.75, sd 0.83, spread 0.0008;
    // amounts 120, 80, 15, 200: mean 103.75, sd 67.1, spread 0.65
    const d = detectColumns([
      [1001, 45352, 120],
      [1002, 45353, 80],
      [1001, 45360, 15],
      [1003, 45361, 200],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
  });

  it("takes for customers the repeating column with the most distinct values", () => {
    // regions repeat with 2 values, ids repeat with 3
    const d = detectColumns([
      ["North", "C001", 45352, 1.5],
      ["North", "C002", 45353, 2.5],
      ["South", "C001", 45354, 3.5],
      ["North", "C003", 45355, 4.5],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 1, date: 2, amount: 3 });
  });

  it("never takes a column of unique numbers for customers, but takes unique text", () => {
    const d = detectColumns([
      [45352, 1.5, "x1", 1],
      [45353, 2.5, "x2", 2],
    ]);
    expect(d.mapping).toEqual({ ...none, customerId: 2, date: 0, amount: 1 });
    expect(
      detectColumns([
        [45352, 1.5, 1],
        [45353, 2.5, 2],
      ]).mapping.customerId
    ).toBeNull();
  });

  it("samples the first sampleRows data rows that are not entirely blank", () => {
    const rows = [[7, 45352, 1.5], [], ["", null, "  "], [7, 45353, 2.5], [8, "not a date", 3.5]];
    // the two non-blank rows: 7 repeats, so column A holds customers; the third is not read
    const two = detectColumns(rows, { sampleRows: 2 });
    expect(two.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    // one row: 7 is a unique number, no customer; every row: 2 dates of 3, under 80 %
    expect(detectColumns(rows, { sampleRows: 1 }).mapping.customerId).toBeNull();
    expect(detectColumns(rows).mapping.date).toBeNull();
  });

  it("follows the hasHeader option", () => {
    const rows = [
      ["Customer", "Date", "Amount"],
      ["a", 45352, 1.5],
      ["b", 45353, 2],
      ["a", 45354, 2.5],
      ["c", 45355, 3],
      ["b", 45356, 3.5],
    ];
    // read as data, "Date" and "Amount" are 1 cell in 6: still ≥ 80 % dates and numbers
    const asData = detectColumns(rows, { hasHeader: false });
    expect(asData.hasHeader).toBe(false);
    expect(asData.columnNames).toEqual(["Column A", "Column B", "Column C"]);
    expect(asData.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    expect(asData.reasons).toEqual(byValues);
    const asHeader = detectColumns(
      [
        ["Foo", "Bar"],
        [1, 2],
      ],
      { hasHeader: true, sampleRows: 0 }
    );
    expect(asHeader.columnNames).toEqual(["Foo", "Bar"]);
    expect(asHeader.mapping).toEqual(none);
  });

  describe("edge cases", () => {
    it("an empty range has no header, no columns and no mapping", () => {
      expect(detectColumns([])).toEqual({
        hasHeader: false,
        columnNames: [],
        mapping: none,
        reasons: { customerId: null, date: null, amount: null, cost: null, score: null },
      });
    });

    it("ragged rows: the widest row sets the columns", () => {
      const d = detectColumns([["Customer", "Date"], ["a", 45352, 3.5], ["b"]]);
      expect(d.columnNames).toEqual(["Customer", "Date", "Column C"]);
      expect(d.mapping).toEqual({ ...none, customerId: 0, date: 1, amount: 2 });
    });

    it("letters run on past Z", () => {
      const names = detectColumns([Array.from({ length: 28 }, () => 1.5)]).columnNames;
      expect(names.slice(24)).toEqual(["Column Y", "Column Z", "Column AA", "Column AB"]);
    });
  });
});

describe("detectHeaderRow", () => {
  it("sees a header when a cell names a field (doc example)", () => {
    expect(
      detectHeaderRow([
        ["Customer", "Date"],
        ["a", 45352],
      ])
    ).toBe(true);
    expect(detectHeaderRow([["Customer", "Date"]])).toBe(true);
    expect(detectHeaderRow([["", "金额(元)", null]])).toBe(true);
  });

  it("sees a header when text stands over a number or a date", () => {
    expect(
      detectHeaderRow([
        ["Who", "When"],
        ["a", 45352],
      ])
    ).toBe(true);
    expect(
      detectHeaderRow([
        ["Who", "When"],
        ["a", "2024-03-01"],
      ])
    ).toBe(true);
    expect(
      detectHeaderRow([
        ["Who", "Paid"],
        ["a", "¥12"],
      ])
    ).toBe(true);
    // the next row that is not entirely blank
    expect(
      detectHeaderRow([
        ["Who", "When"],
        ["", null],
        ["a", 45352],
      ])
    ).toBe(true);
  });

  it("sees data in a first row of numbers (doc example)", () => {
    expect(
      detectHeaderRow([
        ["a", 45352],
        ["b", 45353],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        [1, 45352],
        [2, 45353],
      ])
    ).toBe(false);
  });

  it("sees data in a first row holding a number-like date or amount, even beside a header-like cell", () => {
    expect(
      detectHeaderRow([
        ["C001", "2024/3/1", "12.5"],
        ["C002", "2024/3/2", "13"],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        ["Account A", "2024-03-01", "¥12"],
        ["Account B", "2024-03-02", "¥13"],
      ])
    ).toBe(false);
    expect(
      detectHeaderRow([
        ["member", "20240301"],
        ["member", "20240302"],
      ])
    ).toBe(false);
    expect(detectHeaderRow([["Customer", true]])).toBe(false);
  });

  it("sees data in text that only contains a synonym beside digits", () => {
    expect(
      detectHeaderRow([
        ["customer_1", "x"],
        ["customer_2", "y"],
      ])
    ).toBe(false);
    expect(detectHeaderRow([["客户ID"], ["甲"]])).toBe(true); // an exact synonym with letters
  });

  it("sees data in text over text", () => {
    expect(
      detectHeaderRow([
        ["Who", "What"],
        ["a", "b"],
      ])
    ).toBe(false);
  });

  describe("edge cases", () => {
    it("an empty range or a blank first row is no header", () => {
      expect(detectHeaderRow([])).toBe(false);
      expect(detectHeaderRow([["", null]])).toBe(false);
      expect(detectHeaderRow([[], ["Customer", "Date"]])).toBe(false);
    });
  });
});

describe("mappingProblems", () => {
  it("accepts a complete mapping, optional fields unmapped", () => {
    expect(mappingProblems({ customerId: 0, date: 1, amount: 2, cost: null, score: 3 }, 4)).toEqual(
      []
    );
    expect(mappingProblems({ ...none, customerId: 2, date: 0, amount: 1 }, 3)).toEqual([]);
  });

  it("reports each unmapped required field as missing", () => {
    expect(mappingProblems(none, 3)).toEqual([
      { field: "customerId", kind: "missing" },
      { field: "date", kind: "missing" },
      { field: "amount", kind: "missing" },
    ]);
  });

  it("reports a column used twice on the later field (doc example)", () => {
    expect(
      mappingProblems({ customerId: 0, date: 0, amount: null, cost: null, score: null }, 3)
    ).toEqual([
      { field: "date", kind: "duplicate", column: 0 },
      { field: "amount", kind: "missing" },
    ]);
  });

  it("reports one duplicate per extra field", () => {
    expect(mappingProblems({ customerId: 0, date: 1, amount: 2, cost: 2, score: 2 }, 3)).toEqual([
      { field: "cost", kind: "duplicate", column: 2 },
      { field: "score", kind: "duplicate", column: 2 },
    ]);
  });

  it("reports columns outside 0 … columnCount − 1", () => {
    expect(
      mappingProblems({ customerId: 0, date: 3, amount: -1, cost: null, score: 1.5 }, 3)
    ).toEqual([
      { field: "date", kind: "outOfRange", column: 3 },
      { field: "amount", kind: "outOfRange", column: -1 },
      { field: "score", kind: "outOfRange", column: 1.5 },
    ]);
  });

  it("checks the detected mapping of a table lacking a required column", () => {
    const d = detectColumns([
      ["Customer", "Date", "Region"],
      ["a", 45352, "North"],
      ["a", 45353, "South"],
    ]);
    expect(mappingProblems(d.mapping, 3)).toEqual([{ field: "amount", kind: "missing" }]);
  });
});
