import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { RunRecord, RunStatus } from "@mlp-lab/runs";
import type { Command } from "commander";
import { Output } from "../output.js";
import { choice, runsDirOption } from "../parse-flags.js";
import { formatTable, percent } from "../table.js";

/** Statuses `--status` takes (the run store's RUN_STATUSES, spelled here so help loads no run store). */
const RUN_STATUSES = [
  "running",
  "completed",
  "failed",
  "interrupted",
] as const satisfies readonly RunStatus[];

/** The run store and run lookup, loaded when a subcommand runs. */
const store = async () => ({ ...(await import("@mlp-lab/runs")), ...(await import("../resolve-run.js")) });

interface RunsFlags {
  runsDir: string;
  status?: string;
  tag?: string;
  dataset?: string;
  json?: boolean;
  quiet?: boolean;
}

function layersOf(run: RunRecord): string {
  return run.config.model.layers.join(",") || "-";
}

function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return "-";
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

async function list(flags: RunsFlags): Promise<void> {
  const out = new Output(flags);
  const { listRuns, filterRunEntries, runListEntryJson } = await store();
  const all = await listRuns(flags.runsDir);
  const entries = filterRunEntries(all, flags);
  out.result({ runsDir: flags.runsDir, runs: entries.map(runListEntryJson) });
  if (entries.length === 0) {
    out.note(
      all.length === 0
        ? `No runs in ${flags.runsDir} (start one with: mlp train)`
        : `No run of the ${all.length} in ${flags.runsDir} matches the filters`,
    );
    return;
  }
  const rows = entries.map((e) => {
    if (!e.ok) return [e.id, "corrupt", "", "", "", "", "", ""];
    const r = e.run;
    return [
      e.id,
      e.stale ? "interrupted*" : r.status,
      r.config.dataset,
      `${r.config.model.kind} ${layersOf(r)}`,
      r.config.optimizer.name,
      r.summary.lastEpoch === null ? "-" : `${r.summary.lastEpoch + 1}/${r.config.epochs}`,
      percent(r.summary.bestValAccuracy),
      seconds(r.summary.durationSeconds),
    ];
  });
  out.line(
    formatTable(
      [
        { header: "id" },
        { header: "status" },
        { header: "dataset" },
        { header: "model" },
        { header: "optim" },
        { header: "epochs", right: true },
        { header: "best val", right: true },
        { header: "time", right: true },
      ],
      rows,
    ),
  );
  for (const e of entries) if (!e.ok) out.warn(`${e.id}: ${e.error.message}`);
  if (entries.some((e) => e.ok && e.stale))
    out.note("* its process is gone: resume it with mlp train --resume <id>");
}

