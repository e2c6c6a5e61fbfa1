import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import type { KeyboardEvent } from "react";
import { StatusBadge } from "../../components/StatusBadge.js";
import { routeHref } from "../../routing/routes.js";

// Left and right arrows move between the page tabs, Home and End to the first and last, as in a tab list.
function onTabsKeyDown(event: KeyboardEvent<HTMLElement>) {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a")];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at < 0) return;
  const next =
    event.key === "ArrowRight"
      ? links[(at + 1) % links.length]
      : event.key === "ArrowLeft"
        ? links[(at - 1 + links.length) % links.length]
        : event.key === "Home"
          ? links[0]
          : event.key === "End"
            ? links[links.length - 1]
            : undefined;
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

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
      <nav className="tabs" aria-label="run pages" onKeyDown={onTabsKeyDown}>
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
