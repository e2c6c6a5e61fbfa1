import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { InvalidArgumentError, InvalidRecordError, checkRunsDir } from "./errors.js";
import { currentHostInfo, currentWriter } from "./host-info.js";
import { RunHandle } from "./run-handle.js";
import { newRunId, validateRunId } from "./run-id.js";
import { ARTIFACTS_DIR, CHECKPOINTS_DIR, METRICS_FILE, RUN_FILE } from "./run-paths.js";
import {
  type BackendInfo,
  type DatasetInfo,
  RUN_SCHEMA_VERSION,
  type RunConfigInput,
  RunRecordSchema,
} from "./schema/run-record.js";
import { TEMP_PREFIX, writeJsonAtomic } from "./write-file-atomic.js";

/** Options of {@link createRun}. */
export interface CreateRunOptions {
  /** Human name; defaults to `<dataset>-<kind>-<hidden layers>` (e.g. `mnist-mlp-512-256`). Its slug goes in the id. */
  name?: string;
  /** The training configuration (validated). */
  config: RunConfigInput;
  /** The data set used, when already known (else set it later with `update`). */
  dataset?: DatasetInfo | null;
  /** Package name → version. */
  packages?: Record<string, string>;
  /** The tensor backend, when already known. */
  backend?: BackendInfo | null;
  /** Free labels. */
  tags?: string[];
  /** Use this id instead of a generated one (validated; fails if taken). For fixtures and tests. */
  id?: string;
}

/** Collisions need the same millisecond and the same 16-bit suffix; a few tries are plenty. */
const MAX_ID_ATTEMPTS = 8;

function defaultName(config: RunConfigInput): string {
  return [config.dataset, config.model.kind, ...config.model.layers].join("-");
}

/**
 * Create a new run in `runsDir` (created if needed) with status `running`, and return its writer handle.
 * The folder (run.json, empty metrics.jsonl, checkpoints/, artifacts/) is built under a hidden temporary
 * name and renamed into place, so readers never see a half-made run. The id is a sortable timestamp plus
 * the name's slug and a random suffix, unique in `runsDir`. Throws {@link InvalidRecordError} for an
 * invalid config.
 */
export function createRun(runsDir: string, options: CreateRunOptions): RunHandle {
  checkRunsDir(runsDir, "createRun");
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError(
      `createRun: options must be an object with a config, got ${String(options)}`,
    );
  const config = options.config as unknown as { model?: unknown } | null | undefined;
  if (
    config === null ||
    typeof config !== "object" ||
    config.model === null ||
    typeof config.model !== "object"
  )
    throw new InvalidRecordError(
      "run config",
      "options.config must be an object with a model ({ kind, layers, ... })",
    );
  const root = resolve(runsDir);
  const name = options.name ?? defaultName(options.config);
  if (options.id !== undefined) validateRunId(options.id);
  const now = new Date();
  const iso = now.toISOString();
  const draft = {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: options.id ?? "pending",
    name,
    createdAt: iso,
    startedAt: iso,
    endedAt: null,
    status: "running",
    error: null,
    config: options.config,
    dataset: options.dataset ?? null,
    packages: options.packages ?? {},
    backend: options.backend ?? null,
    host: currentHostInfo(),
    writer: currentWriter(),
    summary: {},
    resumes: [],
    tags: options.tags ?? [],
  };
  const parsed = RunRecordSchema.safeParse(draft);
  if (!parsed.success) throw new InvalidRecordError("run", z.prettifyError(parsed.error));

  mkdirSync(root, { recursive: true });
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const id = options.id ?? newRunId(name, now);
    const finalDir = join(root, id);
    if (existsSync(finalDir)) {
      if (options.id !== undefined) throw new InvalidRecordError("run id", `${finalDir} already exists`);
      continue;
    }
    const record = { ...parsed.data, id };
    const tempDir = join(root, `${TEMP_PREFIX}${id}.creating`);
    try {
      mkdirSync(join(tempDir, CHECKPOINTS_DIR), { recursive: true });
      mkdirSync(join(tempDir, ARTIFACTS_DIR));
      writeFileSync(join(tempDir, METRICS_FILE), "");
      writeJsonAtomic(join(tempDir, RUN_FILE), record);
      // rename(2) would replace an empty folder made meanwhile; the existence check above plus the
      // random suffix make that window practically unreachable.
      renameSync(tempDir, finalDir);
    } catch (error) {
      rmSync(tempDir, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && options.id === undefined) continue;
      throw error;
    }
    return new RunHandle(root, record);
  }
  throw new InvalidRecordError("run id", `no free id after ${MAX_ID_ATTEMPTS} attempts in ${root}`);
}
