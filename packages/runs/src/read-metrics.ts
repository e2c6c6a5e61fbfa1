import { readFile, stat } from "node:fs/promises";
import { CorruptMetricsError, RunNotFoundError } from "./errors.js";
import { parseMetricsText, parseTrailingMetricsLine } from "./metrics-lines.js";
import { metricsPath, runDir } from "./run-paths.js";
import type { MetricsEntry } from "./schema/metrics-entry.js";

/**
 * Read `<runsDir>/<id>/metrics.jsonl`, oldest first. Safe while the run is being written: a last line
 * without its newline (caught mid-append) is ignored unless it is already a valid entry. A missing file
 * reads as no entries (a run that has not finished an epoch). Throws {@link CorruptMetricsError} naming
 * the first complete line that is not a valid entry, {@link RunNotFoundError} for an unknown run.
 */
export async function readMetrics(runsDir: string, id: string): Promise<MetricsEntry[]> {
  return (await readMetricsWithLines(runsDir, id)).entries;
}

/**
 * {@link readMetrics} plus `lines`: how many lines the entries came from (blank lines included), which is
 * what the events stream's `from` counts.
 */
export async function readMetricsWithLines(
  runsDir: string,
  id: string,
): Promise<{ entries: MetricsEntry[]; lines: number }> {
  const path = metricsPath(runsDir, id);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const exists = await stat(runDir(runsDir, id)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!exists) throw new RunNotFoundError(id, runsDir);
    return { entries: [], lines: 0 };
  }
  const parsed = parseMetricsText(text);
  const bad = parsed.invalid[0];
  if (bad) throw new CorruptMetricsError(path, bad.line, bad.message);
  const last = parseTrailingMetricsLine(parsed.rest);
  return last
    ? { entries: [...parsed.entries, last], lines: parsed.lines + 1 }
    : { entries: parsed.entries, lines: parsed.lines };
}
