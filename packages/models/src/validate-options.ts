import { ModelError } from "./errors.js";

// Checks at the boundary of the package's public functions, so a wrong call fails with
// "<function>: <field> ..." instead of a TypeError deep inside.

function show(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Throw `BAD_OPTION` for `field` of `fn`. */
export function badOption(fn: string, field: string, rule: string, value: unknown): never {
  throw new ModelError("BAD_OPTION", `${fn}: ${field} ${rule}, got ${show(value)}`);
}

/** `value` must be a plain object; `undefined` is "required". */
export function requireObject(fn: string, field: string, value: unknown): asserts value is object {
  if (value === undefined) throw new ModelError("BAD_OPTION", `${fn}: ${field} is required`);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    badOption(fn, field, "must be an object", value);
}

/** Only the `known` keys may appear in `value`. */
export function knownKeys(fn: string, field: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ModelError(
        "BAD_OPTION",
        `${fn}: unknown option ${field}.${key} (known: ${known.join(", ")})`,
      );
    }
  }
}

/** `value` must be a positive integer. */
export function positiveInteger(fn: string, field: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) <= 0)
    badOption(fn, field, "must be a positive integer", value);
}
