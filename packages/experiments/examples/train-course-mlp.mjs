// The course's TwoLayerMLP (784-50-10, SGD lr 0.01 momentum 0.5, batch 64) for one epoch on MNIST into a run
// folder, then the same run from the command line: `mlp runs list` shows it, `mlp eval` tests its best checkpoint.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { runExperiment } from "@mlp-lab/experiments";

const runsDir = process.argv[2] ?? "runs";
const model = { kind: "two-layer", layers: [50] };
const optimizer = { name: "sgd", learningRate: 0.01, momentum: 0.5 };
const log = (e) => e.type === "log" && console.log(e.line);
const { runId } = await runExperiment({ model, optimizer, epochs: 1 }, { runsDir, onEvent: log });

// `mlp` from the installed @mlp-lab/cli (`npx mlp ...` in a shell).
const cli = join(dirname(createRequire(import.meta.url).resolve("@mlp-lab/cli/package.json")), "dist/mlp.js");
const mlp = (...args) =>
  execFileSync(process.execPath, [cli, ...args, "--runs-dir", runsDir], { stdio: "inherit" });
mlp("runs", "list");
mlp("eval", runId, "--split", "test");
