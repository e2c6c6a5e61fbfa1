import { defineConfig } from "tsup";

export default defineConfig({
  // Three entries: the Node store, the browser-safe schema (zod only) and the node:http API.
  entry: { index: "src/index.ts", schema: "src/schema/index.ts", server: "src/server/index.ts" },
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
