export {
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  PACKAGE_OF,
  TFJS_BACKEND_OF,
  isBackendChoice,
} from "./backend-name.js";
export { type BackendDescription, type SkippedBackend, formatBackend } from "./description.js";
export { BackendError, type BackendErrorCode } from "./errors.js";
export { registerAllGradients } from "./gradients.js";
export { type BackendProbe, type UseBackendOptions, probeBackends, useBackend } from "./use-backend.js";
export {
  type AdapterLimitName,
  type GpuAdapterDescription,
  KEY_ADAPTER_LIMITS,
  adapterName,
  describeAdapter,
  formatAdapterLimits,
} from "./webgpu/adapter.js";
export {
  DEBIAN_SWIFTSHADER_ICD,
  ensureXdgRuntimeDir,
  findSwiftShaderIcd,
  useSwiftShader,
  vulkanDriverConfigured,
} from "./webgpu/swiftshader.js";
export { useHostReadableBackend } from "./host-readable.js";
export { type CpuFeatures, cpuFeatures } from "./cpu-features.js";
