import { type KeyboardEvent, type ReactNode, useMemo } from "react";
import { paramColumns } from "../data/flatten-params.js";
import { formatDuration, formatNumber, formatPercent } from "../data/format.js";
import type { RunRow } from "../data/run-row.js";
import {
  type SortKey,
  type SortOrder,
  columnValue,
  filterRows,
  parseSortOrder,
  sortRows,
} from "../data/sort-filter-rows.js";
import { routeHref } from "../routing/routes.js";
import { useHashParam } from "../state/hash-params.js";
import { StatusBadge } from "./StatusBadge.js";

/** Rows per page: the DOM stays small (and the table fast) with thousands of runs. */
export const PAGE_SIZE = 100;

interface Column {
  key: SortKey;
  title: string;
  numeric?: boolean;
}

const BASE_COLUMNS: Column[] = [
  { key: "dataset", title: "Dataset" },
  { key: "model", title: "Model / layers" },
  { key: "optimizer", title: "Optimizer" },
  { key: "learningRate", title: "LR", numeric: true },
  { key: "epochs", title: "Epochs", numeric: true },
  { key: "bestValAccuracy", title: "Best val acc", numeric: true },
  { key: "durationSeconds", title: "Duration", numeric: true },
  { key: "backend", title: "Backend" },
  { key: "tags", title: "Tags" },
  { key: "createdAt", title: "Created" },
  { key: "status", title: "Status" },
];
const DEFAULT_COLUMNS = BASE_COLUMNS.filter((c) => c.key !== "createdAt").map((c) => c.key);
const DEFAULT_SORT = "createdAt:desc";

function cell(row: RunRow, key: SortKey): ReactNode {
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
    case "createdAt":
      return row.createdAt.replace("T", " ").slice(0, 19);
    case "tags":
      return row.tags.map((t) => (
        <a key={t} className="tag" href={`#/?q=${encodeURIComponent(`tag:${t}`)}`}>
          {t}
        </a>
      ));
    case "status":
      return row.status === null ? null : (
        <>
          <StatusBadge status={row.status} stale={row.stale} />
          {row.status === "running" ? (
            <a className="live-link" href={routeHref({ page: "live", id: row.id })}>
              live
            </a>
          ) : null}
        </>
      );
    default: {
      const value = columnValue(row, key);
      return typeof value === "number" ? formatNumber(value) : String(value ?? "");
    }
  }
}

// Arrow keys move between the rows' run links, so a keyboard user walks the table like a list.
function onTableKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a.run-link")];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  const next = links[at + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/**
 * The runs table: click a header to sort, type to filter (`tag:x`, `column:value`), choose columns
 * (hyperparameters from the configs included), tick runs to compare them. Filter, sort, columns, page and
 * selection live in the URL hash, so a reload or a shared link shows the same view.
 */
export function RunsTable({ rows }: { rows: readonly RunRow[] }) {
  const [sortText, setSortText] = useHashParam("sort", DEFAULT_SORT);
  const [query, setQuery] = useHashParam("q", "");
  const [selectedText, setSelectedText] = useHashParam("sel", "");
  const [colsText, setColsText] = useHashParam("cols", DEFAULT_COLUMNS.join(","));
  const [pageText, setPageText] = useHashParam("page", "1");
  const order: SortOrder = parseSortOrder(sortText) ?? { key: "createdAt", direction: "desc" };
  const selected = useMemo(() => new Set(selectedText.split(",").filter(Boolean)), [selectedText]);
  const visible = useMemo(() => new Set(colsText.split(",").filter(Boolean)), [colsText]);
  const params = useMemo(() => paramColumns(rows), [rows]);
  const allColumns: Column[] = useMemo(
    () => [
      ...BASE_COLUMNS,
      ...params.map((p) => ({
        key: `param:${p}` as SortKey,
        title: p,
        numeric: rows.some((r) => typeof r.params[p] === "number"),
      })),
    ],
    [params, rows],
  );
  const columns = allColumns.filter((c) => visible.has(c.key));
  const shown = useMemo(() => sortRows(filterRows(rows, query), order), [rows, query, order]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(pageText, 10) || 1));
  const pageRows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const comparable = [...selected].filter((id) => rows.some((r) => r.id === id && r.status !== null));

  const sortBy = (key: SortKey) =>
    setSortText(`${key}:${order.key === key && order.direction === "desc" ? "asc" : "desc"}`);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelectedText([...next].join(","));
  };
  const toggleColumn = (key: SortKey) => {
    const next = new Set(visible);
    if (!next.delete(key)) next.add(key);
    // Keep the chooser's order, so columns do not jump around as they are ticked.
    setColsText(
      allColumns
        .filter((c) => next.has(c.key))
        .map((c) => c.key)
        .join(","),
    );
  };

  return (
    <div className="runs-table">
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter: mnist adam status:running tag:baseline…"
          aria-label="filter runs"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPageText("1");
          }}
        />
        <span className="count" aria-live="polite">
          {shown.length} of {rows.length} runs
        </span>
        <details className="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend>Visible columns</legend>
            {allColumns.map((c) => (
              <label key={c.key} className={c.key.startsWith("param:") ? "param" : undefined}>
                <input type="checkbox" checked={visible.has(c.key)} onChange={() => toggleColumn(c.key)} />{" "}
                {c.title}
              </label>
            ))}
          </fieldset>
        </details>
        <a
          className={`button${comparable.length < 2 ? " disabled" : ""}`}
          aria-disabled={comparable.length < 2}
          href={comparable.length >= 2 ? routeHref({ page: "compare", ids: comparable }) : undefined}
        >
          Compare {comparable.length > 0 ? `(${comparable.length})` : ""}
        </a>
      </div>
      <table aria-label="runs" aria-rowcount={shown.length + 1}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            {[{ key: "name" as SortKey, title: "Run" }, ...columns].map((c) => (
              <th
                key={c.key}
                scope="col"
                className={"numeric" in c && c.numeric ? "numeric" : undefined}
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
        <tbody onKeyDown={onTableKeyDown}>
          {pageRows.map((row) => (
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
                <a className="run-link" href={routeHref({ page: "run", id: row.id })}>
                  {row.name}
                </a>
                {row.name !== row.id ? <div className="run-id">{row.id}</div> : null}
              </td>
              {row.status === null ? (
                <td colSpan={Math.max(1, columns.length)} className="row-error" role="alert">
                  This run cannot be read: {row.error}
                </td>
              ) : (
                columns.map((c) => (
                  <td key={c.key} className={c.numeric ? "numeric" : undefined}>
                    {cell(row, c.key)}
                  </td>
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="pager" aria-label="pages of runs">
          <button type="button" disabled={page <= 1} onClick={() => setPageText(String(page - 1))}>
            Previous
          </button>
          <span>
            page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPageText(String(page + 1))}>
            Next
          </button>
        </nav>
      ) : null}
      {shown.length === 0 ? (
        <p className="note">
          {rows.length === 0 ? "No runs yet: train one with `mlp train`." : "No run matches the filter."}
        </p>
      ) : null}
    </div>
  );
}
