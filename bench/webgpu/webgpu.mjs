#!/usr/bin/env node
// `pnpm bench:webgpu`: training-step speed of the `webgpu` backend (the adapter it ran on is printed)
// against `native` measured in the same run, for the course's MNIST MLP and CIFAR-10 MLP at their
// batch sizes and at batch 1,024. Each row times a fixed number of steps after warm-up steps
// (shader compilation) and extrapolates seconds per epoch, labelled "from N steps".
//   node bench/webgpu/webgpu.mjs [--steps N] [--warmup N] [--budget S] [--swiftshader] [--only mnist,cifar] [--json FILE]
// --budget S: measure fewer than --steps steps (at least one) when the last warm-up step says N would
// take longer than S seconds (SwiftShader: a CIFAR step at batch 1,024 takes minutes); the row says how many.
// --swiftshader points Dawn at Chromium's SwiftShader (CPU Vulkan) when VK_ICD_FILENAMES is unset:
// for machines without a GPU; its rows measure a CPU emulation of a GPU, not a GPU.
// The data are generated (seeded) MNIST- and CIFAR-shaped batches: speed does not depend on values.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    steps: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    swiftshader: { type: "boolean", default: false },
    budget: { type: "string" },
    only: { type: "string" },
    json: { type: "string" },
  },
});
const STEPS = Number(flags.steps);
const WARMUP = Number(flags.warmup);
const BUDGET = flags.budget === undefined ? undefined : Number(flags.budget);
if (!Number.isInteger(STEPS) || STEPS < 1)
  throw new Error(`--steps must be a positive integer, got ${flags.steps}`);
if (!Number.isInteger(WARMUP) || WARMUP < 0)
  throw new Error(`--warmup must be a non-negative integer, got ${flags.warmup}`);

const backendPkg = await import("../../packages/backend/dist/index.js");
const { MLP } = await import("../../packages/models/dist/index.js");
const training = await import("../../packages/training/dist/index.js");
const { useBackend, useSwiftShader, formatBackend } = backendPkg;
const { SGD, createStepper, readsAsync } = training;

// The course's two MLPs (ReLU, log-softmax + NLL, SGD lr 0.01 momentum 0.5).
const WORKLOADS = [
  {
    id: "mnist",
    name: "course MLP (MNIST)",
    layers: [784, 512, 256, 128, 64, 10],
    trainSize: 60000,
    batches: [64, 1024],
  },
  {
    id: "cifar",
    name: "CIFAR-10 MLP",
    layers: [3072, 512, 256, 128, 64, 10],
    trainSize: 50000,
    batches: [100, 1024],
  },
].filter((w) => !flags.only || flags.only.split(",").includes(w.id));

function seededBatch(features, size, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    x: Float32Array.from({ length: features * size }, () => next() * 2 - 1),
    y: Int32Array.from({ length: size }, () => Math.floor(next() * 10)),
    size,
  };
}

/** Seconds per training step on the active backend, through the stepper training uses there. */
async function timeSteps(layers, batchSize) {
  const model = new MLP(layers);
  const optimizer = new SGD(model.namedParameters(), { lr: 0.01, momentum: 0.5 });
  const stepper = await createStepper(model, optimizer);
  const batches = [0, 1, 2].map((i) => seededBatch(layers[0], batchSize, 7 + i));
  const step = (b) => (readsAsync(stepper) ? stepper.trainStepAsync(b) : stepper.trainStep(b));
  let loss = Number.NaN;
  let lastWarm = 0;
  for (let i = 0; i < WARMUP; i++) {
    const t = performance.now();
    loss = (await step(batches[i % 3])).loss;
    lastWarm = (performance.now() - t) / 1000;
  }
  const steps = BUDGET && lastWarm > 0 ? Math.max(1, Math.min(STEPS, Math.floor(BUDGET / lastWarm))) : STEPS;
  const started = performance.now();
  for (let i = 0; i < steps; i++) loss = (await step(batches[i % 3])).loss;
  const seconds = (performance.now() - started) / 1000 / steps;
  const kind = stepper.constructor.name.replace(/^_+/, ""); // the bundler may prefix class names
  stepper.dispose();
  model.dispose();
  if (!Number.isFinite(loss)) throw new Error(`loss became ${loss}`);
  return { seconds, kind, steps };
}

function writeJson() {
  const doc = { date: new Date().toISOString(), steps: STEPS, warmup: WARMUP, notes, rows };
  writeFileSync(flags.json, `${JSON.stringify(doc, null, 2)}\n`);
}

if (flags.swiftshader) useSwiftShader();
const rows = [];
const notes = [];
for (const backend of ["native", "webgpu"]) {
  let described;
  try {
    described = await useBackend(backend);
  } catch (error) {
    notes.push(`${backend}: unavailable: ${error.message}`);
    continue;
  }
  notes.push(`${backend}: ${formatBackend(described).split("\n")[0]}`);
  // The course's batch sizes first, then 1,024: on a slow adapter the short rows come in first.
  const cases = [0, 1].flatMap((k) => WORKLOADS.map((w) => ({ w, batch: w.batches[k] })));
  for (const { w, batch } of cases) {
    await useBackend(backend);
    const { seconds, kind, steps } = await timeSteps(w.layers, batch);
    const stepsPerEpoch = Math.ceil(w.trainSize / batch);
    rows.push({
      workload: w.name,
      batch,
      backend,
      device: described.device,
      stepper: kind,
      msPerStep: seconds * 1000,
      secondsPerEpoch: seconds * stepsPerEpoch,
      basis: `from ${steps} step${steps === 1 ? "" : "s"} (x${stepsPerEpoch} per epoch)`,
    });
    process.stderr.write(`  ${backend} ${w.id} batch ${batch}: ${(seconds * 1000).toFixed(1)} ms/step\n`);
    if (flags.json) writeJson(); // partial results survive an interrupted run
  }
}

const header = ["workload", "batch", "backend", "stepper", "ms/step", "s/epoch", "basis"];
const table = [
  header,
  ...rows.map((r) => [
    r.workload,
    String(r.batch),
    r.backend,
    r.stepper,
    r.msPerStep.toFixed(1),
    r.secondsPerEpoch.toFixed(1),
    r.basis,
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`webgpu vs native, training steps (SGD momentum), generated data; ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, load average ${loadavg()[0].toFixed(1)}`);
for (const n of notes) console.log(n);
console.log(line(table[0]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of table.slice(1)) console.log(line(row));
// Relative speed per workload and batch, webgpu over native, when both ran.
for (const r of rows.filter((x) => x.backend === "webgpu")) {
  const ref = rows.find((x) => x.backend === "native" && x.workload === r.workload && x.batch === r.batch);
  if (ref)
    console.log(
      `${r.workload}, batch ${r.batch}: webgpu takes ${(r.msPerStep / ref.msPerStep).toFixed(1)}x native's time per step`,
    );
}
if (flags.json) writeJson();
// Dawn keeps the process alive while its device lives.
process.exit(0);
