// Crash consistency of `mlp train` (issue #14), driven as a subprocess of the built CLI:
// - SIGKILL at seeded random moments while it trains, writes checkpoints and appends metrics; after each
//   kill `mlp runs` lists the run, metrics.jsonl has only whole, parseable lines with no gap or duplicate
//   epoch, the last checkpoint's trainer.json parses, and `mlp train --resume` continues it; at the end
//   the run is complete with every epoch once and its checkpoint loads (`mlp eval`).
// - a full disk (a small tmpfs, where this process may mount one): the run ends `failed` naming the
//   cause and the previous checkpoint stays intact and loadable.
// CI runs CRASH_KILLS=3 kills (2.5 min on this two-core machine under a load average near 20); `pnpm fuzz` runs 30.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// MLP_CLI_BUNDLE: a copy of the built CLI to drive instead of dist/ (while dist/ is being rebuilt).
const CLI = process.env.MLP_CLI_BUNDLE ?? fileURLToPath(new URL("../dist/mlp.js", import.meta.url));
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 14);
const EPOCHS = KILLS + 6;

/** mulberry32: a tiny seeded generator, so the kill moments replay exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idx(shape: readonly number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = 8;
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(body, 4 + 4 * shape.length);
  return out;
}

/** A small learnable MNIST-like set: class k lights up every tenth pixel from k. */
function writeData(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [prefix, n] of [
    ["train", 256],
    ["t10k", 64],
  ] as const) {
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (let j = 0; j < 784; j++) images[i * 784 + j] = j % 10 === labels[i] ? 200 : (i * j) % 50;
    }
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), idx([n, 28, 28], images));
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), idx([n], labels));
  }
}

const TRAIN = ["--backend", "cpu", "--hidden", "16", "--batch-size", "32", "--val-batch-size", "64", "-q"];

function mlp(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runFolder(runsDir: string): string {
  const ids = readdirSync(runsDir).filter((n) => !n.startsWith("."));
  expect(ids).toHaveLength(1);
  return join(runsDir, ids[0]!);
}

/** Whole lines only, each a JSON entry; train epochs 0..k-1 once each, in order. Returns k. */
function checkMetrics(folder: string): number {
  const path = join(folder, "metrics.jsonl");
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, "utf8");
  expect(text === "" || text.endsWith("\n"), "metrics.jsonl ends with a torn line").toBe(true);
  const entries = text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { epoch: number; phase: string });
  const epochs = entries.filter((e) => e.phase === "train").map((e) => e.epoch);
  expect(epochs, `train epochs in ${path}`).toEqual(epochs.map((_, i) => i));
  const val = entries.filter((e) => e.phase === "val").map((e) => e.epoch);
  expect(val, `val epochs in ${path}`).toEqual(val.map((_, i) => i));
  return epochs.length;
}

/** Start a training process; resolves once it appended a metrics line (it is past its start-up). */
function startTraining(args: string[], folderOf: () => string | undefined): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const sizeNow = () => {
    const folder = folderOf();
    const path = folder && join(folder, "metrics.jsonl");
    return path && existsSync(path) ? statSync(path).size : -1;
  };
  const start = sizeNow();
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (child.exitCode !== null || sizeNow() !== start) {
        clearInterval(poll);
        resolve(child);
      }
    }, 10);
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.once("exit", (code) => done(code));
  });

