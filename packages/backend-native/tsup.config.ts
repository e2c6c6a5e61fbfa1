import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
  },
  {
    // Reference-path helper for tests and bench: bundles tfjs-core's gradient registrations.
    entry: { "register-gradients": "src/register-gradients.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: false,
    clean: false,
    target: "node20",
    noExternal: [/register_all_gradients/, /tfjs-core\/dist\//],
    external: ["@tensorflow/tfjs-core"],
  },
]);
