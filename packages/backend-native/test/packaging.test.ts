import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const pkg = resolve(__dirname, "..");

describe("packaging: a missing or unbuildable addon never breaks install or import", () => {
  it("loadNativeBackend() reports why and how to build when the addon is missing", () => {
    const res = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(join(pkg, "dist", "index.js"))}); console.log(JSON.stringify(m.loadNativeBackend()));`,
      ],
      { encoding: "utf8", env: { ...process.env, MLP_NATIVE_ADDON: join(tmpdir(), "no-such-addon.node") } },
    );
    expect(res.status, res.stderr).toBe(0);
    const status = JSON.parse(res.stdout.trim().split("\n").pop() as string);
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/not built/);
    expect(status.reason).toMatch(/build:native/);
  });

  it("the install script exits 0 with a clear message when the compiler fails", () => {
    const dir = mkdtempSync(join(tmpdir(), "backend-native-install-"));
    try {
      for (const p of ["binding.gyp", "native", "scripts", "package.json"])
        cpSync(join(pkg, p), join(dir, p), { recursive: true });
      const res = spawnSync(process.execPath, [join(dir, "scripts", "install.cjs")], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, CXX: "/bin/false", CC: "/bin/false" },
      });
      expect(res.status).toBe(0);
      expect(res.stderr).toMatch(/the native addon was not built/);
      expect(res.stderr).toMatch(/build:native/);
      expect(existsSync(join(dir, "build", "Release", "mlp_native.node"))).toBe(false);
      const strict = spawnSync(process.execPath, [join(dir, "scripts", "install.cjs"), "--strict"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, CXX: "/bin/false", CC: "/bin/false" },
      });
      expect(strict.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
