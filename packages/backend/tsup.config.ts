import { libraryConfig } from "@mlp-lab/tsup-config";

export default libraryConfig({
  // ./names: the backend names alone (no Node built-in), for configs validated in a browser.
  entry: { index: "src/index.ts", names: "src/backend-name.ts" },
  external: [
    "@mlp-lab/backend-native",
    "@tensorflow/tfjs-node",
    "@tensorflow/tfjs-node-gpu",
    "@tensorflow/tfjs-backend-webgpu",
    "webgpu",
  ],
  // tfjs-core's Node build registers no gradients and its ESM gradient files use extension-less
  // imports Node cannot load: bundle them here. They register on tfjs's global engine and registry,
  // so the one installed tfjs-core instance gets them.
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
