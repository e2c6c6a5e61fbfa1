import { resolve } from "node:path";
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
  type ExperimentEvent,
  type ExperimentResult,
  experimentConfigOf,
  loadExperimentData,
  parseExperimentConfig,
  resumeExperiment,
  runExperiment,
} from "@mlp-lab/experiments";
import { checkpointPath, readRun } from "@mlp-lab/runs";
import { loadCheckpoint } from "@mlp-lab/training/node";
import type { CourseReport, ReportFigure, ReportSection } from "@mlp-lab/visualization";
import { sampleGridSvg } from "@mlp-lab/visualization";
import { imageBatchOf, runFigureSvg } from "@mlp-lab/visualization/runs";
import { type CourseComparison, sectionComparisons } from "./course-comparison.js";
import type { CourseEvent, CourseSectionResult } from "./course-events.js";
import { type SklearnReplay, replayLogisticRegression, replayMlpClassifier } from "./sklearn-replay.js";
import { type CourseReportFiles, writeCourseReport } from "./write-course-report.js";

/** What {@link runCourse} replays and where it writes. */
export interface RunCourseOptions {
  /** Run store folder: one run per section. */
  runsDir: string;
  /** Folder of the report (`report.html`, `report.md`, `figures/`). */
  outDir: string;
  /** The short version: fewer samples and epochs. */
  quick?: boolean;
  /** Replay the scikit-learn cells with `@mlp-lab/estimators` (default true). */
  sklearn?: boolean;
  /** Also fit LogisticRegression with L-BFGS, scikit-learn's default solver (minutes at full scale). */
  lbfgs?: boolean;
  /** Read the data sets from this folder first. */
  dataDir?: string;
  /** Tensor backend of every run. */
  backend?: ExperimentConfig["backend"];
  /** Only these section ids (see `COURSE_SECTIONS`). */
  only?: readonly string[];
  /** Stops the running section at its next batch; the course ends there, its report still written. */
  signal?: AbortSignal;
  /** Progress, in order. */
  onEvent?: (event: CourseEvent) => void;
  /** Package versions recorded in each run's `run.json`. */
  packages?: Record<string, string>;
  /** The message of a section's failure for the report (default: the error's message). */
  describeError?: (error: unknown) => string;
}

/** What {@link runCourse} did. */
export interface CourseResult {
  /** The report written, and the document it was made from. */
  report: CourseReportFiles & { content: CourseReport };
  /** Each trained section's run, by section id. */
  runs: Record<string, ExperimentResult>;
  /** Every section considered, in order. */
  sections: CourseSectionResult[];
}

/** Whether a data set can be read without downloading it. */
async function available(dataset: string, dataDir: string | undefined): Promise<boolean> {
  try {
    await loadImageSet(dataset as "cifar10", "test", { download: false, ...(dataDir ? { dataDir } : {}) });
    return true;
  } catch {
    return false;
  }
}

/** The course's first section: the MNIST data, its shapes and first six images. */
function datasetSection(train: ImageSet, val: ImageSet, summary: string): ReportSection {
  return {
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
        svg: sampleGridSvg(imageBatchOf(train), { yTrue: train.labels, rows: 2, cols: 3 }),
        courseFigure: "dl_mlp_mnist_pytorch_8_0.png",
      },
    ],
  };
}

/**
 * Replay the course (`dl_mlp_mnist_pytorch`) section by section: the MNIST data, then one run per
 * experiment in `runsDir` (trained with `runExperiment`, or continued with `resumeExperiment`), the
 * section's figures from its run, the scikit-learn cells with `@mlp-lab/estimators`, and a report with
 * the course's numbers beside ours. A failed section is reported and the course goes on; an aborted one
 * ends the course, and the report of what ran is still written.
 */
