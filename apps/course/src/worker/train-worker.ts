/// <reference lib="webworker" />
import { DATASETS, cacheStorageByteCache, fetchIdxDataset } from "@mlp-lab/datasets/web";
import { BrowserRunStore } from "../store/run-db.js";
import { runBrowserSession } from "./browser-session.js";
import type { WorkerEvent, WorkerRequest } from "./events.js";
import { type ChosenBackend, selectBackend } from "./select-backend.js";

// Training runs here, off the page's thread: tfjs, the data and the run store live in the worker, and the
// page only draws what is posted to it.

declare const self: DedicatedWorkerGlobalScope;

let backend: ChosenBackend | undefined;
let controller: AbortController | undefined;
const datasets = new Map<string, Awaited<ReturnType<typeof fetchIdxDataset>>>();

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

async function train(request: Extract<WorkerRequest, { type: "train" }>): Promise<void> {
  backend ??= await selectBackend(request.backend);
  post({ type: "backend", name: backend.name, detail: backend.detail });
  const { config } = request;
  const started = performance.now();
  let sets = datasets.get(config.dataset);
  const baseUrl = new URL(`${request.dataUrl.replace(/\/?$/, "/")}${config.dataset}/`, self.location.href)
    .href;
  if (!sets) {
    const cache = await cacheStorageByteCache().catch(() => undefined);
    sets = await fetchIdxDataset(config.dataset, {
      baseUrl,
      ...(cache ? { cache } : {}),
      onProgress: (p) =>
        post({
          type: "data-progress",
          dataset: config.dataset,
          received: p.received,
          total: p.total,
          from: p.from,
        }),
    });
    datasets.set(config.dataset, sets);
  }
  const { train: trainSet, test } = sets;
  if (!trainSet || !test) throw new Error(`${config.dataset}: the train and test splits are both needed`);
  post({
    type: "data-ready",
    train: trainSet.count,
    val: test.count,
    seconds: (performance.now() - started) / 1000,
  });
  const store = await BrowserRunStore.open();
  controller = new AbortController();
  try {
    await runBrowserSession({
      config,
      name: request.name,
      tags: request.tags,
      data: { info: DATASETS[config.dataset], train: trainSet, test, source: baseUrl },
      store,
      backend: { name: backend.name, device: backend.detail },
      ...(request.resumeRunId ? { resumeRunId: request.resumeRunId } : {}),
      signal: controller.signal,
      onEvent: post,
    });
  } finally {
    controller = undefined;
    store.close();
  }
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  if (request.type === "stop") {
    controller?.abort();
    return;
  }
  train(request).catch((error: unknown) => post({ type: "error", message: (error as Error).message }));
};
