import { expect } from "../../support/expect";
import {
  interiorMinimumFailure,
  isPositiveDefinite,
  minimizeBfgs,
  minimizeLogParameterFit,
  minimizeNelderMead,
  nonConvergenceDetail,
  numericHessian,
  type ObjectiveWithGradient,
} from "../../../src/core/models/optimize";

/** Rosenbrock's banana, f(x, y) = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1). */
const rosenbrock: ObjectiveWithGradient = (point, gradient) => {
  const x = point[0]!;
  const y = point[1]!;
  gradient[0] = -400 * x * (y - x * x) - 2 * (1 - x);
  gradient[1] = 200 * (y - x * x);
  return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
};

describe("minimizeBfgs", () => {
  it("finds Rosenbrock's minimum (1, 1) from the classic start (−1.2, 1)", () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 7);
    expect(result.x[1]).toBeCloseTo(1, 7);
    expect(result.value).toBeLessThan(1e-14);
    expect(result.iterations).toBeLessThan(60);
  });

  it("minimises an ill-conditioned quadratic in 5 dimensions (condition number 1,000)", () => {
    const scales = [1, 10, 100, 0.1, 3];
    const quadratic: ObjectiveWithGradient = (x, gradient) => {
      let value = 0;
      for (let i = 0; i < 5; i++) {
        gradient[i] = 2 * scales[i]! * (x[i]! - i);
        value += scales[i]! * (x[i]! - i) ** 2;
      }
      return value;
    };
    const result = minimizeBfgs(quadratic, [5, 5, 5, 5, 5]);
    expect(result.converged).toBe(true);
    result.x.forEach((value, i) => expect(value).toBeCloseTo(i, 6));
    expect(result.iterations).toBeLessThanOrEqual(40);
  });

  it("backs off from steps into a region where f is not finite", () => {
    // f = (x − 3)² on x < 5 and +Infinity beyond, as an overflowing log-parameter would give
    const walled: ObjectiveWithGradient = (x, gradient) => {
      gradient[0] = 2 * (x[0]! - 3);
      return x[0]! < 5 ? (x[0]! - 3) ** 2 : Number.POSITIVE_INFINITY;
    };
    const result = minimizeBfgs(walled, [-40]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(3, 8);
  });

  describe("edge cases", () => {
    it("reports no convergence when the iterations run out", () => {
      const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 2 });
      expect(result.converged).toBe(false);
      expect(result.iterations).toBe(2);
      expect(result.message).toContain("2 iterations");
    });

    it("reports no convergence for a function without a minimum", () => {
      const downhill: ObjectiveWithGradient = (x, gradient) => {
        gradient[0] = -1;
        return -x[0]!;
      };
      expect(minimizeBfgs(downhill, [0]).converged).toBe(false);
    });

    it("reports no convergence when f is not finite at the start", () => {
      const result = minimizeBfgs(() => Number.NaN, [0]);
      expect(result.converged).toBe(false);
      expect(result.message).toContain("starting point");
    });
  });
});

