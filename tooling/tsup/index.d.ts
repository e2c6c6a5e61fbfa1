/**
 * The tsup options mlp-lab packages set. A structural subset of tsup's `Options`, declared here so a
 * package's config does not have to name the type through this package's own copy of tsup.
 */
export interface LibraryOptions {
  entry?: string[] | Record<string, string>;
  format?: Array<"esm" | "cjs" | "iife">;
  dts?: boolean;
  sourcemap?: boolean;
  clean?: boolean;
  target?: string;
  external?: Array<string | RegExp>;
  noExternal?: Array<string | RegExp>;
  banner?: { js?: string };
}
/** What every published package builds: one ESM entry with types and source maps, for Node 20. */
export declare const libraryDefaults: LibraryOptions;
/** The shared settings, with a package's own options on top. */
export declare function libraryConfig(overrides?: LibraryOptions): LibraryOptions;
