// Entry of a local trial process when the package is used as a library (the CLI forks itself instead).
import { ExperimentTrialRunner } from "./experiment-runner.js";
import { servePoolWorker } from "./pool-worker.js";

await servePoolWorker(new ExperimentTrialRunner());
