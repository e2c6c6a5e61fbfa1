import { join } from "node:path";
import { writeFileAtomic } from "@mlp-lab/runs";
import {
  type SweepAxis,
  type SweepTrialPoint,
  sweepBestSoFarSvg,
  sweepParallelCoordinatesSvg,
} from "@mlp-lab/visualization";
import { figureBytes } from "@mlp-lab/visualization/png";
import { specOf } from "../controller.js";
import type { SweepSpec } from "../spec.js";
import type { SweepRecord, TrialRecord } from "../sweep-record.js";
import { sweepDir } from "../sweep-store.js";

/** A parameter value for a table cell or an axis tick: layer lists as `512,256`, numbers to 4 significant digits. */
export function formatParam(value: unknown): string {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}

/** One axis per searched parameter: categorical for value lists, log or linear for ranges. */
export function sweepAxes(spec: SweepSpec): SweepAxis[] {
  return Object.entries(spec.parameters).map(([name, p]) =>
    "values" in p
      ? { name, scale: "categorical" as const, categories: p.values.map(formatParam) }
      : { name, scale: p.distribution === "log_uniform" ? ("log" as const) : ("linear" as const) },
  );
}

/** The trials that have started or have a value, as figure points (non-numeric values as their label). */
export function sweepPoints(trials: readonly TrialRecord[]): SweepTrialPoint[] {
  return trials
    .filter((t) => t.state !== "pending" || t.value !== null)
    .map((t) => ({
      trial: t.number,
      params: Object.fromEntries(
        Object.entries(t.params).map(([k, v]) => [k, typeof v === "number" ? v : formatParam(v)]),
      ),
      value: t.value,
      state: t.state,
    }));
}

/**
 * Draw a sweep's figures (parallel coordinates of its parameters against the metric, best-so-far) as SVG
 * and PNG into its folder `<runsDir>/.sweeps/<id>/`, each written to a temporary name and renamed.
 * @returns the paths written; none while no trial has started.
 */
export async function writeSweepFigures(runsDir: string, record: SweepRecord): Promise<string[]> {
  const spec = specOf(record);
  const points = sweepPoints(record.trials);
  if (points.length === 0) return [];
  const figures: Array<[string, string]> = [
    [
      "parallel-coordinates",
      await sweepParallelCoordinatesSvg(points, {
        axes: sweepAxes(spec),
        metric: spec.metric.name,
        title: `${record.name}: parameters against ${spec.metric.name}`,
      }),
    ],
    [
      "best-so-far",
      await sweepBestSoFarSvg(points, {
        metric: spec.metric.name,
        goal: spec.metric.goal,
        title: `${record.name}: best ${spec.metric.name} so far`,
      }),
    ],
  ];
  const dir = sweepDir(runsDir, record.id);
  const paths: string[] = [];
  for (const [name, svg] of figures) {
    for (const format of ["svg", "png"] as const) {
      const path = join(dir, `${name}.${format}`);
      writeFileAtomic(path, figureBytes(svg, format));
      paths.push(path);
    }
  }
  return paths;
}
