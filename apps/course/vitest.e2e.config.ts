import { packageConfig } from "@mlp-lab/vitest-config";

// Browser tests: Debian's Chromium drives the static build served on loopback.
const config = packageConfig({
  test: { testTimeout: 600_000, hookTimeout: 180_000, fileParallelism: false },
});
// Replace, not merge: the shared config excludes *.e2e.test.ts, which is exactly what runs here.
config.test = { ...config.test, include: ["e2e/**/*.e2e.test.ts"], exclude: ["**/node_modules/**"] };
export default config;
