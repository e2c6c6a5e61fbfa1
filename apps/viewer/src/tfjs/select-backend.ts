import * as tf from "@tensorflow/tfjs-core";

/** The tfjs backend Try it runs on, and why that one. */
export interface SelectedBackend {
  name: "webgpu" | "webgl" | "cpu";
  /** One line for the page: the adapter or the reason a faster backend was passed over. */
  detail: string;
}

/** What the browser offers, for {@link chooseBackendOrder} (kept apart so the choice is testable). */
export interface BrowserGpuSupport {
  /** `navigator.gpu` exists. */
  webgpu: boolean;
}

/** Backends to try, fastest first: WebGPU only where the browser exposes `navigator.gpu`. */
export function chooseBackendOrder(support: BrowserGpuSupport): SelectedBackend["name"][] {
  return support.webgpu ? ["webgpu", "webgl", "cpu"] : ["webgl", "cpu"];
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
}
interface NavigatorGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

function describeAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(" ") : "adapter without details";
}

async function tryWebGpu(): Promise<SelectedBackend | string> {
  const gpu = (navigator as unknown as NavigatorGpu).gpu;
  if (!gpu) return "this browser has no WebGPU";
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return "WebGPU found no adapter";
  // Loaded only here: the WebGPU backend is large and most browsers in the course's labs lack it.
  await import("@tensorflow/tfjs-backend-webgpu");
  if (!(await tf.setBackend("webgpu").catch(() => false))) return "the WebGPU backend failed to start";
  return { name: "webgpu", detail: `WebGPU on ${describeAdapter(adapter)}` };
}

async function tryWebGl(): Promise<SelectedBackend | string> {
  await import("@tensorflow/tfjs-backend-webgl");
  if (!(await tf.setBackend("webgl").catch(() => false))) return "no WebGL context";
  return { name: "webgl", detail: "WebGL" };
}

let chosen: Promise<SelectedBackend> | undefined;

/**
 * Pick the tfjs backend once per page load: WebGPU where the browser offers an adapter, else WebGL, else
 * the CPU backend (headless browsers, old machines; the course's MLPs answer in milliseconds there too).
 * `detail` says which, and why faster ones were passed over.
 */
export function selectBackend(): Promise<SelectedBackend> {
  chosen ??= (async () => {
    const webgpu = "gpu" in navigator;
    const order = chooseBackendOrder({ webgpu });
    const skipped: string[] = webgpu ? [] : ["this browser has no WebGPU"];
    for (const name of order) {
      if (name === "cpu") break;
      const result = await (name === "webgpu" ? tryWebGpu() : tryWebGl()).catch((e: unknown) =>
        e instanceof Error ? e.message : String(e),
      );
      if (typeof result !== "string") {
        return skipped.length > 0
          ? { ...result, detail: `${result.detail} (${skipped.join("; ")})` }
          : result;
      }
      skipped.push(result);
    }
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
    return { name: "cpu", detail: `CPU (${skipped.join("; ")})` };
  })();
  return chosen;
}
