import { VisualizationError } from "./errors.js";

// Checks at the public entry points, so bad input fails with the function and the field named
// (`sampleGridSvg: options.yTrue must be an array of labels`) instead of a TypeError deep inside.

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return value.constructor?.name ?? "an object";
  return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    Number.isInteger((value as { length?: unknown }).length) &&
    (ArrayBuffer.isView(value) ||
      Array.isArray(value) ||
      typeof (value as { length: number }).length === "number")
  );
}

function invalid(fn: string, message: string): never {
  throw new VisualizationError("INVALID_OPTION", `${fn}: ${message}`);
}

/** `value` is a plain object (options, a batch, a history). */
export function checkObject(value: unknown, fn: string, name: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    invalid(fn, `${name} must be an object, got ${describe(value)}`);
}

/** `value` is an array or typed array. */
export function checkArray(value: unknown, fn: string, name: string): void {
  if (!isArrayLike(value)) invalid(fn, `${name} must be an array or typed array, got ${describe(value)}`);
}

/** An {@link ImageBatch}: `pixels` array-like, positive integer `width` and `height`, `channels` 1 or 3. */
export function checkBatch(batch: unknown, fn: string): void {
  checkObject(batch, fn, "batch");
  const b = batch as Record<string, unknown>;
  checkArray(b.pixels, fn, "batch.pixels");
  for (const key of ["width", "height"]) {
    const v = b[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
      invalid(fn, `batch.${key} must be a positive integer, got ${describe(v)}`);
  }
  if (b.channels !== undefined && b.channels !== 1 && b.channels !== 3)
    invalid(fn, `batch.channels must be 1 or 3, got ${describe(b.channels)}`);
}

/** A confusion matrix from `@mlp-lab/metrics`: positive integer `numClasses`, array-like `counts`. */
export function checkConfusionMatrix(cm: unknown, fn: string): void {
  checkObject(cm, fn, "cm");
  const c = cm as Record<string, unknown>;
  if (typeof c.numClasses !== "number" || !Number.isInteger(c.numClasses) || c.numClasses < 1)
    invalid(fn, `cm.numClasses must be a positive integer, got ${describe(c.numClasses)}`);
  checkArray(c.counts, fn, "cm.counts");
}

/** One run's history: a string `label` and an array of `records`. */
export function checkRunHistory(run: unknown, fn: string, name: string): void {
  checkObject(run, fn, name);
  const r = run as Record<string, unknown>;
  if (typeof r.label !== "string") invalid(fn, `${name}.label must be a string, got ${describe(r.label)}`);
  if (!Array.isArray(r.records))
    invalid(fn, `${name}.records must be an array of epoch records, got ${describe(r.records)}`);
}
