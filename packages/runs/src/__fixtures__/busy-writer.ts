// Child process for kill-safety.test.ts: writes a run as fast as it can until it is killed.
import { createRun } from "../create-run.js";
import { CONFIG, metrics } from "../test-helpers.js";

const runsDir = process.argv[2] ?? "";
const run = createRun(runsDir, { config: CONFIG, id: "killed-writer" });
for (let epoch = 0; ; epoch++) {
  run.appendMetrics({ ...metrics(epoch, "train", 0.5), padding: "x".repeat(4096) });
  run.appendMetrics(metrics(epoch, "val", (epoch % 100) / 100));
  run.update({ tags: [`epoch-${epoch}`, "y".repeat(8192)] });
  if (epoch === 5) process.stdout.write("ready\n");
}
