import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ViewerServer, startViewerServer } from "@mlp-lab/viewer/server";
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

/** `--port`: an integer from 0 (any free port) to 65535. */
function port(value: string): number {
  const n = integer("--port", 0)(value);
  if (n > 65535) throw new UsageError(`--port must be an integer <= 65535, got "${value}"`);
  return n;
}

/** Start the viewer server for `runsDir` and print where it listens. */
export async function startServe(runsDir: string, flags: ServeFlags): Promise<ViewerServer> {
  const server = await startViewerServer({
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
  process.stdout.write(`mlp viewer: ${server.url}  (Ctrl-C to stop)\n`);
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
  $ mlp serve                         # runs/ on http://127.0.0.1:5174/
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
