import { Component, type ReactNode } from "react";
import { ErrorMessage } from "./components/ErrorMessage.js";
import { ComparePage } from "./pages/ComparePage.js";
import { LivePage } from "./pages/LivePage.js";
import { RunPage } from "./pages/RunPage.js";
import { RunsPage } from "./pages/RunsPage.js";
import { TryItPage } from "./pages/TryItPage.js";
import { type Route, routeHref } from "./routing/routes.js";
import { useRoute } from "./routing/use-route.js";

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
    case "not-found":
      return <ErrorMessage title="No such page" error={`${route.hash} is not a page of the viewer`} />;
  }
}

/** The viewer: a header and the page of the current hash route. */
export function App() {
  const route = useRoute();
  return (
    <>
      <header className="app-header">
        <a className="brand" href={routeHref({ page: "runs" })}>
          mlp-lab
        </a>
        <span className="subtitle">runs viewer</span>
      </header>
      <main>
        <PageErrorBoundary resetKey={JSON.stringify(route)}>
          <Page route={route} />
        </PageErrorBoundary>
      </main>
    </>
  );
}
