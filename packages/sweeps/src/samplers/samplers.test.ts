import { describe, expect, it } from "vitest";
import { gridPoints } from "../search-space.js";
import type { ParameterSpec } from "../spec.js";
import { GridSampler } from "./grid-sampler.js";
import { RandomSampler } from "./random-sampler.js";
import type { Observation } from "./sampler.js";
import { TpeSampler } from "./tpe-sampler.js";

describe("grid", () => {
  it("enumerates every combination, last parameter fastest", () => {
    const points = gridPoints({
      "optimizer.lr": { values: [0.1, 0.01] },
      "model.layers": { values: [[50], [128, 64], [256]] },
    });
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ "optimizer.lr": 0.1, "model.layers": [50] });
    expect(points[1]).toEqual({ "optimizer.lr": 0.1, "model.layers": [128, 64] });
    expect(points[5]).toEqual({ "optimizer.lr": 0.01, "model.layers": [256] });
    const sampler = new GridSampler({ a: { values: [1, 2] } });
    expect(sampler.size).toBe(2);
    expect([sampler.propose(0), sampler.propose(1), sampler.propose(2)]).toEqual([
      { a: 1 },
      { a: 2 },
      undefined,
    ]);
  });
});

describe("random", () => {
  const space: Record<string, ParameterSpec> = {
    lr: { distribution: "log_uniform", min: 1e-3, max: 0.3 },
    m: { distribution: "uniform", min: 0, max: 0.95 },
    bs: { distribution: "int_uniform", min: 16, max: 128 },
    d: { distribution: "q_uniform", min: 0, max: 0.5, q: 0.1 },
    layers: { values: [[128], [512, 256, 128, 64], [256, 128]] },
  };

  it("draws inside the bounds, on the grid of q and ints, the same for the same seed and trial", () => {
    const a = new RandomSampler(space, 7);
    const b = new RandomSampler(space, 7);
    const c = new RandomSampler(space, 8);
    const draws = Array.from({ length: 400 }, (_, i) => a.propose(i));
    expect(draws.map((_, i) => b.propose(i))).toEqual(draws);
    expect(c.propose(0)).not.toEqual(draws[0]);
    for (const p of draws) {
      expect(p.lr).toBeGreaterThanOrEqual(1e-3);
      expect(p.lr).toBeLessThanOrEqual(0.3);
      expect(p.m).toBeGreaterThanOrEqual(0);
      expect(p.m).toBeLessThanOrEqual(0.95);
      expect(Number.isInteger(p.bs)).toBe(true);
      expect([0, 0.1, 0.2, 0.3, 0.4, 0.5]).toContain(p.d);
    }
    // log-uniform: about as many draws below the geometric middle as above.
    const low = draws.filter((p) => (p.lr as number) < Math.sqrt(1e-3 * 0.3)).length;
    expect(low).toBeGreaterThan(150);
    expect(low).toBeLessThan(250);
    expect(new Set(draws.map((p) => p.bs)).has(16)).toBe(true);
    expect(new Set(draws.map((p) => p.bs)).has(128)).toBe(true);
    expect(new Set(draws.map((p) => JSON.stringify(p.layers))).size).toBe(3);
  });
});

describe("trial seeds", () => {
  it("gives neighbouring trials unrelated draws", () => {
    const sampler = new RandomSampler({ lr: { distribution: "log_uniform", min: 1e-3, max: 0.3 } }, 0);
    const x = Array.from({ length: 300 }, (_, i) => Math.log(sampler.propose(i).lr as number));
    const a = x.slice(0, -1);
    const b = x.slice(1);
    const mean = (v: number[]) => v.reduce((p, q) => p + q, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const cov = mean(a.map((v, i) => (v - ma) * (b[i]! - mb)));
    const sd = (v: number[], m: number) => Math.sqrt(mean(v.map((q) => (q - m) ** 2)));
    expect(Math.abs(cov / (sd(a, ma) * sd(b, mb)))).toBeLessThan(0.15);
    // The first 16 trials already reach every third of the (log) range.
    const third = (Math.log(0.3) - Math.log(1e-3)) / 3;
    const bins = [0, 0, 0];
    for (const v of x.slice(0, 16)) bins[Math.min(2, Math.floor((v - Math.log(1e-3)) / third))]! += 1;
    expect(Math.min(...bins)).toBeGreaterThanOrEqual(3);
  });
});

describe("tpe", () => {
  // A shifted quadratic bowl on [-5, 5]²: its minimum is 0 at x = 0.7, y = -1.3.
  const space: Record<string, ParameterSpec> = {
    x: { distribution: "uniform", min: -5, max: 5 },
    y: { distribution: "uniform", min: -5, max: 5 },
  };
  const f = (p: Record<string, unknown>) => ((p.x as number) - 0.7) ** 2 + ((p.y as number) + 1.3) ** 2;
  const opts = { nStartupTrials: 10, nEiCandidates: 24, priorWeight: 1 };

  function search(
    sampler: { propose(n: number, h: readonly Observation[]): Record<string, unknown> | undefined },
    n: number,
    objective: (p: Record<string, unknown>) => number,
  ): Observation[] {
    const history: Observation[] = [];
    for (let i = 0; i < n; i++) {
      const params = sampler.propose(i, history)!;
      history.push({ params, state: "completed", loss: objective(params), epochs: 1 });
    }
    return history;
  }
  const best = (h: Observation[]) => Math.min(...h.map((o) => o.loss!));

  it("finds better points than random search on a known 2-D function (same seeds, same budget)", () => {
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7];
    const tpe = seeds.map((s) => best(search(new TpeSampler(space, s, opts), 60, f)));
    const random = seeds.map((s) => best(search(new RandomSampler(space, s), 60, f)));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(tpe)).toBeLessThan(mean(random) / 3);
    expect(tpe.filter((v, i) => v < random[i]!).length).toBeGreaterThanOrEqual(6);
  });

  it("favours the better category of a values parameter once it has seen it", () => {
    const withChoice: Record<string, ParameterSpec> = { ...space, c: { values: ["a", "b", "c"] } };
    const g = (p: Record<string, unknown>) => f(p) / 10 + (p.c === "b" ? 0 : 3);
    const history = search(new TpeSampler(withChoice, 11, opts), 60, g);
    const late = history.slice(30).filter((o) => o.params.c === "b").length;
    expect(late).toBeGreaterThan(20);
  });

  it("samples at random for its startup trials, then stays inside the bounds; failed trials are ignored", () => {
    const withChoice: Record<string, ParameterSpec> = { ...space, c: { values: ["a", "b", "c"] } };
    const tpe = new TpeSampler(withChoice, 3, { ...opts, nStartupTrials: 5 });
    const random = new RandomSampler(withChoice, 3);
    expect(tpe.propose(0, [])).toEqual(random.propose(0));
    const history: Observation[] = [];
    for (let i = 0; i < 30; i++) {
      const p = tpe.propose(i, history)!;
      expect(Math.abs(p.x as number)).toBeLessThanOrEqual(5);
      expect(["a", "b", "c"]).toContain(p.c);
      const failed = i % 7 === 0;
      history.push({
        params: p,
        state: failed ? "failed" : "completed",
        loss: failed ? null : f(p),
        epochs: 1,
      });
    }
  });
});
