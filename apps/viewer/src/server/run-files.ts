import { readdir } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { ARTIFACTS_DIR, CHECKPOINTS_DIR, isValidRunId, runDir } from "@mlp-lab/runs";
import type { RunFilesResponse } from "../run-files-response.js";

/** URL prefix of the viewer's own routes, kept apart from the runs API under /api. */
export const RUN_FILES_PREFIX = "/viewer-api/runs/";

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * `GET /viewer-api/runs/:id/files`: which artifacts and checkpoint files a run has, so the page asks only
 * for files that exist (every 404 would be a console error in the browser). Always 200 for a valid id: a
 * missing folder simply has no files. Returns false for other paths.
 */
export async function serveRunFiles(
  runsDir: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = new URL(req.url ?? "/", "http://viewer.invalid").pathname;
  if (!path.startsWith(RUN_FILES_PREFIX)) return false;
  const [rawId, leaf, ...rest] = path.slice(RUN_FILES_PREFIX.length).split("/");
  let id = "";
  try {
    id = decodeURIComponent(rawId ?? "");
  } catch {
    // Left empty: reported as an invalid id below.
  }
  if (leaf !== "files" || rest.length > 0 || !isValidRunId(id)) {
    send(res, 400, { error: { code: "INVALID_REQUEST", message: `not a run files URL: ${path}` } });
    return true;
  }
  const dir = runDir(runsDir, id);
  const body: RunFilesResponse = {
    id,
    artifacts: await filesIn(join(dir, ARTIFACTS_DIR)),
    checkpoints: {
      best: await filesIn(join(dir, CHECKPOINTS_DIR, "best")),
      last: await filesIn(join(dir, CHECKPOINTS_DIR, "last")),
    },
  };
  send(res, 200, body);
  return true;
}
