import { type MetricsEntryInput, type RunHandle, createRun, resumeRun } from "@mlp-lab/runs";
import type { Checkpoint } from "@mlp-lab/training";
import { saveCheckpoint } from "@mlp-lab/training/node";
import type { OpenRunSink, RunSink, SavedCheckpoint } from "./run-sink.js";

// The run store folder (`runs/<id>/`) as a RunSink: run.json and metrics.jsonl through @mlp-lab/runs'
// RunHandle (fsynced appends, atomic rewrites), checkpoints as folders swapped into place.

/** Which run a Node session writes: a new one in `runsDir`, or run `id` there continued. */
export type NodeRunTarget =
  | { kind: "new"; runsDir: string; name?: string; tags?: string[] }
  | { kind: "existing"; runsDir: string; id: string };

/** Options of {@link nodeRunSink}. */
export interface NodeRunSinkOptions {
  /** Also write the last checkpoint to this folder after each epoch (the course's `models/mod-<Model>`). */
  saveCheckpointTo?: string;
}

class NodeRunSink implements RunSink {
  readonly #run: RunHandle;
  readonly #extra: string | undefined;

  constructor(run: RunHandle, extra: string | undefined) {
    this.#run = run;
    this.#extra = extra;
  }

  get id(): string {
    return this.#run.id;
  }

  get location(): string {
    return this.#run.dir;
  }

  async commitEpoch(commit: Parameters<RunSink["commitEpoch"]>[0]): Promise<SavedCheckpoint[]> {
    // Metrics first, the epoch's lines in one write, then the checkpoint: a kill before the checkpoint
    // lands leaves lines after the last checkpoint's epoch, which the resume drops and trains again; a
    // kill between two lines can no longer leave an epoch without its val line.
    const appended = this.#run.appendMetricsLines(
      commit.lines.map((line): MetricsEntryInput => ({ ...line })),
    );
    const newBest = commit.lines.length > 1 ? appended[1]!.newBest : commit.bestInHistory;
    const saved: SavedCheckpoint[] = [];
    const save = async (kind: SavedCheckpoint["kind"], path: string, checkpoint: Checkpoint) => {
      await saveCheckpoint(path, checkpoint);
      saved.push({ kind, path });
    };
    await save("last", this.#run.checkpointPath("last"), commit.checkpoint);
    if (this.#extra) await save("extra", this.#extra, commit.checkpoint);
    if (newBest) await save("best", this.#run.checkpointPath("best"), commit.checkpoint);
    return saved;
  }

  async writeArtifacts(artifacts: Parameters<RunSink["writeArtifacts"]>[0]): Promise<void> {
    for (const [name, value] of Object.entries(artifacts)) this.#run.writeArtifact(name, value);
  }

  async complete(summary: { parameters: number }): Promise<void> {
    this.#run.complete(summary);
  }

  async interrupt(): Promise<void> {
    this.#run.interrupt();
  }

  async fail(error: unknown): Promise<void> {
    if (this.#run.status === "running") this.#run.fail(error);
  }

  async close(): Promise<void> {
    this.#run.close();
  }
}

/**
 * The run store of `runsDir` as the sink of a session: creates the run (or reopens `id`, dropping metrics
 * lines after the checkpoint it resumes from) when the session opens it.
 */
export function nodeRunSink(target: NodeRunTarget, options: NodeRunSinkOptions = {}): OpenRunSink {
  return async (init) => {
    const backend = init.backend;
    if (target.kind === "existing") {
      const run = resumeRun(target.runsDir, target.id, { fromEpoch: init.resumeFromEpoch ?? null });
      run.update({ config: init.config, backend, dataset: init.dataset });
      return new NodeRunSink(run, options.saveCheckpointTo);
    }
    const run = createRun(target.runsDir, {
      ...(target.name ? { name: target.name } : {}),
      config: init.config,
      dataset: init.dataset,
      packages: { ...init.packages, node: process.version },
      backend,
      ...(target.tags ? { tags: target.tags } : {}),
    });
    return new NodeRunSink(run, options.saveCheckpointTo);
  };
}
