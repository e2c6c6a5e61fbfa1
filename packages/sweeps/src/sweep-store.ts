import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "@mlp-lab/runs";
import { z } from "zod";
import { SweepNotFoundError, SweepRecordError } from "./errors.js";
import { SWEEP_SCHEMA_VERSION, type SweepRecord, SweepRecordSchema } from "./sweep-record.js";

/** Folder of the sweeps in a run store. */
// Hidden, so run listings (`mlp runs`, `mlp serve`) that take every folder for a run skip it.
export const SWEEPS_DIR = ".sweeps";
/** The record's file name in each sweep folder. */
export const SWEEP_FILE = "sweep.json";

const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** `<runsDir>/.sweeps`. */
export function sweepsDir(runsDir: string): string {
  return join(resolve(runsDir), SWEEPS_DIR);
}

/** `<runsDir>/.sweeps/<id>` (id validated: a plain folder name). */
export function sweepDir(runsDir: string, id: string): string {
  if (!SAFE_ID.test(id) || id.includes("..")) throw new SweepNotFoundError(runsDir, id);
  return join(sweepsDir(runsDir), id);
}

/** A new sortable sweep id: `20261201-221500-<slug>-<hex>`. */
export function newSweepId(name: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/, "");
  return [stamp, slug || "sweep", randomBytes(2).toString("hex")].join("-");
}

/** Stamp `updatedAt`, validate and write the record atomically (temporary file, fsync, rename). */
export function writeSweepRecord(runsDir: string, record: SweepRecord): void {
  record.updatedAt = new Date().toISOString();
  const parsed = SweepRecordSchema.parse(record);
  mkdirSync(sweepDir(runsDir, record.id), { recursive: true });
  writeJsonAtomic(join(sweepDir(runsDir, record.id), SWEEP_FILE), parsed);
}

/** Read and validate `<runsDir>/.sweeps/<id>/sweep.json` (exact id). */
export function readSweepRecord(runsDir: string, id: string): SweepRecord {
  const path = join(sweepDir(runsDir, id), SWEEP_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new SweepNotFoundError(runsDir, id);
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SweepRecordError(path, `not JSON (${(error as Error).message})`);
  }
  const version = (raw as { schemaVersion?: unknown })?.schemaVersion;
  if (typeof version === "number" && version > SWEEP_SCHEMA_VERSION)
    throw new SweepRecordError(
      path,
      `schema version ${version} is newer than this tool's (${SWEEP_SCHEMA_VERSION}); upgrade mlp-lab`,
    );
  const parsed = SweepRecordSchema.safeParse(raw);
  if (!parsed.success) throw new SweepRecordError(path, z.prettifyError(parsed.error));
  return parsed.data;
}

/** Ids of the sweeps in the store, oldest first (ids sort by creation time). */
export function listSweepIds(runsDir: string): string[] {
  try {
    return readdirSync(sweepsDir(runsDir), { withFileTypes: true })
      .filter((d) => d.isDirectory() && SAFE_ID.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Every readable sweep record, oldest first; unreadable ones are reported in `errors`. */
export function listSweeps(runsDir: string): {
  sweeps: SweepRecord[];
  errors: { id: string; message: string }[];
} {
  const sweeps: SweepRecord[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const id of listSweepIds(runsDir)) {
    try {
      sweeps.push(readSweepRecord(runsDir, id));
    } catch (error) {
      errors.push({ id, message: (error as Error).message });
    }
  }
  return { sweeps, errors };
}

/**
 * The full id for `ref`: an exact id, a unique prefix, or `latest`. Throws {@link SweepNotFoundError}
 * when nothing (or more than one sweep) matches.
 */
export function resolveSweepId(runsDir: string, ref: string): string {
  const ids = listSweepIds(runsDir);
  if (ref === "latest") {
    const last = ids.at(-1);
    if (last) return last;
    throw new SweepNotFoundError(runsDir, ref);
  }
  if (ids.includes(ref)) return ref;
  const matches = ids.filter((id) => id.startsWith(ref) || id.includes(ref));
  if (matches.length === 1) return matches[0]!;
  throw new SweepNotFoundError(
    runsDir,
    matches.length > 1 ? `${ref}" matches ${matches.length} sweeps ("${matches.join('", "')}` : ref,
  );
}
