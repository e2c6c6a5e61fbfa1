import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A platform with no prebuilt addon, simulated on this one: MLP_NATIVE_IGNORE_PREBUILDS skips prebuilds/ and
// build/, MLP_NATIVE_CACHE_DIR points the per-user cache at a temporary folder. The built package (dist/)
// then compiles the addon from its own sources on first load, or says why it cannot and how to fix it.

const pkg = resolve(__dirname, "..");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

interface Status {
  available: boolean;
  reason?: string;
  simd?: string;
  addonPath?: string;
}

/** loadNativeBackend() in a fresh Node process: its status and what it printed on stderr. */
function load(env: Record<string, string>): Promise<{ status: Status; stderr: string }> {
  const code = `const m = await import(${JSON.stringify(join(pkg, "dist", "index.js"))}); console.log(JSON.stringify(m.loadNativeBackend()));`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      env: {
        ...process.env,
        MLP_NATIVE_DISABLE: "",
        MLP_NATIVE_ADDON: "",
        MLP_NATIVE_AUTOBUILD: "",
        MLP_NATIVE_IGNORE_PREBUILDS: "1",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", fail);
    child.on("close", (exit) => {
      if (exit !== 0) fail(new Error(`exit ${exit}: ${stderr}`));
      else done({ status: JSON.parse(stdout.trim().split("\n").pop() as string) as Status, stderr });
    });
  });
}

/** A PATH holding only `node` (and the `extra` tools): no compiler, make or python. */
function barePath(extra: string[] = []): string {
  const bin = temp("bare-path-");
  for (const tool of ["node", ...extra])
    symlinkSync(tool === "node" ? process.execPath : tool, join(bin, tool.split("/").pop() as string));
  return bin;
}

const { version } = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as { version: string };
/** The cache folder's name starts with this (then `-glibc` or `-musl` on Linux). */
const prefix = `${version}-abi${process.versions.modules}-${process.platform}-${process.arch}`;

describe("no prebuilt addon for the platform", () => {
  it("without a toolchain: unavailable, nothing compiled, and the reason names what is missing and the fix", async () => {
    const cache = temp("native-cache-");
    const { status, stderr } = await load({ PATH: barePath(), MLP_NATIVE_CACHE_DIR: cache, CXX: "" });
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(new RegExp(`no native addon for ${process.platform}-${process.arch}`));
    expect(status.reason).toContain("cannot be compiled here");
    expect(status.reason).toMatch(/no C\+\+ compiler on PATH/);
    expect(status.reason).toMatch(/no make on PATH/);
    expect(status.reason).toMatch(/Fix: install a C\+\+ toolchain \(.*build-essential/);
    expect(status.reason).toMatch(/npx mlp-native-build/);
    expect(stderr).not.toMatch(/compiling/);
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it("with MLP_NATIVE_AUTOBUILD=0: no compile attempt, and the reason says so", async () => {
    const cache = temp("native-cache-");
    const { status, stderr } = await load({ MLP_NATIVE_CACHE_DIR: cache, MLP_NATIVE_AUTOBUILD: "0" });
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/compiling on first load is off: MLP_NATIVE_AUTOBUILD=0/);
    expect(stderr).toBe("");
  });

  it("a cached addon that does not load is reported with how to get a good one", async () => {
    const cache = temp("native-cache-");
    const first = await load({ MLP_NATIVE_CACHE_DIR: cache, MLP_NATIVE_AUTOBUILD: "0" });
    const folder = /none compiled yet in (\S+)\)/.exec(first.status.reason ?? "")?.[1];
    expect(folder, first.status.reason).toBeDefined();
    mkdirSync(folder!, { recursive: true });
    writeFileSync(join(folder!, "mlp_native.node"), "not an addon");
    const { status, stderr } = await load({ MLP_NATIVE_CACHE_DIR: cache });
    expect(status.available).toBe(false);
    expect(status.reason).toContain(`native addon at ${join(folder!, "mlp_native.node")} failed to load`);
    expect(status.reason).toContain(`Delete ${folder} and the next load compiles it again`);
    expect(stderr).toBe("");
  });

  it("a compile that fails is reported with its log and not retried on every load", async () => {
    const cache = temp("native-cache-");
    // A "compiler" that fails every compile: node-gyp's Makefile uses $CXX.
    const first = await load({ MLP_NATIVE_CACHE_DIR: cache, CXX: "false" });
    expect(first.status.available).toBe(false);
    expect(first.status.reason).toMatch(/compiling it failed \(node-gyp exited with \d+/);
    expect(first.status.reason).toContain(`full log: ${join(cache, "")}`);
    expect(first.stderr).toMatch(/compiling it once into/);
    const marker = readdirSync(cache).find((f) => f.endsWith(".failed"));
    expect(marker).toMatch(new RegExp(`^${prefix}.*\\.failed$`));
    expect(readFileSync(join(cache, marker!), "utf8")).toMatch(/node-gyp exited/);
    const second = await load({ MLP_NATIVE_CACHE_DIR: cache, CXX: "false" });
    expect(second.status.reason).toMatch(/compiling it failed before .*delete .*\.failed to try again/);
    expect(second.stderr).not.toMatch(/compiling it once/);
  }, 300_000);

  it("with a toolchain: the first load compiles once into the cache (two processes at once: one compiles, one waits), later loads reuse it", async () => {
    const cache = temp("native-cache-");
    const [a, b] = await Promise.all([
      load({ MLP_NATIVE_CACHE_DIR: cache }),
      load({ MLP_NATIVE_CACHE_DIR: cache }),
    ]);
    const folder = readdirSync(cache).find((f) => f.startsWith(prefix) && !/\.(log|failed|lock)$/.test(f));
    expect(folder).toBeDefined();
    const expected = join(cache, folder!, "mlp_native.node");
    for (const r of [a, b]) {
      expect(r.status.available, r.status.reason).toBe(true);
      expect(r.status.addonPath).toBe(expected);
      expect(["avx512", "avx2", "sse", "neon", "scalar"]).toContain(r.status.simd);
    }
    const compiles = [a, b].filter((r) => /compiling it once into/.test(r.stderr));
    expect(compiles).toHaveLength(1);
    expect(compiles[0]!.stderr).toMatch(/compiled in \d+ s/);
    // No lock, scratch build folder or failure marker left behind.
    expect(readdirSync(cache).sort()).toEqual([folder, `${folder}.log`]);
    const again = await load({ MLP_NATIVE_CACHE_DIR: cache });
    expect(again.status.addonPath).toBe(expected);
    expect(again.stderr).toBe("");
  }, 900_000);
});
