import { totalmem } from "node:os";
import { adapterName, cpuFeatures, formatAdapterLimits, probeBackends } from "@mlp-lab/backend";
import { defaultCacheDir, loadImageSet } from "@mlp-lab/datasets";
import { DATASET_CHOICES as DATASET_NAMES } from "@mlp-lab/experiments/flags";
import * as tf from "@tensorflow/tfjs-core";
import type { Command } from "commander";
import { EXIT } from "../cli-error.js";
import { Output } from "../output.js";
import { CLI_VERSION } from "../version.js";

/** Register `mlp doctor`. */
export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check this machine: backends (available or why not), data sources, versions, CPU features")
    .option("--data-dir <dir>", "also look for data in this folder")
    .option("--json", "print JSON")
    .option("-q, --quiet", "print nothing: the exit code says whether a backend loads")
    .addHelpText(
      "after",
      "\nExit code 1 when no backend loads.\n\nExamples:\n  $ mlp doctor\n  $ mlp doctor --json | jq '.backends[] | select(.available)'",
    )
    .action(async (flags: { dataDir?: string; json?: boolean; quiet?: boolean }) => {
      const out = new Output(flags);
      const cpu = cpuFeatures();
      const backends = await probeBackends();
      const data = [];
      for (const name of DATASET_NAMES) {
        try {
          const set = await loadImageSet(name, "test", {
            download: false,
            ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
          });
          data.push({ name, found: true, source: set.source });
        } catch (error) {
          data.push({ name, found: false, reason: (error as Error).message });
        }
      }
      const versions = {
        "@mlp-lab/cli": CLI_VERSION,
        "@tensorflow/tfjs-core": tf.version_core,
        node: process.version,
        v8: process.versions.v8,
      };
      out.result({
        versions,
        cpu,
        memoryBytes: totalmem(),
        backends,
        data,
        cacheDir: defaultCacheDir(),
        runsDir: process.env.MLP_RUNS_DIR || "runs",
      });
      out.line("Versions");
      for (const [k, v] of Object.entries(versions)) out.line(`  ${k.padEnd(24)} ${v}`);
      out.line("CPU");
      out.line(`  ${cpu.model}, ${cpu.cores} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
      out.line(`  SIMD: ${cpu.features.join(" ") || "none found"}`);
      out.line("Backends (auto takes the first available; webgpu only on a hardware adapter)");
      for (const b of backends) {
        if (b.available && b.description.adapter) {
          // A GPU: the adapter it found and the limits that bound what tfjs can run on it.
          const a = b.description.adapter;
          const auto = a.software ? "; auto skips a software adapter" : "";
          out.line(`  ok    ${b.name.padEnd(10)} ${adapterName(a)}${auto}`);
          out.line(`        ${"".padEnd(10)} ${formatAdapterLimits(a.limits)}`);
        } else if (b.available) {
          const d = b.description;
          out.line(
            `  ok    ${b.name.padEnd(10)} ${d.simd}, ${d.threads} thread${d.threads === 1 ? "" : "s"}, ${d.device}`,
          );
        } else {
          out.line(`  --    ${b.name.padEnd(10)} ${b.reason}`);
        }
      }
      out.line(
        `Data (cache ${defaultCacheDir()}${process.env.MLP_DATA_DIR ? `, MLP_DATA_DIR ${process.env.MLP_DATA_DIR}` : ""})`,
      );
      for (const d of data) {
        out.line(
          d.found
            ? `  ok    ${d.name.padEnd(14)} ${d.source}`
            : `  --    ${d.name.padEnd(14)} not found locally (mlp datasets where ${d.name})`,
        );
      }
      if (!backends.some((b) => b.available)) process.exitCode = EXIT.failure;
    });
}
