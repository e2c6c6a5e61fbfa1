import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The viewer bundles "@mlp-lab/runs/schema" for the browser: nothing it reaches may import node: modules.
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const specifiers = importsOf(file);
    seen.set(file, specifiers);
    for (const s of specifiers)
      if (s.startsWith(".")) queue.push(resolve(dirname(file), s.replace(/\.js$/, ".ts")));
  }
  return seen;
}

describe("@mlp-lab/runs/schema", () => {
  it("reaches only zod and its own pure modules", () => {
    const graph = reachable(resolve(dirname(fileURLToPath(import.meta.url)), "index.ts"));
    expect(graph.size).toBeGreaterThan(4);
    const external = new Set([...graph.values()].flat().filter((s) => !s.startsWith(".")));
    expect([...external]).toEqual(["zod"]);
  });
});
