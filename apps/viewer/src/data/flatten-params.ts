/** A flattened config value as a table cell shows and sorts it. */
export type ParamValue = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A config of any shape flattened to dotted paths: nested objects become paths, scalars stay typed (numbers
 * sort as numbers), arrays become one text value (`512-256` for numbers, else comma-separated JSON).
 */
export function flattenParams(
  value: unknown,
  prefix = "",
  out: Record<string, ParamValue> = {},
): Record<string, ParamValue> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value))
      flattenParams(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    if (Array.isArray(value)) {
      out[prefix] = value.every((v) => typeof v === "number")
        ? value.join("-")
        : value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(",");
    } else if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      out[prefix] = value as ParamValue;
    } else if (value !== undefined) {
      out[prefix] = String(value);
    }
  }
  return out;
}

/** The param paths of the rows, sorted, those whose value differs between runs first. */
export function paramColumns(rows: readonly { params: Record<string, ParamValue> }[]): string[] {
  const values = new Map<string, Set<string>>();
  for (const row of rows)
    for (const [path, v] of Object.entries(row.params)) {
      const set = values.get(path) ?? new Set<string>();
      values.set(path, set);
      set.add(JSON.stringify(v));
    }
  const varies = (path: string) => (values.get(path)?.size ?? 0) > 1 || rows.some((r) => !(path in r.params));
  return [...values.keys()].sort((a, b) => Number(varies(b)) - Number(varies(a)) || a.localeCompare(b));
}
