/**
 * QA problem 4: a spill of one row per customer is refused as soon as the ids are read
 * (src/functions/adapter.ts requireCustomerRowsFit), with the grid check of SPEC §2 "Bounds".
 */
import { expect } from "../support/expect";
import { requireCustomerRowsFit } from "../../src/functions/adapter";
import { readTransactions, type Transactions } from "../../src/core/input/input";
import { CrmError } from "../../src/core/errors";

const ROWS = 1_048_576;

/** `n` customers on day 45300, and `extra` more customers with rows given by `row`. */
function table(n: number, extra: { day: number; amount: number }[] = []): Transactions {
  const ids = Array.from({ length: n + extra.length }, (_, i) => i + 1);
  const dates = [...Array.from({ length: n }, () => 45300), ...extra.map((e) => e.day)];
  const amounts = [...Array.from({ length: n }, () => 1), ...extra.map((e) => e.amount)];
  return readTransactions({ customerIds: ids, dates, amounts });
}

function refusal(action: () => void): CrmError | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
  return undefined;
}

describe("requireCustomerRowsFit", () => {
  const full = table(ROWS);

  it("refuses 1,048,576 customers with a header (#NUM! naming customer_ids), accepts them without", () => {
    const error = refusal(() =>
      requireCustomerRowsFit(full, { asOf: undefined, header: true, columns: 3 })
    );
    expect(error?.kind).toBe("num");
    expect(error?.argument).toBe("customer_ids");
    expect(
      refusal(() => requireCustomerRowsFit(full, { asOf: undefined, header: false, columns: 3 }))
    ).toBeUndefined();
  });

  it("counts rows after the customers' (EXPECTEDPURCHASES' new customer) as the header is counted", () => {
    const oneShort = table(ROWS - 1);
    const size = { asOf: undefined, header: true, columns: 5 };
    expect(refusal(() => requireCustomerRowsFit(oneShort, size))).toBeUndefined();
    expect(refusal(() => requireCustomerRowsFit(oneShort, { ...size, extraRows: 1 }))?.kind).toBe(
      "num"
    );
  });

  it("counts only customers listed at as_of: later buyers and return-only customers are not rows", () => {
    const later = table(ROWS - 1, [{ day: 45400, amount: 5 }]);
    expect(
      refusal(() => requireCustomerRowsFit(later, { asOf: 45300, header: true, columns: 3 }))
    ).toBeUndefined();
    expect(
      refusal(() => requireCustomerRowsFit(later, { asOf: undefined, header: true, columns: 3 }))
        ?.kind
    ).toBe("num");
    const returner = table(ROWS - 1, [{ day: 45300, amount: -5 }]);
    expect(
      refusal(() => requireCustomerRowsFit(returner, { asOf: undefined, header: true, columns: 3 }))
    ).toBeUndefined();
  });

  it("costs nothing extra when the distinct ids fit", () => {
    const small = table(10);
    expect(
      refusal(() => requireCustomerRowsFit(small, { asOf: 1, header: true, columns: 9 }))
    ).toBeUndefined();
  });
});
