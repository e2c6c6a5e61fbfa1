import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const pkg = resolve(__dirname, "..");
const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  gypfile?: boolean;
  files: string[];
  bin: Record<string, string>;
};
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the installed package (dist, package.json, plus `extra`), with the workspace's node_modules. */
function installedCopy(extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "backend-native-pkg-"));
  temps.push(dir);
  for (const p of ["dist", "package.json", ...extra]) cpSync(join(pkg, p), join(dir, p), { recursive: true });
  symlinkSync(join(pkg, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** loadNativeBackend() of the package at `dir`, in a fresh Node process. */
function status(dir: string, env: Record<string, string> = {}) {
  const res = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(join(dir, "dist", "index.js"))}); console.log(JSON.stringify(m.loadNativeBackend()));`,
    ],
    { encoding: "utf8", env: { ...process.env, MLP_NATIVE_DISABLE: "", MLP_NATIVE_ADDON: "", ...env } },
  );
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout.trim().split("\n").pop() as string) as {
    available: boolean;
    reason?: string;
    simd?: string;
    addonPath?: string;
  };
}

describe("packaging: installs run no script, linux-x64 loads the prebuilt addon", () => {
  it("the manifest has no install hook and npm adds no implicit node-gyp one", () => {
    for (const hook of ["preinstall", "install", "postinstall"])
      expect(manifest.scripts[hook]).toBeUndefined();
    expect(manifest.gypfile).toBe(false);
    expect(manifest.files).toContain("prebuilds");
    expect(manifest.bin["mlp-native-build"]).toBe("./scripts/install.cjs");
  });

  it.runIf(process.platform === "linux" && process.arch === "x64")(
    "the build leaves one prebuilt linux-x64 glibc addon that loads without build/",
    () => {
      expect(readdirSync(join(pkg, "prebuilds", "linux-x64"))).toEqual([
        "@mlp-lab+backend-native.glibc.node",
      ]);
      const dir = installedCopy(["prebuilds"]);
      const s = status(dir);
      expect(s.available, s.reason).toBe(true);
      expect(s.addonPath).toBe(join(dir, "prebuilds", "linux-x64", "@mlp-lab+backend-native.glibc.node"));
      expect(["avx512", "avx2", "sse", "scalar"]).toContain(s.simd);
    },
  );

  it("without a prebuild for the platform, the reason names the platform and the build command", () => {
    // An empty cache of its own: an addon compiled earlier into the user's cache would otherwise be found.
    const cache = mkdtempSync(join(tmpdir(), "backend-native-cache-"));
    temps.push(cache);
    const s = status(installedCopy([]), { MLP_NATIVE_CACHE_DIR: cache });
    expect(s.available).toBe(false);
    expect(s.reason).toMatch(new RegExp(`no native addon for ${process.platform}-${process.arch}`));
    expect(s.reason).toMatch(/npx mlp-native-build/);
    expect(s.reason).toMatch(/scripts\/install\.cjs/);
  });

  it("a missing MLP_NATIVE_ADDON is reported by path", () => {
    const missing = join(tmpdir(), "no-such-addon.node");
    const s = status(pkg, { MLP_NATIVE_ADDON: missing });
    expect(s.available).toBe(false);
    expect(s.reason).toContain(missing);
  });

  it("mlp-native-build exits 1 with what it needs when the compiler fails (0 with --optional)", () => {
    const dir = mkdtempSync(join(tmpdir(), "backend-native-build-"));
    temps.push(dir);
    for (const p of ["binding.gyp", "native", "scripts", "package.json"])
      cpSync(join(pkg, p), join(dir, p), { recursive: true });
    const env = { ...process.env, CXX: "/bin/false", CC: "/bin/false" };
    const res = spawnSync(process.execPath, [join(dir, "scripts", "install.cjs")], {
      cwd: dir,
      encoding: "utf8",
      env,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/the native addon was not built/);
    expect(res.stderr).toMatch(/C\+\+ compiler/);
    expect(existsSync(join(dir, "build", "Release", "mlp_native.node"))).toBe(false);
    const optional = spawnSync(process.execPath, [join(dir, "scripts", "install.cjs"), "--optional"], {
      cwd: dir,
      encoding: "utf8",
      env,
    });
    expect(optional.status).toBe(0);
  }, 120_000);
});
