/**
 * The penalizer's range (QA defect: CLVFIT with penalizer 1E+308 said the fit "did not converge
 * … use more customers", blaming the data). A penalizer is a number from 0 to MAX_PENALIZER = 1,
 * checked before any fit: on the CDNOW sample at c = 1 the penalty already pulls the BG/NBD a
 * from 0.79 to 0.04, and from c = 10 on the Gamma-Gamma fit has no maximum (measured with these
 * fits), while lifetimes' documentation suggests 0.001 to 0.1.
 */
import { expect } from "../../support/expect";
import { each } from "../../support/each";
import { fitBgnbd } from "../../../src/core/models/bgnbd";
import { customerSummary } from "../../../src/core/models/customerSummary";
import { fitGammaGamma } from "../../../src/core/models/gammaGamma";
import { fitParetoNbd } from "../../../src/core/models/paretoNbd";
import { MAX_PENALIZER, requirePenalizer } from "../../../src/core/models/summaryData";
import { CDNOW_CALIBRATION_END, loadCdnowSample } from "../../support/cdnow";
import { expectCrmError } from "../expectError";

describe("the penalizer's range: 0 to 1, decided before fitting", () => {
  it("accepts 0, lifetimes' usual 0.001 to 0.1, and 1", () => {
    expect(MAX_PENALIZER).toBe(1);
    for (const c of [0, 0.001, 0.1, 1]) expect(requirePenalizer(c)).toBe(c);
  });

  for (const testCase of each([
    1e308,
    1e6,
    1.0000001,
    -0.1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])) {
    it(
      testCase.name("refuses %s with `num` naming penalizer and its range"),
      testCase.run((c) => {
        const error = expectCrmError(() => requirePenalizer(c), "num", "penalizer");
        expect(error.message).toContain("penalizer must be a number from 0 to 1");
      })
    );
  }

  it("every fit refuses 1E+308 naming penalizer, at once (not a failed fit blaming the data)", () => {
    const summary = customerSummary(loadCdnowSample(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      timeUnit: "week",
    });
    const started = Date.now();
    for (const fit of [fitBgnbd, fitParetoNbd, fitGammaGamma] as const) {
      const error = expectCrmError(() => fit(summary, { penalizer: 1e308 }), "num", "penalizer");
      expect(error.message).not.toContain("customers");
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
