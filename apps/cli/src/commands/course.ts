import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  type ImageSet,
  datasetSummary,
  formatDatasetSummary,
  loadImageSet,
  subsetImageSet,
} from "@mlp-lab/datasets";
import {
  COURSE_SECTIONS,
  type CourseSection,
  type ExperimentConfig,
  type ExperimentResult,
  courseFigure,
  experimentConfigOf,
  loadExperimentData,
  parseExperimentConfig,
} from "@mlp-lab/experiments";
import { checkpointPath, readRun, writeFileAtomic } from "@mlp-lab/runs";
import { loadCheckpoint } from "@mlp-lab/training/node";
import {
  type ReportSection,
  courseReportHtml,
  courseReportMarkdown,
  sampleGridSvg,
} from "@mlp-lab/visualization";
import type { Command } from "commander";
import { EXIT } from "../cli-error.js";
import { explainError } from "../explain-error.js";
import { Output } from "../output.js";
import { runsDirOption } from "../parse-flags.js";
import { type FigureName, batchOf, runFigureSvg } from "../run-figures.js";
import {
  type CourseComparison,
  type SklearnReplay,
  replayLogisticRegression,
  replayMlpClassifier,
} from "../sklearn-replay.js";
import { formatTable, percent } from "../table.js";
import { runTraining } from "../train-run.js";

interface CourseFlags {
  quick?: boolean;
  sklearn?: boolean;
  lbfgs?: boolean;
  runsDir: string;
  out: string;
  dataDir?: string;
  backend: string;
  only?: string;
  json?: boolean;
  quiet?: boolean;
}

/** One section in the `--json` document: what ran, how long it took, the course's numbers and ours. */
interface SectionResult {
  id: string;
  title: string;
  status: "completed" | "skipped" | "failed" | "interrupted";
  /** Why it was skipped or failed. */
  reason?: string;
  /** Wall-clock seconds of the whole section: training, figures and the scikit-learn replay. */
  seconds: number;
  runId?: string;
  comparisons: CourseComparison[];
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  writeFileAtomic(path, data);
}

