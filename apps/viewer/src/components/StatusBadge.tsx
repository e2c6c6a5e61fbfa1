import type { RunStatus } from "@mlp-lab/runs/schema";

/** A run's status as a coloured label; `stale` explains an interrupted run whose writer vanished. */
export function StatusBadge({ status, stale = false }: { status: RunStatus | null; stale?: boolean }) {
  const label = status ?? "corrupt";
  return (
    <span
      className={`status status-${label}`}
      title={stale ? "run.json says running, but the process writing it is gone" : undefined}
    >
      {label}
      {stale ? " (stale)" : ""}
    </span>
  );
}
