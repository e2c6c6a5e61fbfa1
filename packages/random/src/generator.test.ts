import { describe, expect, it } from "vitest";
import { Generator } from "./index.js";

describe("Generator", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = new Generator(42);
    const b = new Generator(42);
    const c = new Generator(43);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it("resumes exactly from a saved state, normals included", () => {
    const g = new Generator(7);
    g.normal();
    const state = g.getState();
    const expected = [g.normal(), g.random(), g.int(10)];
    const restored = Generator.fromState(JSON.parse(JSON.stringify(state)));
    expect([restored.normal(), restored.random(), restored.int(10)]).toEqual(expected);
  });

  it("draws uniform and normal values with the right moments", () => {
    const g = new Generator(1);
    const u = g.fillUniform(new Float64Array(100_000), -1, 1);
    const n = g.fillNormal(new Float64Array(100_000), 2, 3);
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    const std = (x: Float64Array) => {
      const m = mean(x);
      return Math.sqrt(mean(x.map((v) => (v - m) ** 2)));
    };
    expect(u.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(mean(u)).toBeCloseTo(0, 1);
    expect(mean(n)).toBeCloseTo(2, 1);
    expect(std(n)).toBeCloseTo(3, 1);
  });

  it("permutes and samples without repetition", () => {
    const g = new Generator(3);
    const p = Array.from(g.permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const s = g.sample([5, 6, 7, 8, 9], 3);
    expect(new Set(s).size).toBe(3);
    expect(() => g.sample([1, 2], 3)).toThrow(/3 distinct items/);
  });

  it("gives every integer of a range a fair chance", () => {
    const g = new Generator(11);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[g.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
