import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgl";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import wasmUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
// The browser build of tfjs-core registers no gradients by itself; training needs them all.
import "@tensorflow/tfjs-core/dist/register_all_gradients";

/** Backends the page can train on, fastest first. */
export const PAGE_BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
/** One of {@link PAGE_BACKENDS}. */
export type PageBackend = (typeof PAGE_BACKENDS)[number];

/** The backend chosen, with what the page shows about it. */
export interface ChosenBackend {
  name: PageBackend;
  /** e.g. the WebGPU adapter, the WebGL renderer, "wasm SIMD". */
  detail: string;
  /** Backends tried before it and why they were passed over. */
  skipped: string[];
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}

async function webgpuAdapter(): Promise<GpuAdapterLike | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

async function tryBackend(name: PageBackend): Promise<string | undefined> {
  if (name === "webgpu") {
    const adapter = await webgpuAdapter();
    if (!adapter) return undefined;
    await import("@tensorflow/tfjs-backend-webgpu");
    if (!(await tf.setBackend("webgpu").catch(() => false))) return undefined;
    const info = adapter.info ?? {};
    return (
      [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") ||
      "WebGPU adapter"
    );
  }
  if (name === "webgl") {
    if (!(await tf.setBackend("webgl").catch(() => false))) return undefined;
    // A context that cannot render float32 textures would silently lose precision: refuse it.
    if (!tf.env().getBool("WEBGL_RENDER_FLOAT32_CAPABLE")) return undefined;
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    return (gl?.getParameter(gl.RENDERER) as string | undefined) ?? "WebGL";
  }
  if (name === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm");
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmUrl,
      "tfjs-backend-wasm-simd.wasm": wasmSimdUrl,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreadedUrl,
    });
    if (!(await tf.setBackend("wasm").catch(() => false))) return undefined;
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    return simd ? "WebAssembly SIMD" : "WebAssembly";
  }
  await tf.setBackend("cpu");
  return "plain JavaScript";
}

/**
 * Pick the backend: with `auto`, WebGPU where the browser offers an adapter, else WebGL with float32
 * textures, else WebAssembly, else plain JavaScript; a named backend is tried alone (then `cpu`).
 */
export async function selectBackend(asked: string): Promise<ChosenBackend> {
  const order: PageBackend[] =
    asked === "auto" || !(PAGE_BACKENDS as readonly string[]).includes(asked)
      ? [...PAGE_BACKENDS]
      : [asked as PageBackend, "cpu"];
  const skipped: string[] = [];
  for (const name of order) {
    try {
      const detail = await tryBackend(name);
      if (detail !== undefined) {
        await tf.ready();
        tf.env().set("PROD", true);
        return { name, detail, skipped };
      }
      skipped.push(`${name}: not available in this browser`);
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new Error(`no tfjs backend could start (${skipped.join("; ")})`);
}
