/**
 * Where fetched data files are kept between page loads. The browser implementation is the Cache API
 * ({@link cacheStorageByteCache}); tests and runtimes without it use {@link memoryByteCache}.
 */
export interface ByteCache {
  /** Bytes stored under `key`, or `undefined`. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Store bytes under `key` (replacing what was there). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Forget `key`. */
  delete(key: string): Promise<void>;
}

/** A cache held in memory, for tests and for runtimes without the Cache API. */
export function memoryByteCache(): ByteCache {
  const entries = new Map<string, Uint8Array>();
  return {
    get: async (key) => entries.get(key),
    put: async (key, bytes) => {
      entries.set(key, bytes);
    },
    delete: async (key) => {
      entries.delete(key);
    },
  };
}

/**
 * A cache in the browser's Cache API (`caches.open(name)`), which survives reloads and holds tens of MB
 * without the quota prompts of localStorage. Returns `undefined` where the Cache API is missing (plain http
 * pages other than localhost, Node), so the caller can go on without a cache.
 */
export async function cacheStorageByteCache(name = "mlp-lab-datasets-v1"): Promise<ByteCache | undefined> {
  const { caches, location } = globalThis as unknown as BrowserGlobals;
  if (caches === undefined || location === undefined) return undefined;
  const cache = await caches.open(name);
  // Keys are turned into same-origin URLs: the Cache API stores Request/Response pairs keyed by URL.
  const url = (key: string) => new URL(`/__mlp-lab-cache__/${encodeURIComponent(key)}`, location.href).href;
  return {
    get: async (key) => {
      const hit = await cache.match(url(key));
      return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
    },
    put: async (key, bytes) => {
      await cache.put(url(key), new Response(bytes));
    },
    delete: async (key) => {
      await cache.delete(url(key));
    },
  };
}

// The few browser globals used here, typed locally: this package compiles without the DOM library.
interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}
interface BrowserGlobals {
  caches?: { open(name: string): Promise<CacheLike> };
  location?: { href: string };
}
