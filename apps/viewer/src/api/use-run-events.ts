import type { RunEventName } from "@mlp-lab/runs/schema";
import { useEffect, useReducer } from "react";
import {
  type LiveRunEvent,
  type LiveRunState,
  initialLiveRunState,
  liveRunReducer,
} from "../data/live-run-state.js";
import { messageOf } from "./api-failure.js";
import { apiUrls, getMetrics } from "./runs-api.js";

const EVENT_NAMES: readonly RunEventName[] = ["run", "run-error", "metrics", "metrics-error", "reset"];

/**
 * A run's record and metrics lines. With `follow` (a running run) they come from the server-sent event
 * stream, which sends every existing line first and then each new one, so the curves grow as epochs finish.
 * Without it (a finished run) the metrics are read once: an open stream per tab would use up the browser's
 * six connections per host after a few tabs.
 */
export function useRunEvents(id: string, follow = true): LiveRunState {
  const [state, dispatch] = useReducer(liveRunReducer, initialLiveRunState);
  useEffect(() => {
    dispatch({ type: "start" });
    if (!follow) {
      const controller = new AbortController();
      getMetrics(id, controller.signal).then(
        (m) => dispatch({ type: "metrics", data: { entries: m.entries, fromLine: 0, toLine: m.lines } }),
        (error: unknown) => {
          if (!controller.signal.aborted) dispatch({ type: "metrics-failed", message: messageOf(error) });
        },
      );
      return () => controller.abort();
    }
    const source = new EventSource(apiUrls.events(id));
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        const data: unknown = JSON.parse((event as MessageEvent<string>).data);
        dispatch({ type: name, data } as LiveRunEvent);
      });
    }
    source.onopen = () => dispatch({ type: "connection", open: true });
    source.onerror = () => dispatch({ type: "connection", open: false });
    return () => source.close();
  }, [id, follow]);
  return state;
}
