// A 3-trial grid over the learning rate of the course's TwoLayerMLP, one epoch on a 5,000-image MNIST subset
// each, the trials one after another in this process. Each trial is a run in the store (tagged sweep:<id>);
// the sweep's record is <runs>/.sweeps/<id>/sweep.json, which `mlp sweeps show <id>` prints.
import {
  ExperimentTrialRunner,
  InlineExecutor,
  createSweep,
  experimentConfigResolver,
  parseSweepSpec,
  runSweep,
} from "@mlp-lab/sweeps";

const runsDir = process.argv[2] ?? "runs";
const spec = parseSweepSpec(
  {
    method: "grid",
    metric: { name: "val_accuracy", goal: "maximize" },
    base: {
      model: { kind: "two-layer", layers: [50] },
      optimizer: { name: "sgd", momentum: 0.5 },
      data: { trainLimit: 5000 },
      epochs: 1,
    },
    parameters: { "optimizer.learningRate": { values: [0.001, 0.01, 0.1] } },
  },
  { resolveConfig: experimentConfigResolver },
);
// Serial and in-process; LocalPoolExecutor runs trials in worker processes, QueueExecutor on BullMQ workers.
const executor = new InlineExecutor(new ExperimentTrialRunner(), runsDir);
const { id } = createSweep(runsDir, spec, { executor, name: "course-lr" });
const sweep = await runSweep(id, {
  runsDir,
  executor,
  onEvent: (e) =>
    e.type === "trial-ended" && console.log(`trial ${e.trial.number}`, e.trial.params, e.trial.value),
});
console.log(`sweep ${id} ${sweep.status}: best`, sweep.best);
