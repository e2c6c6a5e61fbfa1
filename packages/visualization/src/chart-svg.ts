import type { ConfusionMatrix } from "@mlp-lab/metrics";
import { type ConfusionOptions, confusionSpec } from "./confusion-spec.js";
import { type CurvesOptions, curvesSpec } from "./curves-spec.js";
import type { RunHistory } from "./history.js";
import { type PerClassAccuracyOptions, perClassAccuracySpec } from "./per-class-accuracy-spec.js";
import { renderSpecSvg } from "./render-spec.js";

/** Training curves as SVG: `curvesSpec` rendered headless. */
export function curvesSvg(
  runs: RunHistory | readonly RunHistory[],
  options: CurvesOptions = {},
): Promise<string> {
  return renderSpecSvg(curvesSpec(runs, options));
}

/** Confusion-matrix heatmap with counts as SVG: `confusionSpec` rendered headless. */
export function confusionSvg(cm: ConfusionMatrix, options: ConfusionOptions = {}): Promise<string> {
  return renderSpecSvg(confusionSpec(cm, options));
}

/** Per-class accuracy bars as SVG: `perClassAccuracySpec` rendered headless. */
export function perClassAccuracySvg(
  cm: ConfusionMatrix,
  options: PerClassAccuracyOptions = {},
): Promise<string> {
  return renderSpecSvg(perClassAccuracySpec(cm, options));
}
