import type { RunRow } from "./run-row.js";

/** Columns of the runs table backed by a field of the row. */
export type RowField =
  | "name"
  | "dataset"
  | "model"
  | "optimizer"
  | "learningRate"
  | "epochs"
  | "bestValAccuracy"
  | "durationSeconds"
  | "backend"
  | "status"
  | "createdAt"
  | "tags";

/** A column the runs table can sort by: a row field, or `param:<dotted config path>`. */
export type SortKey = RowField | `param:${string}`;

/** Sort order of the runs table. */
export interface SortOrder {
  key: SortKey;
  direction: "asc" | "desc";
}

/** The value of a column in a row (tags joined with spaces). */
export function columnValue(row: RunRow, key: SortKey): string | number | boolean | null {
  if (key.startsWith("param:")) return row.params[key.slice("param:".length)] ?? null;
  if (key === "tags") return row.tags.join(" ");
  return row[key as Exclude<RowField, "tags">];
}

// One collator for every comparison: `localeCompare` with options builds a new one per call, which made
// sorting a thousand runs take seconds.
const collator = new Intl.Collator(undefined, { numeric: true });

function compareValues(a: string | number | boolean, b: string | number | boolean): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Rows sorted by one column; rows without a value (corrupt runs, no val yet) go last in both directions. */
export function sortRows(rows: readonly RunRow[], order: SortOrder): RunRow[] {
  const sign = order.direction === "asc" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = columnValue(x, order.key);
    const b = columnValue(y, order.key);
    const aMissing = a === null || a === "";
    const bMissing = b === null || b === "";
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    return sign * compareValues(a, b);
  });
}

/** `key:direction` as kept in the URL (`bestValAccuracy:desc`), or null when malformed. */
export function parseSortOrder(text: string): SortOrder | null {
  const colon = text.lastIndexOf(":");
  const key = text.slice(0, colon);
  const direction = text.slice(colon + 1);
  if (colon <= 0 || (direction !== "asc" && direction !== "desc")) return null;
  return { key: key as SortKey, direction };
}

/**
 * Rows matching every whitespace-separated term of `query` (case-insensitive) in any text column, or a
 * `column:value` term in one column, e.g. `dataset:mnist status:running tag:baseline adam`. `tag:x` matches
 * a run with a tag containing x; any flattened config path works as a column too (`optimizer.momentum:0.9`).
 */
export function filterRows(rows: readonly RunRow[], query: string): RunRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...rows];
  const base = (row: RunRow): Record<string, string> => ({
    id: row.id,
    name: row.name,
    dataset: row.dataset,
    model: row.model,
    optimizer: row.optimizer,
    backend: row.backend,
    status: row.status ?? "corrupt",
    lr: row.learningRate === null ? "" : String(row.learningRate),
    tag: row.tags.join(" "),
  });
  return rows.filter((row) => {
    const fields = base(row);
    return terms.every((term) => {
      const colon = term.indexOf(":");
      const column = colon > 0 ? term.slice(0, colon) : "";
      const wanted = term.slice(colon + 1);
      if (column === "tag") return row.tags.some((t) => t.toLowerCase().includes(wanted));
      if (column in fields) return fields[column]!.toLowerCase().includes(wanted);
      const param = Object.entries(row.params).find(([path]) => path.toLowerCase() === column);
      if (param)
        return String(param[1] ?? "")
          .toLowerCase()
          .includes(wanted);
      // Free text searches the visible text columns, not every config value.
      return Object.values(fields).some((v) => v.toLowerCase().includes(term));
    });
  });
}
