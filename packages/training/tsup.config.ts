import { libraryConfig } from "@mlp-lab/tsup-config";

// Two entries: the portable core (no Node built-ins, runs in browsers) and ./node (checkpoint folders).
export default libraryConfig({ entry: { index: "src/index.ts", node: "src/node/index.ts" } });
