// @vitest-environment node
import { createModel } from "@mlp-lab/models";
import { CHECKPOINT_VERSION, encodeCheckpoint } from "@mlp-lab/training";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The API layer is replaced by the bytes a run store would serve.
const served = new Map<string, Uint8Array>();
vi.mock("../api/runs-api.js", () => ({
  getRunFiles: async () => ({
    checkpoints: {
      best: [...served.keys()].filter((k) => k.startsWith("best/")).map((k) => k.slice(5)),
      last: [...served.keys()].filter((k) => k.startsWith("last/")).map((k) => k.slice(5)),
    },
    artifacts: [],
  }),
  getCheckpointBytes: async (_id: string, which: string, file: string) => {
    const bytes = served.get(`${which}/${file}`);
    if (!bytes) throw new Error(`404 ${which}/${file}`);
    return bytes;
  },
}));

const { loadRunCheckpoint } = await import("./run-checkpoint.js");

const modelConfig = { kind: "mlp" as const, layers: [6, 4, 3] };

function serve(which: "best" | "last", trainer: unknown): void {
  const model = createModel(modelConfig, 2);
  const bytes = encodeCheckpoint({ model: model.stateDict() });
  served.set(`${which}/model.safetensors`, bytes.model);
  served.set(`${which}/trainer.json`, new TextEncoder().encode(JSON.stringify(trainer)));
  model.dispose();
}

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => served.clear());

describe("loadRunCheckpoint", () => {
  it("decodes a checkpoint with @mlp-lab/training's decoder: architecture and weights", async () => {
    serve("last", { version: CHECKPOINT_VERSION, epoch: 1, modelConfig, savedAt: "2026-12-01T00:00:00Z" });
    const checkpoint = await loadRunCheckpoint("run-1");
    expect(checkpoint.which).toBe("last");
    expect(checkpoint.modelConfig).toEqual(modelConfig);
    expect(Object.keys(checkpoint.state)).toEqual([
      "linears.0.weight",
      "linears.0.bias",
      "linears.1.weight",
      "linears.1.bias",
    ]);
  });

  it("rejects a trainer.json without the architecture, naming the file", async () => {
    serve("best", { version: CHECKPOINT_VERSION, epoch: 1, savedAt: "x" });
    await expect(loadRunCheckpoint("run-1")).rejects.toThrow(
      "checkpoints/best/trainer.json: modelConfig is missing or has no kind",
    );
  });

  it("rejects a corrupt model.safetensors, naming the file", async () => {
    serve("best", { version: CHECKPOINT_VERSION, epoch: 1, modelConfig, savedAt: "x" });
    served.set("best/model.safetensors", served.get("best/model.safetensors")!.subarray(0, 40));
    await expect(loadRunCheckpoint("run-1")).rejects.toThrow(
      /^checkpoints\/best\/model\.safetensors: not a valid safetensors file/,
    );
  });
});
