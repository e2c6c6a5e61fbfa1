/** Error codes raised by `@mlp-lab/estimators`. */
export type EstimatorErrorCode = "BAD_OPTION" | "BAD_INPUT" | "NOT_FITTED";

/** An estimator was misconfigured, fed inconsistent data, or used before `fit`. */
export class EstimatorError extends Error {
  /** Machine-readable reason. */
  readonly code: EstimatorErrorCode;
  /** The option or argument at fault (`options.C`, `X`, `y`), when there is one. */
  readonly field: string | undefined;

  constructor(code: EstimatorErrorCode, message: string, field?: string) {
    super(message);
    this.name = "EstimatorError";
    this.code = code;
    this.field = field;
  }
}

/**
 * scikit-learn's `ConvergenceWarning`: the solver stopped at its iteration limit before meeting
 * its tolerance. Estimators hand it to their `onWarning` option, or to `process.emitWarning`.
 */
export class ConvergenceWarning extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConvergenceWarning";
  }
}

/** Deliver a warning to `onWarning`, or to Node's `process.emitWarning` when none is given. */
export function emitWarning(warning: ConvergenceWarning, onWarning?: (w: ConvergenceWarning) => void): void {
  if (onWarning) onWarning(warning);
  else process.emitWarning(warning);
}
