// Runs npm (and other commands) and sorts npm's warnings: the ones the consumer test fails on, the rest.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

/**
 * npm output lines that fail the test: a resolution conflict, an engine mismatch, a peer problem, or a
 * dependency with an install script (npm 11 warns that it is not covered by `allowScripts`; policies block it).
 */
const PROBLEM =
  /ERESOLVE|EBADENGINE|peer dep|unmet peer|conflicting peer|overriding peer|invalid peer|missing peer|install-scripts/i;

/**
 * `npm <args>` in `dir` (made empty with a bare package.json when `fresh`), without audit, fund or update
 * notices. Resolves with the exit status, the whole output, the lines that must fail the test (`problems`)
 * and the other npm warnings (`notes`).
 */
export function npm(dir, args, { fresh = false, timeoutMs = 600_000 } = {}) {
  if (fresh) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      `${dir}/package.json`,
      `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
  } else mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    npm_config_loglevel: "warn",
    // npm finds its project (and that project's .npmrc) from here: never from the workspace that runs this.
    PWD: dir,
    INIT_CWD: dir,
  };
  // pnpm's own npm_config_* (set when run through `pnpm test:packages`) must not leak into plain npm.
  for (const key of Object.keys(env))
    if (/^npm_config_(?!audit$|fund$|update_notifier$|loglevel$|cache$|registry$)/i.test(key))
      delete env[key];
  for (const key of ["npm_package_json", "npm_lifecycle_event", "npm_lifecycle_script", "npm_execpath"])
    delete env[key];
  return new Promise((resolve) => {
    const child = spawn("npm", args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      const warnings = [
        ...new Set(
          output
            .split("\n")
            .filter((l) => /^npm (warn|error|ERR)/i.test(l))
            .map((l) => l.replace(/\s+/g, " ").trim()),
        ),
      ];
      resolve({
        status,
        output,
        problems: warnings.filter((l) => PROBLEM.test(l)),
        notes: warnings.filter((l) => !PROBLEM.test(l)),
      });
    });
  });
}

/** Runs a command to completion: status, stdout+stderr, wall seconds. */
export function run(cmd, args, { cwd, timeoutMs = 120_000, env = process.env } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { status: r.status ?? (r.signal ? 128 : 1), output: `${r.stdout ?? ""}${r.stderr ?? ""}`, seconds };
}

/** Awaits `fn`, recording its wall time under `label` in `timings` ([label, seconds][]). */
export async function timed(timings, label, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings.push([label, (Date.now() - t0) / 1000]);
  }
}

/** Like {@link run} without blocking the event loop (for a command that talks to a server in this process). */
export function runAsync(cmd, args, { cwd, timeoutMs = 120_000, env = process.env } = {}) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({
        status: status ?? (signal ? 128 : 1),
        output,
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      });
    });
  });
}
