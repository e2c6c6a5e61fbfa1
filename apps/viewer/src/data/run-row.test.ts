import { describe, expect, it } from "vitest";
import { okEntry } from "../test-fixtures.js";
import { describeBackend, describeModel, toRunRow } from "./run-row.js";

describe("toRunRow", () => {
  it("flattens a readable run into the table's columns", () => {
    const row = toRunRow(okEntry());
    expect(row).toMatchObject({
      status: "completed",
      dataset: "mnist",
      model: "mlp 512-256",
      optimizer: "adam",
      learningRate: 0.001,
      epochs: 10,
      bestValAccuracy: 0.975,
      durationSeconds: 300,
      backend: "wasm (4 threads, simd)",
      error: null,
    });
  });

  it("keeps a corrupt run's id and error so the table can show it", () => {
    const row = toRunRow({
      ok: false,
      id: "broken",
      error: { code: "CORRUPT_RUN", message: "run.json: not valid JSON" },
    });
    expect(row).toMatchObject({
      id: "broken",
      status: null,
      error: "run.json: not valid JSON",
      bestValAccuracy: null,
    });
  });

  it("shows a failed run's error message", () => {
    const row = toRunRow(okEntry({ status: "failed", error: { message: "loss became NaN" } }));
    expect(row.error).toBe("loss became NaN");
  });
});

describe("describeModel / describeBackend", () => {
  it("names the activation only when it is not relu", () => {
    expect(describeModel({ kind: "mlp", layers: [50], activation: "tanh", dropout: 0 })).toBe("mlp 50 tanh");
    expect(describeModel({ kind: "softmax", layers: [], activation: "relu", dropout: 0 })).toBe("softmax");
  });

  it("describes a backend with its threads", () => {
    expect(describeBackend({ name: "cpu" })).toBe("cpu");
    expect(describeBackend({ name: "wasm", threads: 1 })).toBe("wasm (1 thread)");
    expect(describeBackend(null)).toBe("");
  });
});
