import * as tf from "@tensorflow/tfjs-core";
import { cpuDevice } from "./cpu-info.js";
import type { LoadedBackend } from "./loaded-backend.js";

interface NodeBackendLike {
  isUsingGpuDevice?: boolean;
}

/**
 * libtensorflow through `@tensorflow/tfjs-node` (CPU) or `@tensorflow/tfjs-node-gpu` (CUDA).
 * Both are optional: their install downloads libtensorflow, which fails without internet access.
 */
export function tfjsNodeLoader(packageName: string, gpu: boolean): () => Promise<LoadedBackend> {
  return async () => {
    try {
      await import(/* @vite-ignore */ packageName);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
        throw new Error(
          `${packageName} is not installed (install it with \`npm i ${packageName}\`; its install script downloads libtensorflow)`,
        );
      }
      throw error;
    }
    if (!(await tf.setBackend("tensorflow"))) throw new Error("tf.setBackend('tensorflow') returned false");
    const backend = tf.backend() as unknown as NodeBackendLike;
    if (gpu && backend.isUsingGpuDevice !== true) {
      throw new Error(
        `${packageName} loaded but found no usable CUDA device (needs CUDA 11.2 and cuDNN 8.1)`,
      );
    }
    return {
      tfjsBackend: "tensorflow",
      threads: 0,
      simd: "libtensorflow",
      device: gpu ? "CUDA GPU" : cpuDevice(),
    };
  };
}
