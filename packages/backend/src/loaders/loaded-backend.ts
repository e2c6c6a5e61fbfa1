import type { BackendDescription } from "../description.js";

/** What a loader reports once its backend is active in tfjs. */
export type LoadedBackend = Omit<BackendDescription, "skipped" | "tfjsVersion" | "name" | "package">;

/** How a loader is being asked: `auto` may refuse a backend that would load but run slowly. */
export interface LoaderContext {
  /** True when `auto` is choosing (webgpu then refuses a software adapter). */
  auto: boolean;
  /** True when only probing (`mlp doctor`): skip what would print native warnings. */
  probe?: boolean;
}

/** Loads one backend into tfjs and makes it current, or throws with the reason it cannot. */
export type BackendLoader = (context?: LoaderContext) => Promise<LoadedBackend>;
