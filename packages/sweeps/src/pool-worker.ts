import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runDir } from "@mlp-lab/runs";
import type { FromTrialProcess, ToTrialProcess } from "./process-protocol.js";
import type { TrialRunner } from "./trial-runner.js";

function send(message: FromTrialProcess): void {
  // The channel closes when the parent dies; what could not be sent is rebuilt from the run store.
  if (process.connected) process.send?.(message);
}

/**
 * The child side of a trial process: run each segment the parent sends with `runner`, one at a time,
 * reporting the run id and each epoch. When the parent goes away (killed), the child stops: a child
 * without its parent has no one to report to. Resolves when the IPC channel closes.
 */
export function servePoolWorker(runner: TrialRunner): Promise<void> {
  if (!process.send) throw new Error("servePoolWorker: this process has no IPC channel (start it with fork)");
  let controller = new AbortController();
  let busy = false;
  let orphaned = false;
  process.on("message", (message: ToTrialProcess) => {
    if (message.type === "abort") {
      controller.abort();
      return;
    }
    if (message.type !== "run" || busy) return;
    busy = true;
    controller = new AbortController();
    const { request, runsDir, snapshotDir } = message;
    let runId = request.runId;
    void runner
      .run(request, runsDir, {
        signal: controller.signal,
        onRunStarted: (id) => {
          runId = id;
          send({ type: "started", runId: id });
        },
        onEpoch: (metrics) => {
          let snapshot: string | null = null;
          if (snapshotDir && runId) {
            // Every file of the run is on disk at epoch end (checkpoints, then metrics, then best):
            // a synchronous copy is a consistent picture the parent can ship at its own pace.
            snapshot = join(snapshotDir, `${runId}.e${metrics.epoch}`);
            mkdirSync(snapshotDir, { recursive: true });
            cpSync(runDir(runsDir, runId), snapshot, { recursive: true });
          }
          send({ type: "epoch", metrics, snapshot });
        },
      })
      .then((outcome) => {
        busy = false;
        if (orphaned) process.exit(0);
        send({ type: "done", outcome });
      });
  });
  send({ type: "ready", pid: process.pid });
  return new Promise((resolve) => {
    process.once("disconnect", () => {
      // The parent is gone (killed): stop at the next batch so the run ends `interrupted` with whole
      // epochs (checkpoint and metrics together), then leave. Exiting at once could fall between an
      // epoch's checkpoint and its metrics lines.
      orphaned = true;
      controller.abort();
      resolve();
      if (!busy) process.exit(0);
    });
  });
}
