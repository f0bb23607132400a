import { expect } from "../../support/expect";
import { each } from "../../support/each";
import {
  addMonths,
  dayToExcelSerial,
  daysInMonth,
  excelSerialToDay,
  FIRST_EXCEL_DAY,
  isFictitiousLeapDay,
  isLeapYear,
  isoFromSerial,
  isValidYmd,
  LAST_EXCEL_DAY,
  normalizeText,
  parseTextDate,
  serialFromYmd,
  ymdFromSerial,
} from "../../../src/core/input/dates";

// Known serials, all checked in Excel with =DATE(y,m,d) and =TEXT(serial,"yyyy-mm-dd").
const KNOWN_DAYS: [string, number][] = [
  ["1900-03-01", 61], // Excel: =DATE(1900,3,1) is 61
  ["1997-01-01", 35431], // Excel: =DATE(1997,1,1) is 35431 (first day of the CDNOW data)
  ["2000-02-29", 36585], // Excel: =DATE(2000,2,29) is 36585 (2000 is a leap year)
  ["2024-03-01", 45352], // Excel: =DATE(2024,3,1) is 45352
  ["9999-12-31", 2958465], // Excel: =DATE(9999,12,31) is 2958465, the last date Excel holds
];

describe("serialFromYmd / ymdFromSerial", () => {
  for (const testCase of each(KNOWN_DAYS)) {
    it(
      testCase.name("%s is day serial %i, as in Excel"),
      testCase.run((iso, serial) => {
        const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
        expect(serialFromYmd(year, month, day)).toBe(serial);
        expect(ymdFromSerial(serial)).toEqual({ year, month, day });
        expect(isoFromSerial(serial)).toBe(iso);
      })
    );
  }

  it("counts days from 1899-12-30, so 1900-01-01 is day 2 (Excel serial 1)", () => {
    expect(serialFromYmd(1899, 12, 30)).toBe(0);
    expect(serialFromYmd(1900, 1, 1)).toBe(2);
    expect(serialFromYmd(1900, 2, 28)).toBe(60);
  });

  it("works before 1899-12-30 with negative serials (proleptic Gregorian calendar)", () => {
    // 1899-12-30 minus 365 days = 1898-12-30 (1899 is not a leap year)
    expect(serialFromYmd(1898, 12, 30)).toBe(-365);
    expect(ymdFromSerial(-365)).toEqual({ year: 1898, month: 12, day: 30 });
    expect(isoFromSerial(serialFromYmd(1, 1, 1))).toBe("0001-01-01");
  });

  it("drops a time of day", () => {
    expect(ymdFromSerial(45352.99)).toEqual({ year: 2024, month: 3, day: 1 });
  });
});

