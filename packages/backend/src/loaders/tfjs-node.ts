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
      // Node sets a code; vite (vitest) only says "Could not resolve … Is it installed?".
      if (
        code === "ERR_MODULE_NOT_FOUND" ||
        code === "MODULE_NOT_FOUND" ||
        /Could not resolve/.test((error as Error).message)
      ) {
        throw new Error(
          gpu
            ? `${packageName} is not installed: where the internet is reachable, \`npm i ${packageName}@4.22.0\` (its install script downloads libtensorflow 2.9.1 for CUDA 11.2 and cuDNN 8.1 from Google storage; TFJS_NODE_CDN_STORAGE points it at a mirror); for a GPU without CUDA, use --backend webgpu`
            : `${packageName} is not installed (install it with \`npm i ${packageName}\`; its install script downloads libtensorflow)`,
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
