import { useBackend } from "@mlp-lab/backend";
import { MLP } from "@mlp-lab/models";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchSource, TrainingBatch } from "./batch-source.js";
import { EarlyStopping, type EpochRecord, SGD, type Stepper, trainValModel } from "./index.js";

beforeAll(async () => {
  await useBackend("cpu");
});

function record(epoch: number, valLoss: number, valAccuracy = 0): EpochRecord {
  return {
    epoch,
    train: { loss: 1, accuracy: 0, samples: 1, seconds: 0 },
    val: { loss: valLoss, accuracy: valAccuracy, samples: 1, seconds: 0 },
    lr: 0.1,
    numTensors: 0,
    rssBytes: 0,
  };
}

/** Feed a scripted sequence; return the epoch at which it asked to stop, or -1. */
function stopsAt(es: EarlyStopping, values: number[]): number {
  for (let e = 0; e < values.length; e++) if (es.update(record(e, values[e]!), () => ({}))) return e;
  return -1;
}

describe("EarlyStopping (Keras semantics)", () => {
  it("stops after `patience` epochs without improvement of val_loss", () => {
    const es = new EarlyStopping({ patience: 2 });
    expect(stopsAt(es, [1, 0.8, 0.85, 0.9, 0.7])).toBe(3);
    expect(es.best).toBe(0.8);
    expect(es.bestEpoch).toBe(1);
  });

  it("needs an improvement larger than minDelta", () => {
    expect(stopsAt(new EarlyStopping({ patience: 2, minDelta: 0.05 }), [1, 0.97, 0.96, 0.5])).toBe(2);
    expect(stopsAt(new EarlyStopping({ patience: 2, minDelta: 0.01 }), [1, 0.97, 0.96, 0.5])).toBe(-1);
  });

  it("resumes from its JSON state", () => {
    const a = new EarlyStopping({ patience: 2 });
    stopsAt(a, [1, 0.8, 0.9]);
    const b = new EarlyStopping({ patience: 2 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(b.update(record(3, 0.85), () => ({}))).toBe(true);
    expect(b.bestEpoch).toBe(1);
  });

  it("watches accuracies in max mode", () => {
    const es = new EarlyStopping({ monitor: "val_accuracy", patience: 1 });
    expect(es.mode).toBe("max");
    let stopped = -1;
    [0.5, 0.6, 0.6, 0.55].some((acc, e) => {
      if (es.update(record(e, 0, acc), () => ({}))) stopped = e;
      return stopped >= 0;
    });
    expect(stopped).toBe(2);
  });
});

/** One batch per epoch; the data never matters to the scripted stepper. */
const oneBatch: BatchSource = {
  numSamples: 1,
  *[Symbol.iterator](): Iterator<TrainingBatch> {
    yield { x: new Float32Array(2), y: new Int32Array(1), size: 1 };
  },
};

/**
 * A stepper whose training step writes the epoch number into the first weight and whose
 * validation loss follows a script: the weights then say which epoch they come from.
 */
function scriptedStepper(model: MLP, valLosses: number[]): Stepper {
  let epoch = 0;
  const weight = model.linears[0]!.weight;
  return {
    trainStep() {
      const values = weight.dataSync().slice() as Float32Array;
      values[0] = epoch;
      model.loadStateDict({
        ...model.stateDict(),
        "linears.0.weight": { shape: weight.shape, data: values },
      });
      return { loss: 1, correct: 0 };
    },
    evalStep() {
      const loss = valLosses[epoch]!;
      epoch++;
      return { loss, correct: 0 };
    },
    syncToModel() {},
    dispose() {},
  };
}

describe("trainValModel with early stopping", () => {
  it("stops on the scripted plateau and restores the best epoch's weights", async () => {
    const model = new MLP([2, 2]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1 });
    const losses = [1, 0.5, 0.6, 0.4, 0.45, 0.5, 0.55, 0.1];
    const result = await trainValModel(model, {
      optimizer,
      train: oneBatch,
      val: oneBatch,
      epochs: losses.length,
      logInterval: null,
      stepper: scriptedStepper(model, losses),
      earlyStopping: { monitor: "val_loss", patience: 3, restoreBest: true },
    });
    expect(result.stoppedBy).toBe("early-stopping");
    expect(result.history.epochs).toHaveLength(7);
    expect(result.earlyStopping?.bestEpoch).toBe(3);
    expect(model.linears[0]!.weight.dataSync()[0]).toBe(3);
  });

  it("without restoreBest keeps the course's best-accuracy restore", async () => {
    const model = new MLP([2, 2]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1 });
    const result = await trainValModel(model, {
      optimizer,
      train: oneBatch,
      val: oneBatch,
      epochs: 5,
      logInterval: null,
      restoreBest: false,
      stepper: scriptedStepper(model, [1, 2, 3, 4, 5]),
      earlyStopping: { patience: 1 },
    });
    expect(result.stoppedBy).toBe("early-stopping");
    // Patience 1: epoch 1 is the first without improvement, so it stops there with epoch 1's weights.
    expect(result.history.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(model.linears[0]!.weight.dataSync()[0]).toBe(1);
  });
});
