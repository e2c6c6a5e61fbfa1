/**
 * `@mlp-lab/sweeps/figures`: a sweep's figures (parallel coordinates, best-so-far) drawn with
 * `@mlp-lab/visualization`, kept out of the main entry so that running a sweep does not load Vega.
 * @packageDocumentation
 */
export { formatParam, sweepAxes, sweepPoints, writeSweepFigures } from "./sweep-figures.js";
