import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { listRuns } from "./list-runs.js";
import { filterRunEntries, runListEntryJson } from "./run-list-entries.js";
import { CONFIG, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

describe("filterRunEntries / runListEntryJson", () => {
  const done = createRun(dir, { config: CONFIG, id: "20260101-000000-000-done", tags: ["baseline"] });
  done.complete();
  const doneJson = JSON.parse(readFileSync(join(done.dir, "run.json"), "utf8"));
  const deadPid = Number(
    spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString(),
  );
  mkdirSync(join(dir, "20260102-000000-000-stale"));
  writeFileSync(
    join(dir, "20260102-000000-000-stale", "run.json"),
    JSON.stringify({
      ...doneJson,
      status: "running",
      endedAt: null,
      tags: [],
      writer: { ...doneJson.writer, pid: deadPid },
    }),
  );
  mkdirSync(join(dir, "20260103-000000-000-broken"));
  writeFileSync(join(dir, "20260103-000000-000-broken", "run.json"), "{ truncated");

  it("filters on effective status, tag and data set, and always keeps unreadable runs", async () => {
    const entries = await listRuns(dir);
    const ids = (filter: Parameters<typeof filterRunEntries>[1]) =>
      filterRunEntries(entries, filter).map((e) => e.id.slice(20));
    expect(ids({})).toEqual(["broken", "stale", "done"]);
    expect(ids({ status: "interrupted" })).toEqual(["broken", "stale"]);
    expect(ids({ status: "running" })).toEqual(["broken"]);
    expect(ids({ tag: "baseline" })).toEqual(["broken", "done"]);
    expect(ids({ dataset: CONFIG.dataset, status: "completed" })).toEqual(["broken", "done"]);
    expect(ids({ dataset: "cifar10" })).toEqual(["broken"]);
  });

  it("gives errors as { code, message } and readable runs with their staleness", async () => {
    const json = (await listRuns(dir)).map(runListEntryJson);
    expect(json[0]).toEqual({
      ok: false,
      id: "20260103-000000-000-broken",
      error: { code: "CORRUPT_RUN", message: expect.stringContaining("20260103-000000-000-broken") },
    });
    expect(json[1]).toMatchObject({ ok: true, stale: true, run: { status: "interrupted" } });
    expect(JSON.parse(JSON.stringify(json[2]))).toMatchObject({
      ok: true,
      stale: false,
      run: { id: doneJson.id },
    });
  });
});
