/**
 * What {@link summary} reads from a model: `Module` has all of it. Declared here rather than
 * importing `Module`, so `module.ts` can use `summary` without an import cycle.
 */
export interface Summarizable {
  /** Every descendant with its dotted name, depth first. */
  namedModules(): Array<[string, Summarizable]>;
  /** Direct children with their names. */
  namedChildren(): Array<[string, Summarizable]>;
  /** Parameters the module holds, with their names (only `size` is read). */
  namedParameters(): Array<[string, { size: number }]>;
  /** Output shape for an input shape. */
  outputShape(inputShape: readonly number[]): number[];
  /** Total number of trainable values. */
  parameterCount(): number;
}

/** One row of a model summary. */
export interface SummaryRow {
  /** Dotted name of the layer, e.g. `linears.0`. */
  name: string;
  /** Class name, e.g. `Linear`. */
  type: string;
  /** Output shape, -1 for the batch dimension. */
  outputShape: number[];
  /** Parameters the layer holds itself. */
  params: number;
}

/** A model summary: rows and totals. */
export interface ModelSummary {
  /** Layers with parameters, in order. */
  rows: SummaryRow[];
  /** Every parameter. */
  totalParams: number;
  /** Trainable parameters (all of them here). */
  trainableParams: number;
  /** The table as text, Keras' `model.summary()` style. */
  text: string;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + " ".repeat(n - s.length);
}

/**
 * Describe a model like Keras' `summary()`: one line per layer with parameters (name and type,
 * output shape, parameter count), then the totals. `inputShape` defaults to `[-1, <first layer in>]`.
 */
export function summary(model: Summarizable, inputShape?: readonly number[]): ModelSummary {
  const leaves = model.namedModules().filter(([, m]) => m.namedChildren().length === 0);
  let shape: number[] = inputShape ? [...inputShape] : [-1];
  const rows: SummaryRow[] = [];
  for (const [name, layer] of leaves) {
    shape = layer.outputShape(shape);
    const params = layer.namedParameters().reduce((n, [, p]) => n + p.size, 0);
    rows.push({ name, type: layer.constructor.name, outputShape: shape, params });
  }
  const total = model.parameterCount();
  const header = ["Layer (type)", "Output Shape", "Param #"] as const;
  const cells = rows.map((r) => [
    `${r.name} (${r.type})`,
    `[${r.outputShape.join(", ")}]`,
    r.params.toLocaleString("en-US"),
  ]);
  const w0 = Math.max(header[0].length, ...cells.map((c) => c[0]!.length)) + 2;
  const w1 = Math.max(header[1].length, ...cells.map((c) => c[1]!.length)) + 2;
  const w2 = Math.max(header[2].length, ...cells.map((c) => c[2]!.length));
  const width = w0 + w1 + w2;
  const lines = [
    `Model: "${model.constructor.name}"`,
    "_".repeat(width),
    pad(header[0], w0) + pad(header[1], w1) + header[2],
    "=".repeat(width),
  ];
  cells.forEach((c, i) => {
    lines.push(pad(c[0]!, w0) + pad(c[1]!, w1) + c[2]!.padStart(w2));
    lines.push(i === cells.length - 1 ? "=".repeat(width) : "_".repeat(width));
  });
  lines.push(`Total params: ${total.toLocaleString("en-US")}`);
  lines.push(`Trainable params: ${total.toLocaleString("en-US")}`);
  lines.push("Non-trainable params: 0");
  return { rows, totalParams: total, trainableParams: total, text: lines.join("\n") };
}
