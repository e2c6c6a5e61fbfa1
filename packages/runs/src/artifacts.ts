import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { InvalidRecordError } from "./errors.js";
import { artifactPath } from "./run-paths.js";
import { type JsonValue, KNOWN_ARTIFACT_SCHEMAS, type KnownArtifacts } from "./schema/artifacts.js";
import { writeJsonAtomic } from "./write-file-atomic.js";

type KnownName = keyof typeof KNOWN_ARTIFACT_SCHEMAS;

function schemaFor(name: string): z.ZodType | undefined {
  return Object.hasOwn(KNOWN_ARTIFACT_SCHEMAS, name) ? KNOWN_ARTIFACT_SCHEMAS[name as KnownName] : undefined;
}

/**
 * Write a JSON artifact to `<run>/artifacts/<name>` atomically and return its path. The well-known names
 * ({@link ARTIFACT_NAMES}) are validated against their schema first ({@link InvalidRecordError}); other
 * names take any JSON. Figures (PNG, SVG) are written by their producer with {@link writeFileAtomic} at
 * {@link artifactPath}.
 */
export function writeArtifact<N extends KnownName>(
  runsDir: string,
  id: string,
  name: N,
  data: KnownArtifacts[N],
): string;
export function writeArtifact(runsDir: string, id: string, name: string, data: JsonValue): string;
export function writeArtifact(runsDir: string, id: string, name: string, data: unknown): string {
  const path = artifactPath(runsDir, id, name);
  const schema = schemaFor(name);
  let value = data;
  if (schema) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new InvalidRecordError(`artifact ${name}`, z.prettifyError(parsed.error));
    value = parsed.data;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeJsonAtomic(path, value);
  return path;
}

/**
 * Read a JSON artifact. Well-known names are validated and typed (defaults filled in); others come back
 * as parsed JSON. Throws the file system error (ENOENT) when absent, {@link InvalidRecordError} when a
 * well-known artifact does not match its schema.
 */
export async function readArtifact<N extends KnownName>(
  runsDir: string,
  id: string,
  name: N,
): Promise<z.infer<(typeof KNOWN_ARTIFACT_SCHEMAS)[N]>>;
export async function readArtifact(runsDir: string, id: string, name: string): Promise<JsonValue>;
export async function readArtifact(runsDir: string, id: string, name: string): Promise<unknown> {
  const path = artifactPath(runsDir, id, name);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InvalidRecordError(`artifact ${path}`, error.message);
    throw error;
  }
  const schema = schemaFor(name);
  if (!schema) return raw;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InvalidRecordError(`artifact ${path}`, z.prettifyError(parsed.error));
  return parsed.data;
}
