import type { BackendName } from "./backend-name.js";
import { type GpuAdapterDescription, adapterName, formatAdapterLimits } from "./webgpu/adapter.js";

/** A backend that `auto` (or an explicit request) could not use, and why. */
export interface SkippedBackend {
  /** The backend that was tried. */
  name: BackendName;
  /** Why it did not load, in one line. */
  reason: string;
}

/** What backend is running the tensors, for logs, run metadata and `mlp doctor`. */
export interface BackendDescription {
  /** Our name of the backend. */
  name: BackendName;
  /** The name tfjs knows it by (`tf.getBackend()`). */
  tfjsBackend: string;
  /** The npm package that provides it. */
  package: string;
  /** Version of `@tensorflow/tfjs-core` in use. */
  tfjsVersion: string;
  /** Threads the backend computes with. */
  threads: number;
  /** SIMD instruction set in use, or "none". */
  simd: string;
  /** The device, e.g. "CPU (AVX-512, 2 cores)" or a GPU name. */
  device: string;
  /** Backends tried before this one and why they were skipped (for `auto`). */
  skipped: SkippedBackend[];
  /** The GPU adapter, for `webgpu`: its `adapter.info`, whether it is a software one, key limits. */
  adapter?: GpuAdapterDescription;
}

/**
 * One line for humans, then one per skipped backend: `wasm (wasm-simd128, 1 thread, Intel Xeon
 * (2 cores)) · tfjs 4.22.0`, or for a GPU `webgpu (NVIDIA H200 (nvidia hopper); buffer 1 GiB, …)`.
 */
export function formatBackend(d: BackendDescription): string {
  const simd = d.simd === "none" ? "no SIMD" : d.simd;
  const what = d.adapter
    ? `${adapterName(d.adapter)}; ${formatAdapterLimits(d.adapter.limits)}`
    : `${simd}, ${d.threads} thread${d.threads === 1 ? "" : "s"}, ${d.device}`;
  const head = `${d.name} (${what}) · tfjs ${d.tfjsVersion}`;
  if (d.skipped.length === 0) return head;
  return `${head}\n${d.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`).join("\n")}`;
}
