import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { CorruptRunError, RunNotFoundError } from "./errors.js";
import { listRuns } from "./list-runs.js";
import { readRun } from "./read-run.js";
import { CONFIG, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

function writeRunFile(id: string, text: string | undefined): void {
  mkdirSync(join(dir, id), { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, id, "run.json"), text);
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("listRuns", () => {
  const good = createRun(dir, { config: CONFIG, id: "20260101-000000-000-good" });
  good.complete();
  const goodJson = JSON.parse(readFileSync(join(good.dir, "run.json"), "utf8"));
  writeRunFile("20260102-000000-000-not-json", "{ truncated");
  writeRunFile(
    "20260103-000000-000-wrong-schema",
    JSON.stringify({ ...goodJson, status: "exploded", epochs: 1 }),
  );
  writeRunFile("20260104-000000-000-missing", undefined);
  writeRunFile("20260105-000000-000-newer", JSON.stringify({ ...goodJson, schemaVersion: 3 }));
  writeRunFile(".20260106-hidden.creating", "{}");
  writeFileSync(join(dir, "README.txt"), "not a run");
  const stalePid = deadPid();
  writeRunFile(
    "20260107-000000-000-stale",
    JSON.stringify({
      ...goodJson,
      id: "stale",
      status: "running",
      endedAt: null,
      writer: { ...goodJson.writer, pid: stalePid },
    }),
  );
  writeRunFile(
    "20260108-000000-000-remote",
    JSON.stringify({
      ...goodJson,
      status: "running",
      endedAt: null,
      writer: { pid: stalePid, hostname: "elsewhere" },
    }),
  );

  it("lists every run folder newest first, corrupt ones as errors", async () => {
    const entries = await listRuns(dir);
    expect(entries.map((e) => [e.id, e.ok])).toEqual([
      ["20260108-000000-000-remote", true],
      ["20260107-000000-000-stale", true],
      ["20260105-000000-000-newer", false],
      ["20260104-000000-000-missing", false],
      ["20260103-000000-000-wrong-schema", false],
      ["20260102-000000-000-not-json", false],
      ["20260101-000000-000-good", true],
    ]);
    const reasons = entries.flatMap((e) =>
      e.ok ? [] : [[(e.error as CorruptRunError).reason, e.error.message]],
    );
    expect(reasons).toEqual([
      ["unsupported-version", expect.stringMatching(/schemaVersion 3 is newer than 2.*upgrade/)],
      ["missing", expect.stringContaining(join(dir, "20260104-000000-000-missing", "run.json"))],
      ["invalid-schema", expect.stringMatching(/status/)],
      ["invalid-json", expect.stringContaining("not valid JSON")],
    ]);
    for (const entry of entries) if (!entry.ok) expect(entry.error.code).toBe("CORRUPT_RUN");
  });

  it("reports a running run with a dead writer on this host as interrupted, without rewriting it", async () => {
    const entries = await listRuns(dir);
    const stale = entries.find((e) => e.id === "20260107-000000-000-stale");
    const remote = entries.find((e) => e.id === "20260108-000000-000-remote");
    expect(stale).toMatchObject({ ok: true, stale: true, run: { status: "interrupted" } });
    expect(remote).toMatchObject({ ok: true, stale: false, run: { status: "running" } });
    const onDisk = JSON.parse(readFileSync(join(dir, "20260107-000000-000-stale", "run.json"), "utf8"));
    expect(onDisk.status).toBe("running");
    expect((await readRun(dir, "20260107-000000-000-stale")).status).toBe("interrupted");
    expect((await readRun(dir, "20260107-000000-000-stale", { raw: true })).status).toBe("running");
  });

  it("keeps a running run with a live writer running", async () => {
    const live = createRun(dir, { config: CONFIG, id: "20260109-000000-000-live" });
    const entry = (await listRuns(dir)).find((e) => e.id === live.id);
    expect(entry).toMatchObject({ ok: true, stale: false, run: { status: "running" } });
    live.complete();
  });

  it("lists a missing runs folder as empty", async () => {
    expect(await listRuns(join(dir, "nope"))).toEqual([]);
  });

  it("readRun throws a specific error for each failure", async () => {
    await expect(readRun(dir, "20260102-000000-000-not-json")).rejects.toThrow(CorruptRunError);
    await expect(readRun(dir, "20260104-000000-000-missing")).rejects.toThrow(/run.json is missing/);
    await expect(readRun(dir, "no-such-run")).rejects.toThrow(RunNotFoundError);
    await expect(readRun(dir, "../etc")).rejects.toThrow(/Invalid run id/);
  });
});
