/**
 * Backends mlp-lab can run on, fastest first: the order `auto` tries them in. `auto` takes
 * `webgpu` only on a hardware adapter (a software one such as SwiftShader is slower than the CPU
 * backends, so `auto` skips it with that reason).
 */
export const BACKEND_NAMES = ["webgpu", "native", "cuda", "tensorflow", "wasm", "cpu"] as const;

/** A concrete backend. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What a user may ask for: a backend, or `auto` for the fastest that loads. */
export type BackendChoice = BackendName | "auto";

/** The tfjs backend name each of ours registers under. */
export const TFJS_BACKEND_OF: Record<BackendName, string> = {
  webgpu: "webgpu",
  native: "native",
  cuda: "tensorflow",
  tensorflow: "tensorflow",
  wasm: "wasm",
  cpu: "cpu",
};

/** The npm package that provides each backend. */
export const PACKAGE_OF: Record<BackendName, string> = {
  webgpu: "@tensorflow/tfjs-backend-webgpu",
  native: "@mlp-lab/backend-native",
  cuda: "@tensorflow/tfjs-node-gpu",
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

/** True when `value` names a backend or `auto`. */
export function isBackendChoice(value: string): value is BackendChoice {
  return value === "auto" || (BACKEND_NAMES as readonly string[]).includes(value);
}
