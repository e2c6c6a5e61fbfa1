import type { RunConfig } from "@mlp-lab/runs/schema";
import { z } from "zod";
import { MNIST_MEAN, MNIST_STD } from "./mnist-preprocess.js";

/** How a drawing's ink in [0, 1] becomes a model input: `(x - mean) / std`. */
export interface InputNormalization {
  mean: number;
  std: number;
  /** `run`: read from the run's `config.normalize`; `mnist`: MNIST's values, the fallback. */
  from: "run" | "mnist";
  /** Why the fallback was used, for the page's note (absent when read from the run). */
  reason?: string;
}

/** One statistic: a number or a one-channel list (`mlp train` records the registry's per-channel lists). */
const Channel = z
  .union([z.number(), z.array(z.number()).length(1)])
  .transform((v) => (Array.isArray(v) ? v[0]! : v));

/** `config.normalize` as `mlp train` writes it: `{ mean: [0.286], std: [0.353] }`. */
const NormalizeSchema = z.object({
  mean: Channel.refine(Number.isFinite, "mean must be finite"),
  std: Channel.refine((s) => Number.isFinite(s) && s > 0, "std must be a positive number"),
});

/**
 * The normalisation of the run's training inputs, so Try it feeds its drawing to the model the way the
 * model saw its data (Fashion-MNIST's mean 0.286 / std 0.353 differ from MNIST's). Runs written before
 * `config.normalize` was recorded, or with a statistic that is not one grayscale channel, fall back to
 * MNIST's 0.1307 / 0.3081, with the reason.
 */
export function normalizationOf(
  config: Pick<RunConfig, "dataset"> & { normalize?: unknown },
): InputNormalization {
  const fallback = (reason: string): InputNormalization => ({
    mean: MNIST_MEAN,
    std: MNIST_STD,
    from: "mnist",
    reason,
  });
  if (config.normalize === undefined) return fallback("this run recorded no normalisation (older run)");
  const parsed = NormalizeSchema.safeParse(config.normalize);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `config.normalize.${issue.path.join(".")}` : "config.normalize";
    return fallback(`${where} is not usable for one grayscale channel: ${issue?.message ?? "invalid"}`);
  }
  return { mean: parsed.data.mean, std: parsed.data.std, from: "run" };
}
