import { useCallback, useEffect, useState } from "react";

/**
 * View state kept in the query part of the URL hash (`#/runs/<id>?smooth=0.6&y=log`), so a reload or a
 * shared link reproduces the view. Only the query changes; the page path stays, and the history entry is
 * replaced (moving a slider must not fill the back button with one entry per pixel).
 */
export function readHashParams(hash: string = window.location.hash): URLSearchParams {
  const raw = hash.replace(/^#/, "");
  const q = raw.indexOf("?");
  return new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
}

/** The hash with `updates` applied to its query: a null or empty value removes the key. */
export function withHashParams(hash: string, updates: Record<string, string | null>): string {
  const raw = hash.replace(/^#/, "");
  const q = raw.indexOf("?");
  const path = (q < 0 ? raw : raw.slice(0, q)) || "/";
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  for (const [key, value] of Object.entries(updates)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  // Commas and colons stay readable in shared links (`runs=a,b`, `sort=bestValAccuracy:desc`).
  const query = params.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return `#${path}${query ? `?${query}` : ""}`;
}

const listeners = new Set<() => void>();

/** Replace the current hash's query keys without a new history entry, and tell every {@link useHashParam}. */
export function setHashParams(updates: Record<string, string | null>): void {
  const next = withHashParams(window.location.hash, updates);
  if (next === window.location.hash) return;
  window.history.replaceState(window.history.state, "", next);
  for (const listener of listeners) listener();
}

/**
 * One key of the hash query as React state: `[value, setValue]`, where `value` is `fallback` when the key
 * is absent and setting `fallback` removes the key (links stay short).
 */
export function useHashParam(key: string, fallback: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => readHashParams().get(key) ?? fallback);
  useEffect(() => {
    const sync = () => setValue(readHashParams().get(key) ?? fallback);
    listeners.add(sync);
    window.addEventListener("hashchange", sync);
    return () => {
      listeners.delete(sync);
      window.removeEventListener("hashchange", sync);
    };
  }, [key, fallback]);
  const update = useCallback(
    (next: string) => {
      setValue(next);
      setHashParams({ [key]: next === fallback ? null : next });
    },
    [key, fallback],
  );
  return [value, update];
}
