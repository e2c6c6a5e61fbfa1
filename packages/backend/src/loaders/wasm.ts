import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { cpuDevice } from "./cpu-info.js";
import type { LoadedBackend } from "./loaded-backend.js";

/** The WebAssembly backend (XNNPACK, SIMD where the runtime has it), its `.wasm` files found on disk. */
export async function loadWasm(): Promise<LoadedBackend> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  const require = createRequire(import.meta.url);
  const distDir = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
  // The trailing slash matters: tfjs concatenates file names onto this prefix.
  wasm.setWasmPaths(`${distDir}/`);
  if (!(await tf.setBackend("wasm"))) {
    throw new Error(`the wasm module did not initialise (looked for .wasm files in ${distDir})`);
  }
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) ? "wasm-simd128" : "none";
  return { tfjsBackend: "wasm", threads: wasm.getThreadsCount(), simd, device: cpuDevice() };
}
