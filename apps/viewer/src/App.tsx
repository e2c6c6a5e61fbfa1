import { Component, type ReactNode, Suspense, lazy } from "react";
import { ErrorMessage, Loading } from "./components/ErrorMessage.js";
import { SchemeToggle } from "./components/SchemeToggle.js";
import { RunsPage } from "./pages/RunsPage.js";
import { type Route, routeHref } from "./routing/routes.js";
import { useRoute } from "./routing/use-route.js";
import { ColorSchemeContext, useSchemeChoice } from "./state/color-scheme.js";

// Only the runs table is in the first script; every other page loads when first opened, so tfjs (Try it,
// weight maps) and the chart code (run pages) never delay the table.
const RunPage = lazy(() => import("./pages/RunPage.js").then((m) => ({ default: m.RunPage })));
const LivePage = lazy(() => import("./pages/LivePage.js").then((m) => ({ default: m.LivePage })));
const TryItPage = lazy(() => import("./pages/TryItPage.js").then((m) => ({ default: m.TryItPage })));
const SweepsPage = lazy(() => import("./pages/SweepsPage.js").then((m) => ({ default: m.SweepsPage })));
const SweepPage = lazy(() => import("./pages/SweepPage.js").then((m) => ({ default: m.SweepPage })));
const ComparePage = lazy(() => import("./pages/ComparePage.js").then((m) => ({ default: m.ComparePage })));

/** Last line of defence: a render error shows its message instead of a blank page. */
class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <ErrorMessage title="This page failed to render" error={this.state.error} />;
    return this.props.children;
  }
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "runs":
      return <RunsPage />;
    case "run":
      return <RunPage id={route.id} />;
    case "live":
      return <LivePage id={route.id} />;
    case "try":
      return <TryItPage id={route.id} />;
    case "compare":
      return <ComparePage ids={route.ids} />;
    case "sweeps":
      return <SweepsPage />;
    case "sweep":
      return <SweepPage id={route.id} />;
    case "not-found":
      return <ErrorMessage title="No such page" error={`${route.hash} is not a page of the viewer`} />;
  }
}

/** The viewer: a header and the page of the current hash route. */
export function App() {
  const route = useRoute();
  const scheme = useSchemeChoice();
  // The page key leaves out the view-state query (filters, smoothing), which changes without a new page.
  const pageKey = JSON.stringify(route);
  return (
    <ColorSchemeContext.Provider value={scheme.scheme}>
      <button type="button" className="skip-link" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="brand" href={routeHref({ page: "runs" })}>
          mlp-lab
        </a>
        <span className="subtitle">runs viewer</span>
        <nav aria-label="sections" className="app-nav">
          <a href={routeHref({ page: "runs" })} aria-current={route.page === "runs" ? "page" : undefined}>
            Runs
          </a>
          <a
            href={routeHref({ page: "sweeps" })}
            aria-current={route.page === "sweeps" || route.page === "sweep" ? "page" : undefined}
          >
            Sweeps
          </a>
        </nav>
        <SchemeToggle choice={scheme.choice} onChange={scheme.setChoice} />
      </header>
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary resetKey={pageKey}>
          <Suspense fallback={<Loading what="the page" />}>
            <Page route={route} />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </ColorSchemeContext.Provider>
  );
}
