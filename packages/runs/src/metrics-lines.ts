import { z } from "zod";
import { type MetricsEntry, MetricsEntrySchema } from "./schema/metrics-entry.js";

/** A complete metrics line that failed to parse or validate. */
export interface InvalidMetricsLine {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/** What {@link parseMetricsText} found. */
export interface ParsedMetrics {
  entries: MetricsEntry[];
  invalid: InvalidMetricsLine[];
  /** Complete lines consumed (valid, invalid or blank). */
  lines: number;
  /** Characters consumed: everything up to and including the last newline. */
  consumed: number;
  /** Trailing text after the last newline: a line still being appended, or a final line without newline. */
  rest: string;
}

type LineResult = { ok: true; entry: MetricsEntry } | { ok: false; invalid: InvalidMetricsLine };

function parseLine(text: string, lineNumber: number): LineResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, invalid: { line: lineNumber, message: `not JSON (${(error as Error).message})` } };
  }
  const parsed = MetricsEntrySchema.safeParse(raw);
  if (parsed.success) return { ok: true, entry: parsed.data };
  const message = z.prettifyError(parsed.error).replace(/\n\s*/g, " ");
  return { ok: false, invalid: { line: lineNumber, message } };
}

/**
 * Parse metrics.jsonl text (or a chunk of it starting at line `firstLine`, 0-based). Only
 * newline-terminated lines are parsed: a writer appends `JSON + "\n"` in one call, so text after the last
 * newline may be a line caught mid-append and is returned as `rest`, not as an error. Blank lines are skipped.
 */
export function parseMetricsText(text: string, firstLine = 0): ParsedMetrics {
  const end = text.lastIndexOf("\n");
  const complete = end === -1 ? "" : text.slice(0, end);
  const entries: MetricsEntry[] = [];
  const invalid: InvalidMetricsLine[] = [];
  const lines = end === -1 ? [] : complete.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const result = parseLine(line, firstLine + i + 1);
    if (result.ok) entries.push(result.entry);
    else invalid.push(result.invalid);
  });
  return { entries, invalid, lines: lines.length, consumed: end + 1, rest: text.slice(end + 1) };
}

/**
 * Parse a final line that has no newline: accepted when it is a valid entry (a file edited by hand),
 * ignored (undefined) when not (a truncated append).
 */
export function parseTrailingMetricsLine(rest: string): MetricsEntry | undefined {
  if (rest.trim() === "") return undefined;
  const result = parseLine(rest, 0);
  return result.ok ? result.entry : undefined;
}
