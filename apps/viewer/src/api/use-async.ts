import { type DependencyList, useEffect, useState } from "react";

/** The state of a value loaded for a page. */
export type AsyncState<T> =
  | { status: "loading" }
  | { status: "ok"; value: T }
  | { status: "error"; error: unknown };

/**
 * Load a value when `deps` change; the previous request is aborted, so a slow answer for an old run never
 * overwrites the current one.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on.
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ status: "ok", value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, deps);
  return state;
}
