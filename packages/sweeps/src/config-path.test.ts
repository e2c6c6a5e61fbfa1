import { describe, expect, it } from "vitest";
import { getPath, pathProblem, setPath } from "./config-path.js";

describe("config field paths", () => {
  const config = { optimizer: { name: "sgd", learningRate: 0.01 }, model: { layers: [50] }, epochs: 1 };

  it("reads and sets nested fields without touching the original", () => {
    expect(getPath(config, "optimizer.learningRate")).toBe(0.01);
    expect(getPath(config, "optimizer.missing.deep")).toBeUndefined();
    const changed = setPath(config, "model.layers", [128, 64]);
    expect(changed.model.layers).toEqual([128, 64]);
    expect(config.model.layers).toEqual([50]);
    expect(setPath(config, "epochs", 9).epochs).toBe(9);
  });

  it("explains a path that does not exist, listing the fields that do", () => {
    expect(pathProblem(config, "optimizer.learningRate")).toBeUndefined();
    expect(pathProblem(config, "optimizer.lr")).toBe(
      'no field "lr" in "optimizer" (fields: learningRate, name)',
    );
    expect(pathProblem(config, "loop.epochs")).toBe(
      'no field "loop" in the config (fields: epochs, model, optimizer)',
    );
    expect(pathProblem(config, "epochs.x")).toBe('"epochs" is not an object in the config');
  });
});
