import * as tf from "@tensorflow/tfjs-core";
import {
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  PACKAGE_OF,
  isBackendChoice,
} from "./backend-name.js";
import type { BackendDescription, SkippedBackend } from "./description.js";
import { BackendError, reasonOf } from "./errors.js";
import { registerAllGradients } from "./gradients.js";
import { loadCpu } from "./loaders/cpu.js";
import type { BackendLoader } from "./loaders/loaded-backend.js";
import { loadNative } from "./loaders/native.js";
import { tfjsNodeLoader } from "./loaders/tfjs-node.js";
import { loadWasm } from "./loaders/wasm.js";
import { loadWebGpu } from "./loaders/webgpu.js";

const LOADERS: Record<BackendName, BackendLoader> = {
  webgpu: loadWebGpu,
  native: loadNative,
  cuda: tfjsNodeLoader(PACKAGE_OF.cuda, true),
  tensorflow: tfjsNodeLoader(PACKAGE_OF.tensorflow, false),
  wasm: loadWasm,
  cpu: loadCpu,
};

/** Options of {@link useBackend}. */
export interface UseBackendOptions {
  /**
   * Silence tfjs's development banners and warnings (sets tfjs's `PROD` flag). Default true;
   * note that `PROD` also turns off tfjs's debug checks.
   */
  quiet?: boolean;
  /** Backends `auto` must not try, e.g. to compare the others. */
  exclude?: readonly BackendName[];
}

/**
 * Select the tfjs backend and make it current. `auto` (the default, or the `MLP_BACKEND`
 * environment variable) tries webgpu (hardware adapters only), native, cuda, tensorflow, wasm and
 * cpu in that order and takes the first that loads, reporting why it skipped the others. An explicit backend that cannot load
 * throws a {@link BackendError} naming its package and the cause.
 */
export async function useBackend(
  choice: BackendChoice | string = process.env.MLP_BACKEND || "auto",
  options: UseBackendOptions = {},
): Promise<BackendDescription> {
  if (!isBackendChoice(choice)) {
    throw new BackendError(
      "BACKEND_UNKNOWN",
      `unknown backend "${choice}": choose one of auto, ${BACKEND_NAMES.join(", ")}`,
    );
  }
  registerAllGradients();
  if (options.quiet !== false) tf.env().set("PROD", true);

  const excluded = new Set(options.exclude ?? []);
  const candidates = choice === "auto" ? BACKEND_NAMES.filter((n) => !excluded.has(n)) : [choice];
  const skipped: SkippedBackend[] = [];
  for (const name of candidates) {
    try {
      const loaded = await LOADERS[name]({ auto: choice === "auto" });
      return { name, package: PACKAGE_OF[name], tfjsVersion: tf.version_core, ...loaded, skipped };
    } catch (error) {
      const reason = reasonOf(error);
      if (choice !== "auto") {
        throw new BackendError(
          "BACKEND_UNAVAILABLE",
          `backend "${name}" (${PACKAGE_OF[name]}) is not available: ${reason}`,
          name,
          { cause: error },
        );
      }
      skipped.push({ name, reason });
    }
  }
  throw new BackendError(
    "BACKEND_NONE_LOADED",
    `no backend could be loaded:\n${skipped.map((s) => `  ${s.name}: ${s.reason}`).join("\n")}`,
  );
}

/** Whether one backend loads here, and why not. */
export type BackendProbe =
  | { name: BackendName; available: true; description: BackendDescription }
  | { name: BackendName; available: false; reason: string };

/**
 * Try every backend in turn (for `mlp doctor`), then switch back to the backend that was current.
 * `webgpu` is listed with any adapter, a software one included (its description says which).
 */
export async function probeBackends(): Promise<BackendProbe[]> {
  registerAllGradients();
  const previous = tf.getBackend();
  const results: BackendProbe[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      const loaded = await LOADERS[name]({ auto: false, probe: true });
      const description = {
        name,
        package: PACKAGE_OF[name],
        tfjsVersion: tf.version_core,
        ...loaded,
        skipped: [],
      };
      results.push({ name, available: true, description });
    } catch (error) {
      results.push({ name, available: false, reason: reasonOf(error) });
    }
  }
  if (previous) await tf.setBackend(previous);
  return results;
}
