// `node bench/sweeps/queue-overhead.mjs [--trials N]`: what the queue adds to each trial on loopback Redis.
// Trials are instant (instant-trial.mjs), one at a time, so the times are the executors' own. Measured in
// the same run, for reference: the same trials in the local process pool (IPC, shared disk) and inline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  InlineExecutor,
  LocalPoolExecutor,
  QueueExecutor,
  QueueWorker,
  createSweep,
  parseSweepSpec,
  runSweep,
} from "../../packages/sweeps/dist/index.js";
import { instantRunner } from "./instant-trial.mjs";
import { redisAvailable, startRedis } from "./redis.mjs";

const { values } = parseArgs({ options: { trials: { type: "string", default: "40" } } });
const trials = Number(values.trials);
const script = fileURLToPath(new URL("./instant-trial.mjs", import.meta.url));
const spec = parseSweepSpec(
  {
    method: "random",
    maxTrials: trials,
    seed: 0,
    base: {},
    parameters: { "optimizer.learningRate": { distribution: "log_uniform", min: 1e-3, max: 0.3 } },
  },
  {
    resolveConfig: (raw) => ({ ok: true, config: { epochs: 1, optimizer: { learningRate: 0.01 }, ...raw } }),
  },
);
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

async function perTrial(executor) {
  const runsDir = mkdtempSync(join(tmpdir(), "bench-queue-"));
  try {
    const id = createSweep(runsDir, spec, { executor }).id;
    const t0 = performance.now();
    await runSweep(id, { runsDir, executor });
    return (performance.now() - t0) / trials;
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
  }
}

const rows = [];
const inlineMs = await perTrial(new InlineExecutor(instantRunner, "unused", 1));
const poolMs = await perTrial(
  new LocalPoolExecutor({ parallel: 1, command: { script, args: [] }, runsDir: "unused" }),
);
rows.push(["inline (reference)", "-", "-", "-", "-", inlineMs.toFixed(1)]);
rows.push(["local pool, 1 process (reference)", "-", "-", "-", "-", poolMs.toFixed(1)]);
if (!redisAvailable()) rows.push(["BullMQ", "skipped: no redis-server", "", "", "", ""]);
else {
  const redis = await startRedis();
  const worker = new QueueWorker({ url: redis.url, concurrency: 1, command: { script, args: [] } });
  await worker.start();
  const timings = [];
  try {
    const ms = await perTrial(
      new QueueExecutor({ url: redis.url, runsDir: "unused", slots: 1, onTiming: (t) => timings.push(t) }),
    );
    const start = timings.map((t) => t.startedAt - t.enqueuedAt);
    const received = timings.map((t) => t.receivedAt - t.finishedAt);
    const stored = timings.map((t) => t.storedAt - t.receivedAt);
    const total = timings.map((t) => t.startedAt - t.enqueuedAt + t.receivedAt - t.finishedAt);
    rows.push([
      "BullMQ, 1 worker, loopback Redis",
      `${q(start, 0.5)} / ${q(start, 0.9)}`,
      `${q(received, 0.5)} / ${q(received, 0.9)}`,
      `${q(stored, 0.5)} / ${q(stored, 0.9)}`,
      `${q(total, 0.5)} / ${q(total, 0.9)}`,
      ms.toFixed(1),
    ]);
    console.error(`(${timings.length} jobs, ${(timings[0]?.bytes / 1024).toFixed(0)} KB of run files each)`);
  } finally {
    await worker.close();
    await redis.stop();
  }
}
const widths = [34, 14, 14, 14, 14, 12];
const line = (c) =>
  c.map((x, i) => (i === 0 ? String(x).padEnd(widths[i]) : String(x).padStart(widths[i]))).join("  ");
console.log("milliseconds, p50 / p90 over the trials");
console.log(
  line(["executor", "enqueue→start", "end→received", "received→stored", "queue overhead", "ms per trial"]),
);
console.log(line(widths.map((w) => "-".repeat(w))));
for (const r of rows) console.log(line(r));
console.log(
  `queue overhead = enqueue→start + end→received (the run's files read back from Redis); received→stored is the`,
);
console.log(
  `controller's fsynced atomic writes of those files, which the local pool's processes pay as well. Goal ≤ 50 ms.`,
);
console.log(
  `${trials} instant trials, one at a time; "ms per trial" includes the controller's own sweep.json writes.`,
);
