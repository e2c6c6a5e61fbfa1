import { type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import { MessageChannel } from "node:worker_threads";
import type { Batch, BatchLoader, BatchLoaderState, EpochPlan } from "../batch-loader.js";
import { PrefetchError } from "./prefetch-error.js";
import {
  CONTROL,
  type PrefetchJob,
  type PrefetchMessage,
  type PrefetchWorkerInit,
  prefetchWorkerSource,
} from "./prefetch-worker-source.js";

/** Options of {@link PrefetchingLoader}. */
export interface PrefetchOptions {
  /**
   * `auto` (default): a worker thread where Node's worker threads and shared memory work, else the
   * batches are written inline; a worker that fails or stalls is replaced by inline writing (same
   * batches). `worker`: a worker or an error. `inline`: no worker (what the wrapped loader does).
   */
  mode?: "auto" | "worker" | "inline";
  /** Batches the worker may prepare ahead of the one the caller holds (default 3). */
  depth?: number;
  /** Seconds without a batch from the worker before it counts as stalled (default 60). */
  stallTimeout?: number;
  /** Told why the worker was not used or was given up (mode `auto`); the batches stay the same. */
  onFallback?: (reason: string) => void;
}

const WAIT_SLICE_MS = 50;

/** Whether this runtime can run the prefetch worker: worker threads, shared memory, blocking waits. */
export function prefetchUnavailableReason(): string | undefined {
  if (typeof SharedArrayBuffer !== "function") return "SharedArrayBuffer is not available";
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return "Atomics.wait is not allowed on this thread";
  }
  return undefined;
}

/**
 * Wraps a {@link BatchLoader} so that a worker thread writes (normalises, pads, crops and flips) the
 * next batches while the caller trains on the current one. The loader still draws every epoch's
 * order and crops on the calling thread, in the same order as always, and the worker runs the same
 * kernel: same seed, same batches, bit for bit, whatever the timing, and the same as without
 * prefetching. Iteration stays synchronous (the worker's batches are read with blocking waits), so
 * it drops into any loop that iterates a `BatchLoader`. Call {@link PrefetchingLoader.close} when done
 * (the worker never keeps the process alive, but it holds memory until closed).
 */
export class PrefetchingLoader implements Iterable<Batch> {
  /** Samples per epoch. */
  readonly numSamples: number;
  /** Batches per epoch. */
  readonly numBatches: number;
  /** Floats per sample. */
  readonly features: number;
  /** Samples per full batch. */
  readonly batchSize: number;

  private readonly loader: BatchLoader;
  private readonly depth: number;
  private readonly stallMs: number;
  private readonly strict: boolean;
  private readonly onFallback: ((reason: string) => void) | undefined;
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private ctrl: Int32Array | undefined;
  private closed = false;
  private why: string | undefined;

