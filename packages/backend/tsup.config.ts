import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // tfjs-core's Node build registers no gradients and its ESM gradient files use extension-less
  // imports Node cannot load: bundle them here. They register on tfjs's global engine and registry,
  // so the one installed tfjs-core instance gets them.
  external: ["@mlp-lab/backend-native", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu"],
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