describe("calendar rules", () => {
  it("leap years are every 4th year, except centuries not divisible by 400", () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it("a valid date has month 1..12, a day that exists in that month, and a year 1..9999", () => {
    expect(isValidYmd(2024, 2, 29)).toBe(true);
    expect(isValidYmd(2023, 2, 29)).toBe(false);
    expect(isValidYmd(1900, 2, 29)).toBe(false);
    expect(isValidYmd(2024, 13, 1)).toBe(false);
    expect(isValidYmd(2024, 0, 1)).toBe(false);
    expect(isValidYmd(2024, 4, 31)).toBe(false);
    expect(isValidYmd(2024, 1, 0)).toBe(false);
    expect(isValidYmd(0, 1, 1)).toBe(false);
    expect(isValidYmd(10000, 1, 1)).toBe(false);
    expect(isValidYmd(2024, 1.5, 1)).toBe(false);
  });

  it("addMonths moves by calendar months and clamps to the month's end, like EDATE", () => {
    // Excel: =EDATE(DATE(2024,1,31),1) is 2024-02-29, =EDATE(DATE(2024,3,31),-1) is 2024-02-29
    expect(isoFromSerial(addMonths(serialFromYmd(2024, 1, 31), 1))).toBe("2024-02-29");
    expect(isoFromSerial(addMonths(serialFromYmd(2024, 3, 31), -1))).toBe("2024-02-29");
    expect(isoFromSerial(addMonths(serialFromYmd(2024, 11, 15), 3))).toBe("2025-02-15");
    expect(isoFromSerial(addMonths(serialFromYmd(2024, 1, 15), -13))).toBe("2022-12-15");
  });
});

describe("excelSerialToDay", () => {
  it("keeps serials from 61 (1900-03-01) on", () => {
    expect(excelSerialToDay(61)).toBe(61);
    expect(excelSerialToDay(45352)).toBe(45352);
    expect(excelSerialToDay(2958465)).toBe(2958465);
  });

  it("moves serials 1..59 one day on, because Excel counts a 1900-02-29 after them", () => {
    expect(isoFromSerial(excelSerialToDay(1) ?? Number.NaN)).toBe("1900-01-01");
    expect(isoFromSerial(excelSerialToDay(59) ?? Number.NaN)).toBe("1900-02-28");
  });

  it("drops the time of day by flooring", () => {
    // Excel: 45352.75 is 2024-03-01 18:00
    expect(excelSerialToDay(45352.75)).toBe(45352);
    expect(excelSerialToDay(1.5)).toBe(2);
    expect(excelSerialToDay(2958465.999)).toBe(2958465);
  });

  it("dayToExcelSerial is its inverse and has no answer before 1900-01-01", () => {
    expect(dayToExcelSerial(2)).toBe(1);
    expect(dayToExcelSerial(60)).toBe(59);
    expect(dayToExcelSerial(61)).toBe(61);
    expect(dayToExcelSerial(45352)).toBe(45352);
    expect(dayToExcelSerial(1)).toBeUndefined();
  });

  describe("edge cases", () => {
    it("serial 60 is Excel's fictitious 1900-02-29 and has no day", () => {
      expect(excelSerialToDay(60)).toBeUndefined();
      expect(excelSerialToDay(60.5)).toBeUndefined();
      expect(isFictitiousLeapDay(60)).toBe(true);
      expect(isFictitiousLeapDay(60.25)).toBe(true);
      expect(isFictitiousLeapDay(61)).toBe(false);
      expect(isFictitiousLeapDay(59.9)).toBe(false);
    });

    it("serials below 1, above 2958465 or not finite are no dates", () => {
      for (const serial of [0, 0.5, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(excelSerialToDay(serial)).toBeUndefined();
      }
    });

    it("the first and last Excel days are 1900-01-01 and 9999-12-31", () => {
      expect(isoFromSerial(FIRST_EXCEL_DAY)).toBe("1900-01-01");
      expect(isoFromSerial(LAST_EXCEL_DAY)).toBe("9999-12-31");
    });
  });
});

describe("parseTextDate", () => {
  // Each is 2024-03-01, Excel serial 45352 (=DATE(2024,3,1)).
  for (const testCase of each([
    "2024-03-01",
    "2024-3-1",
    "2024/3/1",
    "2024/03/01",
    "2024.3.1",
    "2024.03.01",
    "2024年3月1日",
    "2024年03月01日",
    "2024年3月1",
    "2024 年 3 月 1 日",
    "2024年3月1号",
    "20240301",
    "  2024-03-01  ",
    "1 Mar 2024",
    "01-Mar-2024",
    "1 March 2024",
    "Mar 1, 2024",
    "March 1 2024",
  ])) {
    it(
      testCase.name("reads %j as 2024-03-01"),
      testCase.run((text) => {
        expect(parseTextDate(text)).toBe(45352);
      })
    );
  }

  for (const testCase of each([
    "2024-03-01T10:20:30",
    "2024-03-01T10:20",
    "2024-03-01 10:20",
    "2024-03-01 10:20:30",
    "2024-03-01T10:20:30.123",
    "2024-03-01T10:20:30,5",
    "2024-03-01T10:20:30Z",
    "2024-03-01T10:20:30+08:00",
    "2024-03-01T10:20:30-0500",
    "2024-03-01T10:20:30+08",
    "2024-03-01 10:20:30 +08:00",
    "2024-03-01t10:20z",
    "2024/3/1 9:05",
    "2024年3月1日 10:20",
  ])) {
    it(
      testCase.name("reads the date-time %j as the calendar date written, 2024-03-01"),
      testCase.run((text) => {
        expect(parseTextDate(text)).toBe(45352);
      })
    );
  }

  it("reads English month names full, abbreviated and as Sept, in any case", () => {
    // Excel: =DATE(2024,9,1) is 45536 (45352 + 184 days from March to August)
    expect(parseTextDate("Sept 1, 2024")).toBe(45536);
    expect(parseTextDate("1 SEP 2024")).toBe(45536);
    expect(parseTextDate("september 1 2024")).toBe(45536);
  });

  it("takes the date as written, without time-zone conversion", () => {
    // 23:30 at UTC-05:00 is already 2024-03-02 in UTC; the date written is what counts.
    expect(parseTextDate("2024-03-01T23:30:00-05:00")).toBe(45352);
  });

  it("reads full-width digits and separators after NFKC normalisation", () => {
    expect(parseTextDate("２０２４－０３－０１")).toBe(45352);
    expect(parseTextDate("２０２４年３月１日")).toBe(45352);
    expect(parseTextDate("２０２４／３／１")).toBe(45352);
    expect(parseTextDate("\u30002024-03-01\u3000")).toBe(45352); // ideographic spaces
  });

  it("accepts 29 February in leap years only", () => {
    expect(parseTextDate("2024-02-29")).toBe(45351); // Excel: =DATE(2024,2,29) is 45351
    expect(parseTextDate("2000-02-29")).toBe(36585);
    expect(parseTextDate("2023-02-29")).toBeUndefined();
    expect(parseTextDate("1900-02-29")).toBeUndefined();
  });

  it("refuses dates that do not exist", () => {
    for (const text of [
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "2024-01-32",
      "20241301",
      "2023年2月29日",
      "31 Feb 2024",
    ]) {
      expect(parseTextDate(text), text).toBeUndefined();
    }
  });

  it("refuses day-first and month-first forms, which read differently by locale", () => {
    for (const text of ["3/1/2024", "01/03/2024", "1.3.2024", "01-03-2024", "24-03-01", "3/1/24"]) {
      expect(parseTextDate(text), text).toBeUndefined();
    }
  });

  describe("edge cases", () => {
    it("refuses text that is no date", () => {
      for (const text of [
        "",
        "   ",
        "abc",
        "2024",
        "202403",
        "2024-03",
        "2024-03-01-05",
        "2024-03/01",
        "2024-003-01",
        "12024-03-01",
        "2024-03-01 noon",
        "2024-03-01T",
        "2024-03-01T1020",
        "2024-03-01T10:2",
        "2024-03-01T10:20:30+8",
        "2024-03-01 10:20 Z Z",
        "Foo 1, 2024",
        "1 Constructor 2024",
      ]) {
        expect(parseTextDate(text), text).toBeUndefined();
      }
    });

    it("refuses impossible times", () => {
      for (const text of [
        "2024-03-01T24:00",
        "2024-03-01T10:60",
        "2024-03-01T10:20:60",
        "2024-03-01T10:20+24:00",
        "2024年3月1日 25:00",
      ]) {
        expect(parseTextDate(text), text).toBeUndefined();
      }
    });

    it("reads years before 1900 (whether Excel can hold them is the caller's question)", () => {
      expect(parseTextDate("1899-12-31")).toBe(1);
      expect(parseTextDate("0001-01-01")).toBe(serialFromYmd(1, 1, 1));
      expect(parseTextDate("0000-01-01")).toBeUndefined();
    });

    it("reads the first and last dates Excel can hold", () => {
      expect(parseTextDate("1900-01-01")).toBe(2);
      expect(parseTextDate("9999-12-31")).toBe(2958465);
      expect(parseTextDate("99991231")).toBe(2958465);
    });
  });
});

describe("normalizeText", () => {
  it("trims and turns full-width forms into ASCII", () => {
    expect(normalizeText(" ２０２４ ")).toBe("2024");
    expect(normalizeText("￥１，２００")).toBe("¥1,200");
    expect(normalizeText(" plain ")).toBe("plain");
  });
});
