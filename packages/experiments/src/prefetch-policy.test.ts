import { describe, expect, it } from "vitest";
import { usePrefetchWorker } from "./prefetch-policy.js";

describe("usePrefetchWorker", () => {
  it("uses the worker only when a core is left over for it", () => {
    expect(usePrefetchWorker(2, 2, {})).toBe(false);
    expect(usePrefetchWorker(2, 4, {})).toBe(true);
    expect(usePrefetchWorker(1, 2, {})).toBe(true);
    expect(usePrefetchWorker(0, 1, {})).toBe(false);
    expect(usePrefetchWorker(8, 4, {})).toBe(false);
  });

  it("MLP_PREFETCH forces either way; other values leave the choice to the core count", () => {
    expect(usePrefetchWorker(2, 2, { MLP_PREFETCH: "1" })).toBe(true);
    expect(usePrefetchWorker(1, 16, { MLP_PREFETCH: "0" })).toBe(false);
    expect(usePrefetchWorker(1, 16, { MLP_PREFETCH: "yes" })).toBe(true);
  });
});
