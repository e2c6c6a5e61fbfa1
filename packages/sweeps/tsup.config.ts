import { libraryConfig } from "@mlp-lab/tsup-config";

export default libraryConfig({
  entry: { index: "src/index.ts", "pool-worker-main": "src/pool-worker-main.ts" },
});
