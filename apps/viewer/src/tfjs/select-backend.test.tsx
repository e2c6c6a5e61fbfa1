import { describe, expect, it } from "vitest";
import { chooseBackendOrder } from "./select-backend.js";

describe("chooseBackendOrder", () => {
  it("tries WebGPU first only where the browser exposes navigator.gpu", () => {
    expect(chooseBackendOrder({ webgpu: true })).toEqual(["webgpu", "webgl", "cpu"]);
    expect(chooseBackendOrder({ webgpu: false })).toEqual(["webgl", "cpu"]);
  });
});
