import { InvalidFileNameError, InvalidRunIdError } from "../errors.js";
import { validateFileName, validateRunId } from "../run-id.js";
import { type CheckpointKind, isCheckpointKind } from "../run-paths.js";

/** A recognised API request. */
export type ApiRoute =
  | { kind: "list" }
  | { kind: "sweeps"; id: string | null }
  | { kind: "run"; id: string }
  | { kind: "metrics"; id: string }
  | { kind: "metrics-export"; id: string; format: "csv" | "json" }
  | { kind: "events"; id: string }
  | { kind: "artifact"; id: string; name: string }
  | { kind: "checkpoint"; id: string; which: CheckpointKind; file: string };

/** Outcome of {@link matchRoute}. */
export type RouteMatch =
  | { ok: true; route: ApiRoute }
  | { ok: false; status: 400 | 404; code: string; message: string };

const notFound = (path: string): RouteMatch => ({
  ok: false,
  status: 404,
  code: "NOT_FOUND",
  message: `No API route ${path}`,
});

/**
 * Match the part of a path after the API base (`runs/<id>/...`). The path is split on raw `/` BEFORE
 * percent-decoding, so an encoded slash (`%2F`) stays inside one segment, where id and file-name
 * validation reject it along with `..`, `\` and NUL.
 */
export function matchRoute(rest: string, fullPath: string): RouteMatch {
  const raw = rest.split("/");
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop(); // tolerate one trailing slash
  let parts: string[];
  try {
    parts = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return {
      ok: false,
      status: 400,
      code: "BAD_REQUEST",
      message: `Malformed percent-encoding in ${fullPath}`,
    };
  }
  const [root, id, sub, a, b, ...extra] = parts;
  if (root === "sweeps" && sub === undefined) return { ok: true, route: { kind: "sweeps", id: id ?? null } };
  if (root !== "runs" || extra.length > 0) return notFound(fullPath);
  if (id === undefined) return { ok: true, route: { kind: "list" } };
  try {
    validateRunId(id);
    if (sub === undefined) return { ok: true, route: { kind: "run", id } };
    if (sub === "metrics" && a === undefined) return { ok: true, route: { kind: "metrics", id } };
    if (sub === "events" && a === undefined) return { ok: true, route: { kind: "events", id } };
    if ((sub === "metrics.csv" || sub === "metrics.json") && a === undefined) {
      return {
        ok: true,
        route: { kind: "metrics-export", id, format: sub === "metrics.csv" ? "csv" : "json" },
      };
    }
    if (sub === "artifacts" && a !== undefined && b === undefined) {
      return { ok: true, route: { kind: "artifact", id, name: validateFileName(a) } };
    }
    if (sub === "checkpoint" && a !== undefined && b !== undefined) {
      if (!isCheckpointKind(a)) {
        return {
          ok: false,
          status: 404,
          code: "NOT_FOUND",
          message: `Unknown checkpoint ${JSON.stringify(a)} (last or best)`,
        };
      }
      return { ok: true, route: { kind: "checkpoint", id, which: a, file: validateFileName(b) } };
    }
  } catch (error) {
    if (error instanceof InvalidRunIdError || error instanceof InvalidFileNameError) {
      return { ok: false, status: 400, code: error.code, message: error.message };
    }
    throw error;
  }
  return notFound(fullPath);
}
