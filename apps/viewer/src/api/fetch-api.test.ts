import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure } from "./api-failure.js";
import { fetchJson } from "./fetch-api.js";
import { getArtifact } from "./runs-api.js";

function respond(status: number, body: string) {
  return vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } }));
}

describe("fetchJson", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("turns the API's error body into an ApiFailure with its code and message", async () => {
    vi.stubGlobal(
      "fetch",
      respond(422, JSON.stringify({ error: { code: "CORRUPT_RUN", message: "run.json: bad" } })),
    );
    const error = await fetchJson("api/runs/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiFailure);
    expect(error).toMatchObject({ status: 422, code: "CORRUPT_RUN", message: "run.json: bad" });
  });

  it("explains a server that is gone", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    await expect(fetchJson("api/runs")).rejects.toThrow(/is `mlp serve` still running/);
  });

  it("asks only for artifacts the run has", async () => {
    const fetch = vi.fn(async (url: string) =>
      url.includes("viewer-api")
        ? new Response(
            JSON.stringify({ id: "r1", artifacts: ["a.json"], checkpoints: { best: [], last: [] } }),
          )
        : new Response(JSON.stringify({ ok: 1 })),
    );
    vi.stubGlobal("fetch", fetch);
    expect(await getArtifact("r1", "missing.json")).toBeNull();
    expect(await getArtifact("r1", "a.json")).toEqual({ ok: 1 });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      "viewer-api/runs/r1/files",
      "api/runs/r1/artifacts/a.json",
    ]);
  });
});
