import * as tf from "@tensorflow/tfjs-core";
import { cpuDevice } from "./cpu-info.js";
import type { LoadedBackend } from "./loaded-backend.js";

type NativeStatus =
  | { available: true; simd: string; threads: number; addonPath: string }
  | { available: false; reason: string };

interface NativeModule {
  loadNativeBackend(): NativeStatus;
  NATIVE_BACKEND_NAME: string;
}

const NATIVE_PACKAGE = "@mlp-lab/backend-native";

/** Our own N-API CPU backend (SIMD, all cores); an optional dependency built at install. */
export async function loadNative(): Promise<LoadedBackend> {
  let mod: NativeModule;
  try {
    mod = (await import(/* @vite-ignore */ NATIVE_PACKAGE)) as NativeModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new Error(
        `${NATIVE_PACKAGE} is not installed (it is an optional dependency of @mlp-lab/backend)`,
      );
    }
    throw error;
  }
  const status = mod.loadNativeBackend();
  if (!status.available) throw new Error(status.reason);
  if (!(await tf.setBackend(mod.NATIVE_BACKEND_NAME))) {
    throw new Error(`tf.setBackend('${mod.NATIVE_BACKEND_NAME}') returned false`);
  }
  return {
    tfjsBackend: mod.NATIVE_BACKEND_NAME,
    threads: status.threads,
    simd: status.simd,
    device: cpuDevice(),
  };
}
