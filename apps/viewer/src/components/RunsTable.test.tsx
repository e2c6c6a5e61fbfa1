import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { toRunRow } from "../data/run-row.js";
import { okEntry } from "../test-fixtures.js";
import { PAGE_SIZE, RunsTable } from "./RunsTable.js";

const summary = (acc: number) => ({
  bestValAccuracy: acc,
  bestEpoch: 1,
  lastEpoch: 1,
  durationSeconds: 1,
  parameters: null,
});
const rows = [
  toRunRow(
    okEntry({ id: "run-a", name: "alpha", createdAt: "2026-11-27T10:00:00.000Z", summary: summary(0.91) }),
  ),
  toRunRow(
    okEntry({ id: "run-b", name: "beta", createdAt: "2026-11-27T11:00:00.000Z", summary: summary(0.97) }),
  ),
  toRunRow({ ok: false, id: "run-c", error: { code: "CORRUPT_RUN", message: "run.json: not valid JSON" } }),
];

// querySelectorAll, not getAllByRole: role queries walk the accessibility tree and take seconds on a page
// of a hundred rows in happy-dom.
const ids = () => [...document.querySelectorAll("tbody tr")].map((r) => r.getAttribute("data-run-id"));

describe("RunsTable", () => {
  afterEach(() => {
    cleanup();
    // The table keeps its view in the URL hash; each test starts from a clean one.
    window.history.replaceState(null, "", "#/");
  });

  it("lists every run, newest first, with a corrupt run's error in its row", () => {
    render(<RunsTable rows={rows} />);
    expect(ids()).toEqual(["run-b", "run-a", "run-c"]);
    const corrupt = screen.getAllByRole("row").find((r) => r.getAttribute("data-run-id") === "run-c")!;
    expect(within(corrupt).getByRole("alert").textContent).toContain(
      "cannot be read: run.json: not valid JSON",
    );
    expect(screen.getByText("97.00%")).toBeTruthy();
  });

  it("sorts by a column, toggling the direction", () => {
    render(<RunsTable rows={rows} />);
    fireEvent.click(screen.getByRole("button", { name: /Best val acc/ }));
    expect(ids()).toEqual(["run-b", "run-a", "run-c"]);
    fireEvent.click(screen.getByRole("button", { name: /Best val acc/ }));
    expect(ids()).toEqual(["run-a", "run-b", "run-c"]);
  });

  it("filters rows as you type", () => {
    render(<RunsTable rows={rows} />);
    fireEvent.change(screen.getByLabelText("filter runs"), { target: { value: "alpha" } });
    expect(ids()).toEqual(["run-a"]);
    expect(screen.getByText("1 of 3 runs")).toBeTruthy();
  });

  it("links to the comparison once two readable runs are ticked", () => {
    render(<RunsTable rows={rows} />);
    const compare = screen.getByText(/^Compare/);
    expect(compare.getAttribute("href")).toBeNull();
    expect((screen.getByLabelText("select run-c") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText("select run-a"));
    fireEvent.click(screen.getByLabelText("select run-b"));
    expect(screen.getByText(/^Compare/).getAttribute("href")).toBe("#/compare?runs=run-a,run-b");
  });

  it("keeps filter, sort, selection and columns in the hash, and restores them from it", () => {
    render(<RunsTable rows={rows} />);
    fireEvent.change(screen.getByLabelText("filter runs"), { target: { value: "a" } });
    fireEvent.click(screen.getByRole("button", { name: /Best val acc/ }));
    fireEvent.click(screen.getByLabelText("select run-a"));
    const hash = window.location.hash;
    expect(hash).toContain("q=a");
    expect(hash).toContain("sort=bestValAccuracy:desc");
    expect(hash).toContain("sel=run-a");
    cleanup();
    // A fresh mount (a reload) reads the same view back.
    render(<RunsTable rows={rows} />);
    expect((screen.getByLabelText("filter runs") as HTMLInputElement).value).toBe("a");
    expect(screen.getByRole("columnheader", { name: /Best val acc/ }).getAttribute("aria-sort")).toBe(
      "descending",
    );
    expect((screen.getByLabelText("select run-a") as HTMLInputElement).checked).toBe(true);
  });

  it("shows tags, filters by tag:x, and adds hyperparameter columns from the configs", () => {
    const tagged = [
      toRunRow(okEntry({ id: "run-t", name: "tagged", tags: ["baseline", "sweep-3"] })),
      toRunRow(
        okEntry({
          id: "run-u",
          name: "untagged",
          config: { ...okEntry().run.config, batchSize: 128 },
        }),
      ),
    ];
    render(<RunsTable rows={tagged} />);
    expect(screen.getByRole("link", { name: "baseline" }).getAttribute("href")).toBe("#/?q=tag%3Abaseline");
    fireEvent.change(screen.getByLabelText("filter runs"), { target: { value: "tag:sweep" } });
    expect(ids()).toEqual(["run-t"]);
    fireEvent.change(screen.getByLabelText("filter runs"), { target: { value: "batchSize:128" } });
    expect(ids()).toEqual(["run-u"]);
    // The config paths that differ come first in the chooser; ticking one adds a sortable column.
    fireEvent.click(screen.getByRole("checkbox", { name: "batchSize" }));
    expect(screen.getByRole("columnheader", { name: "batchSize" })).toBeTruthy();
    expect(screen.getByText("128")).toBeTruthy();
    expect(window.location.hash).toContain("param:batchSize");
  });

  it("pages more than a thousand runs, rendering one page of rows", () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      toRunRow(
        okEntry({
          id: `run-${String(i).padStart(4, "0")}`,
          name: `run ${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          summary: summary(i / 1500),
        }),
      ),
    );
    render(<RunsTable rows={many} />);
    expect(ids()).toHaveLength(PAGE_SIZE);
    expect(ids()[0]).toBe("run-1499");
    expect(screen.getByText("page 1 of 15")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(ids()[0]).toBe(`run-${1499 - PAGE_SIZE}`);
    expect(window.location.hash).toContain("page=2");
  });
});