/** Register `mlp course`. */
export function registerCourse(program: Command): void {
  program
    .command("course")
    .description(
      "replay the course section by section: one run per experiment, then an HTML and Markdown report",
    )
    .option("--quick", "a short version: fewer samples and epochs (a minute or two on two cores)")
    .option(
      "--no-sklearn",
      "skip the scikit-learn cells (LogisticRegression, MLPClassifier) replayed with @mlp-lab/estimators",
    )
    .option(
      "--lbfgs",
      "also fit the LogisticRegression with scikit-learn's default solver, L-BFGS (no course figure; minutes at full scale)",
    )
    .addOption(runsDirOption())
    .option("--out <dir>", "folder of the report (report.html, report.md, figures/)", "course-report")
    .option("--data-dir <dir>", "read the data sets from this folder first")
    .option("--backend <name>", "tensor backend (env MLP_BACKEND)", process.env.MLP_BACKEND || "auto")
    .option(
      "--only <ids>",
      `run only these sections (comma-separated): ${COURSE_SECTIONS.map((s) => s.id).join(", ")}`,
    )
    .option(
      "--json",
      "print the report paths, the runs and per section its seconds and the course's numbers beside ours as JSON",
    )
    .option("-q, --quiet", "print nothing but warnings and errors")
    .addHelpText(
      "after",
      `
Sections: the MNIST data, the linear (softmax) classifier and its coefficient maps, scikit-learn's
MLP and its weight maps, the TwoLayerMLP with predictions and errors, 10 more epochs from its
checkpoint, the 512-256-128-64 MLP, the 160-sample experiment with SGD and Adam, and CIFAR-10
(when its data is found). Each number of the course is reported beside ours.

Examples:
  $ mlp course --quick                       # about a minute; report in ./course-report
  $ mlp course --out docs/course --runs-dir runs/course
  $ mlp course --only twolayer,resume`,
    )
    .action(async (flags: CourseFlags) => {
      const out = new Output(flags);
      const wanted = flags.only?.split(",").map((s) => s.trim());
      const sections: ReportSection[] = [];
      const runs: Record<string, ExperimentResult> = {};
      const results: SectionResult[] = [];

      // The data first, as the course shows it.
      const mnistOpts = {
        ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
        onWarning: (m: string) => out.warn(m),
      };
      const [train, val] = await Promise.all([
        loadImageSet("mnist", "train", mnistOpts),
        loadImageSet("mnist", "test", mnistOpts),
      ]);
      const summary = formatDatasetSummary(datasetSummary({ train, val }));
      out.line(summary);
      sections.push({
        title: "Dataset: MNIST handwritten digit recognition",
        text: `Read from ${train.source}.\n\n${summary}`,
        comparisons: [
          {
            label: "Datasets shapes",
            course: "{'train': [60000, 28, 28], 'val': [10000, 28, 28]}",
            ours: summary.split("\n")[0]!.replace("Datasets shapes: ", ""),
          },
          {
            label: "N input features, output classes",
            course: "784, 10",
            ours: `${train.width * train.height}, ${train.classNames.length}`,
          },
        ],
        figures: [
          {
            id: "mnist-samples",
            caption: "The first six training images with their labels.",
            svg: sampleGridSvg(batchOf(train), { yTrue: train.labels, rows: 2, cols: 3 }),
            courseFigure: "dl_mlp_mnist_pytorch_8_0.png",
          },
        ],
      });

      // The course's scikit-learn cells, replayed with @mlp-lab/estimators on standardised pixels.
      const replaySklearn = (kind: CourseSection["sklearn"]): SklearnReplay | undefined => {
        if (!kind || flags.sklearn === false) return undefined;
        out.line(`-- the course's scikit-learn cell (${kind}), with @mlp-lab/estimators --`);
        const quick = (set: ImageSet, n: number) =>
          subsetImageSet(
            set,
            Int32Array.from({ length: Math.min(n, set.count) }, (_, i) => i),
          );
        const [tr, te] = flags.quick ? [quick(train, 6000), quick(val, 2000)] : [train, val];
        try {
          const r =
            kind === "logistic-regression"
              ? replayLogisticRegression(tr, te, { lbfgs: flags.lbfgs === true })
              : replayMlpClassifier(tr, te, flags.quick ? 2 : 5);
          for (const line of r.lines) out.line(line);
          return r;
        } catch (error) {
          out.warn(`the scikit-learn replay (${kind}) failed: ${explainError(error).message}`);
          return undefined;
        }
      };

      for (const section of COURSE_SECTIONS) {
        if (wanted && !wanted.includes(section.id)) continue;
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        const base = { id: section.id, title: section.title };
        out.line();
        out.line(`== ${section.title} ==`);
        // With --json the lines above are silent; this keeps a long run from looking stuck.
        if (out.json) out.note(`== ${section.title} ==`);
        const skip = (reason: string, text: string) => {
          results.push({ ...base, status: "skipped", reason, seconds: seconds(), comparisons: [] });
          sections.push({ title: section.title, text: `${section.text}\n\nSkipped: ${text}` });
        };
        if (section.needs && !(await available(section.needs, flags.dataDir))) {
          out.note(`skipped: ${section.needs} not found locally (mlp datasets download ${section.needs})`);
          skip(
            `${section.needs} not found locally (pass --data-dir or run mlp datasets download ${section.needs})`,
            `the ${section.needs} data set was not found on this machine (run mlp datasets download ${section.needs}, then mlp course again).`,
          );
          continue;
        }
        const run = flags.quick ? section.quick : section.full;
        const resumeOf = "resumeOf" in run ? runs[run.resumeOf] : undefined;
        if ("resumeOf" in run && !resumeOf) {
          const why = `it continues the "${run.resumeOf}" section, which did not run`;
          skip(why, `${why}.`);
          continue;
        }
        let result: ExperimentResult;
        let config: ExperimentConfig | undefined;
        try {
          const backend = flags.backend as ExperimentConfig["backend"];
          if ("resumeOf" in run) {
            const options = {
              epochs: run.epochs,
              logInterval: run.logInterval,
              backend,
              ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
            };
            result = await runTraining({
              out,
              resume: { runsDir: flags.runsDir, id: resumeOf!.runId },
              options,
            });
          } else {
            config = parseExperimentConfig({
              ...run.config,
              backend,
              data: { ...run.config.data, ...(flags.dataDir ? { dir: flags.dataDir } : {}) },
            });
            result = await runTraining({
              out,
              config,
              runsDir: flags.runsDir,
              name: `course-${section.id}${flags.quick ? "-quick" : ""}`,
              tags: ["course", section.id],
            });
          }
        } catch (error) {
          // One failed experiment (a missing optimizer, a diverged loss) should not lose the report.
          const { message } = explainError(error);
          out.warn(`section ${section.id} failed: ${message}`);
          sections.push({ title: section.title, text: `${section.text}\n\nFailed: ${message}` });
          results.push({ ...base, status: "failed", reason: message, seconds: seconds(), comparisons: [] });
          process.exitCode = EXIT.failure;
          continue;
        }
        runs[section.id] = result;
        if (result.status === "interrupted") {
          results.push({
            ...base,
            status: "interrupted",
            seconds: seconds(),
            runId: result.runId,
            comparisons: [],
          });
          process.exitCode = EXIT.interrupted;
          break;
        }
        const record = await readRun(flags.runsDir, result.runId);
        const figures = [];
        for (const figure of section.figures) {
          const svg = await runFigureSvg(figure.figure as FigureName, {
            runsDir: flags.runsDir,
            record,
            valSet: async () =>
              (await loadExperimentData(config ?? experimentConfigOf(record), (m) => out.warn(m))).val,
            weights: async () =>
              (await loadCheckpoint(checkpointPath(flags.runsDir, result.runId, "best"))).model,
          });
          figures.push({
            id: `${section.id}-${figure.figure}`,
            caption: figure.caption,
            svg,
            ...(figure.courseFigure ? { courseFigure: figure.courseFigure } : {}),
          });
        }
        const replay = replaySklearn(section.sklearn);
        const comparisons: CourseComparison[] = section.numbers
          .map((n): CourseComparison => {
            const figure = courseFigure(n.ours, result);
            const value = n.courseValue === undefined ? undefined : figure.value;
            return {
              label: n.label,
              course: n.course,
              ours: figure.text,
              ...(flags.quick
                ? { note: "--quick: fewer samples and epochs than the course" }
                : n.note
                  ? { note: n.note }
                  : {}),
              ...(n.courseValue === undefined ? {} : { courseValue: n.courseValue }),
              ...(value === undefined ? {} : { oursValue: value }),
              ...(n.tolerance === undefined ? {} : { tolerance: n.tolerance }),
            };
          })
          .concat(replay?.comparisons ?? []);
        sections.push({
          title: section.title,
          text: `${section.text}\n\nRun ${result.runId}: ${"resumeOf" in run ? `mlp train --resume ${resumeOf!.runId} --epochs ${run.epochs}` : `experiment ${JSON.stringify(run.config)}`}.`,
          // The report shows the printed strings only; the numbers are for --json.
          comparisons: comparisons.map(({ label, course, ours, note }) => ({
            label,
            course,
            ours,
            ...(note === undefined ? {} : { note }),
          })),
          figures: [...figures, ...(replay?.figures ?? [])],
        });
        results.push({
          ...base,
          status: "completed",
          seconds: seconds(),
          runId: result.runId,
          comparisons,
        });
      }

      const report = {
        title: `Multilayer Perceptron (MLP): the course replayed with mlp-lab${flags.quick ? " (quick version)" : ""}`,
        intro: `Each section trains what the course trains (PyTorch and scikit-learn there, TensorFlow.js here) and writes a run in ${resolve(flags.runsDir)}. The course's numbers are beside ours; a different framework, initial weights and shuffling make them close, not equal.`,
        sections,
      };
      const html = courseReportHtml(report);
      const md = courseReportMarkdown(report, { figureDir: "figures", figureExtension: "svg" });
      await writeAtomic(join(flags.out, "report.html"), html);
      await writeAtomic(join(flags.out, "report.md"), md.markdown);
      for (const f of md.figures) await writeAtomic(join(flags.out, f.path), f.svg);
      out.line();
      out.line("The course's numbers and ours");
      out.line(
        formatTable(
          [{ header: "section" }, { header: "quantity" }, { header: "course" }, { header: "ours" }],
          sections.flatMap((sec) =>
            (sec.comparisons ?? []).map((c) => [sec.title.slice(0, 40), c.label, c.course, c.ours]),
          ),
        ),
      );
      out.line();
      out.line(
        `Report: ${join(flags.out, "report.html")} and ${join(flags.out, "report.md")} (${md.figures.length} figures)`,
      );
      out.result({
        report: { html: join(flags.out, "report.html"), markdown: join(flags.out, "report.md") },
        runs,
        sections: results,
      });
    });
}

async function available(dataset: "cifar10", dataDir: string | undefined): Promise<boolean> {
  try {
    await loadImageSet(dataset, "test", { download: false, ...(dataDir ? { dataDir } : {}) });
    return true;
  } catch {
    return false;
  }
}
