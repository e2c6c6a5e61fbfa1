/** The limits of a WebGPU adapter that decide what tfjs can run on it (all are bytes or counts). */
export const KEY_ADAPTER_LIMITS = [
  "maxBufferSize",
  "maxStorageBufferBindingSize",
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupsPerDimension",
] as const;

/** One of {@link KEY_ADAPTER_LIMITS}. */
export type AdapterLimitName = (typeof KEY_ADAPTER_LIMITS)[number];

/** A WebGPU adapter as `mlp doctor`, run metadata and `auto` see it. */
export interface GpuAdapterDescription {
  /** `adapter.info.vendor`, e.g. "nvidia", "google". */
  vendor: string;
  /** `adapter.info.architecture`, e.g. "hopper", "swiftshader". */
  architecture: string;
  /** `adapter.info.device` (often empty on real GPUs, which only report a description). */
  device: string;
  /** `adapter.info.description`, e.g. "NVIDIA H200" or "SwiftShader driver 5.0.0". */
  description: string;
  /** True for a CPU implementation (SwiftShader, llvmpipe/lavapipe, WARP) or a fallback adapter. */
  software: boolean;
  /** The limits tfjs asks the device for (see {@link KEY_ADAPTER_LIMITS}). */
  limits: Record<AdapterLimitName, number>;
}

/** The slice of `GPUAdapter` read here (the `webgpu` package's full types need `@webgpu/types`). */
export interface GpuAdapterLike {
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
  limits: Record<string, number | undefined> | object;
}

// Names that CPU implementations of Vulkan/D3D put in the adapter's info.
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|\bwarp\b|basic render|software|cpu/i;

/** Read `adapter.info` and the key limits, and judge whether the adapter is a software one. */
export function describeAdapter(adapter: GpuAdapterLike): GpuAdapterDescription {
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? "";
  const architecture = info.architecture ?? "";
  const device = info.device ?? "";
  const description = info.description ?? "";
  const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
  const software = fallback || SOFTWARE_NAMES.test([vendor, architecture, device, description].join(" "));
  const source = adapter.limits as Record<string, number | undefined>;
  const limits = {} as Record<AdapterLimitName, number>;
  for (const name of KEY_ADAPTER_LIMITS) limits[name] = Number(source[name] ?? 0);
  return { vendor, architecture, device, description, software, limits };
}

/** "SwiftShader driver 5.0.0 (google swiftshader, software)" or "NVIDIA H200 (nvidia hopper)". */
export function adapterName(a: GpuAdapterDescription): string {
  const head = a.description || a.device || a.architecture || a.vendor || "unnamed adapter";
  const detail = [a.vendor, a.architecture].filter(Boolean).join(" ");
  const tags = [detail, a.software ? "software" : ""].filter(Boolean).join(", ");
  return tags ? `${head} (${tags})` : head;
}

function bytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20 && n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  if (n >= 2 ** 10 && n % 2 ** 10 === 0) return `${n / 2 ** 10} KiB`;
  return `${n} B`;
}

/** The key limits on one line: "buffer 1 GiB, storage binding 1 GiB, workgroup storage 32 KiB, …". */
export function formatAdapterLimits(limits: Record<AdapterLimitName, number>): string {
  return [
    `buffer ${bytes(limits.maxBufferSize)}`,
    `storage binding ${bytes(limits.maxStorageBufferBindingSize)}`,
    `workgroup storage ${bytes(limits.maxComputeWorkgroupStorageSize)}`,
    `${limits.maxComputeInvocationsPerWorkgroup} invocations/workgroup`,
    `workgroups/dim ${limits.maxComputeWorkgroupsPerDimension}`,
  ].join(", ");
}
