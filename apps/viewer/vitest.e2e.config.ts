import { packageConfig } from "@mlp-lab/vitest-config";

// Browser tests: Debian's Chromium drives the built app behind the real server, one file at a time.
const config = packageConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
// Replace, not merge: the shared config excludes *.e2e.test.ts, which is exactly what runs here.
config.test = { ...config.test, include: ["e2e/**/*.e2e.test.ts"], exclude: ["**/node_modules/**"] };
export default config;
