import type { ApiErrorResponse } from "@mlp-lab/runs/schema";
import { ApiFailure } from "./api-failure.js";

function isApiErrorResponse(body: unknown): body is ApiErrorResponse {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

async function failureOf(response: Response, url: string): Promise<ApiFailure> {
  const text = await response.text().catch(() => "");
  try {
    const body: unknown = JSON.parse(text);
    if (isApiErrorResponse(body)) return new ApiFailure(response.status, body.error.code, body.error.message);
  } catch {
    // Not JSON: a proxy or a server that is not `mlp serve`; fall through to the status line.
  }
  return new ApiFailure(
    response.status,
    `HTTP_${response.status}`,
    `${url}: HTTP ${response.status} ${response.statusText}`.trim(),
  );
}

async function request(url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiFailure(
      0,
      "NETWORK",
      `cannot reach the viewer server (${url}): is \`mlp serve\` still running?`,
    );
  }
  if (!response.ok) throw await failureOf(response, url);
  return response;
}

/** GET a JSON document of the runs API; non-2xx answers become an {@link ApiFailure} with the server's message. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await request(url, signal);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiFailure(response.status, "INVALID_JSON", `${url} did not return valid JSON`);
  }
}

/** GET raw bytes (checkpoint weights). */
export async function fetchBytes(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await request(url, signal);
  return new Uint8Array(await response.arrayBuffer());
}
