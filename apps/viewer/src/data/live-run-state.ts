import type { MetricsEntry, MetricsEventData, RunDetailResponse, RunEventMap } from "@mlp-lab/runs/schema";

/** What the page knows about a run from its event stream. */
export interface LiveRunState {
  run: RunDetailResponse | null;
  entries: MetricsEntry[];
  /** Lines of metrics.jsonl received so far. */
  lines: number;
  /** run.json became unreadable, or the run was removed. */
  runError: string | null;
  /** Bad metrics lines the server skipped, as "line N: message". */
  skippedLines: string[];
  /** The connection dropped (EventSource retries by itself). */
  disconnected: boolean;
  /** metrics.jsonl could not be read in one piece (a finished run's one-shot read). */
  metricsError: string | null;
}

/** The state before any event. */
export const initialLiveRunState: LiveRunState = {
  run: null,
  entries: [],
  lines: 0,
  runError: null,
  skippedLines: [],
  disconnected: false,
  metricsError: null,
};

/** One server-sent event, or the connection's own state changes. */
export type LiveRunEvent =
  | { [K in keyof RunEventMap]: { type: K; data: RunEventMap[K] } }[keyof RunEventMap]
  | { type: "connection"; open: boolean }
  | { type: "start" }
  | { type: "metrics-failed"; message: string };

function appendMetrics(state: LiveRunState, data: MetricsEventData): LiveRunState {
  // A reconnect may resend lines the page has; keep only the ones past what it holds.
  if (data.toLine <= state.lines) return state;
  const skip = Math.max(0, state.lines - data.fromLine);
  return { ...state, entries: [...state.entries, ...data.entries.slice(skip)], lines: data.toLine };
}

/** Fold one event into the state (a reducer, so the page re-renders once per event). */
export function liveRunReducer(state: LiveRunState, event: LiveRunEvent): LiveRunState {
  switch (event.type) {
    case "run":
      return { ...state, run: event.data, runError: null };
    case "run-error":
      return { ...state, runError: event.data.error.message };
    case "metrics":
      return appendMetrics(state, event.data);
    case "metrics-error":
      return {
        ...state,
        skippedLines: [...state.skippedLines, `line ${event.data.line}: ${event.data.message}`],
      };
    case "reset":
      return { ...state, entries: [], lines: 0, skippedLines: [] };
    case "connection":
      return { ...state, disconnected: !event.open };
    case "start":
      return initialLiveRunState;
    case "metrics-failed":
      return { ...state, metricsError: event.message };
  }
}
