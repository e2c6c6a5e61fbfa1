import type { BackendDescription } from "../description.js";

/** What a loader reports once its backend is active in tfjs. */
export type LoadedBackend = Omit<BackendDescription, "skipped" | "tfjsVersion" | "name" | "package">;

/** Loads one backend into tfjs and makes it current, or throws with the reason it cannot. */
export type BackendLoader = () => Promise<LoadedBackend>;
