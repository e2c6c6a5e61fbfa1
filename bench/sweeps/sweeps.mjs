// `node bench/sweeps/sweeps.mjs [--part a,c] [--train-limit N] [--val-limit N] [--full]`
// (a) the 16-trial random search of the course MLP with and without ASHA (η = 3): epochs and best val;
// (c) 8 short trials: serial vs --parallel 2 vs 2 BullMQ workers, wall time.
// It runs the built CLI (apps/cli/dist/mlp.js) and, for the queue rows, redis-server on loopback.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { redisAvailable, startRedis } from "./redis.mjs";

const MLP = fileURLToPath(new URL("../../apps/cli/dist/mlp.js", import.meta.url));
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    part: { type: "string", default: "a,c" },
    "train-limit": { type: "string", default: "6000" },
    "val-limit": { type: "string", default: "2000" },
    full: { type: "boolean" },
    parallel: { type: "string", default: "2" },
  },
});
const parts = new Set(values.part.split(","));
const work = mkdtempSync(join(tmpdir(), "bench-sweeps-"));
const data = values.full
  ? {}
  : { trainLimit: Number(values["train-limit"]), valLimit: Number(values["val-limit"]) };

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function run(args, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [MLP, ...args], {
      stdio: ["ignore", "pipe", quiet ? "ignore" : "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`mlp ${args.join(" ")} exited ${code}`));
      else resolve({ doc: JSON.parse(out), seconds });
    });
  });
}

function writeSpec(name, spec) {
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(spec, null, 2));
  return path;
}

const courseSearch = (asha) => ({
  name: asha ? "course-asha" : "course-full",
  method: "random",
  seed: 0,
  maxTrials: 16,
  base: { dataset: "mnist", data, model: { kind: "mlp", layers: [128] }, batchSize: 64, seed: 1, epochs: 9 },
  parameters: {
    "optimizer.learningRate": { distribution: "log_uniform", min: 0.001, max: 0.3 },
    "optimizer.momentum": { distribution: "uniform", min: 0, max: 0.95 },
    "model.layers": { values: [[128], [512, 256, 128, 64], [256, 128]] },
  },
  ...(asha ? { earlyTermination: { type: "asha", minEpochs: 1, reductionFactor: 3, maxEpochs: 9 } } : {}),
});

if (parts.has("a")) {
  console.error(
    `(a) 16-trial random search of the course MLP, ${values.full ? "full MNIST" : `train ${data.trainLimit} / val ${data.valLimit} samples`}, --parallel ${values.parallel}`,
  );
  const rows = [];
  const results = {};
  for (const asha of [false, true]) {
    const spec = writeSpec(asha ? "a-asha" : "a-full", courseSearch(asha));
    const { doc, seconds } = await run([
      "sweep",
      spec,
      "--parallel",
      values.parallel,
      "--runs-dir",
      join(work, "runs-a"),
      "--json",
    ]);
    const epochs = doc.trials.reduce((a, t) => a + t.epochs, 0);
    results[asha] = { epochs, best: doc.best?.value ?? null };
    rows.push([
      asha ? "with ASHA (η=3, rungs 1, 3; max 9)" : "without (9 epochs each)",
      doc.trials.length,
      epochs,
      doc.best ? `${(100 * doc.best.value).toFixed(2)}%` : "-",
      `#${doc.best?.trial}`,
      seconds.toFixed(0),
    ]);
  }
  const ratio = results.true.epochs / results.false.epochs;
  const gap = 100 * (results.false.best - results.true.best);
  console.log(table(["search", "trials", "epochs", "best val acc", "best trial", "wall s"], rows));
  console.log(
    `ASHA trained ${(100 * ratio).toFixed(0)}% of the epochs (goal ≤ 40%: ${ratio <= 0.4 ? "ok" : "MISS"}); best ${gap.toFixed(2)} pt below the full search (goal ≤ 0.3: ${gap <= 0.3 ? "ok" : "MISS"})\n`,
  );
}

if (parts.has("c")) {
  const short = writeSpec("c", {
    name: "short",
    method: "grid",
    base: {
      dataset: "mnist",
      data: { trainLimit: 3000, valLimit: 1000 },
      model: { kind: "mlp", layers: [64] },
      epochs: 2,
    },
    parameters: { "optimizer.learningRate": { values: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4] } },
  });
  console.error("(c) 8 short trials (MLP [64], 3000 train / 1000 val samples, 2 epochs)");
  const rows = [];
  const serial = await run([
    "sweep",
    short,
    "--parallel",
    "1",
    "--runs-dir",
    join(work, "runs-c1"),
    "--json",
  ]);
  rows.push(["serial (--parallel 1)", serial.seconds.toFixed(1), "1.00"]);
  const par = await run(["sweep", short, "--parallel", "2", "--runs-dir", join(work, "runs-c2"), "--json"]);
  rows.push(["--parallel 2", par.seconds.toFixed(1), (serial.seconds / par.seconds).toFixed(2)]);
  if (redisAvailable()) {
    const redis = await startRedis();
    const workers = [0, 1].map(() =>
      spawn(process.execPath, [MLP, "worker", "--queue", redis.url], { stdio: ["ignore", "ignore", "pipe"] }),
    );
    // Time the sweep, not the workers' start-up: wait until both say they are waiting for trials.
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) => {
            let text = "";
            w.stderr.on("data", (d) => {
              text += d;
              if (text.includes("waiting for trials")) resolve();
            });
          }),
      ),
    );
    try {
      const q = await run([
        "sweep",
        short,
        "--queue",
        redis.url,
        "--parallel",
        "2",
        "--runs-dir",
        join(work, "runs-c3"),
        "--json",
      ]);
      rows.push([
        "2 BullMQ workers (mlp worker)",
        q.seconds.toFixed(1),
        (serial.seconds / q.seconds).toFixed(2),
      ]);
    } finally {
      for (const w of workers) w.kill("SIGTERM");
      await Promise.all(workers.map((w) => new Promise((r) => w.once("exit", r))));
      await redis.stop();
    }
  } else rows.push(["2 BullMQ workers", "skipped: no redis-server", "-"]);
  console.log(table(["8 short trials", "wall s", "speed-up"], rows));
  console.log(
    "(wall time of the whole mlp sweep command, start-up and figures included; the queue row's workers were started and ready before)",
  );
}
console.error(`Runs: ${work}`);
