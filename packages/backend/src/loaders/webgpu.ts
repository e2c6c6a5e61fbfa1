import * as tf from "@tensorflow/tfjs-core";
import { type GpuAdapterLike, adapterName, describeAdapter } from "../webgpu/adapter.js";
import { ensureXdgRuntimeDir, findSwiftShaderIcd, vulkanDriverConfigured } from "../webgpu/swiftshader.js";
import type { LoadedBackend, LoaderContext } from "./loaded-backend.js";

// Both packages are optional; variable specifiers keep bundlers (the CLI's tsup) from inlining
// Dawn's native addon or tfjs's webgpu kernels.
const DAWN_PACKAGE = "webgpu";
const TFJS_WEBGPU_PACKAGE = "@tensorflow/tfjs-backend-webgpu";
const INSTALL_HINT = "npm i webgpu @tensorflow/tfjs-backend-webgpu";

interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: "low-power" | "high-performance";
  }): Promise<GpuAdapterLike | null>;
}
interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

function notFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  // Node sets a code; vite (vitest) only says "Could not resolve … Is it installed?".
  return (
    code === "ERR_MODULE_NOT_FOUND" ||
    code === "MODULE_NOT_FOUND" ||
    /Could not resolve/.test((error as Error).message)
  );
}

let gpuPromise: Promise<GpuLike> | undefined;

/** `navigator.gpu`: the one already there (a runtime with WebGPU), else Dawn's, installed once. */
function navigatorGpu(): Promise<GpuLike> {
  gpuPromise ??= (async () => {
    const existing = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
    if (existing) return existing;
    ensureXdgRuntimeDir();
    let dawn: DawnModule;
    try {
      dawn = (await import(/* @vite-ignore */ DAWN_PACKAGE)) as DawnModule;
    } catch (error) {
      if (notFound(error)) {
        throw new Error(
          `the webgpu package (Dawn for Node) is not installed: \`${INSTALL_HINT}\` (optional peer dependencies of @mlp-lab/backend and @mlp-lab/cli)`,
        );
      }
      throw new Error(
        `the webgpu package's dawn.node did not load (on Linux it needs the Vulkan loader, Debian/Ubuntu \`libvulkan1\`): ${(error as Error).message}`,
      );
    }
    // tfjs's webgpu kernels use the WebGPU globals (GPUBufferUsage, GPUMapMode, ...); add the
    // ones this runtime lacks, never replace what is there.
    for (const [key, value] of Object.entries(dawn.globals)) {
      if (!(key in globalThis))
        Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
    }
    const gpu = dawn.create([]);
    const g = globalThis as { navigator?: object };
    // Node 20 has no `navigator`; Node 21+ has one without `gpu`.
    if (!g.navigator)
      Object.defineProperty(globalThis, "navigator", { value: {}, configurable: true, writable: true });
    Object.defineProperty(g.navigator as object, "gpu", { value: gpu, configurable: true });
    return gpu;
  })();
  // A failed start may be retried later (after installing a driver, in a long-lived process).
  gpuPromise.catch(() => {
    gpuPromise = undefined;
  });
  return gpuPromise;
}

function noAdapterMessage(cause: string): string {
  if (process.platform !== "linux") return `no WebGPU adapter: ${cause}`;
  const icdEnv = process.env.VK_ICD_FILENAMES;
  const icd = icdEnv ? undefined : findSwiftShaderIcd();
  const hint = icd ? `; for SwiftShader on the CPU (slow, for tests) set VK_ICD_FILENAMES=${icd}` : "";
  return `no WebGPU adapter: ${cause} (VK_ICD_FILENAMES ${icdEnv ? `= ${icdEnv}` : "unset"})${hint}`;
}

const EXPLAINED = Symbol.for("mlp-lab.webgpu.explainSyncReads");
interface SyncReader {
  readSync(dataId: object): unknown;
  [EXPLAINED]?: true;
}

/**
 * In Node, webgpu's `readSync` (behind `dataSync`/`arraySync`) needs a browser's `OffscreenCanvas`
 * and fails with "OffscreenCanvas is not defined"; say what to do instead.
 */
function explainSyncReads(backend: SyncReader): void {
  if (backend[EXPLAINED]) return;
  const original = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    try {
      return original(dataId);
    } catch (error) {
      if (error instanceof ReferenceError && /OffscreenCanvas/.test(error.message)) {
        throw new Error(
          "the webgpu backend cannot read a tensor synchronously in Node (dataSync, arraySync): await tensor.data() instead, or call useHostReadableBackend() from @mlp-lab/backend to continue on a CPU backend",
          { cause: error },
        );
      }
      throw error;
    }
  };
  backend[EXPLAINED] = true;
}

/**
 * WebGPU through Dawn's Node bindings (`webgpu`) and `@tensorflow/tfjs-backend-webgpu`. An explicit
 * request takes any adapter, a software one (SwiftShader) included; `auto` only a hardware one.
 */
export async function loadWebGpu(context: LoaderContext = { auto: false }): Promise<LoadedBackend> {
  // Dawn prints "vkCreateInstance: Found no drivers!" to stderr when there is none: when merely
  // looking (auto, doctor), check first. An explicit request lets Dawn try and say so itself.
  if ((context.auto || context.probe) && !vulkanDriverConfigured()) {
    throw new Error(noAdapterMessage("no Vulkan driver is installed (no ICD file)"));
  }
  const gpu = await navigatorGpu();
  const powerPreference =
    tf.env().getFlags().WEBGPU_USE_LOW_POWER_GPU === true ? "low-power" : "high-performance";
  const found = await gpu.requestAdapter({ powerPreference });
  if (!found) throw new Error(noAdapterMessage("Dawn found no usable Vulkan driver"));
  const adapter = describeAdapter(found);
  if (context.auto && adapter.software) {
    throw new Error(
      `software adapter (${adapter.description || adapterName(adapter)}): slower than the CPU backends; ask for it with --backend webgpu`,
    );
  }
  try {
    await import(/* @vite-ignore */ TFJS_WEBGPU_PACKAGE);
  } catch (error) {
    if (notFound(error)) {
      throw new Error(`${TFJS_WEBGPU_PACKAGE} is not installed: \`${INSTALL_HINT}\``);
    }
    throw error;
  }
  if (!tf.findBackendFactory("webgpu")) {
    throw new Error(
      `${TFJS_WEBGPU_PACKAGE} was imported before navigator.gpu existed, so it registered no backend: call useBackend("webgpu") before importing it`,
    );
  }
  if (!(await tf.setBackend("webgpu"))) {
    throw new Error(`tf.setBackend('webgpu') returned false on ${adapterName(adapter)}`);
  }
  explainSyncReads(tf.backend() as unknown as SyncReader);
  return {
    tfjsBackend: "webgpu",
    threads: 0,
    simd: "none",
    device: adapterName(adapter),
    adapter,
  };
}
