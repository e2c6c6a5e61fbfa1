import { describe, expect, it } from "vitest";
import { okEntry } from "../test-fixtures.js";
import { toRunRow } from "./run-row.js";
import { filterRows, sortRows } from "./sort-filter-rows.js";

const rows = [
  toRunRow(
    okEntry({
      id: "a",
      name: "a",
      tags: ["baseline"],
      summary: { bestValAccuracy: 0.9, bestEpoch: 1, lastEpoch: 1, durationSeconds: 5, parameters: null },
    }),
  ),
  toRunRow(
    okEntry({
      id: "b",
      name: "b",
      status: "running",
      config: {
        ...okEntry().run.config,
        dataset: "fashion-mnist",
        optimizer: { name: "sgd", learningRate: 0.01 },
      },
      summary: { bestValAccuracy: 0.95, bestEpoch: 1, lastEpoch: 1, durationSeconds: 50, parameters: null },
    }),
  ),
  toRunRow({ ok: false, id: "c", error: { code: "CORRUPT_RUN", message: "bad" } }),
  toRunRow(
    okEntry({
      id: "d",
      name: "d",
      summary: {
        bestValAccuracy: null,
        bestEpoch: null,
        lastEpoch: null,
        durationSeconds: 0,
        parameters: null,
      },
    }),
  ),
];

describe("sortRows", () => {
  it("sorts numbers both ways and keeps rows without a value last", () => {
    expect(sortRows(rows, { key: "bestValAccuracy", direction: "desc" }).map((r) => r.id)).toEqual([
      "b",
      "a",
      "c",
      "d",
    ]);
    expect(sortRows(rows, { key: "bestValAccuracy", direction: "asc" }).map((r) => r.id)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("sorts text naturally", () => {
    expect(sortRows(rows, { key: "dataset", direction: "asc" }).map((r) => r.id)).toEqual([
      "b",
      "a",
      "d",
      "c",
    ]);
  });
});

describe("filterRows", () => {
  it("matches words anywhere and column:value terms in one column", () => {
    expect(filterRows(rows, "fashion").map((r) => r.id)).toEqual(["b"]);
    expect(filterRows(rows, "status:running").map((r) => r.id)).toEqual(["b"]);
    expect(filterRows(rows, "optimizer:adam").map((r) => r.id)).toEqual(["a", "d"]);
    expect(filterRows(rows, "corrupt").map((r) => r.id)).toEqual(["c"]);
    expect(filterRows(rows, "  ").length).toBe(4);
    expect(filterRows(rows, "mnist sgd").map((r) => r.id)).toEqual(["b"]);
    expect(filterRows(rows, "tag:baseline").map((r) => r.id)).toEqual(["a"]);
  });
});
