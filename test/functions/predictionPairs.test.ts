/**
 * The work bound of PREDICTEDCLV.MODEL and PREDICTEDCLV.SUMMARY (SPEC §2 "Bounds") counts the
 * horizon steps once per distinct (x, t) pair for BG/NBD: its E[Y(t) | x, t_x, t] is P(alive)
 * times a function of (x, t) only (Fader, Hardie & Lee 2005 eq. 10; bgnbdHorizon.ts), so
 * customers who differ only in t_x share their steps. Counts below by hand from the inputs.
 */
import { expect } from "../support/expect";
import { callBuilt as call, StandInError } from "../support/builtAddin";
import { loadCdnowSampleCells } from "../support/cdnowCells";

const { ids, dates, amounts } = loadCdnowSampleCells();
const model = call("CLVFIT", ids, dates, amounts, "1997-09-30", "week") as unknown[][];

describe("PREDICTEDCLV's step budget is over distinct (x, t) pairs", () => {
  // four histories, three (x, t) pairs: (2, 38) twice (t_x 10 and 30), (3, 38), (2, 39)
  const x = [[2], [2], [3], [2]];
  const tx = [[10], [30], [30], [30]];
  const t = [[38], [38], [38], [39]];
  const monetary = [[20], [20], [20], [20]];

  it("PREDICTEDCLV.MODEL: 2,000,000 / 3 pairs = 666,666 steps at most, said in the message", () => {
    const refused = call("PREDICTEDCLV.MODEL", model, x, tx, t, monetary, 700_000, 0);
    expect(refused).toBeInstanceOf(StandInError);
    expect((refused as StandInError).code).toBe("#VALUE!");
    expect((refused as StandInError).message).toContain(
      "with 3 distinct (x, t) pairs it can be at most 666,666 time_unit steps"
    );
  });

  it("PREDICTEDCLV.SUMMARY: the same count in its message", () => {
    const refused = call(
      "PREDICTEDCLV.SUMMARY",
      [["a"], ["b"], ["c"], ["d"]],
      x,
      tx,
      t,
      monetary,
      "week",
      700_000,
      0
    );
    expect(refused).toBeInstanceOf(StandInError);
    expect((refused as StandInError).message).toContain(
      "with 3 distinct (x, T) pairs of the customers it can be at most 666,666"
    );
  });

  it("customers sharing (x, t) get the same discounted purchases times their own P(alive)", () => {
    const clv = call("PREDICTEDCLV.MODEL", model, x, tx, t, monetary, 52, 0.002) as number[][];
    const alive = call("PALIVE.MODEL", model, x, tx, t) as number[][];
    // CLV = spend × P(alive) × (a function of x and t): the ratio CLV / P(alive) is shared
    const ratio = (i: number) => clv[i]![0]! / alive[i]![0]!;
    expect(Math.abs(ratio(0) - ratio(1))).toBeLessThan(1e-12 * ratio(1));
    expect(clv[0]![0]!).toBeLessThan(clv[1]![0]!); // t_x 10 of 38: less likely alive
  });
});
