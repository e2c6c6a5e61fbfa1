import { cpSync, readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

export default defineConfig({
  entry: { mlp: "src/mlp.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  define: { __CLI_VERSION__: JSON.stringify(version) },
  // One installable package: the workspace packages are bundled in; public packages (tfjs,
  // optional backends, data, zod, vega, resvg...) stay dependencies fetched from the registry.
  noExternal: [/^@mlp-lab\/(?!backend-native)/, /^@tensorflow\/tfjs-core\/dist\//],
  external: ["@mlp-lab/backend-native", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu"],
  banner: { js: "#!/usr/bin/env node" },
  // The bundled @mlp-lab/visualization looks for its two DejaVu faces in ./fonts/ beside the bundle.
  onSuccess: async () => {
    cpSync(new URL("../../packages/visualization/fonts/", import.meta.url), new URL("./dist/fonts/", import.meta.url), {
      recursive: true,
    });
  },
});