describe.runIf(existsSync(CLI))("mlp train survives SIGKILL at any moment", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "mlp-crash-"));
    writeData(join(root, "data"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`kills ${KILLS} times (seed ${SEED}), resumes each time, and ends with every epoch once`, async () => {
    const runsDir = join(root, "runs");
    const next = random(SEED);
    const first = ["train", "--data-dir", join(root, "data"), "--runs-dir", runsDir, "--epochs", `${EPOCHS}`];
    let folder: string | undefined;
    const folderOf = () =>
      folder ?? (existsSync(runsDir) ? readdirSync(runsDir).map((n) => join(runsDir, n))[0] : undefined);
    let killed = 0;
    let args = [...first, ...TRAIN];
    for (let k = 0; k < KILLS; k++) {
      const child = await startTraining(args, folderOf);
      // Anywhere in the next two epochs or so: inside a step, a metrics append or a checkpoint write.
      await new Promise((r) => setTimeout(r, next() * 600));
      if (child.exitCode !== null) break;
      child.kill("SIGKILL");
      await exited(child);
      killed++;
      folder = runFolder(runsDir);
      const id = folder.split("/").at(-1)!;
      const listed = mlp(["runs", "--runs-dir", runsDir, "--json"]);
      expect(listed.code, listed.stderr).toBe(0);
      expect((JSON.parse(listed.stdout) as { runs: { id: string }[] }).runs.map((r) => r.id)).toEqual([id]);
      checkMetrics(folder);
      const trainer = join(folder, "checkpoints", "last", "trainer.json");
      if (existsSync(trainer))
        expect(JSON.parse(readFileSync(trainer, "utf8")).epoch).toBeGreaterThanOrEqual(0);
      args = ["train", "--resume", id, "--runs-dir", runsDir, ...TRAIN];
    }
    expect(killed).toBeGreaterThan(0);
    const last = mlp(args);
    expect(last.code, last.stderr).toBe(0);
    folder = runFolder(runsDir);
    expect(checkMetrics(folder)).toBe(EPOCHS);
    expect(JSON.parse(readFileSync(join(folder, "run.json"), "utf8")).status).toBe("completed");
    const id = folder.split("/").at(-1)!;
    const evaluated = mlp(["eval", id, "--runs-dir", runsDir, "--json"]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
  }, 900_000);
});

/** Mount a tmpfs of `size` at `dir`; the reason when this process may not (not root, no mount). */
function mountTmpfs(dir: string, size: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  }
}

const fullDisk = (() => {
  if (!existsSync(CLI)) return { skip: "the CLI is not built" };
  const probe = mkdtempSync(join(tmpdir(), "mlp-tmpfs-probe-"));
  const reason = mountTmpfs(probe, "64k");
  if (reason === undefined) execFileSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  return { skip: reason };
})();

describe.skipIf(fullDisk.skip !== undefined)(
  `mlp train on a full disk${fullDisk.skip ? ` (skipped: ${fullDisk.skip})` : ""}`,
  () => {
    let root: string;
    let disk: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), "mlp-enospc-"));
      writeData(join(root, "data"));
      disk = join(root, "disk");
      const reason = mountTmpfs(disk, "2m");
      if (reason) throw new Error(reason);
    });
    afterAll(() => {
      spawnSync("umount", [disk]);
      rmSync(root, { recursive: true, force: true });
    });

    it("ends the run failed with the cause and keeps the previous checkpoint intact", async () => {
      const runsDir = join(disk, "runs");
      const args = [
        "train",
        "--data-dir",
        join(root, "data"),
        "--runs-dir",
        runsDir,
        "--epochs",
        "200",
        ...TRAIN,
      ];
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr?.on("data", (c: Buffer) => {
        stderr += c.toString();
      });
      // Once a checkpoint exists, fill the disk but for a little room: enough for run.json, not for a checkpoint.
      // Both checkpoints (last and best) once written, before the disk fills.
      const written = () => {
        const ids = existsSync(runsDir) ? readdirSync(runsDir) : [];
        return (
          ids[0] !== undefined &&
          ["last", "best"].every((k) => existsSync(join(runsDir, ids[0]!, "checkpoints", k, "trainer.json")))
        );
      };
      while (!written() && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(child.exitCode, `mlp train ended before its first checkpoint: ${stderr}`).toBeNull();
      const filler = join(disk, "filler");
      const free = () =>
        Number(execFileSync("df", ["-B1", "--output=avail", disk]).toString().split("\n")[1]);
      writeFileSync(filler, new Uint8Array(Math.max(0, free() - 24 * 1024)));
      const code = await exited(child);
      const folder = runFolder(runsDir);
      const record = JSON.parse(readFileSync(join(folder, "run.json"), "utf8")) as {
        status: string;
        error?: { message?: string };
      };
      expect(code, stderr).toBe(1);
      expect(record.status).toBe("failed");
      expect(JSON.stringify(record.error)).toMatch(/ENOSPC|no space/i);
      expect(stderr).toMatch(/ENOSPC|no space/i);
      const trainer = JSON.parse(readFileSync(join(folder, "checkpoints", "last", "trainer.json"), "utf8"));
      expect(trainer.epoch).toBeGreaterThan(0);
      checkMetrics(folder);
      rmSync(filler);
      const id = folder.split("/").at(-1)!;
      const evaluated = mlp(["eval", id, "--runs-dir", runsDir, "--json"]);
      expect(evaluated.code, evaluated.stderr).toBe(0);
    }, 600_000);
  },
);
