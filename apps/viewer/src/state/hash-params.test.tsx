import { describe, expect, it } from "vitest";
import { parseHash } from "../routing/routes.js";
import { readHashParams, withHashParams } from "./hash-params.js";

describe("hash params", () => {
  it("sets and removes query keys and keeps the page path", () => {
    const hash = withHashParams("#/runs/abc", { smooth: "0.6", y: "log" });
    expect(hash).toBe("#/runs/abc?smooth=0.6&y=log");
    expect(parseHash(hash)).toEqual({ page: "run", id: "abc" });
    expect(withHashParams(hash, { smooth: null })).toBe("#/runs/abc?y=log");
    expect(withHashParams("", { q: "tag:x adam" })).toBe("#/?q=tag:x+adam");
    expect(readHashParams("#/?q=tag%3Ax+adam").get("q")).toBe("tag:x adam");
  });

  it("leaves the compare page's runs alone and keeps commas readable", () => {
    const hash = withHashParams("#/compare?runs=a,b", { hide: "a,c" });
    expect(hash).toBe("#/compare?runs=a,b&hide=a,c");
    expect(parseHash(hash)).toEqual({ page: "compare", ids: ["a", "b"] });
  });
});
