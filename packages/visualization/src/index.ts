export { type ConfusionOptions, confusionSpec } from "./confusion-spec.js";
export { type CurveMetric, type CurvesOptions, curvesSpec } from "./curves-spec.js";
export { type PerClassAccuracyOptions, perClassAccuracySpec } from "./per-class-accuracy-spec.js";
export { renderSpecSvg } from "./render-spec.js";
export { confusionSvg, curvesSvg, perClassAccuracySvg } from "./chart-svg.js";
export { type EpochRecord, type HistoryRow, type Phase, type RunHistory, historyRows } from "./history.js";
export { type SampleGridOptions, sampleGridSvg } from "./sample-grid.js";
export { type MisclassifiedGridOptions, misclassifiedGridSvg } from "./misclassified-grid.js";
export { type CoefficientMapsOptions, coefficientMapsSvg } from "./coefficient-maps.js";
export { type WeightMapsOptions, weightMapsSvg } from "./weight-maps.js";
export { type GridCell, type GridLayout, imageGridSvg } from "./image-grid.js";
export type { ImageBatch } from "./image-batch.js";
export { type ColorScale, type ImageInput, colorizeScalar, rgbRaster, toRaster } from "./image-tile.js";
export { type Colormap, RdBu, colormapIndex, gray } from "./colormap.js";
export { type RasterImage, encodePng, pngDataUri } from "./png-encode.js";
export { type VisualizationErrorCode, VisualizationError } from "./errors.js";
export type { CourseReport, NumberComparison, ReportFigure, ReportSection } from "./course-report-types.js";
export { courseReportHtml } from "./course-report-html.js";
export {
  type MarkdownReport,
  type MarkdownReportOptions,
  courseReportMarkdown,
} from "./course-report-markdown.js";
export { CIFAR10_CLASSES, FASHION_MNIST_CLASSES } from "./class-names.js";
export {
  type SweepAxis,
  type SweepParallelCoordinatesOptions,
  type SweepTrialPoint,
  sweepParallelCoordinatesSpec,
  sweepParallelCoordinatesSvg,
} from "./sweep-parallel-coordinates.js";
export { type SweepBestSoFarOptions, sweepBestSoFarSpec, sweepBestSoFarSvg } from "./sweep-best-so-far.js";
