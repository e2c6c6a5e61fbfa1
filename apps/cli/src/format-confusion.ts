import type { ConfusionMatrix } from "@mlp-lab/metrics";

/** A confusion matrix as text: rows are true classes, columns predicted classes. */
export function formatConfusion(cm: ConfusionMatrix, classNames: readonly string[]): string {
  const n = cm.numClasses;
  const labels = Array.from({ length: n }, (_, i) => (classNames[i] ?? String(i)).slice(0, 10));
  const width = Math.max(
    ...Array.from(cm.counts, (c) => String(c).length),
    ...labels.map((l) => l.length),
    4,
  );
  const labelWidth = Math.max(...labels.map((l) => l.length), "true\\pred".length);
  const lines = [`${"true\\pred".padEnd(labelWidth)}  ${labels.map((l) => l.padStart(width)).join(" ")}`];
  for (let t = 0; t < n; t++) {
    const row = Array.from(cm.counts.subarray(t * n, (t + 1) * n), (c) => String(c).padStart(width));
    lines.push(`${labels[t]!.padEnd(labelWidth)}  ${row.join(" ")}`);
  }
  return lines.join("\n");
}
