#!/usr/bin/env node
// Where the general tfjs path's step goes on `native`: kernel calls per step and time per kernel (wall time
// inside each kernel function, so the rest of the step is engine overhead: tape, scopes, tensor bookkeeping).
//   node bench/profile-tfjs.mjs [sgd|adam] [steps] [ops|native]   (native: NativeOptimizer for the update)
// Env: PROFILE_KERNELS=0 (no per-kernel timing), PROFILE_CPU=1, PROFILE_TOP=n, PROFILE_TFJS_GRADIENTS=1.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "../dist/register-gradients.js";
import { NativeOptimizer, loadNativeBackend } from "../dist/index.js";
import { createTfjsMlp } from "./tfjs-mlp.mjs";

tf.env().set("PROD", true);
const st = loadNativeBackend();
if (!st.available) throw new Error(st.reason);
const kind = process.argv[2] ?? "sgd";
const steps = Number(process.argv[3] ?? 200);
const stats = new Map();
let profiling = false;
// PROFILE_CPU=1: process CPU time inside kernels (all threads) instead of wall time, for a loaded machine
const clock =
  process.env.PROFILE_CPU === "1"
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
for (const k of tf.getKernelsForBackend("native")) {
  const inner = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, "native");
  tf.registerKernel({
    ...k,
    kernelFunc: (args) => {
      if (!profiling) return inner(args);
      const t0 = clock();
      const r = inner(args);
      const dt = clock() - t0;
      const shapes = Object.values(args.inputs)
        .map((t) => (t ? `[${t.shape}]` : "-"))
        .join(" ");
      const key = `${k.kernelName} ${shapes}`;
      const s = stats.get(key) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += dt;
      stats.set(key, s);
      return r;
    },
  });
}
// PROFILE_TFJS_GRADIENTS=1: tfjs's own gradients instead of the native backend's (see src/native-gradients.ts)
const tfjsGradients = ["Relu", "Add", "Sub", "Multiply"].map((k) => tf.getGradient(k));
await tf.setBackend("native");
if (process.env.PROFILE_TFJS_GRADIENTS === "1") for (const g of tfjsGradients) tf.registerGradient(g);
const LAYERS = [784, 512, 256, 128, 64, 10];
let seed = 1;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return (seed / 2 ** 32 - 0.5) * 0.1;
};
const params = [];
for (let l = 0; l + 1 < LAYERS.length; l++) {
  params.push(Float32Array.from({ length: LAYERS[l + 1] * LAYERS[l] }, rnd));
  params.push(Float32Array.from({ length: LAYERS[l + 1] }, rnd));
}
const opt = kind === "adam" ? { kind: "adam", lr: 1e-3 } : { kind: "sgd", lr: 0.01, momentum: 0.5 };
const nativeOpt = process.argv[4] === "native";
const m = createTfjsMlp(tf, {
  layers: LAYERS,
  activation: "relu",
  params,
  optimizer: opt,
  ...(nativeOpt ? { optimizerImpl: (o) => new NativeOptimizer(o) } : {}),
});
const x = Float32Array.from({ length: 64 * 784 }, rnd);
const y = Int32Array.from({ length: 64 }, (_, i) => i % 10);
for (let i = 0; i < 20; i++) m.step(x, y, 64, true);
profiling = process.env.PROFILE_KERNELS !== "0";
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < steps; i++) m.step(x, y, 64, true);
const total = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
let calls = 0;
let inKernels = 0;
for (const [, s] of rows) {
  calls += s.n;
  inKernels += s.ms;
}
console.log(
  `${kind}: ${(total / steps).toFixed(3)} ms/step (CPU ${(cpuMs / steps).toFixed(3)} ms/step), ${(calls / steps).toFixed(1)} kernel calls/step, ` +
    `${(inKernels / steps).toFixed(3)} ms/step inside kernels (${st.simd}, ${st.threads} threads)`,
);
for (const [k, s] of rows.slice(0, Number(process.env.PROFILE_TOP ?? 40)))
  console.log(`${(s.ms / steps).toFixed(4).padStart(8)} ms ${String(s.n / steps).padStart(5)}x  ${k}`);
