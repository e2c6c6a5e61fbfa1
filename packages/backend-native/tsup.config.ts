import { libraryDefaults } from "@mlp-lab/tsup-config";
import { defineConfig } from "tsup";

export default defineConfig([
  libraryDefaults,
  {
    // Reference-path helper for tests and bench: bundles tfjs-core's gradient registrations.
    ...libraryDefaults,
    entry: { "register-gradients": "src/register-gradients.ts" },
    dts: false,
    sourcemap: false,
    clean: false,
    noExternal: [/register_all_gradients/, /tfjs-core\/dist\//],
    external: ["@tensorflow/tfjs-core"],
  },
]);
