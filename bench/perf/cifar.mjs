// The CIFAR-10 rows of `pnpm bench` (issue #15, goal 3): the course's CIFAR MLP [3072, 512, 256, 128,
// 64, 10], Adam 1e-3, batch 100, pad-4 random crop + horizontal flip, one epoch (500 steps) on the fused
// native step at 2 threads, three ways: the batches augmented on a prefetch worker (what `mlp train
// --dataset cifar10 --augment` does), augmented inline on the training thread (before #15), and the
// step alone with no data preparation at all. The reference is PyTorch in the same run, augmenting the
// usual way (torchvision transforms in a DataLoader).
//
// Data: the official binary set (a `cifar-10-batches-bin/` folder, the `.bin` files, or
// `cifar-10-binary.tar.gz`) from `--data-dir`, `MLP_DATA_DIR` or the loader's cache; when none is found, a
// generated set of the same size and layout (50,000 + 10,000 records of 3,073 bytes, class-dependent
// patterns plus noise), labelled "synthetic" in the table.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

export const CIFAR_LAYERS = [3072, 512, 256, 128, 64, 10];
export const CIFAR_BATCH = 100;
export const CIFAR_EPOCH_STEPS = 500;
const RECORD = 3073;
const TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
const TEST_FILE = "test_batch.bin";
const ARCHIVE = "cifar-10-binary.tar.gz";
const FOLDER = "cifar-10-batches-bin";
const CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
/** Distinct non-augmented batches the "step alone" rows cycle through (memory: 1.2 MB each). */
const STEP_RING = 50;

// ------------------------------------------------------------------ data
function hasBatches(dir) {
  return TRAIN_FILES.every((f) => existsSync(join(dir, f))) && existsSync(join(dir, TEST_FILE));
}

/** An official copy in `dir`: the `.bin` files, its `cifar-10-batches-bin/`, or the archive. */
function officialIn(dir) {
  if (!dir || !existsSync(dir)) return null;
  if (dir.endsWith(".tar.gz") && statSync(dir).isFile()) return { path: dir, dataDir: null };
  if (hasBatches(dir)) return { path: dir, dataDir: dir };
  if (hasBatches(join(dir, FOLDER))) return { path: join(dir, FOLDER), dataDir: dir };
  if (existsSync(join(dir, ARCHIVE))) return { path: join(dir, ARCHIVE), dataDir: dir };
  return null;
}

/**
 * Where the bench's CIFAR-10 comes from: `{ path, dataDir, synthetic, label }`, `path` being the folder
 * of `.bin` files or the archive (what reference.py reads), `dataDir` what our loader is given.
 */
export function resolveCifar(dataDir) {
  const candidates = [
    dataDir,
    process.env.MLP_DATA_DIR,
    process.env.MLP_DATA_DIR && join(process.env.MLP_DATA_DIR, "cifar10"),
    join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "mlp-lab", "cifar10"),
  ];
  for (const dir of candidates) {
    const found = officialIn(dir);
    if (!found) continue;
    // An archive given as a file: our loader reads the folder holding it.
    const holder = found.dataDir ?? join(found.path, "..");
    return { path: found.path, dataDir: holder, synthetic: false, label: `CIFAR-10 from ${found.path}` };
  }
  if (dataDir)
    throw new Error(`bench: --data-dir ${dataDir}: no ${FOLDER}/, .bin batches or ${ARCHIVE} there`);
  const root = join(tmpdir(), "mlp-bench-cifar10-synthetic-v2");
  const dir = join(root, FOLDER);
  if (!hasBatches(dir)) generateSynthetic(dir);
  return {
    path: dir,
    dataDir: root,
    synthetic: true,
    label: "synthetic CIFAR-format set (50,000 + 10,000 generated images, official binary layout)",
  };
}

function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Six official-layout batch files (label byte, 1024 R, 1024 G, 1024 B) of learnable images: each class a
 * colour and a stripe orientation, shifted and noised per image, so the loss and accuracy mean something.
 */
