// The viewer server under test, in its own process so the bench can count its file descriptors:
//   node serve.mjs <runsDir> <maxEventStreams>  -> prints {"url": ..., "pid": ...} on stdout
import { fileURLToPath } from "node:url";
import { startViewerServer } from "../../apps/viewer/dist/server/index.js";

const [runsDir, maxStreams] = process.argv.slice(2);
const server = await startViewerServer({
  runsDir,
  appDir: fileURLToPath(new URL("../../apps/viewer/dist/app/", import.meta.url)),
  port: 0,
  maxEventStreams: Number(maxStreams),
  pollIntervalMs: 250,
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
