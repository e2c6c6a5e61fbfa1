import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunStoreError, createRun, listRunIds, listRuns, readMetrics, readRun } from "./index.js";

// Bad input fails at the boundary with the function and the field named, never as a TypeError deep inside.
describe("run store: arguments are checked at the boundary", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "runs-args-"));
  const config = { model: { kind: "mlp", layers: [16] }, dataset: "mnist" };
  const bad: [string, () => unknown, string, RegExp][] = [
    [
      "createRun(undefined, ...)",
      () => createRun(undefined as never, { config } as never),
      "INVALID_ARGUMENT",
      /^createRun: runsDir must be a folder path/,
    ],
    [
      "createRun(dir, undefined)",
      () => createRun(dir(), undefined as never),
      "INVALID_ARGUMENT",
      /^createRun: options must be an object/,
    ],
    [
      "createRun without a model",
      () => createRun(dir(), { config: 3 } as never),
      "INVALID_RECORD",
      /options\.config must be an object with a model/,
    ],
    [
      "listRuns(undefined)",
      () => listRuns(undefined as never),
      "INVALID_ARGUMENT",
      /^listRuns: runsDir must be a folder path/,
    ],
    [
      "listRunIds('')",
      () => listRunIds(""),
      "INVALID_ARGUMENT",
      /^listRunIds: runsDir must be a folder path .* got ""/,
    ],
    [
      "readMetrics(dir, undefined)",
      () => readMetrics(dir(), undefined as never),
      "INVALID_RUN_ID",
      /must be a string, got undefined/,
    ],
    [
      "readRun(undefined, id)",
      () => readRun(undefined as never, "x"),
      "INVALID_ARGUMENT",
      /runsDir must be a folder path/,
    ],
  ];
  for (const [what, call, code, message] of bad) {
    it(what, async () => {
      let thrown: unknown;
      try {
        await call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RunStoreError);
      expect((thrown as RunStoreError).code).toBe(code);
      expect((thrown as Error).message).toMatch(message);
    });
  }
});
