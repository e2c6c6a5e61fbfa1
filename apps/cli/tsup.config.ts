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
  // One installable package: the workspace packages are bundled in, and so are the pure-ESM libraries whose
  // installed size dwarfs the code the CLI runs (vega, vega-lite and their d3 modules ~25 MB, zod 8 MB: about
  // 2 MB in the bundle), keeping `npm i -g @mlp-lab/cli --omit=optional` under 100 MB. tfjs stays a dependency
  // (one instance shared with the optional native backend), as do resvg (native), optional backends and data.
  noExternal: [
    /^@mlp-lab\/(?!backend-native)/,
    /^@tensorflow\/tfjs-core\/dist\//,
    /^vega(-[a-z-]+)?$/,
    /^d3-[a-z-]+$/,
    /^(zod|json-stringify-pretty-compact|delaunator|robust-predicates|internmap|topojson-client)(\/.*)?$/,
  ],
  // vega-canvas tries `import("canvas")` (node-canvas) and falls back to SVG-only text metrics without it.
  external: ["@mlp-lab/backend-native", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu", "canvas"],
  banner: { js: "#!/usr/bin/env node" },
  // The bundled @mlp-lab/visualization looks for its two DejaVu faces in ./fonts/ beside the bundle.
  onSuccess: async () => {
    cpSync(
      new URL("../../packages/visualization/fonts/", import.meta.url),
      new URL("./dist/fonts/", import.meta.url),
      {
        recursive: true,
      },
    );
  },
});
