import { useMemo, useState } from "react";
import { formatDuration, formatNumber, formatPercent } from "../data/format.js";
import type { RunRow } from "../data/run-row.js";
import { type SortKey, type SortOrder, filterRows, sortRows } from "../data/sort-filter-rows.js";
import { routeHref } from "../routing/routes.js";
import { StatusBadge } from "./StatusBadge.js";

const COLUMNS: { key: SortKey; title: string; numeric?: boolean }[] = [
  { key: "name", title: "Run" },
  { key: "dataset", title: "Dataset" },
  { key: "model", title: "Model / layers" },
  { key: "optimizer", title: "Optimizer" },
  { key: "learningRate", title: "LR", numeric: true },
  { key: "epochs", title: "Epochs", numeric: true },
  { key: "bestValAccuracy", title: "Best val acc", numeric: true },
  { key: "durationSeconds", title: "Duration", numeric: true },
  { key: "backend", title: "Backend" },
  { key: "status", title: "Status" },
];

function cell(row: RunRow, key: SortKey): string {
  switch (key) {
    case "learningRate":
      return formatNumber(row.learningRate);
    // Configured epochs only: trainers number epochs from 0 or from 1, so summary.lastEpoch alone cannot
    // say how many are done; the live page counts them from the metrics.
    case "epochs":
      return formatNumber(row.epochs);
    case "bestValAccuracy":
      return formatPercent(row.bestValAccuracy);
    case "durationSeconds":
      return formatDuration(row.durationSeconds);
    default:
      return String(row[key] ?? "");
  }
}

/** The runs table: click a header to sort, type to filter, tick runs to compare them. */
export function RunsTable({ rows }: { rows: readonly RunRow[] }) {
  const [order, setOrder] = useState<SortOrder>({ key: "createdAt", direction: "desc" });
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => sortRows(filterRows(rows, query), order), [rows, query, order]);
  const comparable = [...selected].filter((id) => rows.some((r) => r.id === id && r.status !== null));

  const sortBy = (key: SortKey) =>
    setOrder((o) => ({ key, direction: o.key === key && o.direction === "desc" ? "asc" : "desc" }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="runs-table">
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter: mnist adam status:running…"
          aria-label="filter runs"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="count">
          {shown.length} of {rows.length} runs
        </span>
        <a
          className={`button${comparable.length < 2 ? " disabled" : ""}`}
          aria-disabled={comparable.length < 2}
          href={comparable.length >= 2 ? routeHref({ page: "compare", ids: comparable }) : undefined}
        >
          Compare {comparable.length > 0 ? `(${comparable.length})` : ""}
        </a>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? "numeric" : undefined}
                aria-sort={
                  order.key === c.key ? (order.direction === "asc" ? "ascending" : "descending") : "none"
                }
              >
                <button type="button" onClick={() => sortBy(c.key)}>
                  {c.title}
                  {order.key === c.key ? (order.direction === "asc" ? " ▲" : " ▼") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id} data-run-id={row.id} className={row.status === null ? "corrupt" : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`select ${row.id}`}
                  checked={selected.has(row.id)}
                  disabled={row.status === null}
                  onChange={() => toggle(row.id)}
                />
              </td>
              <td>
                <a href={routeHref({ page: "run", id: row.id })}>{row.name}</a>
                {row.name !== row.id ? <div className="run-id">{row.id}</div> : null}
              </td>
              {row.status === null ? (
                <td colSpan={COLUMNS.length - 1} className="row-error" role="alert">
                  This run cannot be read: {row.error}
                </td>
              ) : (
                COLUMNS.slice(1).map((c) => (
                  <td key={c.key} className={c.numeric ? "numeric" : undefined}>
                    {c.key === "status" ? (
                      <>
                        <StatusBadge status={row.status} stale={row.stale} />
                        {row.status === "running" ? (
                          <a className="live-link" href={routeHref({ page: "live", id: row.id })}>
                            live
                          </a>
                        ) : null}
                      </>
                    ) : (
                      cell(row, c.key)
                    )}
                  </td>
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? (
        <p className="note">
          {rows.length === 0 ? "No runs yet: train one with `mlp train`." : "No run matches the filter."}
        </p>
      ) : null}
    </div>
  );
}
