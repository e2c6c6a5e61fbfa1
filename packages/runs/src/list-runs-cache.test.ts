import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { listRuns } from "./list-runs.js";
import { CONFIG, metrics, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

const statusById = async () =>
  Object.fromEntries((await listRuns(dir)).map((e) => [e.id, e.ok ? e.run.status : `error ${e.error.code}`]));

describe("listRuns reuses parsed records only while run.json is unchanged", () => {
  it("sees every change made through the store, by hand, by deletion and by a writer dying", async () => {
    const a = createRun(dir, { config: CONFIG, id: "20260101-000000-000-a" });
    const b = createRun(dir, { config: CONFIG, id: "20260101-000000-000-b" });
    a.appendMetrics(metrics(1, "train", 0.5));
    expect(await statusById()).toEqual({ [a.id]: "running", [b.id]: "running" });
    a.complete();
    expect((await statusById())[a.id]).toBe("completed");

    // Edited in place (same inode): a new size or mtime is noticed.
    const path = join(dir, b.id, "run.json");
    const record = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...record, name: "renamed by hand" }));
    const renamed = (await listRuns(dir)).find((e) => e.id === b.id);
    expect(renamed?.ok && renamed.run.name).toBe("renamed by hand");
    writeFileSync(path, "{ broken");
    expect((await statusById())[b.id]).toBe("error CORRUPT_RUN");

    // A cached running record still turns interrupted once its writer is gone.
    writeFileSync(path, JSON.stringify({ ...record, writer: { ...record.writer, pid: 2 ** 22 + 12345 } }));
    expect((await statusById())[b.id]).toBe("interrupted");
    expect((await statusById())[b.id]).toBe("interrupted");

    rmSync(join(dir, a.id), { recursive: true });
    expect(Object.keys(await statusById())).toEqual([b.id]);
  });
});
