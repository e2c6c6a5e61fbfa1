import type { AshaSpec } from "./spec.js";

/**
 * The rung epochs of ASHA: `minEpochs · η^k` below `maxEpochs` (for 1, η = 3, 9: rungs at 1 and 3, and a
 * promoted trial ends at 9). A trial pauses at each rung for a decision.
 */
export function ashaRungs(asha: Pick<AshaSpec, "minEpochs" | "reductionFactor" | "maxEpochs">): number[] {
  const rungs: number[] = [];
  for (let r = asha.minEpochs; r < asha.maxEpochs; r *= asha.reductionFactor) rungs.push(r);
  return rungs;
}

/** The epoch a trial trains to next from `epochsDone`: the next rung, or `maxEpochs`. */
export function nextStop(
  asha: Pick<AshaSpec, "minEpochs" | "reductionFactor" | "maxEpochs">,
  epochsDone: number,
): number {
  return ashaRungs(asha).find((r) => r > epochsDone) ?? asha.maxEpochs;
}

/**
 * Whether a trial that reached a rung with `value` continues, given `competing`: the values of every
 * trial that reached that rung so far, this one included. As Optuna's `SuccessiveHalvingPruner`
 * (asynchronous: no waiting for a full rung): promote when the value is within the best
 * ⌊n/η⌋ (at least the best one, so the first trials to arrive are promoted only if they lead).
 * A non-finite value is never promoted.
 */
export function ashaPromotes(
  value: number,
  competing: readonly number[],
  reductionFactor: number,
  goal: "maximize" | "minimize",
): boolean {
  if (!Number.isFinite(value)) return false;
  const finite = competing.filter(Number.isFinite);
  let index = Math.floor(finite.length / reductionFactor) - 1;
  if (index < 0) index = 0;
  const sorted = [...finite].sort((a, b) => a - b);
  if (goal === "maximize") return value >= sorted[sorted.length - 1 - index]!;
  return value <= sorted[index]!;
}
