import { type RunRecord, RunRecordSchema } from "@mlp-lab/runs/schema";

// Runs made in the page live in IndexedDB, as the files of a run folder (run.json, metrics.jsonl,
// checkpoints/…, artifacts/…) keyed by `<run id>/<path>`, so that a download is the same folder the CLI
// writes. Every change of a run is one IndexedDB transaction: a reload or a crash mid-write leaves the
// run as it was before the change, never half a checkpoint (the page's version of write-then-rename).

const DB_VERSION = 1;
const FILES = "files";
const RUNS = "runs";

/** One change to a run, applied atomically by {@link BrowserRunStore.commit}. */
export interface RunChange {
  /** The new run.json (validated before it is written). */
  record?: RunRecord;
  /** Files to write (path relative to the run folder → bytes), replacing what was there. */
  files?: Record<string, Uint8Array>;
  /** Lines appended to metrics.jsonl (without newlines). */
  appendMetrics?: readonly string[];
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    tx.onerror = () => reject(tx.error);
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The run store of the page: runs as folders of files in IndexedDB (works in the page and in workers). */
export class BrowserRunStore {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /** Open (or create) the store. `factory` defaults to the global `indexedDB`. */
  static async open(name = "mlp-lab-runs", factory: IDBFactory = indexedDB): Promise<BrowserRunStore> {
    const req = factory.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
      if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS);
    };
    return new BrowserRunStore(await request(req));
  }

  /** Every run's record, newest first. */
  async list(): Promise<RunRecord[]> {
    const tx = this.#db.transaction(RUNS, "readonly");
    const all = (await request(tx.objectStore(RUNS).getAll())) as RunRecord[];
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** One run's record, or `undefined`. */
  async get(id: string): Promise<RunRecord | undefined> {
    const tx = this.#db.transaction(RUNS, "readonly");
    return (await request(tx.objectStore(RUNS).get(id))) as RunRecord | undefined;
  }

  /** One file of a run, or `undefined`. */
  async readFile(id: string, path: string): Promise<Uint8Array | undefined> {
    const tx = this.#db.transaction(FILES, "readonly");
    return (await request(tx.objectStore(FILES).get(`${id}/${path}`))) as Uint8Array | undefined;
  }

  /** Every file of a run (path relative to the run folder → bytes), run.json included. */
  async files(id: string): Promise<Map<string, Uint8Array>> {
    const tx = this.#db.transaction(FILES, "readonly");
    const store = tx.objectStore(FILES);
    const range = IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);
    const [keys, values] = await Promise.all([
      request(store.getAllKeys(range)),
      request(store.getAll(range)),
    ]);
    const out = new Map<string, Uint8Array>();
    keys.forEach((key, i) => out.set(String(key).slice(id.length + 1), values[i] as Uint8Array));
    return out;
  }

  /** Apply a change to run `id` in one transaction: all of it lands, or none. */
  async commit(id: string, change: RunChange): Promise<void> {
    const record = change.record ? RunRecordSchema.parse(change.record) : undefined;
    const tx = this.#db.transaction([FILES, RUNS], "readwrite");
    const files = tx.objectStore(FILES);
    const finished = done(tx);
    if (change.appendMetrics && change.appendMetrics.length > 0) {
      const key = `${id}/metrics.jsonl`;
      const before = (await request(files.get(key))) as Uint8Array | undefined;
      const text =
        (before ? decoder.decode(before) : "") + change.appendMetrics.map((l) => `${l}\n`).join("");
      files.put(encoder.encode(text), key);
    }
    for (const [path, bytes] of Object.entries(change.files ?? {})) files.put(bytes, `${id}/${path}`);
    if (record) {
      tx.objectStore(RUNS).put(record, id);
      files.put(encoder.encode(`${JSON.stringify(record, null, 2)}\n`), `${id}/run.json`);
    }
    await finished;
  }

  /** Import a whole run folder (e.g. opened from disk); its run.json must be valid. Replaces a run of the same id. */
  async importRun(files: Map<string, Uint8Array>): Promise<RunRecord> {
    const bytes = files.get("run.json");
    if (!bytes) throw new Error("not a run folder: it has no run.json");
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(bytes));
    } catch (error) {
      throw new Error(`run.json is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = RunRecordSchema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(`run.json: ${first?.path.join(".") || "(root)"}: ${first?.message ?? "invalid"}`);
    }
    const record = parsed.data;
    await this.delete(record.id);
    const rest: Record<string, Uint8Array> = {};
    for (const [path, content] of files) if (path !== "run.json") rest[path] = content;
    await this.commit(record.id, { record, files: rest });
    return record;
  }

  /** Remove a run and its files. */
  async delete(id: string): Promise<void> {
    const tx = this.#db.transaction([FILES, RUNS], "readwrite");
    const finished = done(tx);
    tx.objectStore(FILES).delete(IDBKeyRange.bound(`${id}/`, `${id}/\uffff`));
    tx.objectStore(RUNS).delete(id);
    await finished;
  }

  /** Close the connection. */
  close(): void {
    this.#db.close();
  }
}
