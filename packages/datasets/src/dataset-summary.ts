import { classCounts } from "./class-counts.js";
import { type ImageSet, featuresOf } from "./image-set.js";

/** What the course prints about its loaders: shapes per split, input features, classes, counts per class. */
export interface DatasetSummary {
  /** Shape of each split's data, torchvision style: `[count, h, w]` for grey, `[count, h, w, c]` for colour. */
  shapes: Record<string, number[]>;
  /** Features per sample (`D_in`). */
  inputFeatures: number;
  /** Number of classes (`D_out`). */
  outputClasses: number;
  /** Samples per class in each split. */
  classCounts: Record<string, number[]>;
}

/**
 * Summarise named splits (e.g. `{ train, val }`). Pass `indices` to count a subset (the 160-sample
 * experiment), the same way the course counts what its sampler yields.
 */
export function datasetSummary(
  splits: Record<string, ImageSet>,
  indices: Record<string, ArrayLike<number>> = {},
): DatasetSummary {
  const entries = Object.entries(splits);
  const first = entries[0]?.[1];
  if (first === undefined) throw new RangeError("datasetSummary needs at least one split");
  const summary: DatasetSummary = {
    shapes: {},
    inputFeatures: featuresOf(first),
    outputClasses: first.classNames.length,
    classCounts: {},
  };
  for (const [name, set] of entries) {
    const shape = [set.count, set.height, set.width];
    if (set.channels !== 1) shape.push(set.channels);
    summary.shapes[name] = shape;
    summary.classCounts[name] = classCounts(set.labels, set.classNames.length, indices[name]);
  }
  return summary;
}

/**
 * The course's printout:
 * `Datasets shapes: {'train': [60000, 28, 28], 'val': [10000, 28, 28]}` then
 * `N input features: 784 Output classes: 10`, then per split the course's
 * `Train size= 160  Train label count= {0: 16, ...}`.
 */
export function formatDatasetSummary(summary: DatasetSummary): string {
  const shapes = Object.entries(summary.shapes)
    .map(([name, shape]) => `'${name}': [${shape.join(", ")}]`)
    .join(", ");
  const lines = [
    `Datasets shapes: {${shapes}}`,
    `N input features: ${summary.inputFeatures} Output classes: ${summary.outputClasses}`,
  ];
  for (const [name, counts] of Object.entries(summary.classCounts)) {
    const total = counts.reduce((a, b) => a + b, 0);
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    const byClass = counts.map((c, i) => `${i}: ${c}`).join(", ");
    lines.push(`${title} size= ${total}  ${title} label count= {${byClass}}`);
  }
  return lines.join("\n");
}
