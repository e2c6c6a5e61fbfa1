import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import { StatusBadge } from "../../components/StatusBadge.js";
import { routeHref } from "../../routing/routes.js";

/** Run name, id, status and the links to its other pages. */
export function RunHeader({
  detail,
  current,
}: { detail: RunDetailResponse; current: "run" | "live" | "try" }) {
  const { id, run } = detail;
  const links = [
    { page: "run" as const, title: "Overview" },
    { page: "live" as const, title: "Live" },
    { page: "try" as const, title: "Try it" },
  ];
  return (
    <header className="run-header">
      <a className="back" href={routeHref({ page: "runs" })}>
        ← All runs
      </a>
      <h1>
        {run.name} <StatusBadge status={run.status} stale={detail.stale} />
      </h1>
      <div className="run-id">{id}</div>
      <nav className="tabs">
        {links.map((l) => (
          <a
            key={l.page}
            href={routeHref({ page: l.page, id })}
            aria-current={l.page === current ? "page" : undefined}
          >
            {l.title}
          </a>
        ))}
      </nav>
    </header>
  );
}
