import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Batch, BatchLoader, type BatchLoaderOptions, type EpochPlan } from "../batch-loader.js";
import type { ImageSet } from "../image-set.js";
import { randomImages, tempDir } from "../test-fixtures.js";
import { PrefetchError } from "./prefetch-error.js";
import { PrefetchingLoader, prefetchBatches } from "./prefetching-loader.js";

function fixture(count: number, h: number, w: number, c: number, shared = false): ImageSet {
  const { images, labels } = randomImages(count, h * w * c, 10, 4);
  let bytes: Uint8Array = images;
  if (shared) {
    bytes = new Uint8Array(new SharedArrayBuffer(images.length));
    bytes.set(images);
  }
  return {
    name: "fixture",
    split: "train",
    images: bytes,
    labels,
    count,
    height: h,
    width: w,
    channels: c,
    classNames: [],
    source: "mem",
  };
}

const cifarLike = fixture(430, 32, 32, 3, true);
const RGB = { mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] };
const CIFAR_OPTIONS: BatchLoaderOptions = {
  batchSize: 100,
  shuffle: true,
  seed: 3,
  normalize: RGB,
  augment: true,
};

function expectSameBatches(got: Batch[], want: Batch[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(got[i]!.size).toBe(want[i]!.size);
    expect(Array.from(got[i]!.indices)).toEqual(Array.from(want[i]!.indices));
    expect(Array.from(got[i]!.y)).toEqual(Array.from(want[i]!.y));
    // Bit for bit, not approximately (and not element by element through toEqual: 1.2 MB a batch).
    const a = Buffer.from(got[i]!.x.buffer, got[i]!.x.byteOffset, got[i]!.x.byteLength);
    const b = Buffer.from(want[i]!.x.buffer, want[i]!.x.byteOffset, want[i]!.x.byteLength);
    expect(a.equals(b) ? "identical" : `batch ${i} differs`).toBe("identical");
  }
}