function generateSynthetic(dir) {
  process.stderr.write(`bench: generating a synthetic CIFAR-format set in ${dir}...\n`);
  mkdirSync(dir, { recursive: true });
  const rng = mulberry(2024);
  const files = [...TRAIN_FILES, TEST_FILE];
  for (const name of files) {
    const buf = Buffer.alloc(10000 * RECORD);
    for (let r = 0; r < 10000; r++) {
      const label = Math.floor(rng() * 10);
      const o = r * RECORD;
      buf[o] = label;
      // Faint class cues under a random per-image brightness and strong noise: about half the test
      // images are classified right after one epoch, as with the real set.
      const angle = ((label + (rng() - 0.5) * 1.5) * Math.PI) / 10;
      const fx = Math.cos(angle) / 3;
      const fy = Math.sin(angle) / 3;
      const phase = rng() * 6.28;
      const brightness = (rng() - 0.5) * 80;
      for (let c = 0; c < 3; c++) {
        const base = 110 + 6 * ((label + 3 * c) % 7) + brightness;
        for (let y = 0; y < 32; y++) {
          for (let x = 0; x < 32; x++) {
            const v = base + 18 * Math.sin(fx * x + fy * y + phase) + (rng() - 0.5) * 160;
            buf[o + 1 + c * 1024 + y * 32 + x] = Math.max(0, Math.min(255, Math.round(v)));
          }
        }
      }
    }
    writeFileSync(join(dir, `${name}.tmp`), buf);
    renameSync(join(dir, `${name}.tmp`), join(dir, name));
  }
  writeFileSync(join(dir, "batches.meta.txt"), `${CLASSES.join("\n")}\n`);
}

// ------------------------------------------------------------------ our side (runs in a child process)
/**
 * One measured epoch (or `steps` steps, scaled to 500) in this process. `mode`: `prefetch` (augmentation
 * on the prefetch worker), `inline` (augmentation on this thread), `step` (the step alone, no data work).
 */
