import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { RunFigureName as FigureName } from "@mlp-lab/visualization/runs";
import type { Command } from "commander";
import { UsageError } from "../cli-error.js";
import { Output } from "../output.js";
import { choice, runsDirOption } from "../parse-flags.js";

/** Figures `--figure` takes (visualization's RUN_FIGURES, spelled here so help loads no vega). */
const FIGURES = [
  "curves",
  "samples",
  "errors",
  "weights",
  "confusion",
] as const satisfies readonly FigureName[];

interface PlotFlags {
  figure: FigureName;
  format: "svg" | "png";
  out?: string;
  runsDir: string;
  dataDir?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Register `mlp plot`. */
export function registerPlot(program: Command): void {
  program
    .command("plot")
    .description("draw a figure of a run as SVG or PNG: curves, samples, errors, weights, confusion")
    .argument("<runs...>", "run id, unique id prefix, run folder, or latest (several for overlaid curves)")
    .addOption(runsDirOption())
    .option("--figure <name>", FIGURES.join(", "), choice("--figure", FIGURES), "curves")
    .option("--format <format>", "svg or png", choice("--format", ["svg", "png"] as const), "svg")
    .option("--out <file>", "file to write (default <run>/artifacts/<figure>.<format>; - for stdout)")
    .option("--data-dir <dir>", "read the data set from this folder first (samples, errors, weights)")
    .option("--json", "print the written path as JSON")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText(
      "after",
      `
Figures (the course's):
  curves     train and val loss and accuracy per epoch
  samples    3x4 validation images titled "True: y Pred: p"
  errors     3x4 misclassified validation images
  weights    first-layer weights: 4x4 hidden-unit maps (MLP) or class coefficient maps (softmax)
  confusion  confusion-matrix heatmap with counts

Examples:
  $ mlp plot 20261127-1420                              # curves as SVG in the run's artifacts
  $ mlp plot 20261127-1420 --figure errors --format png --out errors.png
  $ mlp plot 20261127-1420 --figure confusion --out - > cm.svg
  $ mlp plot 20261127-1420 20261127-1433 --out both.png --format png   # overlaid curves`,
    )
    .action(async (args: string[], flags: PlotFlags) => {
      const out = new Output(flags);
      const [{ experimentConfigOf, loadExperimentData }, { checkpointPath, readRun, writeFileAtomic }] =
        await Promise.all([import("@mlp-lab/experiments"), import("@mlp-lab/runs")]);
      const [{ loadCheckpoint }, { figureBytes }, { overlayCurvesSvg, runFigureSvg }, { resolveRun }] =
        await Promise.all([
          import("@mlp-lab/training/node"),
          import("@mlp-lab/visualization/png"),
          import("@mlp-lab/visualization/runs"),
          import("../resolve-run.js"),
        ]);
      const refs = await Promise.all(args.map((a) => resolveRun(a, flags.runsDir)));
      const ref = refs[0]!;
      if (refs.length > 1 && flags.figure !== "curves") {
        throw new UsageError(`--figure ${flags.figure} draws one run; only curves overlays several`);
      }
      const record = await readRun(ref.runsDir, ref.id);
      const records = await Promise.all(refs.map((r) => readRun(r.runsDir, r.id)));
      const svg =
        refs.length > 1
          ? await overlayCurvesSvg(ref.runsDir, records, "Training curves of several runs")
          : await runFigureSvg(flags.figure, {
              runsDir: ref.runsDir,
              record,
              valSet: async () => {
                const config = experimentConfigOf(record);
                if (flags.dataDir) config.data.dir = flags.dataDir;
                return (await loadExperimentData(config, (m) => out.warn(m))).val;
              },
              weights: async () => (await loadCheckpoint(checkpointPath(ref.runsDir, ref.id, "best"))).model,
            });
      const bytes = figureBytes(svg, flags.format);
      if (flags.out === "-") {
        process.stdout.write(bytes);
        return;
      }
      const path =
        flags.out ??
        (refs.length > 1
          ? `curves.${flags.format}`
          : `${ref.runsDir}/${ref.id}/artifacts/${flags.figure}.${flags.format}`);
      await mkdir(dirname(path), { recursive: true });
      // Written beside the target then renamed, so a viewer never reads half a figure.
      writeFileAtomic(path, bytes);
      out.result({ runs: refs.map((r) => r.id), figure: flags.figure, format: flags.format, path });
      out.line(path);
    });
}
