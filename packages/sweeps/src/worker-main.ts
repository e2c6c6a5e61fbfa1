// A standalone sweep worker for library users (the CLI has `mlp worker`):
//   node node_modules/@mlp-lab/sweeps/dist/worker-main.js --queue redis://127.0.0.1:6379 [--concurrency N] [--stall-seconds N]
// With --local it is a trial process serving its parent over IPC (what the pool and the queue worker fork).
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ExperimentTrialRunner } from "./experiment-runner.js";
import { servePoolWorker } from "./pool-worker.js";
import { QueueWorker } from "./queue/queue-worker.js";
import { parseQueueUrl } from "./queue/redis-connection.js";

const { values } = parseArgs({
  options: {
    local: { type: "boolean" },
    queue: { type: "string" },
    concurrency: { type: "string", default: "1" },
    "stall-seconds": { type: "string", default: "30" },
  },
});

if (values.local) {
  await servePoolWorker(new ExperimentTrialRunner());
} else {
  if (!values.queue) {
    process.stderr.write(
      "usage: worker-main --queue redis://host:port [--concurrency N] [--stall-seconds N]\n",
    );
    process.exit(2);
  }
  const { redacted } = parseQueueUrl(values.queue);
  const worker = new QueueWorker({
    url: values.queue,
    concurrency: Number(values.concurrency),
    stallSeconds: Number(values["stall-seconds"]),
    command: { script: fileURLToPath(import.meta.url), args: ["--local"] },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await worker.start();
  process.stderr.write(`worker ${worker.name} on ${redacted}\n`);
  const stop = async () => {
    await worker.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
