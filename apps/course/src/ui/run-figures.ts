import { decodeCheckpoint } from "@mlp-lab/training";
import { confusionSpec, misclassifiedGridSvg, sampleGridSvg, weightMapsSvg } from "@mlp-lab/visualization";

// The course's figures for a finished run, drawn from its files exactly as the CLI's `mlp plot` draws them:
// sample predictions and misclassified digits from the saved validation samples, the first layer's weights
// from the best checkpoint, and the confusion matrix.

/** The figures of one run. */
export interface RunFigures {
  samples?: string;
  errors?: string;
  weights?: string;
  confusion?: ReturnType<typeof confusionSpec>;
}

interface SampleImages {
  width: number;
  height: number;
  channels: number;
  classNames: string[];
  samples: Array<{ label: number; prediction: number; pixels: number[] }>;
}

const decoder = new TextDecoder();

function json<T>(bytes: Uint8Array | undefined): T | undefined {
  return bytes ? (JSON.parse(decoder.decode(bytes)) as T) : undefined;
}

/** Build the figures from a run's files (path → bytes); missing files just leave their figure out. */
export function runFigures(files: ReadonlyMap<string, Uint8Array>): RunFigures {
  const out: RunFigures = {};
  const samples = json<SampleImages>(files.get("artifacts/sample-images.json"));
  if (samples && samples.samples.length > 0) {
    const per = samples.width * samples.height * samples.channels;
    const pixels = new Uint8Array(samples.samples.length * per);
    samples.samples.forEach((s, i) => pixels.set(s.pixels, i * per));
    const batch = {
      pixels,
      width: samples.width,
      height: samples.height,
      channels: samples.channels as 1 | 3,
    };
    const yTrue = samples.samples.map((s) => s.label);
    const yPred = samples.samples.map((s) => s.prediction);
    const first = Math.min(12, samples.samples.length);
    out.samples = sampleGridSvg(batch, {
      yTrue,
      yPred,
      indices: Array.from({ length: first }, (_, i) => i),
      rows: 2,
      cols: 6,
      classNames: samples.classNames,
      suptitle: "Sample predictions",
    });
    if (yTrue.some((t, i) => t !== yPred[i])) {
      out.errors = misclassifiedGridSvg(batch, {
        yTrue,
        yPred,
        rows: 2,
        cols: 6,
        classNames: samples.classNames,
        suptitle: "Misclassified",
      });
    }
  }
  const model =
    files.get("checkpoints/best/model.safetensors") ?? files.get("checkpoints/last/model.safetensors");
  if (model) {
    const state = decodeCheckpoint({ model }, "model.safetensors").model;
    const weight = state["linears.0.weight"] ?? state["linear1.weight"];
    if (weight && weight.shape.length === 2 && weight.shape[1] === 784) {
      const [units, inputs] = weight.shape as [number, number];
      // weightMapsSvg takes a [inputs, units] kernel; PyTorch's Linear stores [units, inputs].
      const shown = Math.min(units, 16);
      const kernel = new Float32Array(inputs * shown);
      for (let u = 0; u < shown; u++)
        for (let i = 0; i < inputs; i++) kernel[i * shown + u] = weight.data[u * inputs + i]!;
      out.weights = weightMapsSvg(kernel, {
        units: shown,
        width: 28,
        height: 28,
        rows: Math.ceil(shown / 8),
        cols: Math.min(8, shown),
        suptitle: "First-layer weights",
      });
    }
  }
  const confusion = json<{ classNames: string[]; matrix: number[][] }>(
    files.get("artifacts/confusion-matrix.json"),
  );
  if (confusion) {
    const n = confusion.matrix.length;
    out.confusion = confusionSpec(
      { numClasses: n, counts: Int32Array.from(confusion.matrix.flat()) },
      { classNames: confusion.classNames, title: "Confusion matrix (validation)" },
    );
  }
  return out;
}
