/** One hyperparameter across the compared runs: its dotted path and each run's value as text. */
export interface ParamRow {
  path: string;
  values: string[];
  /** False when every run has the same value. */
  differs: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flatten nested objects to dotted paths; arrays are values (`layers: 512,256`), not paths. */
export function flattenConfig(
  value: unknown,
  prefix = "",
  out: Map<string, string> = new Map(),
): Map<string, string> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value))
      flattenConfig(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(
      prefix,
      Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(",") : JSON.stringify(value),
    );
  }
  return out;
}

/**
 * Every config path of the runs, with each run's value ("—" when a run lacks it), paths sorted; `differs`
 * marks the hyperparameters that tell the runs apart.
 */
export function paramRows(configs: readonly unknown[]): ParamRow[] {
  const flat = configs.map((c) => flattenConfig(c));
  const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort();
  return paths.map((path) => {
    const values = flat.map((f) => f.get(path) ?? "—");
    return { path, values, differs: new Set(values).size > 1 };
  });
}