describe("minimizeNelderMead", () => {
  it("finds Rosenbrock's minimum without derivatives", () => {
    const result = minimizeNelderMead((x) => rosenbrock(x, new Float64Array(2)), [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it("reports no convergence when the iterations run out", () => {
    const result = minimizeNelderMead((x) => rosenbrock(x, new Float64Array(2)), [-1.2, 1], {
      maxIterations: 2,
    });
    expect(result.converged).toBe(false);
  });
});

describe("Hessian checks", () => {
  it("the numeric Hessian of Rosenbrock at (1, 1) is [[802, −400], [−400, 200]]", () => {
    // ∂²f/∂x² = 1200x² − 400y + 2, ∂²f/∂x∂y = −400x, ∂²f/∂y² = 200
    const hessian = numericHessian(rosenbrock, [1, 1]);
    expect(hessian[0]).toBeCloseTo(802, 4);
    expect(hessian[1]).toBeCloseTo(-400, 4);
    expect(hessian[2]).toBeCloseTo(-400, 4);
    expect(hessian[3]).toBeCloseTo(200, 4);
  });

  it("tells definite from indefinite and singular matrices", () => {
    expect(isPositiveDefinite(Float64Array.of(2, 1, 1, 2), 2)).toBe(true);
    expect(isPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(isPositiveDefinite(Float64Array.of(1, 1, 1, 1), 2)).toBe(false);
  });

  it("a minimum flat along one coordinate is not an interior strict minimum", () => {
    const flatInY: ObjectiveWithGradient = (x, gradient) => {
      gradient[0] = 2 * x[0]!;
      gradient[1] = 0;
      return x[0]! ** 2;
    };
    expect(interiorMinimumFailure(flatInY, Float64Array.of(0, 0), ["x", "y"])).toContain(
      "flat along y"
    );
    expect(interiorMinimumFailure(rosenbrock, Float64Array.of(1, 1), ["x", "y"])).toBeUndefined();
  });

  it("a point beyond e^±30 has run off to the edge of the parameter space", () => {
    expect(interiorMinimumFailure(rosenbrock, Float64Array.of(31, 1), ["r", "alpha"])).toContain(
      "r ran off"
    );
  });

  it("names a parameter that drifted away in a run that did not converge", () => {
    const detail = nonConvergenceDetail(
      {
        x: Float64Array.of(0, 40),
        value: 0,
        iterations: 9,
        evaluations: 9,
        converged: false,
        reason: "iterations",
        message: "No.",
      },
      ["a", "b"]
    );
    expect(detail).toContain("b drifted to 2.35e+17");
  });
});

describe("bounded searches", () => {
  /** f(x) = e^−x: falls for ever as x grows, the shape of a likelihood rising to its boundary */
  const runaway: ObjectiveWithGradient = (x, gradient) => {
    gradient[0] = -Math.exp(-x[0]!);
    gradient[1] = 2 * x[1]!;
    return Math.exp(-x[0]!) + x[1]! ** 2;
  };

  it("BFGS and Nelder–Mead stop at a deadline that has passed, saying so", () => {
    const late = Date.now() - 1;
    const bfgs = minimizeBfgs(rosenbrock, [-1.2, 1], { deadline: late });
    expect(bfgs.reason).toBe("time");
    expect(bfgs.converged).toBe(false);
    const simplex = minimizeNelderMead((x) => rosenbrock(x, new Float64Array(2)), [-1.2, 1], {
      deadline: late,
    });
    expect(simplex.reason).toBe("time");
  });

  it("BFGS and Nelder–Mead stop as soon as a coordinate passes unboundedAt", () => {
    const bfgs = minimizeBfgs(runaway, [0, 1], { unboundedAt: 20 });
    expect(bfgs.reason).toBe("unbounded");
    expect(Math.abs(bfgs.x[0]!)).toBeGreaterThan(20);
    const simplex = minimizeNelderMead((x) => runaway(x, new Float64Array(2)), [0, 1], {
      unboundedAt: 20,
    });
    expect(simplex.reason).toBe("unbounded");
  });

  it("a fit over log-parameters names the parameter that runs off, quickly", () => {
    const started = Date.now();
    const outcome = minimizeLogParameterFit(runaway, [0, 1], ["p", "q"], {
      maxIterations: 200,
      deadline: Date.now() + 2000,
      minimumCurvature: 0,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome.converged).toBe(false);
    if (!outcome.converged)
      expect(outcome.failure).toMatchObject({ kind: "unbounded", parameter: "p" });
  });

  it("a fit over log-parameters reports a passed deadline as kind time, and a flat optimum as flat", () => {
    const late = minimizeLogParameterFit(rosenbrock, [-1.2, 1], ["x", "y"], {
      maxIterations: 200,
      deadline: Date.now() - 1,
      minimumCurvature: 0,
    });
    expect(late.converged ? undefined : late.failure.kind).toBe("time");
    const flatInY: ObjectiveWithGradient = (x, gradient) => {
      gradient[0] = 2 * x[0]!;
      gradient[1] = 0;
      return x[0]! ** 2;
    };
    const flat = minimizeLogParameterFit(flatInY, [1, 0], ["x", "y"], {
      maxIterations: 200,
      deadline: Date.now() + 2000,
      minimumCurvature: 0,
    });
    expect(flat.converged ? undefined : flat.failure).toEqual({ kind: "flat", parameter: "y" });
  });

  it("a fit over log-parameters returns the certified minimum when there is one", () => {
    const outcome = minimizeLogParameterFit(rosenbrock, [-1.2, 1], ["x", "y"], {
      maxIterations: 200,
      deadline: Date.now() + 2000,
      minimumCurvature: 0,
    });
    expect(outcome.converged).toBe(true);
    if (outcome.converged) {
      expect(outcome.theta[0]).toBeCloseTo(1, 6);
      expect(outcome.theta[1]).toBeCloseTo(1, 6);
    }
  });
});
