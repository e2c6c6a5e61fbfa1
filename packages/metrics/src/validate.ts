/**
 * A bad argument to a metrics function: the message names the function and the argument
 * (`confusionMatrix: numClasses must be a positive integer, got undefined`).
 */
export class MetricsArgumentError extends RangeError {
  /** Machine-readable reason. */
  readonly code = "INVALID_ARGUMENT";

  constructor(message: string) {
    super(message);
    this.name = "MetricsArgumentError";
  }
}

/** Throws unless `value` is an array-like of numbers (a plain array or a typed array). */
export function checkLabels(value: unknown, fn: string, name: string): void {
  const ok =
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number" &&
    (ArrayBuffer.isView(value) ||
      Array.isArray(value) ||
      Number.isInteger((value as ArrayLike<unknown>).length));
  if (!ok)
    throw new MetricsArgumentError(
      `${fn}: ${name} must be an array or typed array of labels, got ${describe(value)}`,
    );
}

/** Throws unless `value` is an integer >= 1. */
export function checkPositiveInteger(value: unknown, fn: string, name: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new MetricsArgumentError(`${fn}: ${name} must be a positive integer, got ${describe(value)}`);
}

/** Throws unless `cm` looks like a {@link ConfusionMatrix} (`counts` of numClasses² entries). */
export function checkConfusion(cm: unknown, fn: string): void {
  const c = cm as { numClasses?: unknown; counts?: { length?: unknown } } | null | undefined;
  if (c === null || typeof c !== "object")
    throw new MetricsArgumentError(
      `${fn}: cm must be a confusion matrix from confusionMatrix(), got ${describe(cm)}`,
    );
  checkPositiveInteger(c.numClasses, fn, "cm.numClasses");
  const n = c.numClasses as number;
  if (c.counts === undefined || c.counts === null || c.counts.length !== n * n)
    throw new MetricsArgumentError(`${fn}: cm.counts must hold numClasses² = ${n * n} counts`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return value.constructor?.name ?? "an object";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
