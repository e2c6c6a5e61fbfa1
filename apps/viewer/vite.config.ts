import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the app works wherever `mlp serve` mounts it.
  base: "./",
  build: {
    outDir: "dist/app",
    emptyOutDir: true,
    // vega and tfjs are large by nature; the warning would fire on every build.
    chunkSizeWarningLimit: 3000,
  },
  // One tfjs-core instance: @mlp-lab/models registers its kernels on the same engine the app sets up.
  resolve: { dedupe: ["@tensorflow/tfjs-core", "react", "react-dom", "vega", "vega-lite"] },
  // `pnpm dev` next to `mlp serve runs --port 5174` gets live reload with the real API.
  server: { proxy: { "/api": "http://127.0.0.1:5174" } },
});
