import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { BackendError, formatBackend, useBackend } from "./index.js";

describe("useBackend", () => {
  it("loads the pure-JS cpu backend and describes it", async () => {
    const d = await useBackend("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(d).toMatchObject({ name: "cpu", package: "@tensorflow/tfjs-backend-cpu", threads: 1 });
    expect(d.tfjsVersion).toBe(tf.version_core);
    expect(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]).toBe(3);
  });

  it("loads wasm with its .wasm files from disk and SIMD on", async () => {
    const d = await useBackend("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(d.simd).toBe("wasm-simd128");
    const y = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(y.dataSync()[0]).toBe(11);
  });

  it("names the package and the cause when an optional backend is missing", async () => {
    const attempt = useBackend("tensorflow");
    await expect(attempt).rejects.toBeInstanceOf(BackendError);
    await expect(attempt).rejects.toThrow(/@tensorflow\/tfjs-node.*not (installed|available)/);
    await expect(useBackend("cuda")).rejects.toThrow(/@tensorflow\/tfjs-node-gpu/);
    // The user named the CUDA route: its error says how to install it where the internet is reachable.
    await expect(useBackend("cuda")).rejects.toThrow(/npm i @tensorflow\/tfjs-node-gpu@4\.22\.0.*CUDA 11\.2/);
  });

  it("rejects an unknown backend name with the list of choices", async () => {
    await expect(useBackend("gpu")).rejects.toThrow(
      /unknown backend "gpu": choose one of auto, webgpu, native/,
    );
  });

  it("auto takes the first backend that loads and reports the ones it skipped", async () => {
    const d = await useBackend("auto", { exclude: ["webgpu", "native"] });
    expect(d.name).toBe("wasm");
    expect(d.skipped.map((s) => s.name)).toEqual(["cuda", "tensorflow"]);
    expect(formatBackend(d)).toMatch(/skipped tensorflow: .*tfjs-node/);
  });

  it("registers gradients so that training works on tfjs-core's Node build", async () => {
    await useBackend("cpu");
    const x = tf.scalar(3);
    const g = tf.grad((v: tf.Tensor) => tf.neg(tf.square(v)))(x);
    expect(g.dataSync()[0]).toBe(-6);
  });
});
