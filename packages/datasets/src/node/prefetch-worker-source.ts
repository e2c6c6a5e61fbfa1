import type * as WorkerThreads from "node:worker_threads";
import { writeCroppedRows } from "../augment-kernel.js";

// The prefetch worker is started from source text (`new Worker(text, { eval: true })`) rather than
// from a file beside this one: the `mlp` CLI bundles this package into one file, where a worker file
// would not exist. The text is built from two self-contained functions (no reference outside their
// bodies), so the worker runs the very kernel the main thread runs and writes the same floats.

/** Slots of the shared control array (Int32). */
export const CONTROL = {
  /** Batches of the current epoch posted by the worker. */
  PRODUCED: 0,
  /** Batches of the current epoch taken by the main thread. */
  CONSUMED: 1,
  /** 1: stop the current epoch at the next batch boundary. */
  CANCEL: 2,
  /** 1 while the worker works on an epoch (set by the main thread when it posts one). */
  BUSY: 3,
  /** 1 once the worker has started. */
  READY: 4,
  /** 1 after the worker failed; its message follows on the port. */
  FAILED: 5,
  /** Slots in all. */
  LENGTH: 6,
} as const;

/** What the worker is started with (`workerData`). */
export interface PrefetchWorkerInit {
  /** The shared control array's memory ({@link CONTROL}). */
  control: SharedArrayBuffer;
  /** The set's images, on shared memory. */
  images: Uint8Array;
  lut: Float32Array;
  height: number;
  width: number;
  channels: number;
  chw: boolean;
  /** Batches the worker may run ahead of the main thread. */
  depth: number;
  /** The port batches go out on (the main thread reads it synchronously). */
  port: WorkerThreads.MessagePort;
}

/** One epoch for the worker to write. */
export interface PrefetchJob {
  type: "epoch";
  epoch: number;
  order: Int32Array;
  crops: Int16Array | null;
  numBatches: number;
  batchSize: number;
  numSamples: number;
}

/** A message from the worker: one batch's floats, or its failure. */
export type PrefetchMessage =
  | { type: "batch"; epoch: number; batch: number; x: Float32Array }
  | { type: "error"; message: string };

/** The worker's body. Self-contained: its source is evaluated in the worker. */
function prefetchWorkerMain(wt: typeof WorkerThreads, kernel: typeof writeCroppedRows): void {
  const init = wt.workerData as PrefetchWorkerInit;
  // Slot numbers repeated here: nothing outside this function exists in the worker.
  const PRODUCED = 0;
  const CONSUMED = 1;
  const CANCEL = 2;
  const BUSY = 3;
  const READY = 4;
  const FAILED = 5;
  const ctrl = new Int32Array(init.control);
  const { port, images, lut, height, width, channels, chw, depth } = init;
  const features = height * width * channels;
  port.on("message", (job: PrefetchJob | { type: "stop" }) => {
    if (job.type === "stop") {
      port.close();
      return;
    }
    try {
      for (let b = 0; b < job.numBatches; b++) {
        // Back-pressure: at most `depth` batches ahead of the one the main thread last took.
        for (;;) {
          if (Atomics.load(ctrl, CANCEL) !== 0) return;
          const consumed = Atomics.load(ctrl, CONSUMED);
          if (b - consumed < depth) break;
          Atomics.wait(ctrl, CONSUMED, consumed, 1000);
        }
        const start = b * job.batchSize;
        const size = Math.min(job.batchSize, job.numSamples - start);
        const x = new Float32Array(size * features);
        kernel(
          images,
          lut,
          height,
          width,
          channels,
          chw,
          job.order,
          start,
          start + size,
          job.crops,
          start,
          x,
        );
        // Posted before it is counted: once the main thread sees the count, the message is in its queue.
        port.postMessage({ type: "batch", epoch: job.epoch, batch: b, x }, [x.buffer]);
        Atomics.add(ctrl, PRODUCED, 1);
        Atomics.notify(ctrl, PRODUCED);
      }
    } catch (error) {
      port.postMessage({ type: "error", message: String((error as Error)?.stack ?? error) });
      Atomics.store(ctrl, FAILED, 1);
      Atomics.notify(ctrl, PRODUCED);
    } finally {
      Atomics.store(ctrl, BUSY, 0);
      Atomics.notify(ctrl, BUSY);
    }
  });
  Atomics.store(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
}

/** The worker's source text: the kernel and the body above, run with `require("node:worker_threads")`. */
export function prefetchWorkerSource(): string {
  return [
    '"use strict";',
    `const kernel = (${writeCroppedRows.toString()});`,
    `(${prefetchWorkerMain.toString()})(require("node:worker_threads"), kernel);`,
  ].join("\n");
}
