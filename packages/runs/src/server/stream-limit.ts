import type { ServerResponse } from "node:http";
import { sendError } from "./respond.js";

/** Default bound on open event streams per server (each holds a socket, a file watcher and timers). */
export const DEFAULT_MAX_EVENT_STREAMS = 64;

/**
 * Counts open event streams and refuses new ones beyond `max` with 503 and `Retry-After`, so a runaway
 * client (or a page opened in hundreds of tabs) cannot exhaust the server's file descriptors.
 */
export class EventStreamLimit {
  /** Streams open now (including those still being set up). */
  open = 0;

  constructor(readonly max: number = DEFAULT_MAX_EVENT_STREAMS) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxEventStreams must be an integer >= 1, got ${String(max)}`);
    }
  }

  /**
   * Take a slot for the stream that `res` will carry, released when `res` closes; call synchronously when
   * the request arrives, so concurrent requests cannot all pass. On refusal it has answered 503.
   * @returns whether the stream may proceed.
   */
  acquire(res: ServerResponse): boolean {
    if (this.open >= this.max) {
      sendError(
        res,
        503,
        "TOO_MANY_EVENT_STREAMS",
        `${this.open} event streams are open, the most this server allows (maxEventStreams ${this.max}); close other viewer tabs or retry later`,
        { "retry-after": "5" },
      );
      return false;
    }
    this.open++;
    res.once("close", () => {
      this.open--;
    });
    return true;
  }
}
