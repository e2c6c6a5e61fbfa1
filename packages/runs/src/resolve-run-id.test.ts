import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { AmbiguousRunIdError, InvalidRunIdError, RunNotFoundError } from "./errors.js";
import { resolveRunId } from "./resolve-run-id.js";
import { CONFIG, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

describe("resolveRunId", () => {
  for (const id of ["20260101-aaa", "20260101-aab", "20260102-bbb", "2026"])
    createRun(dir, { config: CONFIG, id });

  it("resolves exact ids and unique prefixes", async () => {
    expect(await resolveRunId(dir, "20260102")).toBe("20260102-bbb");
    expect(await resolveRunId(dir, "20260101-aab")).toBe("20260101-aab");
    expect(await resolveRunId(dir, "2026")).toBe("2026"); // exact wins over prefix
  });

  it("lists the candidates of an ambiguous prefix", async () => {
    const error = await resolveRunId(dir, "20260101-aa").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRunIdError);
    expect(error).toMatchObject({ candidates: ["20260101-aaa", "20260101-aab"] });
    expect((error as Error).message).toContain("matches 2 runs");
  });

  it("rejects unknown and unsafe input", async () => {
    await expect(resolveRunId(dir, "1999")).rejects.toThrow(RunNotFoundError);
    await expect(resolveRunId(dir, "../")).rejects.toThrow(InvalidRunIdError);
    await expect(resolveRunId(dir, "")).rejects.toThrow(InvalidRunIdError);
  });
});
