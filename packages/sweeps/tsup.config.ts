import { libraryConfig } from "@mlp-lab/tsup-config";

export default libraryConfig({
  entry: { index: "src/index.ts", figures: "src/figures/index.ts", "worker-main": "src/worker-main.ts" },
});