  constructor(loader: BatchLoader, options: PrefetchOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError(`prefetch options must be an object, got ${String(options)}`);
    }
    const mode = options.mode ?? "auto";
    if (mode !== "auto" && mode !== "worker" && mode !== "inline") {
      throw new RangeError(`prefetch.mode: must be "auto", "worker" or "inline", got ${String(mode)}`);
    }
    const depth = options.depth ?? 3;
    if (!Number.isInteger(depth) || depth < 1 || depth > 64) {
      throw new RangeError(`prefetch.depth: must be an integer in [1, 64], got ${depth}`);
    }
    const stall = options.stallTimeout ?? 60;
    if (!(typeof stall === "number" && stall > 0 && Number.isFinite(stall))) {
      throw new RangeError(`prefetch.stallTimeout: must be a positive number of seconds, got ${stall}`);
    }
    if (options.onFallback !== undefined && typeof options.onFallback !== "function") {
      throw new TypeError("prefetch.onFallback: must be a function");
    }
    this.loader = loader;
    this.numSamples = loader.numSamples;
    this.numBatches = loader.numBatches;
    this.features = loader.features;
    this.batchSize = loader.batchSize;
    this.depth = depth;
    this.stallMs = stall * 1000;
    this.strict = mode === "worker";
    this.onFallback = options.onFallback;
    if (mode === "inline") {
      this.why = "inline mode asked for";
      return;
    }
    const unavailable = prefetchUnavailableReason();
    if (unavailable !== undefined) {
      if (this.strict) throw new PrefetchError("WORKER_UNAVAILABLE", `prefetch worker: ${unavailable}`);
      this.fallBack(unavailable);
      return;
    }
    try {
      this.start();
    } catch (error) {
      if (this.strict)
        throw new PrefetchError("WORKER_UNAVAILABLE", `prefetch worker: ${(error as Error).message}`, {
          cause: error,
        });
      this.fallBack(`the worker did not start (${(error as Error).message})`);
    }
  }

  /** `worker` while a worker thread writes the batches; `inline` otherwise (see {@link inlineReason}). */
  get mode(): "worker" | "inline" {
    return this.worker === undefined ? "inline" : "worker";
  }

  /** Why batches are written inline, when they are. */
  get inlineReason(): string | undefined {
    return this.worker === undefined ? this.why : undefined;
  }

  /** Epochs started so far. */
  get epochsStarted(): number {
    return this.loader.epochsStarted;
  }

  /** The wrapped loader's state (see {@link BatchLoader.stateDict}). */
  stateDict(): BatchLoaderState {
    return this.loader.stateDict();
  }

  /** Restore a state from {@link PrefetchingLoader.stateDict}. */
  loadStateDict(state: BatchLoaderState): void {
    this.loader.loadStateDict(state);
  }

  /** One epoch: the wrapped loader's plan, written by the worker ahead of the caller. */
  [Symbol.iterator](): Iterator<Batch> {
    if (this.closed) throw new PrefetchError("CLOSED", "prefetching loader iterated after close()");
    return this.epoch(this.loader.planEpoch());
  }

  /** Stop the worker and free its memory. Idempotent; the loader cannot be iterated afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker === undefined) return;
    this.cancel();
    this.stop();
    await worker.terminate();
  }

  private start(): void {
    const spec = this.loader.sampleSpec();
    // Zero-copy when the set already lives in shared memory (the CIFAR-10 reader allocates it there);
    // otherwise one copy, made once for the loader's lifetime.
    let images = spec.images;
    if (!(images.buffer instanceof SharedArrayBuffer)) {
      const shared = new Uint8Array(new SharedArrayBuffer(images.length));
      shared.set(images);
      images = shared;
    }
    const control = new SharedArrayBuffer(CONTROL.LENGTH * 4);
    const { port1, port2 } = new MessageChannel();
    const init: PrefetchWorkerInit = {
      control,
      images,
      lut: spec.lut,
      height: spec.height,
      width: spec.width,
      channels: spec.channels,
      chw: spec.chw,
      depth: this.depth,
      port: port2,
    };
    const worker = new Worker(prefetchWorkerSource(), {
      eval: true,
      workerData: init,
      transferList: [port2],
      // The worker allocates one batch at a time; keep its heap small.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    // Never keep the process alive for the worker, and never let its error events go unhandled
    // (failures reach the caller through the control array instead).
    worker.unref();
    worker.on("error", () => {});
    this.worker = worker;
    this.port = port1;
    this.ctrl = new Int32Array(control);
  }

  private *epoch(plan: EpochPlan): Generator<Batch, void, undefined> {
    let next = 0;
    try {
      if (this.worker !== undefined) this.post(plan);
      for (; next < this.numBatches; next++) {
        const x = this.worker === undefined ? undefined : this.take(plan, next);
        if (x === undefined) {
          yield this.loader.writeBatch(plan, next);
          continue;
        }
        const { start, size } = this.loader.batchBounds(next);
        const indices = plan.order.slice(start, start + size);
        yield { x, y: this.loader.labelsOf(indices), size, indices };
      }
    } finally {
      // An epoch left early (break, an error in the caller's step, an abort) stops the worker's.
      if (next < this.numBatches) this.cancel();
    }
  }

  /** Hand an epoch to the idle worker. */
  private post(plan: EpochPlan): void {
    const ctrl = this.ctrl!;
    this.cancel();
    Atomics.store(ctrl, CONTROL.PRODUCED, 0);
    Atomics.store(ctrl, CONTROL.CONSUMED, 0);
    Atomics.store(ctrl, CONTROL.CANCEL, 0);
    Atomics.store(ctrl, CONTROL.BUSY, 1);
    const job: PrefetchJob = {
      type: "epoch",
      epoch: plan.epoch,
      order: plan.order,
      crops: plan.crops ?? null,
      numBatches: this.numBatches,
      batchSize: this.batchSize,
      numSamples: this.numSamples,
    };
    this.port!.postMessage(job);
  }

  /** Batch `b`'s floats from the worker, or undefined after falling back to inline writing. */
  private take(plan: EpochPlan, b: number): Float32Array | undefined {
    const ctrl = this.ctrl!;
    let waited = 0;
    while (Atomics.load(ctrl, CONTROL.PRODUCED) <= b) {
      if (Atomics.load(ctrl, CONTROL.FAILED) !== 0) {
        const message = this.drain().find((m) => m.type === "error");
        return this.giveUp(
          "WORKER_FAILED",
          `prefetch worker failed: ${message?.type === "error" ? message.message : "no message"}`,
        );
      }
      if (waited >= this.stallMs) {
        return this.giveUp(
          "WORKER_STALLED",
          `prefetch worker wrote no batch in ${this.stallMs / 1000} s (batch ${b} of epoch ${plan.epoch})`,
        );
      }
      const seen = Atomics.load(ctrl, CONTROL.PRODUCED);
      if (seen > b) break;
      const t0 = performance.now();
      Atomics.wait(ctrl, CONTROL.PRODUCED, seen, WAIT_SLICE_MS);
      waited += performance.now() - t0;
    }
    const received = receiveMessageOnPort(this.port!);
    const message = received?.message as PrefetchMessage | undefined;
    if (message?.type !== "batch" || message.epoch !== plan.epoch || message.batch !== b) {
      return this.giveUp(
        "WORKER_FAILED",
        `prefetch worker sent ${message ? `${message.type} ${message.type === "batch" ? `${message.epoch}/${message.batch}` : ""}` : "nothing"} where batch ${plan.epoch}/${b} was due`,
      );
    }
    Atomics.add(ctrl, CONTROL.CONSUMED, 1);
    Atomics.notify(ctrl, CONTROL.CONSUMED);
    return message.x;
  }

  /** Stop the worker's current epoch, if any, and discard what it already sent. */
  private cancel(): void {
    const ctrl = this.ctrl;
    if (ctrl === undefined) return;
    if (Atomics.load(ctrl, CONTROL.BUSY) !== 0) {
      Atomics.store(ctrl, CONTROL.CANCEL, 1);
      Atomics.notify(ctrl, CONTROL.CONSUMED);
      const deadline = performance.now() + this.stallMs;
      while (Atomics.load(ctrl, CONTROL.BUSY) !== 0 && performance.now() < deadline) {
        Atomics.wait(ctrl, CONTROL.BUSY, 1, WAIT_SLICE_MS);
      }
    }
    this.drain();
  }

  private drain(): PrefetchMessage[] {
    const out: PrefetchMessage[] = [];
    for (let m = receiveMessageOnPort(this.port!); m !== undefined; m = receiveMessageOnPort(this.port!)) {
      out.push(m.message as PrefetchMessage);
    }
    return out;
  }

  /** A failed or stalled worker: an error in `worker` mode, else inline writing from here on. */
  private giveUp(code: "WORKER_FAILED" | "WORKER_STALLED", message: string): undefined {
    const worker = this.worker;
    this.stop();
    void worker?.terminate();
    if (this.strict) throw new PrefetchError(code, message);
    this.fallBack(message);
    return undefined;
  }

  private stop(): void {
    try {
      this.port?.postMessage({ type: "stop" });
      this.port?.close();
    } catch {
      // Already closed.
    }
    this.worker = undefined;
    this.port = undefined;
    this.ctrl = undefined;
  }

  private fallBack(reason: string): void {
    this.why = reason;
    try {
      this.onFallback?.(reason);
    } catch {
      // A listener's bug must not stop the data.
    }
  }
}

/** Wrap a loader so a worker thread prepares its batches ahead (see {@link PrefetchingLoader}). */
export function prefetchBatches(loader: BatchLoader, options?: PrefetchOptions): PrefetchingLoader {
  return new PrefetchingLoader(loader, options);
}
