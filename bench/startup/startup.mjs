#!/usr/bin/env node
// Cold start of the `mlp` CLI: `mlp --version`, `mlp train --help`, and `mlp train` to its first batch.
// Each is run 5 times in a fresh process; the table gives the median and the range in milliseconds.
// The first batch is seen on a pseudo-terminal (util-linux `script`): the progress bar draws at the
// first batch, and only on a TTY. CPU time (GNU time) is reported beside the wall time: it moves less
// when other jobs load the machine. Usage: node bench/startup/startup.mjs [--runs N] [--mlp path/to/mlp.js]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "5"));
const mlp = option("--mlp", fileURLToPath(new URL("../../apps/cli/dist/mlp.js", import.meta.url)));
// The progress bar stays silent under CI.
const { CI: _ci, ...env } = process.env;

/** Wall and CPU (user + system) milliseconds of one run, CPU as GNU time reports it for the child. */
function timeExit(argv) {
  const started = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S", process.execPath, mlp, ...argv], {
    env,
    encoding: "utf8",
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`mlp ${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

/** Milliseconds from spawn to the progress bar's first draw (the first batch trained), then kill it. */
function timeFirstBatch(runsDir) {
  const command = [process.execPath, mlp, "train", "--runs-dir", runsDir, "--epochs", "1"]
    .map((a) => `'${a}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env, detached: true });
    let text = "";
    const onData = (chunk) => {
      text += chunk.toString("utf8");
      if (/epoch 0 \[/.test(text)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        process.kill(-child.pid, "SIGKILL");
        resolve(ms);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      if (!/epoch 0 \[/.test(text)) reject(new Error(`mlp train ended (${code}) before a batch:\n${text}`));
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [label, argv] of [
  ["mlp --version", ["--version"]],
  ["mlp train --help", ["train", "--help"]],
  ["mlp runs --help", ["runs", "--help"]],
]) {
  timeExit(argv); // warm the file cache
  const times = Array.from({ length: runs }, () => timeExit(argv));
  rows.push([label, times.map((t) => t.wall), times.map((t) => t.cpu)]);
}
const runsDir = mkdtempSync(join(tmpdir(), "mlp-startup-"));
try {
  await timeFirstBatch(runsDir);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timeFirstBatch(runsDir));
  rows.push(["mlp train, to the first batch", times]);
} finally {
  rmSync(runsDir, { recursive: true, force: true });
}
console.log(
  `node ${process.version}, ${runs} runs each, load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("command                         median ms   min    max   median CPU ms");
for (const [label, times, cpu] of rows) {
  const ms = (x) => x.toFixed(0).padStart(6);
  const cpuText = cpu ? ms(median(cpu)).padStart(15) : "";
  console.log(
    `${label.padEnd(32)}${ms(median(times)).padStart(9)} ${ms(Math.min(...times))} ${ms(Math.max(...times))} ${cpuText}`,
  );
}
