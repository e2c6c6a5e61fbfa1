import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { BufferPool, NATIVE_BACKEND_NAME, type NativeBackend, loadNativeBackend } from "../src/index.js";
import { rand } from "./helpers.js";

const status = loadNativeBackend();

describe("BufferPool", () => {
  it("recycles only its own arrays, by exact length, and never escaped ones", () => {
    const pool = new BufferPool();
    const a = pool.alloc(10);
    pool.release(a);
    expect(pool.alloc(10)).toBe(a);
    expect(pool.alloc(10)).not.toBe(a); // a is in use again
    const user = new Float32Array(10);
    pool.release(user);
    expect(pool.alloc(10)).not.toBe(user);
    const b = pool.alloc(7);
    pool.escape(b);
    pool.release(b);
    expect(pool.alloc(7)).not.toBe(b);
  });

  it("holds at most maxFreeBytes of unused arrays", () => {
    const pool = new BufferPool(100);
    const a = pool.alloc(20); // 80 bytes
    const b = pool.alloc(20);
    pool.release(a);
    pool.release(b); // over the cap: dropped
    expect(pool.idleBytes).toBe(80);
    expect(pool.alloc(20)).toBe(a);
    expect(pool.alloc(20)).not.toBe(b);
  });
});

describe.skipIf(!status.available)("native backend with recycled outputs", () => {
  beforeAll(async () => {
    tf.env().set("PROD", true);
    await tf.setBackend(NATIVE_BACKEND_NAME);
  });

  it("reuses the array of a disposed kernel output", () => {
    const backend = tf.backend() as NativeBackend;
    const x = tf.tensor2d(rand(64 * 33, 1), [64, 33]);
    const y = tf.relu(x);
    const arr = backend.data.get(y.dataId)?.values;
    y.dispose();
    const z = tf.relu(x);
    expect(backend.data.get(z.dataId)?.values).toBe(arr);
    tf.dispose([x, z]);
  });

  it("an array read with dataSync() keeps its values after the tensor is disposed and the shape reused", () => {
    const x = tf.tensor1d(rand(1000, 2));
    const y = tf.mul(x, 2);
    const read = y.dataSync() as Float32Array;
    const copy = read.slice();
    y.dispose();
    const others = Array.from({ length: 3 }, (_, i) => tf.mul(x, 10 + i));
    expect(Array.from(read)).toEqual(Array.from(copy));
    tf.dispose([x, ...others]);
  });

  it("a slice (a view of its input on the cpu kernel) survives the input's disposal", () => {
    const x = tf.tensor2d(rand(8 * 16, 3), [8, 16]);
    const y = tf.add(x, 1);
    const s = tf.slice(y, [2, 0], [3, 16]);
    const want = Float32Array.from(
      tf.tidy(() => tf.slice(tf.add(x, 1), [2, 0], [3, 16]).dataSync() as Float32Array),
    );
    y.dispose();
    const others = Array.from({ length: 3 }, (_, i) => tf.add(x, 5 + i));
    expect(Array.from(s.dataSync())).toEqual(Array.from(want));
    tf.dispose([x, s, ...others]);
  });

  it("a reshape keeps its data while the original is disposed", () => {
    const x = tf.tensor1d(rand(128, 4));
    const y = tf.exp(x);
    const r = tf.reshape(y, [8, 16]);
    const want = Float32Array.from(tf.tidy(() => tf.exp(x).dataSync() as Float32Array));
    y.dispose();
    const others = Array.from({ length: 3 }, () => tf.exp(x));
    expect(Array.from(r.dataSync())).toEqual(Array.from(want));
    tf.dispose([x, r, ...others]);
  });
});
