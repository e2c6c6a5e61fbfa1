import { availableParallelism } from "node:os";

/**
 * Whether augmented batches are written on the prefetch worker (`@mlp-lab/datasets/node`) rather than on the
 * training thread. The worker only pays where a core is left over for it: with as many step threads as
 * cores, it competes with the step instead. `MLP_PREFETCH=1` forces the worker, `MLP_PREFETCH=0` inline;
 * the batches are the same either way.
 * @param stepThreads threads the training step uses (the backend's).
 * @param cores cores available to this process.
 */
export function usePrefetchWorker(
  stepThreads: number,
  cores: number = availableParallelism(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const forced = env.MLP_PREFETCH;
  if (forced === "0" || forced === "1") return forced === "1";
  return cores > Math.max(1, stepThreads);
}
