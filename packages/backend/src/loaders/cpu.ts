import * as tf from "@tensorflow/tfjs-core";
import { cpuDevice } from "./cpu-info.js";
import type { LoadedBackend } from "./loaded-backend.js";

/** The pure-JavaScript backend: always there, slowest. */
export async function loadCpu(): Promise<LoadedBackend> {
  await import("@tensorflow/tfjs-backend-cpu");
  if (!(await tf.setBackend("cpu"))) throw new Error("tf.setBackend('cpu') returned false");
  return { tfjsBackend: "cpu", threads: 1, simd: "none", device: cpuDevice() };
}
