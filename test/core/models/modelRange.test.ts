/**
 * The model range (src/core/models/modelRange.ts): what CLVFIT spills reads back as the same
 * model, with or without its header row and standard_error column; anything else is refused
 * with a `value` error saying it is not a model made by CRM.CLVFIT and which row is wrong.
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import { probabilityAlive } from "../../../src/core/models/bgnbd";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { fitPurchaseModel } from "../../../src/core/models/fitPurchaseModel";
import { fitSpendModel } from "../../../src/core/models/fitSpendModel";
import {
  MODEL_RANGE_HEADER,
  modelRangeRows,
  parseModelRange,
} from "../../../src/core/models/modelRange";
import { paretoNbdProbabilityAlive } from "../../../src/core/models/paretoNbd";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

const summary = customerSummary(loadCdnowSample(), {
  calibrationEnd: CDNOW_CALIBRATION_END,
  timeUnit: "week",
});
const purchase = fitPurchaseModel("bgnbd", summary);
const spend = fitSpendModel(summary);
const rows = modelRangeRows({
  purchase,
  spend,
  calibrationEnd: CDNOW_CALIBRATION_END,
  penalizer: 0,
});

/** The range as Excel hands it over: SE cells as numbers, "" or an error object. */
const asCells = (withHeader: boolean, withErrors: boolean): unknown[][] => [
  ...(withHeader ? [[...MODEL_RANGE_HEADER].slice(0, withErrors ? 3 : 2)] : []),
  ...rows.map((row) =>
    withErrors
      ? [row.label, row.value, typeof row.standardError === "number" ? row.standardError : ""]
      : [row.label, row.value]
  ),
];

describe("the layout CLVFIT spills", () => {
  it("keeps CLVFIT's first 12 rows in their order (INDEX(…, 2, 2) is still r) and appends model, time_unit, calibration_end, penalizer", () => {
    expect(rows.map((r) => r.label)).toEqual([
      "r",
      "alpha",
      "a",
      "b",
      "bgnbd_log_likelihood",
      "p",
      "q",
      "gamma",
      "gamma_gamma_log_likelihood",
      "customers",
      "repeat_buyers",
      "spend_fit_left_out",
      "model",
      "time_unit",
      "calibration_end",
      "penalizer",
    ]);
    expect(rows.slice(12).map((r) => r.value)).toEqual(["bgnbd", "week", 35703, 0]);
  });

  it("gives the published standard errors of lifetimes' BetaGeoFitter summary on CDNOW (docs/Quickstart.md: r 0.012557, alpha 0.378221, a 0.185719, b 0.705345)", () => {
    const published = [0.012557, 0.378221, 0.185719, 0.705345];
    rows.slice(0, 4).forEach((row, i) => {
      expect(typeof row.standardError).toBe("number");
      expect(Math.abs((row.standardError as number) / published[i]! - 1)).toBeLessThan(5e-5);
    });
  });
});

describe("reading a model range back", () => {
  for (const testCase of each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])) {
    it(
      testCase.name("with header %s and standard_error column %s: the same model"),
      testCase.run((header, errors) => {
        const model = parseModelRange(asCells(header, errors));
        expect(model.timeUnit).toBe("week");
        expect(model.calibrationEnd).toBe(35703);
        expect(model.penalizer).toBe(0);
        expect(model.spend).toEqual({ p: spend.p, q: spend.q, gamma: spend.gamma });
        expect(model.purchase.kind).toBe("bgnbd");
        // the parsed model predicts exactly as the fitted one
        expect(model.purchase.probabilityAlive(2, 30.43, 38.86)).toBe(
          purchase.probabilityAlive(2, 30.43, 38.86)
        );
      })
    );
  }

  it("reads a Pareto/NBD range (r, alpha, s, beta; pareto_nbd_log_likelihood) into a Pareto/NBD model", () => {
    const cells = asCells(true, true);
    const pareto = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.66 }; // issue 13, published CDNOW fit
    cells[1] = ["r", pareto.r, ""];
    cells[2] = ["alpha", pareto.alpha, ""];
    cells[3] = ["s", pareto.s, ""];
    cells[4] = ["beta", pareto.beta, ""];
    cells[5] = ["pareto_nbd_log_likelihood", -9595, ""];
    cells[13] = ["model", "pareto_nbd", ""];
    const model = parseModelRange(cells);
    expect(model.purchase.kind).toBe("pareto_nbd");
    expect(model.purchase.probabilityAlive(2, 30.43, 38.86)).toBe(
      paretoNbdProbabilityAlive(pareto, 2, 30.43, 38.86)
    );
  });

  it("reads an error object in a standard_error cell (Excel passes #N/A cells as errors)", () => {
    const cells = asCells(true, true);
    cells[1]![2] = { code: "#N/A" };
    expect(parseModelRange(cells).purchase.kind).toBe("bgnbd");
  });

  it("a BG/NBD range predicts with the fitted parameters", () => {
    const model = parseModelRange(asCells(false, false));
    expect(model.purchase.probabilityAlive(5, 20, 30)).toBe(
      probabilityAlive(
        {
          r: purchase.parameters[0]!.value,
          alpha: purchase.parameters[1]!.value,
          a: purchase.parameters[2]!.value,
          b: purchase.parameters[3]!.value,
        },
        5,
        20,
        30
      )
    );
  });
});

describe("anything else is not a model made by CRM.CLVFIT", () => {
  const refuse = (range: unknown, mentions: string) => {
    const error = expectCrmError(() => parseModelRange(range), "value", "model");
    expect(error.message).toContain("not a model made by CRM.CLVFIT");
    expect(error.message).toContain(mentions);
  };

  it("a single value", () => refuse(5, "single value"));
  it("one column", () =>
    refuse(
      asCells(true, true).map((row) => [row[0]]),
      "1 column"
    ));
  it("a row short", () => refuse(asCells(true, true).slice(0, 16), "16 rows"));
  it("a wrong label names its row (row 4 with the header row is a)", () => {
    const cells = asCells(true, true);
    cells[3]![0] = "c";
    refuse(cells, 'row 4 is labelled "c" where CLVFIT writes "a"');
  });
  it("an unknown model", () => {
    const cells = asCells(false, true);
    cells[12]![1] = "weibull";
    refuse(cells, 'row 13 (model) is "weibull"');
  });
  it("a parameter that is not above 0", () => {
    const cells = asCells(false, true);
    cells[0]![1] = -1;
    refuse(cells, "row 1 (r) is -1");
  });
  it("text where a number belongs", () => {
    const cells = asCells(false, true);
    cells[5]![1] = "six";
    refuse(cells, 'row 6 (p) holds "six", not a number');
  });
  it("an unknown time unit", () => {
    const cells = asCells(false, true);
    cells[13]![1] = "fortnight";
    refuse(cells, "row 14 (time_unit)");
  });
  it("a calibration_end that is not a date serial", () => {
    const cells = asCells(false, true);
    cells[14]![1] = 0.5;
    refuse(cells, "row 15 (calibration_end) is 0.5");
  });
  it("a negative penalizer", () => {
    const cells = asCells(false, true);
    cells[15]![1] = -0.1;
    refuse(cells, "row 16 (penalizer) is -0.1");
  });
  it("a header row with other names", () => {
    const cells = asCells(true, true);
    cells[0] = ["parameter", "estimate", "se"];
    refuse(cells, "row 1 (the header)");
  });
});
