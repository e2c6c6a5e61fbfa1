import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RUN_FILE, listRuns, resolveRunId } from "@mlp-lab/runs";
import { UsageError } from "./cli-error.js";

/** A run located in a run store. */
export interface RunRef {
  /** The store folder. */
  runsDir: string;
  /** The run's id (its folder name). */
  id: string;
}

/** The word that names the newest run of a store. */
export const LATEST = "latest";

/**
 * Find the run an argument names: `latest` (the newest readable run), a path to a run folder
 * (`runs/2026…-mnist-two-layer-50-3f9a`), or an id or unique id prefix in `runsDir`, like git's
 * abbreviated hashes.
 */
export async function resolveRun(arg: string, runsDir: string): Promise<RunRef> {
  if (arg === LATEST) {
    const newest = (await listRuns(runsDir)).find((e) => e.ok);
    if (!newest) throw new UsageError(`no run in ${runsDir} yet (start one with: mlp train)`);
    return { runsDir, id: newest.id };
  }
  if (arg.includes("/") || arg.includes("\\")) {
    const dir = resolve(arg);
    if (existsSync(join(dir, RUN_FILE))) return { runsDir: dirname(dir), id: basename(dir) };
    throw new UsageError(
      `${arg} is neither a run folder nor a checkpoint folder; runs live in ${runsDir}/ (see mlp runs): pass a run id, an id prefix or "latest"`,
    );
  }
  return { runsDir, id: await resolveRunId(runsDir, arg) };
}
