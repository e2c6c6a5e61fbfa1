import type { ServerResponse } from "node:http";
import { RunStoreError } from "../errors.js";
import type { ApiError, ApiErrorResponse } from "../schema/api.js";

/** Send `body` as JSON with `status`; never cached, since runs change while training. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(text);
}

/** Send JSON already serialised (`text`) with `status`, with the same headers as {@link sendJson}. */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(text);
}

/** Send `{ error: { code, message } }` with `status`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  const body: ApiErrorResponse = { error: { code, message } };
  sendJson(res, status, body, headers);
}

/** HTTP status for a run store error: bad input 400, unknown run 404, unreadable files 422, else 500. */
export function statusOf(error: unknown): number {
  if (!(error instanceof RunStoreError)) return 500;
  switch (error.code) {
    case "INVALID_RUN_ID":
    case "INVALID_FILE_NAME":
    case "AMBIGUOUS_RUN_ID":
      return 400;
    case "RUN_NOT_FOUND":
      return 404;
    case "CORRUPT_RUN":
    case "CORRUPT_METRICS":
    case "INVALID_RECORD":
      return 422;
    default:
      return 500;
  }
}

/** An error as the API shows it. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof RunStoreError) return { code: error.code, message: error.message };
  return { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
}

/** Send an error thrown by the store with its status ({@link statusOf}). */
export function sendStoreError(res: ServerResponse, error: unknown): void {
  const { code, message } = toApiError(error);
  sendError(res, statusOf(error), code, message);
}
