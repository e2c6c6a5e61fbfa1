import { defineConfig } from "tsup";

// The Node side of the viewer (static files + the runs API on one server), bundled into the CLI by its tsup.
export default defineConfig({
  entry: { index: "src/server/index.ts" },
  outDir: "dist/server",
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
