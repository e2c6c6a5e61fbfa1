/** Node-only globals that browser-safe code must not touch unguarded (`Buffer.`, `process.env`, `require(`, ...). */
export declare const NODE_GLOBALS: RegExp;

/** What to bundle: a file path, or TypeScript source with the folder its imports resolve from. */
export type BundleEntry = string | { contents: string; resolveDir: string };

/** Options of {@link bundleForBrowser} and {@link expectBrowserSafeBundle}. */
export interface BrowserBundleOptions {
  /** Imports left out of the bundle (default: `@tensorflow/tfjs-core`, a browser-first peer). */
  external?: string[];
}

/**
 * Bundles `entry` with esbuild (`platform: "browser"`, ESM, in memory) and returns the code. Rejects when
 * anything in the import graph, a dependency's dist included, imports a Node built-in. esbuild is loaded
 * from the package under test (a devDependency of it), found from the entry's folder.
 */
export declare function bundleForBrowser(entry: BundleEntry, options?: BrowserBundleOptions): Promise<string>;

/**
 * Asserts that `entry` runs in a browser: it bundles for the browser (no Node built-in anywhere in its
 * graph), the bundle uses no Node-only global ({@link NODE_GLOBALS}), contains every `contains` string (e.g.
 * an export name, so an empty bundle cannot pass) and none of the `excludes`. Returns the bundle.
 */
export declare function expectBrowserSafeBundle(
  entry: BundleEntry,
  options?: BrowserBundleOptions & { contains?: string[]; excludes?: string[] },
): Promise<string>;
