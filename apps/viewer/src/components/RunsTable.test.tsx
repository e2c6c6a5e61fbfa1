import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { toRunRow } from "../data/run-row.js";
import { okEntry } from "../test-fixtures.js";
import { RunsTable } from "./RunsTable.js";

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

const ids = () =>
  screen
    .getAllByRole("row")
    .slice(1)
    .map((r) => r.getAttribute("data-run-id"));

describe("RunsTable", () => {
  afterEach(cleanup);

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
});
