import type { TrialParams } from "../search-space.js";

/** What a sampler knows of a trial already proposed. */
export interface Observation {
  params: TrialParams;
  /** `running`/`pending` trials are proposed but have no result yet. */
  state: "pending" | "running" | "completed" | "pruned" | "failed";
  /**
   * The trial's metric so far, oriented so that lower is better (a maximised metric is negated); null
   * when there is none yet or it was not finite.
   */
  loss: number | null;
  /** Epochs the trial trained (pruned trials rank by how far they got). */
  epochs: number;
}

/** Proposes the parameters of the next trial from the ones already proposed. */
export interface Sampler {
  /**
   * Parameters of trial `number` (0-based), or undefined when the space is exhausted (grid).
   * Deterministic for a given seed, number and history.
   */
  propose(number: number, history: readonly Observation[]): TrialParams | undefined;
  /** How many trials the space holds (grid), or undefined when unbounded. */
  readonly size: number | undefined;
}
