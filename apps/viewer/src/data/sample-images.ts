import type { ImageBatch } from "@mlp-lab/visualization";
import { z } from "zod";
import { ArtifactFormatError } from "./confusion-from-artifact.js";

/**
 * File name of the artifact with a few validation images and their predictions. The run store does not
 * ship the data set, so the galleries show only what the trainer saved here.
 */
export const SAMPLE_IMAGES_ARTIFACT = "sample-images.json";

/**
 * `sample-images.json`: `{ split, width, height, channels, classNames?, samples: [{ index, label, prediction,
 * pixels }] }`, pixels 0..255 row-major (`[height, width, channels]`). Trainers should put some correct
 * predictions first and every misclassified sample they can afford after them.
 */
export const SampleImagesArtifactSchema = z
  .looseObject({
    split: z.string().optional(),
    width: z.int().positive(),
    height: z.int().positive(),
    channels: z.union([z.literal(1), z.literal(3)]).default(1),
    classNames: z.array(z.string()).optional(),
    samples: z.array(
      z.looseObject({
        index: z.int().nonnegative(),
        label: z.int().nonnegative(),
        prediction: z.int().nonnegative(),
        pixels: z.array(z.number().min(0).max(255)),
      }),
    ),
  })
  .refine(
    (a) => a.samples.every((s) => s.pixels.length === a.width * a.height * a.channels),
    "a sample has the wrong number of pixels for width x height x channels",
  );

/** Parsed `sample-images.json`. */
export type SampleImagesArtifact = z.infer<typeof SampleImagesArtifactSchema>;

/** Images with their labels, ready for `sampleGridSvg` / `misclassifiedGridSvg`. */
export interface LabelledBatch {
  batch: ImageBatch;
  yTrue: number[];
  yPred: number[];
  indices: number[];
  classNames: string[] | undefined;
}

/** Validate the artifact and lay its images out as one batch. */
export function sampleBatch(json: unknown): LabelledBatch {
  const parsed = SampleImagesArtifactSchema.safeParse(json);
  if (!parsed.success)
    throw new ArtifactFormatError(SAMPLE_IMAGES_ARTIFACT, parsed.error.issues[0]?.message ?? "invalid");
  const { width, height, channels, samples, classNames } = parsed.data;
  const per = width * height * channels;
  const pixels = new Uint8Array(samples.length * per);
  samples.forEach((s, i) => pixels.set(s.pixels, i * per));
  return {
    batch: { pixels, width, height, channels },
    yTrue: samples.map((s) => s.label),
    yPred: samples.map((s) => s.prediction),
    indices: samples.map((s) => s.index),
    classNames,
  };
}
