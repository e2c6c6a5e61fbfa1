import { useBackend, useHostReadableBackend } from "@mlp-lab/backend";
import { imagesToFloat } from "@mlp-lab/datasets";
import { type CheckpointKind, readRun } from "@mlp-lab/runs";
import { modelProbabilities } from "./evaluate-model.js";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";
import { type RunLocation, experimentConfigOf, locateRun } from "./run-experiment.js";
import { loadRunModel } from "./run-model.js";

/** Options of {@link predictRun}. */
export interface PredictRunOptions {
  /** Which checkpoint (default `best`). */
  checkpoint?: CheckpointKind;
  /** Tensor backend (default the run's). */
  backend?: ExperimentConfig["backend"];
  /**
   * `raw` (default): each image is pixel values 0-255 in the data set's layout (height × width × channels),
   * scaled, normalised and laid out here exactly as the training loader does. `normalized`: already normalised model inputs.
   */
  input?: "raw" | "normalized";
}

/** One image's prediction. */
export interface Prediction {
  /** Most probable class. */
  label: number;
  /** Its name. */
  name: string;
  /** Its probability. */
  probability: number;
  /** Every class's probability, by label. */
  probabilities: number[];
}

/**
 * Predict the class of each image with a run's checkpoint. Images are the data set's size (28×28 grey for
 * MNIST); see `input` for their scale.
 * @throws ExperimentError `BAD_DATA` naming the first image of the wrong size.
 */
export async function predictRun(
  run: RunLocation,
  images: ReadonlyArray<ArrayLike<number>>,
  options: PredictRunOptions = {},
): Promise<{ classNames: string[]; predictions: Prediction[] }> {
  const where = locateRun(run);
  await useBackend(options.backend ?? experimentConfigOf(await readRun(where.runsDir, where.id)).backend);
  // Evaluation reads tensors synchronously: on webgpu (asynchronous reads only) continue on a CPU backend.
  await useHostReadableBackend();
  const loaded = await loadRunModel(where, options.checkpoint ?? "best");
  try {
    const { info, normalize } = loaded;
    const [height, width, channels] = [info.height, info.width, info.channels];
    const features = height * width * channels;
    const bytes = new Uint8Array(images.length * features);
    const x = new Float32Array(images.length * features);
    images.forEach((image, i) => {
      if (image.length !== features)
        throw new ExperimentError(
          "BAD_DATA",
          `image ${i} has ${image.length} values but the model takes ${height}x${width}x${channels} = ${features}`,
        );
      for (let j = 0; j < features; j++) {
        if (options.input === "normalized") x[i * features + j] = image[j]!;
        else bytes[i * features + j] = Math.max(0, Math.min(255, Math.round(image[j]!)));
      }
    });
    if (options.input !== "normalized") {
      // The training loader's own conversion: scale, normalise, and the model's layout (CHW for colour).
      const set = {
        name: loaded.config.dataset,
        split: "test" as const,
        source: "predictRun",
        images: bytes,
        labels: new Uint8Array(images.length),
        count: images.length,
        height,
        width,
        channels,
        classNames: info.classNames,
      };
      x.set(imagesToFloat(set, { normalize }));
    }
    const classNames = [...info.classNames];
    const probs = modelProbabilities(loaded.model, x, images.length, classNames.length);
    const predictions = images.map((_, i) => {
      const p = Array.from(probs.subarray(i * classNames.length, (i + 1) * classNames.length));
      const label = p.indexOf(Math.max(...p));
      return { label, name: classNames[label] ?? String(label), probability: p[label]!, probabilities: p };
    });
    return { classNames, predictions };
  } finally {
    loaded.model.dispose();
  }
}
