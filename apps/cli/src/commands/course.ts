import type { CourseEvent } from "@mlp-lab/course";
import type { ExperimentConfig } from "@mlp-lab/experiments";
import { COURSE_SECTION_IDS } from "@mlp-lab/experiments/flags";
import type { Command } from "commander";
import { EXIT } from "../cli-error.js";
import { Output } from "../output.js";
import { runsDirOption } from "../parse-flags.js";
import { ProgressBar } from "../progress-bar.js";
import { formatTable } from "../table.js";
import { CLI_VERSION } from "../version.js";

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

/** The course's progress as `mlp train` prints it, each section under its title. */
function coursePrinter(
  out: Output,
  bar: ProgressBar,
  { experimentPrinter, noteResult }: typeof import("../train-run.js"),
): (e: CourseEvent) => void {
  const printExperiment = experimentPrinter(out, bar);
  return (e) => {
    switch (e.type) {
      case "dataset":
        return out.line(e.summary);
      case "section-started":
        out.line();
        out.line(`== ${e.section.title} ==`);
        // With --json the lines above are silent; this keeps a long run from looking stuck.
        if (out.json) out.note(`== ${e.section.title} ==`);
        return;
      case "experiment":
        return printExperiment(e.event);
      case "trained":
        return noteResult(out, e.result);
      case "sklearn":
        out.line(`-- the course's scikit-learn cell (${e.kind}), with @mlp-lab/estimators --`);
        for (const line of e.lines) out.line(line);
        return;
      case "section-finished": {
        const { status, reason, id } = e.result;
        if (status === "skipped" && reason?.includes("not found locally")) out.note(`skipped: ${reason}`);
        if (status === "failed") out.warn(`section ${id} failed: ${reason}`);
        return;
      }
      case "warning":
        return out.warn(e.message);
    }
  };
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
    .option("--only <ids>", `run only these sections (comma-separated): ${COURSE_SECTION_IDS.join(", ")}`)
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
      const bar = new ProgressBar();
      const [{ runCourse }, train, { explainError }] = await Promise.all([
        import("@mlp-lab/course"),
        import("../train-run.js"),
        import("../explain-error.js"),
      ]);
      const { report, runs, sections } = await train.interruptible(bar, (signal) =>
        runCourse({
          runsDir: flags.runsDir,
          outDir: flags.out,
          quick: flags.quick === true,
          sklearn: flags.sklearn !== false,
          lbfgs: flags.lbfgs === true,
          backend: flags.backend as ExperimentConfig["backend"],
          ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
          ...(flags.only ? { only: flags.only.split(",").map((s) => s.trim()) } : {}),
          signal,
          onEvent: coursePrinter(out, bar, train),
          packages: { "@mlp-lab/cli": CLI_VERSION },
          describeError: (error) => explainError(error).message,
        }),
      );
      if (sections.some((s) => s.status === "failed")) process.exitCode = EXIT.failure;
      if (sections.some((s) => s.status === "interrupted")) process.exitCode = EXIT.interrupted;
      out.line();
      out.line("The course's numbers and ours");
      out.line(
        formatTable(
          [{ header: "section" }, { header: "quantity" }, { header: "course" }, { header: "ours" }],
          report.content.sections.flatMap((sec) =>
            (sec.comparisons ?? []).map((c) => [sec.title.slice(0, 40), c.label, c.course, c.ours]),
          ),
        ),
      );
      out.line();
      out.line(`Report: ${report.html} and ${report.markdown} (${report.figures} figures)`);
      out.result({ report: { html: report.html, markdown: report.markdown }, runs, sections });
    });
}
