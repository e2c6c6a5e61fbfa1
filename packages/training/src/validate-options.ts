import { TrainingError } from "./errors.js";

// Checks at the boundary of the package's public functions, so a wrong call fails with
// "<function>: options.<field> ..." instead of a TypeError deep inside.

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function fail(fn: string, field: string, rule: string, value: unknown): never {
  throw new TrainingError("BAD_OPTION", `${fn}: ${field} ${rule}, got ${describe(value)}`);
}

/** `value` must be a plain object (not null, not an array). */
export function requireObject(fn: string, field: string, value: unknown): asserts value is object {
  if (value === undefined) throw new TrainingError("BAD_OPTION", `${fn}: ${field} is required`);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    fail(fn, field, "must be an object", value);
}

/** `value` must be a non-empty string. */
export function requireString(fn: string, field: string, value: unknown): asserts value is string {
  if (value === undefined) throw new TrainingError("BAD_OPTION", `${fn}: ${field} is required`);
  if (typeof value !== "string" || value.length === 0) fail(fn, field, "must be a non-empty string", value);
}

/** `value` must be a state dict: names mapped to `{ shape, data: Float32Array }`. */
export function requireStateDict(fn: string, field: string, value: unknown): void {
  requireObject(fn, field, value);
  for (const [name, t] of Object.entries(value)) {
    const entry = t as { shape?: unknown; data?: unknown } | null;
    if (entry === null || typeof entry !== "object" || !Array.isArray(entry.shape)) {
      fail(fn, `${field}["${name}"].shape`, "must be an array of dimensions", entry?.shape);
    }
    if (!(entry.data instanceof Float32Array)) {
      fail(fn, `${field}["${name}"].data`, "must be a Float32Array", entry.data);
    }
  }
}

/** `value`, when given, must be a finite number, optionally an integer, within the bounds. */
export function optionalNumber(
  fn: string,
  field: string,
  value: unknown,
  rule: { integer?: boolean; min?: number; exclusiveMin?: boolean } = {},
): void {
  if (value === undefined) return;
  const kind = rule.integer ? "an integer" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value)) fail(fn, field, `must be ${kind}`, value);
  if (rule.integer && !Number.isInteger(value)) fail(fn, field, `must be ${kind}`, value);
  if (rule.min !== undefined) {
    const below = rule.exclusiveMin ? value <= rule.min : value < rule.min;
    if (below) fail(fn, field, `must be ${rule.exclusiveMin ? ">" : ">="} ${rule.min}`, value);
  }
}

/** `value`, when given, must be a boolean. */
export function optionalBoolean(fn: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") fail(fn, field, "must be a boolean", value);
}

/** `value`, when given, must be a function. */
export function optionalFunction(fn: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") fail(fn, field, "must be a function", value);
}

/** The type each known option must have: a `typeof` name, or the allowed values. */
export type OptionSpec = Record<
  string,
  "number" | "boolean" | "string" | "function" | "object" | readonly string[]
>;

/**
 * `options` must be an object whose keys are all in `spec` (like PyTorch, an unknown keyword is an
 * error: a typo must not be ignored) and whose values have the spec's type; `required` keys must be
 * present. Ranges are the caller's to check.
 */
export function checkOptions(
  fn: string,
  options: unknown,
  spec: OptionSpec,
  required: readonly string[] = [],
  name = "options",
): void {
  requireObject(fn, name, options);
  const known = Object.keys(spec);
  for (const [key, value] of Object.entries(options)) {
    const rule = spec[key];
    if (rule === undefined) {
      throw new TrainingError(
        "BAD_OPTION",
        `${fn}: unknown option ${name}.${key} (known: ${known.join(", ")})`,
      );
    }
    if (value === undefined) continue;
    if (Array.isArray(rule)) {
      if (!rule.includes(value as string))
        fail(fn, `${name}.${key}`, `must be one of ${rule.join(", ")}`, value);
    } else if (rule === "number") {
      if (typeof value !== "number" || Number.isNaN(value))
        fail(fn, `${name}.${key}`, "must be a number", value);
    } else if (rule === "object") {
      if (value === null || typeof value !== "object") fail(fn, `${name}.${key}`, "must be an object", value);
    } else if (rule === "boolean") {
      if (typeof value !== "boolean") fail(fn, `${name}.${key}`, "must be a boolean", value);
    } else if (rule === "string") {
      if (typeof value !== "string") fail(fn, `${name}.${key}`, "must be a string", value);
    } else if (typeof value !== "function") {
      fail(fn, `${name}.${key}`, "must be a function", value);
    }
  }
  for (const key of required) {
    if ((options as Record<string, unknown>)[key] === undefined) {
      throw new TrainingError("BAD_OPTION", `${fn}: ${name}.${key} is required`);
    }
  }
}
