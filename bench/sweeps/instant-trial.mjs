// A trial process whose "training" is instant: one epoch, a run folder with a 400 KB checkpoint (the
// course MLP [128]'s weights are 407 KB). Used by queue-overhead.mjs to time the queue, not training.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRun } from "../../packages/runs/dist/index.js";
import { servePoolWorker } from "../../packages/sweeps/dist/index.js";

export const instantRunner = {
  async run(request, runsDir, hooks) {
    const run = createRun(runsDir, {
      name: request.name,
      tags: request.tags,
      config: {
        model: { kind: "mlp", layers: [128], activation: "relu" },
        optimizer: { name: "sgd", learningRate: 0.01 },
        epochs: 1,
        batchSize: 64,
        dataset: "mnist",
        seed: 1,
      },
    });
    hooks.onRunStarted?.(run.id);
    const last = run.checkpointPath("last");
    mkdirSync(last, { recursive: true });
    writeFileSync(join(last, "model.safetensors"), Buffer.alloc(400 * 1024, 1));
    writeFileSync(join(last, "trainer.json"), JSON.stringify({ epoch: 1 }));
    run.appendMetrics({ epoch: 0, phase: "train", loss: 0.5, accuracy: 0.9, seconds: 0, samples: 1 });
    run.appendMetrics({ epoch: 0, phase: "val", loss: 0.4, accuracy: 0.91, seconds: 0, samples: 1 });
    const metrics = { epoch: 0, valAccuracy: 0.91, valLoss: 0.4, trainLoss: 0.5 };
    hooks.onEpoch?.(metrics);
    run.complete();
    return { runId: run.id, status: "completed", epochs: [metrics], stoppedEarly: false, error: null };
  },
};

if (process.send) await servePoolWorker(instantRunner);
