import type { UserConfig } from "vitest/config";
/** Settings every mlp-lab package shares. */
export declare const baseConfig: UserConfig;
/** Merge a package's own settings over the shared ones. */
export declare function packageConfig(overrides?: UserConfig): UserConfig;
