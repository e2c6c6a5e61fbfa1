import { defineConfig } from "tsup";

/** What every published package builds: one ESM entry with types and source maps, for Node 20. */
export const libraryDefaults = {
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
};

/** The shared settings, with a package's own options on top. */
export function libraryConfig(overrides = {}) {
  return defineConfig({ ...libraryDefaults, ...overrides });
}
