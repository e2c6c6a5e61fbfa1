import { describe, expect, it } from "vitest";
import { ashaPromotes, ashaRungs, nextStop } from "./asha.js";

describe("ASHA", () => {
  it("puts rungs at minEpochs·η^k below maxEpochs", () => {
    expect(ashaRungs({ minEpochs: 1, reductionFactor: 3, maxEpochs: 9 })).toEqual([1, 3]);
    expect(ashaRungs({ minEpochs: 2, reductionFactor: 2, maxEpochs: 20 })).toEqual([2, 4, 8, 16]);
    expect(nextStop({ minEpochs: 1, reductionFactor: 3, maxEpochs: 9 }, 0)).toBe(1);
    expect(nextStop({ minEpochs: 1, reductionFactor: 3, maxEpochs: 9 }, 1)).toBe(3);
    expect(nextStop({ minEpochs: 1, reductionFactor: 3, maxEpochs: 9 }, 3)).toBe(9);
  });

  it("promotes on a scripted sequence as Optuna's successive halving does", () => {
    // Trials reach rung 1 one after another with these accuracies (η = 3, maximise).
    const arrivals = [0.5, 0.4, 0.6, 0.55, 0.3, 0.7, 0.65, 0.2, 0.9];
    const seen: number[] = [];
    const decisions = arrivals.map((v) => {
      seen.push(v);
      return ashaPromotes(v, seen, 3, "maximize");
    });
    // n<6: only the leader so far is promoted (top ⌊n/3⌋, at least 1); n=6..8: top 2; n=9: top 3.
    expect(decisions).toEqual([true, false, true, false, false, true, true, false, true]);
  });

  it("minimises too, and never promotes NaN", () => {
    expect(ashaPromotes(0.2, [0.5, 0.2, 0.3], 3, "minimize")).toBe(true);
    expect(ashaPromotes(0.3, [0.5, 0.2, 0.3], 3, "minimize")).toBe(false);
    expect(ashaPromotes(Number.NaN, [Number.NaN], 3, "maximize")).toBe(false);
  });
});
