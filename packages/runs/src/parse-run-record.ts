import { z } from "zod";
import { CorruptRunError } from "./errors.js";
import { migrateRunRecord } from "./schema/migrate-run-record.js";
import { RUN_SCHEMA_VERSION, type RunRecord, RunRecordSchema } from "./schema/run-record.js";

/**
 * Parse and validate the text of a run.json; `path` is only used in error messages. Throws
 * {@link CorruptRunError} with reason `invalid-json`, `unsupported-version` (a newer schema than this
 * package knows: upgrade) or `invalid-schema` (with every failing field listed).
 */
export function parseRunRecord(text: string, path: string): RunRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CorruptRunError(path, "invalid-json", `not valid JSON (${(error as Error).message})`);
  }
  // Checked before the schema so a newer file says "upgrade" rather than listing field errors.
  const version =
    typeof raw === "object" && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === "number" && version > RUN_SCHEMA_VERSION) {
    throw new CorruptRunError(
      path,
      "unsupported-version",
      `schemaVersion ${version} is newer than ${RUN_SCHEMA_VERSION}, the newest this @mlp-lab/runs reads; upgrade it`,
    );
  }
  // Older schemas are brought up to date first (version 1's `config.flags` become an experiment config).
  const parsed = RunRecordSchema.safeParse(migrateRunRecord(raw));
  if (!parsed.success) {
    const detail = z
      .prettifyError(parsed.error)
      .replace(/\n\s*→/g, " →")
      .replace(/\n/g, "; ");
    throw new CorruptRunError(path, "invalid-schema", `not a valid run record: ${detail}`);
  }
  return parsed.data;
}
