/**
 * Output arrays of the native kernels, recycled by exact length: a training step allocates the same
 * shapes every time, so after the first step every kernel output comes from the pool instead of a fresh
 * (zero-filled, garbage-collected) Float32Array.
 *
 * Only arrays this pool handed out are ever recycled, and only while nothing outside the backend can see
 * them: an array is "escaped" (never recycled again) once user code reads it (`dataSync`, `data`), a cpu
 * kernel that may return a view of it (`Slice`) takes it as input, or it was given by the user
 * (`tf.tensor(array)` does not copy).
 */
export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  private readonly owned = new WeakSet<Float32Array>();
  private freeBytes = 0;

  /** @param maxFreeBytes cap on the bytes held while unused (beyond it, released arrays are dropped). */
  constructor(private readonly maxFreeBytes = 256 * 1024 * 1024) {}

  /** A Float32Array of `n` elements with arbitrary contents (the kernel overwrites all of it). */
  alloc(n: number): Float32Array {
    const list = this.free.get(n);
    const hit = list?.pop();
    if (hit) {
      this.freeBytes -= hit.byteLength;
      return hit;
    }
    const fresh = new Float32Array(n);
    this.owned.add(fresh);
    return fresh;
  }

  /** Whether `a` came from this pool and has not escaped. */
  owns(a: unknown): a is Float32Array {
    return a instanceof Float32Array && this.owned.has(a);
  }

  /** Give `a` back (no-op for arrays the pool does not own). `a` must no longer back any tensor. */
  release(a: unknown): void {
    if (!this.owns(a) || a.length === 0) return;
    if (this.freeBytes + a.byteLength > this.maxFreeBytes) {
      this.owned.delete(a);
      return;
    }
    let list = this.free.get(a.length);
    if (!list) {
      list = [];
      this.free.set(a.length, list);
    }
    list.push(a);
    this.freeBytes += a.byteLength;
  }

  /** Never recycle `a`: something outside the backend may hold it or a view of it. */
  escape(a: unknown): void {
    if (a instanceof Float32Array) this.owned.delete(a);
  }

  /** Drop every unused array (e.g. on backend dispose). */
  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }

  /** Bytes held by unused arrays. */
  get idleBytes(): number {
    return this.freeBytes;
  }
}