async function show(arg: string, flags: RunsFlags): Promise<void> {
  const out = new Output(flags);
  const { resolveRun, readRunEntry, readMetrics, runListEntryJson, CHECKPOINTS_DIR, ARTIFACTS_DIR } =
    await store();
  const ref = await resolveRun(arg, flags.runsDir);
  const entry = await readRunEntry(ref.runsDir, ref.id);
  if (!entry.ok) throw entry.error;
  const metrics = await readMetrics(ref.runsDir, ref.id);
  out.result({ ...runListEntryJson(entry), metrics });
  const r = entry.run;
  const c = r.config;
  const kv: Array<[string, string]> = [
    ["id", r.id],
    ["name", r.name],
    ["status", entry.stale ? "interrupted (writer process gone)" : r.status],
    ["created", r.createdAt],
    ["ended", r.endedAt ?? "-"],
    [
      "dataset",
      r.dataset
        ? `${r.dataset.name} (${r.dataset.trainCount} train, ${r.dataset.valCount} val) from ${r.dataset.source}`
        : c.dataset,
    ],
    ["sha256", r.dataset?.sha256 ?? "-"],
    [
      "model",
      `${c.model.kind} hidden ${layersOf(r)} ${c.model.activation}${c.model.dropout ? ` dropout ${c.model.dropout}` : ""}`,
    ],
    ["parameters", String(r.summary.parameters ?? "-")],
    [
      "optimizer",
      Object.entries(c.optimizer)
        .map(([k, v]) => (k === "name" ? String(v) : `${k}=${String(v)}`))
        .join(" "),
    ],
    ["scheduler", c.scheduler ? JSON.stringify(c.scheduler) : "none"],
    ["early stop", c.earlyStopping ? JSON.stringify(c.earlyStopping) : "none"],
    [
      "epochs",
      `${r.summary.lastEpoch === null ? 0 : r.summary.lastEpoch + 1}/${c.epochs}, batch ${c.batchSize}, seed ${c.seed}`,
    ],
    ["best val", `${percent(r.summary.bestValAccuracy)} at epoch ${r.summary.bestEpoch ?? "-"}`],
    ["time", seconds(r.summary.durationSeconds)],
    ["backend", r.backend ? `${r.backend.name} ${r.backend.device ?? ""}`.trim() : "-"],
    ["host", `${r.host.hostname} ${r.host.platform}-${r.host.arch} ${r.host.node ?? ""}`.trim()],
  ];
  if (r.error) kv.push(["error", r.error.message]);
  if (r.resumes.length > 0)
    kv.push(["resumes", r.resumes.map((x) => `${x.at} (after epoch ${x.fromEpoch ?? "-"})`).join(", ")]);
  if (r.tags.length > 0) kv.push(["tags", r.tags.join(", ")]);
  const folder = (sub: string) => readdir(join(ref.runsDir, ref.id, sub)).catch(() => [] as string[]);
  kv.push(["checkpoints", (await folder(CHECKPOINTS_DIR)).join(", ") || "-"]);
  kv.push(["artifacts", (await folder(ARTIFACTS_DIR)).join(", ") || "-"]);
  const width = Math.max(...kv.map(([k]) => k.length));
  for (const [k, v] of kv) out.line(`${k.padEnd(width)}  ${v}`);
  if (metrics.length === 0) return;
  out.line();
  const epochs = [...new Set(metrics.map((m) => m.epoch))];
  const at = (epoch: number, phase: string) => metrics.find((m) => m.epoch === epoch && m.phase === phase);
  out.line(
    formatTable(
      [
        { header: "epoch", right: true },
        { header: "train loss", right: true },
        { header: "train acc", right: true },
        { header: "val loss", right: true },
        { header: "val acc", right: true },
        { header: "lr", right: true },
        { header: "seconds", right: true },
      ],
      epochs.map((e) => {
        const t = at(e, "train");
        const v = at(e, "val");
        return [
          String(e),
          t?.loss?.toFixed(4) ?? "-",
          percent(t?.accuracy),
          v?.loss?.toFixed(4) ?? "-",
          percent(v?.accuracy),
          t?.lr === null || t?.lr === undefined ? "-" : String(t.lr),
          t ? (t.seconds + (v?.seconds ?? 0)).toFixed(2) : "-",
        ];
      }),
    ),
  );
}

async function rm(args: string[], flags: RunsFlags & { force?: boolean }): Promise<void> {
  const out = new Output(flags);
  const { resolveRun, removeRun } = await store();
  const removed: string[] = [];
  for (const arg of args) {
    const ref = await resolveRun(arg, flags.runsDir);
    await removeRun(ref.runsDir, ref.id, { force: flags.force ?? false });
    removed.push(ref.id);
    out.line(`removed ${ref.id}`);
  }
  out.result({ removed });
}

/** Register `mlp runs [list|show|rm]`. */
export function registerRuns(program: Command): void {
  const runs = program
    .command("runs")
    .description("list, show and remove runs in the run store")
    .addHelpText(
      "after",
      `
Examples:
  $ mlp runs                        # same as mlp runs list
  $ mlp runs list --json
  $ mlp runs list --status interrupted --tag compare
  $ mlp runs show 20261127-1420     # an id prefix is enough when unique
  $ mlp runs rm 20261127-1420 20261127-1433`,
    );
  const common = (c: Command) =>
    c
      .addOption(runsDirOption())
      .option("--json", "print JSON")
      .option("-q, --quiet", "print nothing but errors");
  common(
    runs
      .command("list", { isDefault: true })
      .description("table of runs, newest first (a corrupt run.json is reported, never hides the others)")
      .option("--status <status>", "only runs with this status", choice("--status", RUN_STATUSES))
      .option("--tag <tag>", "only runs with this tag (compare, course, ...)")
      .option("--dataset <name>", "only runs on this data set"),
  ).action(list);
  common(
    runs
      .command("show")
      .description("a run's configuration, summary and metrics per epoch")
      .argument("<run>", "run id, prefix, folder or latest"),
  ).action(show);
  common(
    runs
      .command("rm")
      .description("remove runs (a running one only with --force)")
      .argument("<runs...>", "run ids, prefixes or folders")
      .option("-f, --force", "remove even a run whose process is still writing"),
  ).action(rm);
}
