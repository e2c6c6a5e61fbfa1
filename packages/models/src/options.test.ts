import { useBackend } from "@mlp-lab/backend";
import { beforeAll, describe, expect, it } from "vitest";
import { imageToInput, resampleArea } from "./image/index.js";
import { MLP, ModelError, createModel, encodeSafetensors, predictProbabilities } from "./index.js";

// Every public entry point that takes options rejects a bad one at the boundary, with a
// ModelError (BAD_OPTION) naming the function and the field, never a TypeError inside.

beforeAll(async () => {
  await useBackend("cpu");
});

function rejects(call: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ModelError);
  expect((thrown as Error).message).toContain(message);
}

describe("options validated at the boundary", () => {
  it("createModel names the config field", () => {
    rejects(() => createModel(undefined as never), "createModel: config is required");
    rejects(
      () => createModel({ kind: "two-layer", dIn: 784, dHidden: 0, dOut: 10 }),
      "createModel: config.dHidden must be a positive integer, got 0",
    );
    rejects(
      () => createModel({ kind: "mlp", layers: [784, "10"] } as never),
      'createModel: config.layers[1] must be a positive integer, got "10"',
    );
    rejects(
      () => createModel({ kind: "mlp", layers: [4, 2], activation: "gelu" } as never),
      "createModel: config.activation must be one of",
    );
    rejects(
      () => createModel({ kind: "mlp", layers: [4, 2], dropout: 1 }),
      "createModel: config.dropout must be a number in [0, 1), got 1",
    );
    rejects(
      () => createModel({ kind: "softmax", dIn: 4, dOut: 2, hidden: 3 } as never),
      "createModel: unknown option config.hidden",
    );
    rejects(
      () => createModel({ kind: "cnn" } as never),
      'createModel: config.kind must be two-layer, mlp or softmax, got "cnn"',
    );
  });

  it("MLP names the option", () => {
    rejects(() => new MLP([4, 2], null as never), "MLP: options must be an object, got null");
    rejects(() => new MLP([4, 2], { activaton: "tanh" } as never), "MLP: unknown option options.activaton");
    rejects(() => new MLP([4, 2], { rng: 3 } as never), "MLP: options.rng must be a Generator");
  });

  it("loadStateDict names the option", () => {
    const model = new MLP([4, 2]);
    rejects(
      () => model.loadStateDict(model.stateDict(), { strict: "no" } as never),
      "loadStateDict: options.strict must be a boolean",
    );
    rejects(() => model.loadStateDict(undefined as never), "loadStateDict: dict is required");
    model.dispose();
  });

  it("encodeSafetensors checks tensors and metadata", () => {
    rejects(
      () => encodeSafetensors({ w: { shape: [3], data: new Float32Array(2) } }),
      'encodeSafetensors: tensor "w"',
    );
    rejects(
      () => encodeSafetensors({}, { step: 3 } as never),
      "encodeSafetensors: metadata must map names to strings",
    );
  });

  it("predictProbabilities checks rows and batch size", () => {
    const model = new MLP([4, 3]);
    rejects(
      () => predictProbabilities(model, new Float32Array(8), 3),
      "predictProbabilities: rows must be a positive integer dividing x.length (8), got 3",
    );
    rejects(
      () => predictProbabilities(model, new Float32Array(8), 2, { batchSize: 0 }),
      "predictProbabilities: options.batchSize must be a positive integer, got 0",
    );
    const probs = predictProbabilities(model, new Float32Array(8), 2, { batchSize: 1 });
    expect(probs).toHaveLength(6);
    expect(probs[0]! + probs[1]! + probs[2]!).toBeCloseTo(1, 5);
    expect(model.training).toBe(true);
    model.dispose();
  });

  it("imageToInput checks the shape, the fit and the image", () => {
    const image = { data: new Uint8Array(4 * 4), width: 2, height: 2 };
    const shape = { height: 2, width: 2, channels: 1, mean: [0], std: [1] };
    rejects(
      () => imageToInput(image, { ...shape, channels: 2 }),
      "imageToInput: shape.channels must be 1 or 3, got 2",
    );
    rejects(() => imageToInput(image, { ...shape, std: [0] }), "imageToInput: shape.std must be > 0");
    rejects(
      () => imageToInput(image, shape, { fit: "crop" as never }),
      "imageToInput: options.fit must be one of exact, resize, center-digit, got crop",
    );
    rejects(
      () => imageToInput({ ...image, width: 3 }, shape),
      "imageToInput: image must be RGBA with width * height * 4 values, got 3x2 and 16 values",
    );
    rejects(
      () => imageToInput(image, shape, { fit: "center-digit" }),
      'imageToInput: fit "center-digit" makes 28x28 grey inputs',
    );
  });
});

describe("resampleArea", () => {
  it("stays inside the image when the scale does not divide evenly (31 to 28, 7 to 3)", () => {
    for (const [from, to] of [
      [31, 28],
      [7, 3],
      [29, 32],
    ] as const) {
      const plane = new Float32Array(from * from).fill(1);
      const out = resampleArea(plane, from, { x: 0, y: 0, width: from, height: from }, to, to);
      expect(out.every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    }
  });
});