describe("PrefetchingLoader", () => {
  it("yields, epoch after epoch, exactly the batches of the loader it wraps, from a worker", async () => {
    const cases: Array<[ImageSet, BatchLoaderOptions]> = [
      [cifarLike, CIFAR_OPTIONS],
      [cifarLike, { ...CIFAR_OPTIONS, dropLast: true, augment: { padding: 2, flip: false } }],
      [cifarLike, { ...CIFAR_OPTIONS, indices: Int32Array.from({ length: 150 }, (_, i) => 2 * i) }],
      // Without augmentation, grey and interleaved layouts, a set not on shared memory (copied once).
      [
        fixture(300, 28, 28, 1),
        { batchSize: 64, shuffle: true, seed: 1, normalize: { mean: [0.13], std: [0.31] } },
      ],
      [fixture(120, 6, 5, 3), { batchSize: 7, seed: 2, augment: { padding: 3 }, layout: "flat-hwc" }],
    ];
    for (const [set, options] of cases) {
      const inline = new BatchLoader(set, options);
      const prefetched = prefetchBatches(new BatchLoader(set, options), { mode: "worker", depth: 2 });
      try {
        expect(prefetched.mode).toBe("worker");
        expect(prefetched.numBatches).toBe(inline.numBatches);
        for (let epoch = 0; epoch < 3; epoch++) expectSameBatches([...prefetched], [...inline]);
        expect(prefetched.epochsStarted).toBe(3);
      } finally {
        await prefetched.close();
      }
    }
  });

  it("does not depend on timing: a slow consumer gets the same batches as a fast one", async () => {
    const fast = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), { mode: "worker", depth: 1 });
    const slow = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), { mode: "worker", depth: 4 });
    try {
      const a = [...fast];
      const b: Batch[] = [];
      for (const batch of slow) {
        b.push(batch);
        const until = performance.now() + 20; // the worker runs ahead to its depth meanwhile
        while (performance.now() < until);
      }
      expectSameBatches(b, a);
    } finally {
      await Promise.all([fast.close(), slow.close()]);
    }
  });

  it("resumes the same sequence from a saved state, and an epoch left early leaves the next intact", async () => {
    const reference = new BatchLoader(cifarLike, CIFAR_OPTIONS);
    const first = [...reference];
    const saved = JSON.parse(JSON.stringify(reference.stateDict()));
    const second = [...reference];
    [...reference]; // the third epoch
    const fourth = [...reference];
    const resumed = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), { mode: "worker", depth: 2 });
    const again = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), { mode: "worker", depth: 2 });
    try {
      resumed.loadStateDict(saved);
      expectSameBatches([...resumed], second);
      // An abort mid-epoch (the training loop returns at a batch boundary): the worker's epoch is
      // cancelled, its batches in flight discarded, and the next epoch is the right one.
      let taken = 0;
      for (const batch of again) {
        expectSameBatches([batch], [first[taken]!]);
        if (++taken === 2) break;
      }
      expectSameBatches([...again], second);
      // A step that throws mid-epoch does the same.
      expect(() => {
        for (const _ of again) throw new Error("step failed");
      }).toThrow("step failed");
      expectSameBatches([...again], fourth);
    } finally {
      await Promise.all([resumed.close(), again.close()]);
    }
  });

  it("falls back to inline writing, with the same batches, when asked or when the worker stalls", async () => {
    const inline = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), { mode: "inline" });
    expect(inline.mode).toBe("inline");
    expect(inline.inlineReason).toBe("inline mode asked for");
    expectSameBatches([...inline], [...new BatchLoader(cifarLike, CIFAR_OPTIONS)]);

    const reasons: string[] = [];
    const loader = new PrefetchingLoader(new BatchLoader(cifarLike, CIFAR_OPTIONS), {
      stallTimeout: 0.3,
      onFallback: (r) => reasons.push(r),
    });
    expect(loader.mode).toBe("worker");
    // A worker that dies without a word (killed from outside) is waited for, then replaced.
    await (loader as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expectSameBatches([...loader], [...new BatchLoader(cifarLike, CIFAR_OPTIONS)]);
    expect(loader.mode).toBe("inline");
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/wrote no batch in 0.3 s \(batch 0 of epoch 0\)/);
    await loader.close();
  });

  it("in worker mode, a worker failure or stall is an error with a code, not a hang", async () => {
    // A plan the worker cannot write (no sample order): it reports its exception.
    class BadPlanLoader extends BatchLoader {
      override planEpoch(): EpochPlan {
        return { ...super.planEpoch(), order: null as unknown as Int32Array };
      }
    }
    const failing = prefetchBatches(new BadPlanLoader(cifarLike, CIFAR_OPTIONS), { mode: "worker" });
    const error = (() => {
      try {
        for (const _ of failing);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PrefetchError);
    expect(error).toMatchObject({ code: "WORKER_FAILED" });
    expect((error as Error).message).toMatch(
      /prefetch worker failed: TypeError: Cannot read properties of null/,
    );
    expect(failing.mode).toBe("inline");
    await failing.close();

    const stalled = prefetchBatches(new BatchLoader(cifarLike, CIFAR_OPTIONS), {
      mode: "worker",
      stallTimeout: 0.2,
    });
    await (stalled as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(() => [...stalled]).toThrow(expect.objectContaining({ code: "WORKER_STALLED" }));
    await stalled.close();
  });

  it("checks its options, naming the field, and refuses to run after close()", async () => {
    const loader = new BatchLoader(cifarLike, CIFAR_OPTIONS);
    expect(() => prefetchBatches(loader, { depth: 0 })).toThrow(
      "prefetch.depth: must be an integer in [1, 64], got 0",
    );
    expect(() => prefetchBatches(loader, { mode: "threads" as "auto" })).toThrow(/prefetch.mode: must be/);
    expect(() => prefetchBatches(loader, { stallTimeout: -1 })).toThrow(/prefetch.stallTimeout/);
    expect(() => prefetchBatches(loader, null as unknown as undefined)).toThrow(/options must be an object/);
    const p = prefetchBatches(loader, { mode: "worker" });
    await p.close();
    await p.close();
    expect(() => [...p]).toThrow(expect.objectContaining({ code: "CLOSED" }));
  });

  it("never keeps the process alive: a script that forgets close() mid-epoch exits", async () => {
    const dir = await tempDir();
    const script = join(dir, "forget-close.mts");
    const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));
    writeFileSync(
      script,
      [
        `import { BatchLoader } from ${JSON.stringify(src("../batch-loader.ts"))};`,
        `import { prefetchBatches } from ${JSON.stringify(src("./prefetching-loader.ts"))};`,
        "const n = 300, f = 3072;",
        "const images = new Uint8Array(n * f).map((_, i) => i % 251);",
        "const labels = new Uint8Array(n).map((_, i) => i % 10);",
        "const set = { name: 'x', split: 'train', images, labels, count: n, height: 32, width: 32, channels: 3, classNames: [], source: 'mem' };",
        "const p = prefetchBatches(new BatchLoader(set, { batchSize: 10, shuffle: true, augment: true }), { mode: 'worker' });",
        "let k = 0; for (const b of p) if (++k === 3) break;",
        "console.log('done', p.mode, k);",
      ].join("\n"),
    );
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const r = spawnSync(process.execPath, [tsx, script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(r.signal).toBeNull();
    expect(r.stdout.trim()).toBe("done worker 3");
    expect(r.status).toBe(0);
  });
});
