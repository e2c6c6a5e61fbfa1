import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { writeFileAtomic } from "@mlp-lab/runs";
import type { Redis } from "ioredis";

/** Hash field holding the snapshot's description; the others are file paths relative to the run folder. */
const META_FIELD = "__meta__";

/** What a snapshot says about itself. */
export interface SnapshotMeta {
  runId: string;
  /** Epochs the run had trained when the snapshot was taken. */
  epochs: number;
  /** True for the final upload of a segment (artifacts included). */
  final: boolean;
}

/** Redis key of a trial's run snapshot. */
export function snapshotKey(sweepId: string, trialNumber: number): string {
  return `mlp-lab:sweep:${sweepId}:trial:${trialNumber}:run`;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Store a run folder in Redis as one hash (file path → bytes), replacing the previous snapshot in one
 * MULTI, so a worker that takes the trial over finds either the old picture or the new one, never half.
 */
export async function uploadSnapshot(
  redis: Redis,
  key: string,
  folder: string,
  meta: SnapshotMeta,
): Promise<number> {
  const fields: Record<string, Buffer | string> = { [META_FIELD]: JSON.stringify(meta) };
  let bytes = 0;
  for (const file of filesUnder(folder)) {
    const rel = relative(folder, file).split(sep).join("/");
    // Temporary files of an atomic write in progress are not part of the run.
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    const data = readFileSync(file);
    bytes += data.length;
    fields[rel] = data;
  }
  await redis.multi().del(key).hset(key, fields).exec();
  return bytes;
}

/** Read a snapshot: its description and files, or undefined when there is none. */
export async function downloadSnapshot(
  redis: Redis,
  key: string,
): Promise<{ meta: SnapshotMeta; files: Map<string, Buffer> } | undefined> {
  const hash = await redis.hgetallBuffer(key);
  const metaBytes = hash[META_FIELD];
  if (!metaBytes) return undefined;
  const meta = JSON.parse(metaBytes.toString("utf8")) as SnapshotMeta;
  const files = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(hash)) if (name !== META_FIELD) files.set(name, data);
  return { meta, files };
}

function safeRelative(name: string): string {
  const parts = name.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\\") || p.includes("\0")))
    throw new Error(`snapshot file name "${name}" is not a safe relative path`);
  return join(...parts);
}

/**
 * Write a snapshot's files into `runFolder` (a scratch copy on a worker: plain writes; the
 * controller's run store: atomic writes, run.json last so readers see a complete run when it changes).
 */
export function writeSnapshotFiles(runFolder: string, files: Map<string, Buffer>, atomic: boolean): void {
  const names = [...files.keys()].sort((a, b) =>
    a === "run.json" ? 1 : b === "run.json" ? -1 : a.localeCompare(b),
  );
  for (const name of names) {
    const path = join(runFolder, safeRelative(name));
    mkdirSync(dirname(path), { recursive: true });
    if (atomic) writeFileAtomic(path, files.get(name)!);
    else writeFileSync(path, files.get(name)!);
  }
  for (const sub of ["checkpoints", "artifacts"]) mkdirSync(join(runFolder, sub), { recursive: true });
}

/** Remove a folder if present. */
export function removeFolder(path: string): void {
  try {
    if (statSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
  } catch {
    // Already gone.
  }
}
