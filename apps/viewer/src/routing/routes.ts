/** The pages of the viewer. Routes live in the URL hash, so `mlp serve` needs no server-side routing. */
export type Route =
  | { page: "runs" }
  | { page: "run"; id: string }
  | { page: "live"; id: string }
  | { page: "try"; id: string }
  | { page: "compare"; ids: string[] }
  | { page: "sweeps" }
  | { page: "sweep"; id: string }
  | { page: "not-found"; hash: string };

/** The route of a location hash such as `#/runs/<id>` or `#/compare?runs=a,b`. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path = "", search = ""] = raw.split("?", 2);
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "runs")) return { page: "runs" };
  if (parts[0] === "runs" && parts.length === 2) return { page: "run", id: parts[1]! };
  if (parts[0] === "runs" && parts.length === 3 && parts[2] === "live")
    return { page: "live", id: parts[1]! };
  if (parts[0] === "runs" && parts.length === 3 && parts[2] === "try") return { page: "try", id: parts[1]! };
  if (parts[0] === "sweeps" && parts.length === 1) return { page: "sweeps" };
  if (parts[0] === "sweeps" && parts.length === 2) return { page: "sweep", id: parts[1]! };
  if (parts[0] === "compare" && parts.length === 1) {
    const ids = (new URLSearchParams(search).get("runs") ?? "").split(",").filter(Boolean);
    return { page: "compare", ids };
  }
  return { page: "not-found", hash: `#${raw}` };
}

/** The hash link of a route (the inverse of {@link parseHash}). */
export function routeHref(route: Route): string {
  switch (route.page) {
    case "runs":
      return "#/";
    case "run":
      return `#/runs/${encodeURIComponent(route.id)}`;
    case "live":
      return `#/runs/${encodeURIComponent(route.id)}/live`;
    case "try":
      return `#/runs/${encodeURIComponent(route.id)}/try`;
    case "compare":
      return `#/compare?runs=${route.ids.map(encodeURIComponent).join(",")}`;
    case "sweeps":
      return "#/sweeps";
    case "sweep":
      return `#/sweeps/${encodeURIComponent(route.id)}`;
    case "not-found":
      return route.hash;
  }
}
