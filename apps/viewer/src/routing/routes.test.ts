import { describe, expect, it } from "vitest";
import { type Route, parseHash, routeHref } from "./routes.js";

describe("routes", () => {
  it("parses every page and round-trips through routeHref", () => {
    const routes: Route[] = [
      { page: "runs" },
      { page: "run", id: "20261127-100000-000-a" },
      { page: "live", id: "x" },
      { page: "try", id: "x" },
      { page: "compare", ids: ["a", "b"] },
      { page: "sweeps" },
      { page: "sweep", id: "20261201-220000-small-aaaa" },
    ];
    for (const route of routes) expect(parseHash(routeHref(route))).toEqual(route);
  });

  it("treats an empty hash as the runs table and anything else as not found", () => {
    expect(parseHash("")).toEqual({ page: "runs" });
    expect(parseHash("#/runs")).toEqual({ page: "runs" });
    expect(parseHash("#/nope/1")).toEqual({ page: "not-found", hash: "#/nope/1" });
  });

  it("keeps ids with odd characters intact", () => {
    expect(parseHash(routeHref({ page: "run", id: "a b%c" }))).toEqual({ page: "run", id: "a b%c" });
  });
});
