import { defineConfig, mergeConfig } from "vitest/config";

/** Settings every mlp-lab package shares: node tests beside the code, generous timeouts for real training. */
export const baseConfig = defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Training tests are CPU-bound; two cores here, so one worker per core at most.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ["default"],
  },
});

/** Merge a package's own settings over the shared ones. */
export function packageConfig(overrides = {}) {
  return mergeConfig(baseConfig, defineConfig(overrides));
}
