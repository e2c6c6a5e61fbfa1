import { EstimatorError } from "./errors.js";
import { checkOptions, func, integerFrom, numberAbove } from "./validate.js";

/** Result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  /** The final point. */
  x: Float64Array;
  /** Objective there. */
  f: number;
  /** Iterations done. */
  iterations: number;
  /** True when a tolerance was met; false when `maxIter` stopped it or the line search failed. */
  converged: boolean;
  /**
   * scipy's `status`: 0 a tolerance was met, 1 the iteration limit was reached, 2 the line search
   * found no acceptable step (`ABNORMAL_TERMINATION_IN_LNSRCH`). scikit-learn warns unless it is 0.
   */
  status: 0 | 1 | 2;
  /** Why it stopped, in scipy's words. */
  message: string;
}

/** Options of {@link minimizeLbfgs} (scipy's `L-BFGS-B` names as scikit-learn passes them). */
export interface LbfgsOptions {
  /** Iteration limit. */
  maxIter: number;
  /** Stop when max |gradient| ≤ gtol. */
  gtol: number;
  /** Stop when the relative decrease of f is ≤ ftol. Default 64·machine epsilon. */
  ftol?: number;
  /** History pairs kept. Default 10 (scipy's `maxcor`). */
  memory?: number;
  /** Line-search evaluations per iteration. Default 50 (scikit-learn's `maxls`). */
  maxLineSearch?: number;
  /** Called after each iteration. */
  onIteration?(iteration: number, f: number, gradMax: number): void;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * Minimise a smooth function with limited-memory BFGS: the two-loop recursion for the search
 * direction and a backtracking line search on the Armijo condition (curvature pairs with
 * sᵀy ≤ 0 are skipped, which keeps the implicit Hessian positive definite).
 * `fg(x, grad)` returns f(x) and writes ∇f(x) into `grad`.
 */
export function minimizeLbfgs(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  options: LbfgsOptions,
): LbfgsResult {
  if (typeof fg !== "function") {
    throw new EstimatorError("BAD_INPUT", "minimizeLbfgs: fg must be a function (x, grad) => f", "fg");
  }
  if (!(x0 instanceof Float64Array) || x0.length === 0) {
    throw new EstimatorError("BAD_INPUT", "minimizeLbfgs: x0 must be a non-empty Float64Array", "x0");
  }
  if (options === undefined) {
    throw new EstimatorError(
      "BAD_OPTION",
      "minimizeLbfgs: options.maxIter and options.gtol are required",
      "options",
    );
  }
  checkOptions("minimizeLbfgs", options, {
    maxIter: integerFrom(1),
    gtol: numberAbove(0, true),
    ftol: numberAbove(0, true),
    memory: integerFrom(1),
    maxLineSearch: integerFrom(1),
    onIteration: func,
  });
  for (const key of ["maxIter", "gtol"] as const) {
    if (options[key] === undefined) {
      throw new EstimatorError("BAD_OPTION", `minimizeLbfgs: options.${key} is required`, `options.${key}`);
    }
  }
  const n = x0.length;
  const m = options.memory ?? 10;
  const ftol = options.ftol ?? 64 * Number.EPSILON;
  const maxLs = options.maxLineSearch ?? 50;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  if (maxAbs(g) <= options.gtol) {
    return {
      x,
      f,
      iterations: 0,
      converged: true,
      status: 0,
      message: "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL",
    };
  }
  for (let it = 1; it <= options.maxIter; it++) {
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    const alphas = new Array<number>(ss.length);
    for (let h = ss.length - 1; h >= 0; h--) {
      const a = rhos[h]! * dot(ss[h]!, d);
      alphas[h] = a;
      const y = ys[h]!;
      for (let i = 0; i < n; i++) d[i]! -= a * y[i]!;
    }
    const last = ss.length - 1;
    const gamma =
      last >= 0
        ? dot(ss[last]!, ys[last]!) / dot(ys[last]!, ys[last]!)
        : 1 / Math.max(Math.sqrt(dot(g, g)), 1e-12);
    for (let i = 0; i < n; i++) d[i]! *= gamma;
    for (let h = 0; h < ss.length; h++) {
      const b = rhos[h]! * dot(ys[h]!, d);
      const s = ss[h]!;
      for (let i = 0; i < n; i++) d[i]! += s[i]! * (alphas[h]! - b);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Number.NaN;
    let accepted = false;
    for (let ls = 0; ls < maxLs; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      // scipy reports this as a failure (status 2), and scikit-learn warns: the point is the best
      // found, not a minimum (the gradient is not small), so it must not pass for converged.
      return { x, f, iterations: it, converged: false, status: 2, message: "ABNORMAL_TERMINATION_IN_LNSRCH" };
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      if (ss.length > m) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
    }
    const fOld = f;
    [x, g, gNew] = [Float64Array.from(xNew), gNew, g];
    f = fNew;
    const gmax = maxAbs(g);
    options.onIteration?.(it, f, gmax);
    if (gmax <= options.gtol) {
      return {
        x,
        f,
        iterations: it,
        converged: true,
        status: 0,
        message: "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL",
      };
    }
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      return {
        x,
        f,
        iterations: it,
        converged: true,
        status: 0,
        message: "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH",
      };
    }
  }
  return {
    x,
    f,
    iterations: options.maxIter,
    converged: false,
    status: 1,
    message: "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT",
  };
}
