import { describe, expect, it } from "vitest";
import { metricsLine, okEntry } from "../test-fixtures.js";
import { initialLiveRunState, liveRunReducer } from "./live-run-state.js";

describe("liveRunReducer", () => {
  const e1 = metricsLine(1, "train", 0.5, 0.8);
  const e2 = metricsLine(1, "val", 0.4, 0.85);
  const e3 = metricsLine(2, "train", 0.3, 0.9);

  it("appends metrics in order and skips lines a reconnect sends again", () => {
    let s = liveRunReducer(initialLiveRunState, {
      type: "metrics",
      data: { entries: [e1, e2], fromLine: 0, toLine: 2 },
    });
    s = liveRunReducer(s, { type: "metrics", data: { entries: [e2, e3], fromLine: 1, toLine: 3 } });
    expect(s.entries).toEqual([e1, e2, e3]);
    expect(s.lines).toBe(3);
    expect(liveRunReducer(s, { type: "metrics", data: { entries: [e3], fromLine: 2, toLine: 3 } })).toBe(s);
  });

  it("clears the curves on reset and records run changes and errors", () => {
    let s = liveRunReducer(initialLiveRunState, {
      type: "metrics",
      data: { entries: [e1], fromLine: 0, toLine: 1 },
    });
    s = liveRunReducer(s, { type: "reset", data: {} });
    expect(s.entries).toEqual([]);
    s = liveRunReducer(s, { type: "run", data: okEntry({ status: "running" }) });
    expect(s.run?.run.status).toBe("running");
    s = liveRunReducer(s, { type: "run-error", data: { error: { code: "RUN_NOT_FOUND", message: "gone" } } });
    expect(s.runError).toBe("gone");
    s = liveRunReducer(s, { type: "metrics-error", data: { line: 4, message: "not JSON" } });
    expect(s.skippedLines).toEqual(["line 4: not JSON"]);
    expect(liveRunReducer(s, { type: "connection", open: false }).disconnected).toBe(true);
    expect(liveRunReducer(s, { type: "metrics-failed", message: "line 3: bad" }).metricsError).toBe(
      "line 3: bad",
    );
    expect(liveRunReducer(s, { type: "start" })).toBe(initialLiveRunState);
  });
});
