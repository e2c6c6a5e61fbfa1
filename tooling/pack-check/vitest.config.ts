import { packageConfig } from "@mlp-lab/vitest-config";

export default packageConfig({ test: { testTimeout: 300_000 } });
