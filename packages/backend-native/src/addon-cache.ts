import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir, hostname } from "node:os";
import { join } from "node:path";

// Platforms without a prebuilt addon compile it once, on first load, into a per-user cache: no install
// script (npm warns about them and many policies block them), nothing written into the package folder
// (a global install is often read-only), one compile per package version, Node ABI and platform.

/** A lock older than this belongs to a compile that died without cleaning up. */
const STALE_LOCK_MS = 20 * 60_000;
/** How long a second process waits for another one's compile before giving up for this run. */
const WAIT_MS = 15 * 60_000;
/** node-gyp's whole build; a hung compiler must not hang the program that loads the backend. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

/**
 * Root of the compiled-addon cache: `MLP_NATIVE_CACHE_DIR`, else the user's cache folder
 * (`$XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) + `mlp-lab/backend-native`.
 */
export function nativeCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLP_NATIVE_CACHE_DIR) return env.MLP_NATIVE_CACHE_DIR;
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === "darwin"
      ? join(homedir(), "Library", "Caches")
      : process.platform === "win32"
        ? env.LOCALAPPDATA || join(homedir(), "AppData", "Local")
        : join(homedir(), ".cache"));
  return join(base, "mlp-lab", "backend-native");
}

/** `musl` when this Node runs on musl libc (Alpine), else `glibc` on Linux, undefined elsewhere. */
function libc(): string | undefined {
  if (process.platform !== "linux") return undefined;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
    ?.header;
  return header?.glibcVersionRuntime ? "glibc" : "musl";
}

/** The cache folder of this package version on this Node ABI and platform, e.g. `0.1.0-abi115-linux-arm64-glibc`. */
export function cachedAddonDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const tag = [version, `abi${process.versions.modules}`, process.platform, process.arch, libc()]
    .filter(Boolean)
    .join("-");
  return join(nativeCacheRoot(env), tag);
}

/** The addon file inside a cache folder. */
export function cachedAddonFile(dir: string): string {
  return join(dir, "mlp_native.node");
}

/** What compiling needs and is missing here (node-gyp, compiler, make, python3); empty when all is there. */
export function toolchainProblems(packageRoot: string): string[] {
  const toolchain = createRequire(join(packageRoot, "package.json"))("./scripts/toolchain.cjs") as {
    toolchainProblems(env: NodeJS.ProcessEnv): string[];
  };
  return toolchain.toolchainProblems(process.env);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the lock's owner is gone (same host, process dead) or the lock is older than a compile can take. */
function staleLock(lock: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(lock, "owner.json"), "utf8")) as {
      pid: number;
      hostname: string;
    };
    if (owner.hostname === hostname() && !alive(owner.pid)) return true;
  } catch {
    // No owner file yet: the owner is between mkdir and write; the age decides.
  }
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // gone meanwhile
  }
}

/** The last lines of the build log that say what went wrong, for the reason. */
function logExcerpt(log: string): string {
  try {
    const lines = readFileSync(log, "utf8").split("\n");
    const errors = lines.filter((l) => /\berror\b/i.test(l) && !/^gyp (info|verb)/.test(l));
    return (errors.length > 0 ? errors.slice(0, 2) : lines.filter(Boolean).slice(-2))
      .join(" | ")
      .slice(0, 400);
  } catch {
    return "";
  }
}

export type CacheBuild = { ok: true; path: string; compiled: boolean } | { ok: false; reason: string };

/**
 * Compiles the addon into `dir` (see {@link cachedAddonDir}) unless it is there, at most one process at a
 * time: the others wait for the lock's owner and load what it built. A failed compile leaves
 * `<dir>.failed` (its reason) so later runs do not compile again and again; deleting it, or
 * `npx mlp-native-build`, retries. Progress goes to stderr, node-gyp's output to `<dir>.log`. Never throws.
 */
export function buildIntoCache(packageRoot: string, dir: string): CacheBuild {
  const file = cachedAddonFile(dir);
  const lock = `${dir}.lock`;
  const failed = `${dir}.failed`;
  const log = `${dir}.log`;
  const deadline = Date.now() + WAIT_MS;
  try {
    mkdirSync(join(dir, ".."), { recursive: true });
  } catch (err) {
    return { ok: false, reason: `the addon cache ${dir} cannot be created (${(err as Error).message})` };
  }
  for (;;) {
    if (existsSync(file)) return { ok: true, path: file, compiled: false };
    if (existsSync(failed)) {
      let previous = "";
      try {
        previous = readFileSync(failed, "utf8").trim();
      } catch {}
      return {
        ok: false,
        reason: `compiling it failed before (${previous}); delete ${failed} to try again on the next load`,
      };
    }
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST")
        return { ok: false, reason: `cannot lock ${lock} (${(err as Error).message})` };
    }
    if (staleLock(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      return {
        ok: false,
        reason: `another process has been compiling it into ${dir} for too long (lock ${lock})`,
      };
    sleep(500);
  }
  try {
    writeFileSync(join(lock, "owner.json"), JSON.stringify({ pid: process.pid, hostname: hostname() }));
    if (existsSync(file)) return { ok: true, path: file, compiled: false };
    const started = Date.now();
    process.stderr.write(
      `@mlp-lab/backend-native: no prebuilt addon for ${process.platform}-${process.arch}; compiling it once into ${dir} (a minute or two; log: ${log})\n`,
    );
    const fd = openSync(log, "w");
    let res: ReturnType<typeof spawnSync>;
    try {
      res = spawnSync(process.execPath, [join(packageRoot, "scripts", "install.cjs"), "--out", dir], {
        stdio: ["ignore", fd, fd],
        env: process.env,
        timeout: BUILD_TIMEOUT_MS,
        windowsHide: true,
      });
    } finally {
      closeSync(fd);
    }
    if (res.status === 0 && existsSync(file)) {
      process.stderr.write(
        `@mlp-lab/backend-native: compiled in ${((Date.now() - started) / 1000).toFixed(0)} s: ${file}\n`,
      );
      return { ok: true, path: file, compiled: true };
    }
    const why = res.error
      ? res.error.message
      : res.signal
        ? `the build was stopped (${res.signal})`
        : `node-gyp exited with ${res.status}`;
    const reason = `${why}: ${logExcerpt(log)} (full log: ${log})`;
    writeFileSync(failed, `${reason}\n`);
    return { ok: false, reason: `compiling it failed (${reason})` };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
