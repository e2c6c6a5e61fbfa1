import { defineConfig } from "tsup";

export default defineConfig({
  entry: { mlp: "src/mlp.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  // One installable package: the workspace packages are bundled in; public packages (tfjs,
  // optional backends, data) stay dependencies fetched from the registry.
  noExternal: [/^@mlp-lab\/(?!backend-native)/, /^@tensorflow\/tfjs-core\/dist\//],
  external: ["@mlp-lab/backend-native", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu"],
  banner: { js: "#!/usr/bin/env node" },
});
