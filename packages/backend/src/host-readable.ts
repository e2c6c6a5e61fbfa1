import * as tf from "@tensorflow/tfjs-core";
import type { BackendDescription } from "./description.js";
import { useBackend } from "./use-backend.js";

/** tfjs backends whose tensors can be read back to the host only asynchronously (in Node). */
const ASYNC_READ = new Set(["webgpu", "webgl"]);

/**
 * After training on a GPU backend that reads back only asynchronously (webgpu: its `dataSync`
 * needs a browser's `OffscreenCanvas`), make synchronous code work again: read every variable
 * (weights, optimizer slots) back to the host, then switch to the fastest CPU backend, to which
 * tfjs moves the variables on first use. Returns the new backend, or undefined when the active
 * one already reads synchronously.
 */
export async function useHostReadableBackend(): Promise<BackendDescription | undefined> {
  if (!ASYNC_READ.has(tf.getBackend())) return undefined;
  const variables = Object.values(tf.engine().state.registeredVariables);
  await Promise.all(variables.map((v) => v.data()));
  return useBackend("auto", { exclude: ["webgpu"] });
}
