import type { RunRow } from "./run-row.js";

/** Columns the runs table can sort by. */
export type SortKey =
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
  | "createdAt";

/** Sort order of the runs table. */
export interface SortOrder {
  key: SortKey;
  direction: "asc" | "desc";
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** Rows sorted by one column; rows without a value (corrupt runs, no val yet) go last in both directions. */
export function sortRows(rows: readonly RunRow[], order: SortOrder): RunRow[] {
  const sign = order.direction === "asc" ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = x[order.key];
    const b = y[order.key];
    const aMissing = a === null || a === "";
    const bMissing = b === null || b === "";
    if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
    return sign * compareValues(a, b);
  });
}

/**
 * Rows matching every whitespace-separated term of `query` (case-insensitive) in any text column, or a
 * `column:value` term in one column, e.g. `dataset:mnist status:running adam`.
 */
export function filterRows(rows: readonly RunRow[], query: string): RunRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...rows];
  const text = (row: RunRow): Record<string, string> => ({
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
    const fields = text(row);
    return terms.every((term) => {
      const colon = term.indexOf(":");
      const column = colon > 0 ? term.slice(0, colon) : "";
      if (column in fields) return fields[column]!.toLowerCase().includes(term.slice(colon + 1));
      return Object.values(fields).some((v) => v.toLowerCase().includes(term));
    });
  });
}
