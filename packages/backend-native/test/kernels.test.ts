import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAddon } from "../src/addon.js";
import { NATIVE_BACKEND_NAME, loadNativeBackend } from "../src/index.js";
import { rand, relErr, runOn } from "./helpers.js";

const status = loadNativeBackend();
if (!status.available) console.warn(`[backend-native] kernel tests skipped: ${status.reason}`);

const TOL = 1e-5;

/** Same computation on cpu and native; compares values (1e-5 relative, max norm) and shapes. */
function same(fn: () => tf.Tensor, tol = TOL): void {
  const ref = runOn("cpu", fn);
  const got = runOn(NATIVE_BACKEND_NAME, fn);
  expect(got.shape).toEqual(ref.shape);
  const err = relErr(got.values, ref.values);
  expect(err, `relative error ${err}`).toBeLessThanOrEqual(tol);
}

const SIMD_TABLES = ["avx512", "avx2", "sse", "neon", "scalar"];

describe.skipIf(!status.available)("native kernels vs cpu", () => {
  beforeAll(async () => {
    tf.env().set("PROD", true);
    await tf.ready();
  });
  afterAll(() => {
    tf.setBackend("cpu");
  });

  const dims = [1, 7, 63, 65, 513];
  const triples: [number, number, number][] = [
    [1, 1, 1],
    [7, 63, 65],
    [65, 7, 63],
    [63, 65, 7],
    [513, 65, 7],
    [7, 513, 65],
    [65, 63, 513],
    [1, 513, 7],
    [64, 784, 512],
    [300, 65, 200],
    [513, 64, 784],
  ];

  const available = SIMD_TABLES.filter((name) => {
    const load = loadAddon();
    return load.ok && load.addon.selectSimd(name);
  });
  const defaultSimd = status.available ? status.simd : "scalar";
  afterAll(() => {
    const load = loadAddon();
    if (load.ok) load.addon.selectSimd(defaultSimd);
  });

  for (const simd of available) {
    describe(`kernel table ${simd}`, () => {
      beforeAll(() => {
        const load = loadAddon();
        if (load.ok) load.addon.selectSimd(simd);
      });
      afterAll(() => {
        const load = loadAddon();
        if (load.ok) load.addon.selectSimd(defaultSimd);
      });

      for (const [m, k, n] of triples) {
        for (const ta of [false, true]) {
          for (const tb of [false, true]) {
            it(`matMul ${m}x${k}x${n} transposeA=${ta} transposeB=${tb}`, () => {
              const a = rand(m * k, m * 31 + k);
              const b = rand(k * n, n * 17 + k);
              same(() =>
                tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb),
              );
            });
          }
        }
      }

      for (const [m, k, n] of triples.slice(0, 6)) {
        for (const [ta, tb] of [
          [false, true],
          [true, false],
          [false, false],
        ] as const) {
          for (const activation of ["linear", "relu"] as const) {
            it(`fused matMul ${m}x${k}x${n} ${ta}/${tb} bias + ${activation}`, () => {
              const a = rand(m * k, 3 + m);
              const b = rand(k * n, 5 + n);
              const bias = rand(n, 7 + n);
              same(() =>
                tf.fused.matMul({
                  a: tf.tensor2d(a, ta ? [k, m] : [m, k]),
                  b: tf.tensor2d(b, tb ? [n, k] : [k, n]),
                  transposeA: ta,
                  transposeB: tb,
                  bias: tf.tensor1d(bias),
                  activation,
                }),
              );
            });
          }
        }
      }

      it("elementwise binary ops with broadcasting", () => {
        const shapes: [number[], number[]][] = [
          [
            [7, 65],
            [7, 65],
          ],
          [[513], [513]],
          [[63, 65], []],
          [[], [63, 65]],
          [[63, 65], [65]],
          [[65], [63, 65]],
          [
            [63, 65],
            [1, 65],
          ],
          [
            [2, 7, 63],
            [7, 63],
          ],
          [
            [7, 1],
            [7, 65],
          ],
          [[1], [1]],
          // column broadcasts (the log-softmax and its gradient): [rows, cols] with [rows, 1]
          [
            [64, 10],
            [64, 1],
          ],
          [
            [2, 7, 63],
            [2, 7, 1],
          ],
          [
            [2, 7, 1],
            [2, 7, 63],
          ],
          // not a column broadcast: [1, 1] stretches over both axes
          [
            [7, 65],
            [1, 1],
          ],
        ];
        const ops: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
          ["add", tf.add],
          ["sub", tf.sub],
          ["mul", tf.mul],
          ["div", tf.div],
          ["maximum", tf.maximum],
          ["minimum", tf.minimum],
          ["squaredDifference", tf.squaredDifference],
        ];
        for (const [sa, sb] of shapes) {
          const na = sa.reduce((p, q) => p * q, 1);
          const nb = sb.reduce((p, q) => p * q, 1);
          const a = rand(na, na + 11);
          const b = rand(nb, nb + 13, 0.5, 2);
          for (const [name, op] of ops) {
            try {
              same(() => op(tf.tensor(a, sa), tf.tensor(b, sb)));
            } catch (err) {
              throw new Error(
                `${name} ${JSON.stringify(sa)} ${JSON.stringify(sb)}: ${(err as Error).message}`,
              );
            }
          }
        }
      });
    });
  }

  it("elementwise unary ops", () => {
    for (const n of dims) {
      const x = rand(n * 3, n + 1, -3, 3);
      const pos = rand(n * 3, n + 2, 0.01, 5);
      const t = () => tf.tensor2d(x, [3, n]);
      const p = () => tf.tensor2d(pos, [3, n]);
      same(() => tf.relu(t()));
      same(() => tf.relu6(tf.mul(t(), 4)));
      same(() => tf.neg(t()));
      same(() => tf.exp(t()));
      same(() => tf.log(p()));
      same(() => tf.sqrt(p()));
      same(() => tf.square(t()));
      same(() => tf.abs(t()));
      same(() => tf.step(t()));
      same(() => tf.step(t(), 0.3));
      same(() => tf.tanh(t()));
      same(() => tf.sigmoid(t()));
    }
  });

  it("reductions over trailing, leading and middle axes, keepDims", () => {
    const shape = [7, 63, 65];
    const x = rand(7 * 63 * 65, 99);
    const axesList: (number | number[] | undefined)[] = [-1, 2, 0, [0, 1], [1, 2], 1, [0, 2], undefined];
    for (const axis of axesList) {
      for (const keepDims of [false, true]) {
        same(() => tf.sum(tf.tensor(x, shape), axis, keepDims));
        same(() => tf.max(tf.tensor(x, shape), axis, keepDims));
        same(() => tf.min(tf.tensor(x, shape), axis, keepDims));
        same(() => tf.mean(tf.tensor(x, shape), axis, keepDims));
      }
    }
    for (const n of dims) {
      const v = rand(n, n + 5);
      same(() => tf.sum(tf.tensor1d(v)));
      same(() => tf.max(tf.tensor1d(v)));
      same(() => tf.sum(tf.tensor2d(v, [n, 1]), 0));
    }
  });

  it("softmax and logSoftmax", () => {
    for (const [r, c] of [
      [65, 7],
      [1, 513],
      [64, 10],
      [7, 1],
    ] as const) {
      const x = rand(r * c, r + c, -5, 5);
      same(() => tf.softmax(tf.tensor2d(x, [r, c])));
      same(() => tf.logSoftmax(tf.tensor2d(x, [r, c])));
    }
  });

  it("transpose (last two axes natively, other permutations through the cpu kernel)", () => {
    for (const [r, c] of [
      [1, 1],
      [7, 65],
      [513, 63],
      [1, 513],
      [784, 512],
    ] as const) {
      const x = rand(r * c, r * 3 + c);
      same(() => tf.transpose(tf.tensor2d(x, [r, c])));
    }
    const y = rand(3 * 7 * 65, 4);
    same(() => tf.transpose(tf.tensor3d(y, [3, 7, 65]), [0, 2, 1]));
    same(() => tf.transpose(tf.tensor3d(y, [3, 7, 65]), [2, 0, 1]));
    same(() => tf.transpose(tf.tensor3d(y, [3, 7, 65])));
  });

  it("batched matMul with broadcast batch dimensions", () => {
    const a = rand(3 * 7 * 65, 1);
    const b = rand(3 * 65 * 63, 2);
    same(() => tf.matMul(tf.tensor3d(a, [3, 7, 65]), tf.tensor3d(b, [3, 65, 63])));
    same(() => tf.matMul(tf.tensor3d(a, [3, 65, 7]), tf.tensor3d(b, [3, 63, 65]), true, true));
    same(() => tf.matMul(tf.tensor3d(a.subarray(0, 7 * 65), [1, 7, 65]), tf.tensor3d(b, [3, 65, 63])));
    same(() => tf.matMul(tf.tensor3d(a, [3, 7, 65]), tf.tensor3d(b.subarray(0, 65 * 63), [1, 65, 63])));
    same(() => tf.matMul(tf.tensor4d(a.subarray(0, 2 * 7 * 65), [2, 1, 7, 65]), tf.tensor3d(b, [3, 65, 63])));
  });

  it("NaN propagates like the cpu backend (relu, maximum, minimum, sum, max)", () => {
    const a = Float32Array.from([1, Number.NaN, -2, 3, Number.NaN, 0.5, -1, 2, 4, -3, 7, 8, -9, 1, 2, 3, 5]);
    const b = Float32Array.from([Number.NaN, 1, -3, 2, Number.NaN, 0.25, 1, 2, -4, 3, 7, 9, 9, 1, -2, 3, 6]);
    same(() => tf.relu(tf.tensor1d(a)));
    same(() => tf.maximum(tf.tensor1d(a), tf.tensor1d(b)));
    same(() => tf.minimum(tf.tensor1d(a), tf.tensor1d(b)));
    same(() => tf.sum(tf.tensor1d(a)));
    same(() => tf.max(tf.tensor1d(a)));
  });

  it("non-float32 inputs fall back to the cpu kernels", () => {
    same(() => tf.cast(tf.add(tf.tensor1d([1, 2, 3], "int32"), tf.tensor1d([4, 5, 6], "int32")), "float32"));
    same(() => tf.cast(tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], "int32"), 1), "float32"));
  });
});
