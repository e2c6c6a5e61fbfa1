/** Accuracy in [0, 1] as "97.31%", or "—". */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? "—" : `${(100 * value).toFixed(digits)}%`;
}

/** Seconds as "42.0 s", "3 min 05 s" or "1 h 02 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** A learning rate as written ("0.001", "1e-5"). */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}
