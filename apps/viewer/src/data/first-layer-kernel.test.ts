import { describe, expect, it } from "vitest";
import { firstLayerKernel } from "./first-layer-kernel.js";

describe("firstLayerKernel", () => {
  it("transposes a PyTorch [out, in] weight to a [in, out] kernel with the image size", () => {
    // 2 units over a 2x2 image: unit 0 weights 0..3, unit 1 weights 10..13.
    const data = Float32Array.from([0, 1, 2, 3, 10, 11, 12, 13]);
    const k = firstLayerKernel({ "linears.0.weight": { shape: [2, 4], data } });
    expect(typeof k).toBe("object");
    if (typeof k === "string") return;
    expect(k).toMatchObject({ units: 2, width: 2, height: 2, source: "linears.0.weight" });
    expect(Array.from(k.kernel)).toEqual([0, 10, 1, 11, 2, 12, 3, 13]);
  });

  it("finds TwoLayerMLP's linear1 and explains inputs that are not a square image", () => {
    const k = firstLayerKernel({ "linear1.weight": { shape: [1, 3072 * 1], data: new Float32Array(3072) } });
    expect(k).toMatch(/3072 inputs/);
    expect(firstLayerKernel({})).toMatch(/no first-layer weight/);
  });
});
