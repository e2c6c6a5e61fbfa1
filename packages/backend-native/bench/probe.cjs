// Quick probe of the addon alone (no tfjs, random data): best ms per fused training step of the course MLP
// and GEMM timings, for tuning threads / kernel tables. node bench/probe.cjs [simd]
const path = require("node:path");
const a = require(path.join(__dirname, "..", "build", "Release", "mlp_native.node"));
if (process.argv[2]) a.selectSimd(process.argv[2]);
const sizes = [784, 512, 256, 128, 64, 10];
const params = [];
for (let l = 0; l < 5; l++) {
  const fi = sizes[l];
  const fo = sizes[l + 1];
  const b = 1 / Math.sqrt(fi);
  params.push(
    Float32Array.from({ length: fo * fi }, () => (Math.random() * 2 - 1) * b),
    Float32Array.from({ length: fo }, () => (Math.random() * 2 - 1) * b),
  );
}
const h = a.mlpCreate(Int32Array.from(sizes), 1, params, { kind: 0, lr: 0.01, momentum: 0.5 }, 64);
const N = 4096;
const X = new Float32Array(N * 784).map(() => Math.random());
const Y = Int32Array.from({ length: N }, () => Math.floor(Math.random() * 10));
const out = new Float64Array(2);
let best = 1e9;
for (let e = 0; e < 5; e++) {
  const t = process.hrtime.bigint();
  for (let s = 0; s < 200; s++) {
    const o = (s * 64) % (N - 64);
    a.mlpStep(h, X.subarray(o * 784, (o + 64) * 784), Y.subarray(o, o + 64), 64, out);
  }
  best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6 / 200);
}
const g = [];
for (const [M, N2, K, ta, tb] of [
  [64, 512, 784, 0, 1],
  [64, 784, 512, 0, 0],
  [512, 784, 64, 1, 0],
]) {
  const A = new Float32Array(M * K).fill(0.1);
  const B = new Float32Array(K * N2).fill(0.2);
  const C = new Float32Array(M * N2);
  for (let i = 0; i < 50; i++) a.gemm(A, ta, B, tb, C, M, N2, K, null, 0, false);
  let bt = 1e9;
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) a.gemm(A, ta, B, tb, C, M, N2, K, null, 0, false);
    bt = Math.min(bt, Number(process.hrtime.bigint() - t) / 1e3 / 100);
  }
  g.push(`${M}x${N2}x${K}${ta ? "T" : "N"}${tb ? "T" : "N"} ${((2 * M * N2 * K) / bt / 1e3).toFixed(0)}GF`);
}
console.log(
  `${a.info().simd} threads=${a.info().threads} step ${best.toFixed(3)} ms -> ${((best * 938) / 1000).toFixed(2)} s/epoch | ${g.join(" | ")}`,
);
