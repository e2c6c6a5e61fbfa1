// Helpers for the property-based fuzz tests (`*.fuzz.test.ts`): run counts, the seed, mutations of valid
// files, and the committed corpus of inputs that once failed. No dependency: each test draws the
// mutation plans with fast-check and passes them here.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Runs per property: `FUZZ_RUNS` (set by `pnpm fuzz`), else the test's CI default. */
export function fuzzRuns(ciDefault) {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : ciDefault;
}

/** Seed of every property: `FUZZ_SEED`, else 14, so a CI failure replays exactly. */
export function fuzzSeed() {
  const n = Number(process.env.FUZZ_SEED);
  return Number.isInteger(n) ? n : 14;
}

/** Values that break length fields: zero, one, the size itself, off by one, huge, negative as int32. */
const EDGE = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

/** Number of kinds of mutation {@link mutate} knows. */
export const MUTATION_KINDS = 8;

/**
 * Apply a mutation plan to a copy of `bytes`. Each step `[kind, at, value]`: 0 flip one bit, 1 set one
 * byte, 2 truncate, 3 insert a byte, 4 delete up to 64 bytes, 5 overwrite a big-endian uint32 (a length
 * or count field) with an edge value, 6 the same little-endian, 7 duplicate a chunk (bytes appended).
 */
export function mutate(bytes, plan) {
  let out = Uint8Array.from(bytes);
  for (const [kind, at, value] of plan) {
    const len = out.length;
    const pos = len === 0 ? 0 : at % len;
    switch (kind % MUTATION_KINDS) {
      case 0:
        if (len > 0) out[pos] ^= 1 << (value % 8);
        break;
      case 1:
        if (len > 0) out[pos] = value & 0xff;
        break;
      case 2:
        out = out.slice(0, at % (len + 1));
        break;
      case 3: {
        const next = new Uint8Array(len + 1);
        next.set(out.subarray(0, pos));
        next[pos] = value & 0xff;
        next.set(out.subarray(pos), pos + 1);
        out = next;
        break;
      }
      case 4: {
        const end = Math.min(len, pos + 1 + (value % 64));
        out = Uint8Array.from([...out.subarray(0, pos), ...out.subarray(end)]);
        break;
      }
      case 5:
      case 6: {
        if (len < 4) break;
        const p = Math.min(pos, len - 4);
        const edges = [...EDGE, len, len - 1, len + 1];
        const v = edges[value % edges.length] >>> 0;
        new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(p, v, kind % MUTATION_KINDS === 6);
        break;
      }
      default: {
        const chunk = out.slice(pos, pos + 1 + (value % 256));
        const next = new Uint8Array(len + chunk.length);
        next.set(out);
        next.set(chunk, len);
        out = next;
      }
    }
  }
  return out;
}

/** The committed inputs in `dir` (every file), replayed before random cases. */
export function corpus(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

/**
 * Save an input that made a property fail into the corpus folder (named by its digest), so it is kept,
 * committed and replayed on every later run. Returns its path.
 */
export function keepFailure(dir, bytes) {
  mkdirSync(dir, { recursive: true });
  const name = `crash-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.bin`;
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
