import { packageConfig } from "@mlp-lab/vitest-config";

export default packageConfig({
  test: {
    // tfjs keeps one global engine per process: keep each file in its own fork, files one after another
    // (the kernels use every core).
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
  },
});
