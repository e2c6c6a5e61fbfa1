import { describe, expect, it } from "vitest";
import { flattenConfig, paramRows } from "./differing-params.js";

describe("paramRows", () => {
  it("flattens nested configs and marks what differs", () => {
    const rows = paramRows([
      {
        model: { kind: "mlp", layers: [512, 256] },
        optimizer: { name: "adam", learningRate: 0.001 },
        epochs: 10,
      },
      {
        model: { kind: "mlp", layers: [50] },
        optimizer: { name: "adam", learningRate: 0.01, beta1: 0.9 },
        epochs: 10,
      },
    ]);
    expect(rows).toEqual([
      { path: "epochs", values: ["10", "10"], differs: false },
      { path: "model.kind", values: ['"mlp"', '"mlp"'], differs: false },
      { path: "model.layers", values: ["512,256", "50"], differs: true },
      { path: "optimizer.beta1", values: ["—", "0.9"], differs: true },
      { path: "optimizer.learningRate", values: ["0.001", "0.01"], differs: true },
      { path: "optimizer.name", values: ['"adam"', '"adam"'], differs: false },
    ]);
  });

  it("keeps null settings as values", () => {
    expect([...flattenConfig({ scheduler: null })]).toEqual([["scheduler", "null"]]);
  });
});