export async function cifarChild({ root, nativeTf, mode, steps }) {
  const env = await nativeTf();
  if (env.skipped) return env;
  const { native, st } = env;
  const source = JSON.parse(process.env.MLP_BENCH_CIFAR ?? "null");
  if (!source) return { skipped: "no CIFAR source given (MLP_BENCH_CIFAR)" };
  const ds = await import(join(root, "packages/datasets/dist/index.js"));
  const dsNode = await import(join(root, "packages/datasets/dist/node.js"));
  const read = { dataDir: source.dataDir, download: false };
  const train = await ds.loadImageSet("cifar10", "train", read);
  const test = await ds.loadImageSet("cifar10", "test", read);
  const info = ds.DATASETS.cifar10;
  const normalize = { mean: info.mean, std: info.std };
  const makeLoader = (augment, seed) =>
    new ds.BatchLoader(train, { batchSize: CIFAR_BATCH, shuffle: true, seed, normalize, augment });
  const rng = mulberry(1);
  const params = [];
  for (let l = 0; l + 1 < CIFAR_LAYERS.length; l++) {
    const b = 1 / Math.sqrt(CIFAR_LAYERS[l]);
    const n = CIFAR_LAYERS[l + 1];
    params.push(Float32Array.from({ length: n * CIFAR_LAYERS[l] }, () => (rng() * 2 - 1) * b));
    params.push(Float32Array.from({ length: n }, () => (rng() * 2 - 1) * b));
  }
  const trainer = new native.FusedMlpTrainer({
    layers: CIFAR_LAYERS,
    activation: "relu",
    params,
    optimizer: { kind: "adam", lr: 1e-3 },
  });
  let source1;
  let note;
  let close = async () => {};
  if (mode === "step") {
    // Batches written before the clock starts, cycled: the step and nothing else.
    const ring = [];
    for (const b of makeLoader(false, 1)) {
      ring.push(b);
      if (ring.length === STEP_RING) break;
    }
    source1 = {
      *[Symbol.iterator]() {
        for (let s = 0; ; s++) yield ring[s % ring.length];
      },
    };
    note = `no augmentation, ${STEP_RING} batches written before timing, cycled`;
  } else if (mode === "prefetch") {
    const p = dsNode.prefetchBatches(makeLoader(true, 1), { mode: "auto" });
    source1 = p;
    close = () => p.close();
    note = `prefetch ${p.mode}${p.inlineReason ? ` (${p.inlineReason})` : ""}`;
  } else {
    source1 = makeLoader(true, 1);
    note = "augmentation inline on the training thread";
  }
  // Warm-up on other batches (the first steps allocate and fault in the weights' pages).
  let warm = 0;
  for (const b of makeLoader(false, 99)) {
    trainer.step(b.x, b.y, b.size);
    if (++warm === 5) break;
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let loss = 0;
  let correct = 0;
  let seen = 0;
  let done = 0;
  for (const b of source1) {
    const r = trainer.step(b.x, b.y, b.size);
    loss += r.loss * b.size;
    correct += r.correct;
    seen += b.size;
    if (++done === steps) break;
  }
  const sec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  await close();
  // Untimed: accuracy on the test split after this one epoch, in chunks (peak RSS is the training's).
  let testCorrect = 0;
  for (let from = 0; from < test.count; from += 1000) {
    const indices = Int32Array.from({ length: Math.min(1000, test.count - from) }, (_, i) => from + i);
    const x = ds.imagesToFloat(test, { normalize, indices });
    testCorrect += trainer.evaluate(
      x,
      Int32Array.from(indices, (i) => test.labels[i]),
      indices.length,
    ).correct;
  }
  trainer.dispose();
  const scale = CIFAR_EPOCH_STEPS / steps;
  return {
    sec: sec * scale,
    cpuSec: ((cpu.user + cpu.system) / 1e6) * scale,
    threads: st.threads,
    loss: loss / seen,
    trainAccuracy: correct / seen,
    score: testCorrect / test.count,
    note: `${note}; ${st.simd}; ${source.synthetic ? "synthetic data" : "official data"}${steps < CIFAR_EPOCH_STEPS ? `; ${steps} steps scaled to ${CIFAR_EPOCH_STEPS}` : ""}`,
  };
}

// ------------------------------------------------------------------ rows for bench.mjs
/** Steps of the CIFAR rows for the bench's `--steps` (given for MNIST's 938-step epoch). */
export function cifarSteps(mnistSteps, mnistEpochSteps) {
  return mnistSteps >= mnistEpochSteps
    ? CIFAR_EPOCH_STEPS
    : Math.max(10, Math.min(CIFAR_EPOCH_STEPS, mnistSteps));
}

/**
 * The rows and references to register in bench.mjs. `runOurs(id, env)` and `runPython(args, threads)`
 * are the bench's own process runners; `source()` resolves the data once, when a CIFAR row runs.
 */
export function cifarRows({ runOurs, runPython, steps, dataDir }) {
  let resolved;
  const source = () => {
    resolved ??= resolveCifar(dataDir);
    return resolved;
  };
  const ours = (id) => () => {
    const s = source();
    return runOurs(id, { MLP_BENCH_CIFAR: JSON.stringify(s) });
  };
  const dataLabel = () => (source().synthetic ? "synthetic CIFAR-format data" : "CIFAR-10");
  const torch = (mode) => () => {
    ensureTorchvision();
    return runPython(["torch-cifar", source().path, mode, "2", String(steps)], 2);
  };
  return {
    rows: [
      {
        id: "cifar-aug",
        get label() {
          return `CIFAR MLP [3072..10], Adam, batch 100, pad-4 crop + flip on the prefetch worker, fused 2t (${dataLabel()})`;
        },
        unit: "s/epoch",
        ours: ours("cifar-prefetch"),
        ref: "torch-cifar-aug-2",
      },
      {
        id: "cifar-aug-inline",
        get label() {
          return `CIFAR MLP, same, crop + flip inline on the training thread, fused 2t (${dataLabel()})`;
        },
        unit: "s/epoch",
        ours: ours("cifar-inline"),
        ref: "torch-cifar-aug-2",
      },
      {
        id: "cifar-step",
        get label() {
          return `CIFAR MLP, the step alone (no augmentation, no data work), fused 2t (${dataLabel()})`;
        },
        unit: "s/epoch",
        ours: ours("cifar-step"),
        ref: "torch-cifar-step-2",
      },
    ],
    refs: {
      "torch-cifar-aug-2": {
        label: "PyTorch, 2 threads, torchvision crop + flip in a DataLoader (2 workers)",
        run: torch("aug"),
      },
      "torch-cifar-step-2": { label: "PyTorch, 2 threads, the step alone", run: torch("step") },
    },
  };
}

/** Child ids this module answers (bench.mjs's `--child`). */
export const CIFAR_CHILD_MODES = {
  "cifar-prefetch": "prefetch",
  "cifar-inline": "inline",
  "cifar-step": "step",
};

let torchvisionChecked = false;
/** torchvision (Debian python3-torchvision) for the reference's transforms, installed like torch is. */
function ensureTorchvision() {
  if (torchvisionChecked) return;
  torchvisionChecked = true;
  const has = () => spawnSync("/usr/bin/python3", ["-c", "import torchvision"]).status === 0;
  if (has() || process.getuid?.() !== 0 || process.argv.includes("--no-install")) return;
  process.stderr.write("bench: installing python3-torchvision (apt-get)...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "python3-torchvision"], {
    stdio: "inherit",
    env,
  });
}
