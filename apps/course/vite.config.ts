import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Relative URLs: the static build works from any folder of any static host, or under `mlp serve`.
  base: "./",
  build: {
    outDir: "dist/static",
    emptyOutDir: true,
    target: "es2022",
    // tfjs and vega are large by nature; the training code loads in the worker, not on first paint.
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: "es" },
  // One tfjs-core instance: @mlp-lab/models and @mlp-lab/training register on the engine the worker sets up.
  resolve: { dedupe: ["@tensorflow/tfjs-core", "react", "react-dom", "vega", "vega-lite"] },
});
