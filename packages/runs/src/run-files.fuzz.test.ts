// Fuzzing of the run store's parsers of files on disk: run.json (`parseRunRecord`) and metrics.jsonl
// (`parseMetricsText`, `parseTrailingMetricsLine`). Any bytes give a valid value or CorruptRunError
// naming the file; the metrics parser never throws (bad lines are reported, not fatal). Seeded, a fixed
// number of cases in CI; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { CorruptRunError } from "./errors.js";
import { parseMetricsText, parseTrailingMetricsLine } from "./metrics-lines.js";
import { parseRunRecord } from "./parse-run-record.js";
import { CONFIG, metrics, tempRunsDir } from "./test-helpers.js";

const RUN_CORPUS = fileURLToPath(new URL("./__fuzz__/run-json/", import.meta.url));
const METRICS_CORPUS = fileURLToPath(new URL("./__fuzz__/metrics-jsonl/", import.meta.url));
const PATH = "/runs/20260101-000000-000-fuzz/run.json";
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 6,
});
const { dir, cleanup } = tempRunsDir();
const valid: { runJson: Uint8Array[]; metrics: Uint8Array } = { runJson: [], metrics: new Uint8Array() };

beforeAll(() => {
  const run = createRun(dir, { config: CONFIG });
  for (let epoch = 1; epoch <= 3; epoch++) {
    run.appendMetrics(metrics(epoch, "train", 0.5 + epoch / 10));
    run.appendMetrics(metrics(epoch, "val", 0.4 + epoch / 10));
  }
  valid.runJson.push(new Uint8Array(readFileSync(join(dir, run.id, "run.json"))));
  run.complete();
  valid.runJson.push(new Uint8Array(readFileSync(join(dir, run.id, "run.json"))));
  valid.metrics = new Uint8Array(readFileSync(join(dir, run.id, "metrics.jsonl")));
  // Version-1 records (migrated on read) are seeds too.
  const v1 = fileURLToPath(new URL("./__fixtures__/v1-runs/", import.meta.url));
  for (const id of readdirSync(v1)) {
    try {
      valid.runJson.push(new Uint8Array(readFileSync(join(v1, id, "run.json"))));
    } catch {
      // Not a run folder.
    }
  }
});
afterAll(cleanup);

function checkRunJson(bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  try {
    const record = parseRunRecord(text, PATH);
    expect(typeof record.id).toBe("string");
  } catch (error) {
    if (error instanceof CorruptRunError && error.message.includes(PATH)) return;
    keepFailure(RUN_CORPUS, bytes);
    throw error;
  }
}

function checkMetrics(bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  try {
    const parsed = parseMetricsText(text);
    const nonBlank = text
      .slice(0, parsed.consumed)
      .split("\n")
      .filter((l) => l.trim() !== "").length;
    expect(parsed.entries.length + parsed.invalid.length).toBe(nonBlank);
    expect(parsed.consumed + parsed.rest.length).toBe(text.length);
    for (const entry of parsed.entries) expect(Number.isInteger(entry.epoch)).toBe(true);
    parseTrailingMetricsLine(parsed.rest);
  } catch (error) {
    keepFailure(METRICS_CORPUS, bytes);
    throw error;
  }
}

describe("run store parser fuzzing", () => {
  it("replays the committed corpus", () => {
    const runs = corpus(RUN_CORPUS);
    const lines = corpus(METRICS_CORPUS);
    expect(runs.length + lines.length).toBeGreaterThan(0);
    for (const { bytes } of runs) checkRunJson(bytes);
    for (const { bytes } of lines) checkMetrics(bytes);
  });

  it("mutated run.json files: a run record or CorruptRunError naming the file", () => {
    fc.assert(
      fc.property(fc.nat(), plan, (which, steps) => {
        checkRunJson(mutate(valid.runJson[which % valid.runJson.length]!, steps));
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });

  it("run.json with any JSON value put in place of a field", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 3 }), (which, at, value) => {
        const record = JSON.parse(new TextDecoder().decode(valid.runJson[which % valid.runJson.length]!));
        const paths: [Record<string, unknown>, string][] = [];
        const walk = (node: unknown) => {
          if (node === null || typeof node !== "object") return;
          for (const [k, v] of Object.entries(node)) {
            paths.push([node as Record<string, unknown>, k]);
            walk(v);
          }
        };
        walk(record);
        const [parent, key] = paths[at % paths.length]!;
        parent[key] = value;
        checkRunJson(new TextEncoder().encode(JSON.stringify(record)));
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });

  it("mutated metrics.jsonl: entries and bad lines accounted for, never an exception", () => {
    fc.assert(
      fc.property(plan, (steps) => checkMetrics(mutate(valid.metrics, steps))),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });
});
