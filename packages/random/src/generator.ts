/** Serialisable state of a {@link Generator}: four 32-bit words of xoshiro128** plus the cached normal. */
export interface GeneratorState {
  /** The four state words, as unsigned 32-bit integers. */
  s: [number, number, number, number];
  /** The second value of the last Box-Muller pair, or null. */
  spareNormal: number | null;
}

/** A bad argument to a {@link Generator} method; the message names the method and the argument. */
export class RandomArgumentError extends RangeError {
  /** Machine-readable reason. */
  readonly code = "INVALID_ARGUMENT";

  constructor(message: string) {
    super(message);
    this.name = "RandomArgumentError";
  }
}

function isUint32(w: unknown): boolean {
  return typeof w === "number" && Number.isInteger(w) && w >= 0 && w <= 0xffffffff;
}

function checkCount(n: unknown, what: string): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new RandomArgumentError(`${what} must be a non-negative integer, got ${String(n)}`);
}

function checkFloatArray(out: unknown, what: string): void {
  if (!(out instanceof Float32Array || out instanceof Float64Array))
    throw new RandomArgumentError(
      `${what} must be a Float32Array or Float64Array, got ${out === null ? "null" : typeof out}`,
    );
}

function checkRange(low: unknown, high: unknown, what: string): void {
  if (
    typeof low !== "number" ||
    typeof high !== "number" ||
    !Number.isFinite(low) ||
    !Number.isFinite(high) ||
    low > high
  )
    throw new RandomArgumentError(
      `${what}: low and high must be finite numbers with low <= high, got ${String(low)} and ${String(high)}`,
    );
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded pseudo-random generator (xoshiro128**), fast and with a state that can be saved in a
 * checkpoint and restored, so a resumed run draws exactly the numbers it would have drawn.
 */
export class Generator {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** Seed with any finite number; the same seed always gives the same sequence. */
  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const next = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32));
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A new generator restored from a saved state. */
  static fromState(state: GeneratorState): Generator {
    const g = new Generator(0);
    g.setState(state);
    return g;
  }

  /** Copy of the current state. */
  getState(): GeneratorState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spare };
  }

  /** Restore a state returned by {@link Generator.getState}. */
  setState(state: GeneratorState): void {
    const words = (state as Partial<GeneratorState> | null | undefined)?.s;
    if (!Array.isArray(words) || words.length !== 4 || !words.every(isUint32)) {
      throw new RandomArgumentError(
        "Generator state: state.s must hold four unsigned 32-bit integers (a value from getState())",
      );
    }
    const spare = (state as Partial<GeneratorState>).spareNormal;
    if (spare !== null && (typeof spare !== "number" || !Number.isFinite(spare))) {
      throw new RandomArgumentError("Generator state: state.spareNormal must be a finite number or null");
    }
    const [a, b, c, d] = words as [number, number, number, number];
    this.s0 = a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
    this.spare = state.spareNormal;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform float in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000) {
      throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
    }
    const limit = 0x100000000 - (0x100000000 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Standard normal deviate (Box-Muller). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return mean + std * v;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Fill an array with uniform values in [low, high). */
  fillUniform<T extends Float32Array | Float64Array>(out: T, low: number, high: number): T {
    checkFloatArray(out, "fillUniform: out");
    checkRange(low, high, "fillUniform");
    for (let i = 0; i < out.length; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** Fill an array with normal deviates. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, std = 1): T {
    checkFloatArray(out, "fillNormal: out");
    if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0)
      throw new RandomArgumentError(`fillNormal: mean must be finite and std >= 0, got ${mean} and ${std}`);
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Shuffle in place (Fisher-Yates) and return the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    if (array === null || typeof array !== "object" || !Number.isInteger(array.length))
      throw new RandomArgumentError("shuffle: array must be an array or typed array");
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    checkCount(n, "permutation: n");
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** `k` distinct values drawn from `population` without replacement (partial Fisher-Yates). */
  sample(population: ArrayLike<number>, k: number): Int32Array {
    if (population === null || typeof population !== "object" || !Number.isInteger(population.length))
      throw new RandomArgumentError("sample: population must be an array or typed array");
    if (!Number.isInteger(k) || k < 0 || k > population.length) {
      throw new RangeError(`cannot draw ${k} distinct items from a population of ${population.length}`);
    }
    const pool = Int32Array.from(population);
    for (let i = 0; i < k; i++) {
      const j = i + this.int(pool.length - i);
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }

  /** An independent generator seeded from this one (for a worker, a layer, a data loader). */
  fork(): Generator {
    return new Generator(this.nextUint32() * 4294967296 + this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
