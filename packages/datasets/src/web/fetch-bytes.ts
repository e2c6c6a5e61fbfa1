import { DownloadError } from "../errors.js";

/** Progress of one file being fetched. */
export interface FetchProgress {
  /** URL being fetched. */
  url: string;
  /** Bytes received so far. */
  received: number;
  /** Total bytes announced by the server (`content-length`), or `undefined` when it sent none. */
  total: number | undefined;
}

/** Options of {@link fetchBytes}. */
export interface FetchBytesOptions {
  /** Called as chunks arrive. */
  onProgress?: (progress: FetchProgress) => void;
  /** Cancels the request. */
  signal?: AbortSignal;
  /** The `fetch` to use (defaults to the global one; injectable for tests). */
  fetch?: typeof fetch;
}

/** The server answered 404 (or 410): the caller may try another name for the same file. */
export class NotFoundResponse extends DownloadError {
  constructor(url: string, status: number) {
    super(url, `HTTP ${status}`);
    this.name = "NotFoundResponse";
  }
}

/**
 * Fetch a whole response body as bytes, reporting progress chunk by chunk, and check that its length matches
 * `content-length` when the server announced one (a dropped connection must not pass for a short file).
 */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DownloadError(url, `request failed: ${(error as Error).message}`, { cause: error });
  }
  if (response.status === 404 || response.status === 410) throw new NotFoundResponse(url, response.status);
  if (!response.ok) throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  const header = response.headers.get("content-length");
  // A compressed transfer (content-encoding) announces the compressed length: it cannot be checked.
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  const total = header !== null && !encoded ? Number(header) : undefined;
  const body = response.body;
  if (body === null) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    options.onProgress?.({ url, received: bytes.length, total });
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      options.onProgress?.({ url, received, total });
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DownloadError(url, `connection lost after ${received} bytes: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    reader.releaseLock();
  }
  if (total !== undefined && Number.isFinite(total) && received !== total) {
    throw new DownloadError(url, `received ${received} bytes, the server announced ${total}`);
  }
  return concat(chunks, received);
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