export async function runCourse(options: RunCourseOptions): Promise<CourseResult> {
  const { runsDir, quick = false, dataDir } = options;
  const emit = options.onEvent ?? (() => {});
  const describe = options.describeError ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));
  const warn = (message: string) => emit({ type: "warning", message });
  const loadOptions = { ...(dataDir ? { dataDir } : {}), onWarning: warn };
  const [train, val] = await Promise.all([
    loadImageSet("mnist", "train", loadOptions),
    loadImageSet("mnist", "test", loadOptions),
  ]);
  const summary = formatDatasetSummary(datasetSummary({ train, val }));
  emit({ type: "dataset", summary, source: train.source });
  const reportSections: ReportSection[] = [datasetSection(train, val, summary)];
  const runs: Record<string, ExperimentResult> = {};
  const results: CourseSectionResult[] = [];

  const replay = (section: CourseSection): SklearnReplay | undefined => {
    const kind = section.sklearn;
    if (!kind || options.sklearn === false) return undefined;
    const head = (set: ImageSet, n: number) =>
      subsetImageSet(
        set,
        Int32Array.from({ length: Math.min(n, set.count) }, (_, i) => i),
      );
    const [tr, te] = quick ? [head(train, 6000), head(val, 2000)] : [train, val];
    try {
      const r =
        kind === "logistic-regression"
          ? replayLogisticRegression(tr, te, { lbfgs: options.lbfgs === true })
          : replayMlpClassifier(tr, te, quick ? 2 : 5);
      emit({ type: "sklearn", section: section.id, kind, lines: r.lines });
      return r;
    } catch (error) {
      warn(`the scikit-learn replay (${kind}) failed: ${describe(error)}`);
      return undefined;
    }
  };

  for (const section of COURSE_SECTIONS) {
    if (options.only && !options.only.includes(section.id)) continue;
    const started = performance.now();
    const finish = (result: Omit<CourseSectionResult, "id" | "title" | "seconds">) => {
      const r = {
        id: section.id,
        title: section.title,
        seconds: (performance.now() - started) / 1000,
        ...result,
      };
      results.push(r);
      emit({ type: "section-finished", result: r });
    };
    const skip = (reason: string, text: string) => {
      reportSections.push({ title: section.title, text: `${section.text}\n\nSkipped: ${text}` });
      finish({ status: "skipped", reason, comparisons: [] });
    };
    emit({ type: "section-started", section });
    if (section.needs && !(await available(section.needs, dataDir))) {
      skip(
        `${section.needs} not found locally (pass --data-dir or run mlp datasets download ${section.needs})`,
        `the ${section.needs} data set was not found on this machine (run mlp datasets download ${section.needs}, then mlp course again).`,
      );
      continue;
    }
    const run = quick ? section.quick : section.full;
    const resumeOf = "resumeOf" in run ? runs[run.resumeOf] : undefined;
    if ("resumeOf" in run && !resumeOf) {
      const why = `it continues the "${run.resumeOf}" section, which did not run`;
      skip(why, `${why}.`);
      continue;
    }
    const onEvent = (event: ExperimentEvent) => emit({ type: "experiment", section: section.id, event });
    const common = { ...(options.signal ? { signal: options.signal } : {}), onEvent };
    let result: ExperimentResult;
    let config: ExperimentConfig | undefined;
    try {
      if ("resumeOf" in run) {
        result = await resumeExperiment(
          { runsDir, id: resumeOf!.runId },
          {
            ...common,
            epochs: run.epochs,
            logInterval: run.logInterval,
            ...(options.backend ? { backend: options.backend } : {}),
            ...(dataDir ? { dataDir } : {}),
          },
        );
      } else {
        config = parseExperimentConfig({
          ...run.config,
          ...(options.backend ? { backend: options.backend } : {}),
          data: { ...run.config.data, ...(dataDir ? { dir: dataDir } : {}) },
        });
        result = await runExperiment(config, {
          ...common,
          runsDir,
          name: `course-${section.id}${quick ? "-quick" : ""}`,
          tags: ["course", section.id],
          ...(options.packages ? { packages: options.packages } : {}),
        });
      }
    } catch (error) {
      // One failed experiment (a missing optimizer, a diverged loss) should not lose the report.
      const message = describe(error);
      reportSections.push({ title: section.title, text: `${section.text}\n\nFailed: ${message}` });
      finish({ status: "failed", reason: message, comparisons: [] });
      continue;
    }
    runs[section.id] = result;
    emit({ type: "trained", section: section.id, result });
    if (result.status === "interrupted") {
      finish({ status: "interrupted", runId: result.runId, comparisons: [] });
      break;
    }
    const record = await readRun(runsDir, result.runId);
    const figures: ReportFigure[] = [];
    for (const figure of section.figures) {
      const svg = await runFigureSvg(figure.figure, {
        runsDir,
        record,
        valSet: async () => (await loadExperimentData(config ?? experimentConfigOf(record), warn)).val,
        weights: async () => (await loadCheckpoint(checkpointPath(runsDir, result.runId, "best"))).model,
      });
      figures.push({
        id: `${section.id}-${figure.figure}`,
        caption: figure.caption,
        svg,
        ...(figure.courseFigure ? { courseFigure: figure.courseFigure } : {}),
      });
    }
    const sklearn = replay(section);
    const comparisons: CourseComparison[] = sectionComparisons(section, result, quick).concat(
      sklearn?.comparisons ?? [],
    );
    const how =
      "resumeOf" in run
        ? `mlp train --resume ${resumeOf!.runId} --epochs ${run.epochs}`
        : `experiment ${JSON.stringify(run.config)}`;
    reportSections.push({
      title: section.title,
      text: `${section.text}\n\nRun ${result.runId}: ${how}.`,
      // The report shows the printed strings only; the numbers are in the result.
      comparisons: comparisons.map(({ label, course, ours, note }) => ({
        label,
        course,
        ours,
        ...(note === undefined ? {} : { note }),
      })),
      figures: [...figures, ...(sklearn?.figures ?? [])],
    });
    finish({ status: "completed", runId: result.runId, comparisons });
  }

  const content: CourseReport = {
    title: `Multilayer Perceptron (MLP): the course replayed with mlp-lab${quick ? " (quick version)" : ""}`,
    intro: `Each section trains what the course trains (PyTorch and scikit-learn there, TensorFlow.js here) and writes a run in ${resolve(runsDir)}. The course's numbers are beside ours; a different framework, initial weights and shuffling make them close, not equal.`,
    sections: reportSections,
  };
  return { report: { ...writeCourseReport(options.outDir, content), content }, runs, sections: results };
}
