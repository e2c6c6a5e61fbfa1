import { ModelError } from "./errors.js";
import { type StateDict, sizeOf } from "./state-dict.js";

// Format (https://github.com/huggingface/safetensors): 8-byte little-endian header length N,
// N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}},
// then the tensors' bytes, little-endian, offsets relative to the end of the header. The reader
// applies the reference implementation's checks: a bounded header, and tensors that tile the data
// buffer exactly (no overlap, no gap, nothing past the end), each spanning dtype size × shape.

/** Largest header accepted, as in the reference implementation (100 MB). */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

/** What is wrong with a rejected safetensors file. */
export type SafetensorsFault =
  | "truncated"
  | "header-too-large"
  | "header-not-json"
  | "bad-metadata"
  | "bad-dtype"
  | "bad-shape"
  | "bad-offsets"
  | "size-mismatch"
  | "out-of-bounds"
  | "overlap"
  | "gap";

/**
 * A safetensors file (or buffer) that cannot be read: its message names the source and the
 * fault; `fault` says which check failed. A {@link ModelError} with code `SAFETENSORS_CORRUPT`.
 */
export class SafetensorsError extends ModelError {
  /** The check that failed. */
  readonly fault: SafetensorsFault;
  /** The file or buffer name given to the decoder. */
  readonly source: string;

  constructor(source: string, fault: SafetensorsFault, detail: string) {
    super("SAFETENSORS_CORRUPT", `${source}: not a valid safetensors file: ${detail}`);
    this.name = "SafetensorsError";
    this.fault = fault;
    this.source = source;
  }
}

const BYTES_OF: Record<string, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

/** Serialise a state dict (float32) to safetensors bytes, with optional string metadata. */
export function encodeSafetensors(dict: StateDict, metadata: Record<string, string> = {}): Uint8Array {
  if (dict === null || typeof dict !== "object") {
    throw new ModelError("BAD_OPTION", "encodeSafetensors: dict must be an object of tensors");
  }
  if (
    metadata === null ||
    typeof metadata !== "object" ||
    Object.values(metadata).some((v) => typeof v !== "string")
  ) {
    throw new ModelError("BAD_OPTION", "encodeSafetensors: metadata must map names to strings");
  }
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(dict)) {
    if (!(t?.data instanceof Float32Array) || !Array.isArray(t.shape) || t.data.length !== sizeOf(t.shape)) {
      throw new ModelError(
        "BAD_OPTION",
        `encodeSafetensors: tensor "${name}" must have a Float32Array data of shape [${t?.shape}] (${t?.data?.length} values)`,
      );
    }
    const bytes = t.data.length * 4;
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const encoder = new TextEncoder();
  let headerBytes = encoder.encode(JSON.stringify(header));
  // Pad with spaces so the data starts 8-byte aligned (what the reference writer does).
  const pad = (8 - ((8 + headerBytes.length) % 8)) % 8;
  if (pad > 0) headerBytes = encoder.encode(JSON.stringify(header) + " ".repeat(pad));
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of Object.values(dict)) {
    for (let i = 0; i < t.data.length; i++, pos += 4) view.setFloat32(pos, t.data[i]!, true);
  }
  return out;
}

/** A decoded safetensors file. */
export interface DecodedSafetensors {
  /** Tensors by name, converted to float32. */
  tensors: StateDict;
  /** The `__metadata__` strings. */
  metadata: Record<string, string>;
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Check one header entry's dtype, shape and offsets on their own. */
function entryOf(source: string, name: string, raw: unknown, dataLength: number): Entry {
  const fail = (fault: SafetensorsFault, detail: string) =>
    new SafetensorsError(source, fault, `tensor "${name}" ${detail}`);
  if (!isPlainObject(raw)) throw fail("bad-shape", "is not an object with dtype, shape and data_offsets");
  const { dtype, shape, data_offsets: offsets } = raw;
  const width = typeof dtype === "string" ? BYTES_OF[dtype] : undefined;
  if (!width) throw fail("bad-dtype", `has unsupported dtype ${JSON.stringify(dtype)} (F32, F64, F16, BF16)`);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw fail("bad-shape", `has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  ) {
    throw fail("bad-offsets", `has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) {
    throw fail("out-of-bounds", `offsets [${begin}, ${end}] fall outside the ${dataLength} data bytes`);
  }
  const needed = sizeOf(shape as number[]) * width;
  if (end - begin !== needed) {
    throw fail(
      "size-mismatch",
      `spans ${end - begin} bytes but shape [${shape}] of ${dtype} needs ${needed}`,
    );
  }
  return { name, dtype: dtype as string, shape: shape as number[], begin, end };
}

/** The tensors, sorted by offset, must tile [0, dataLength) exactly. */
function checkTiling(source: string, entries: Entry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  let previous: Entry | undefined;
  for (const e of sorted) {
    if (e.begin < at) {
      throw new SafetensorsError(
        source,
        "overlap",
        `tensors "${previous!.name}" [${previous!.begin}, ${previous!.end}] and "${e.name}" [${e.begin}, ${e.end}] overlap`,
      );
    }
    if (e.begin > at) {
      throw new SafetensorsError(
        source,
        "gap",
        `bytes [${at}, ${e.begin}) before tensor "${e.name}" belong to no tensor`,
      );
    }
    at = e.end;
    previous = e;
  }
  if (at !== dataLength) {
    throw new SafetensorsError(
      source,
      "gap",
      `the tensors cover ${at} of the ${dataLength} data bytes; bytes [${at}, ${dataLength}) belong to no tensor`,
    );
  }
}

function readTensor(view: DataView, dataStart: number, e: Entry): Float32Array {
  const count = sizeOf(e.shape);
  const width = BYTES_OF[e.dtype]!;
  const data = new Float32Array(count);
  const at = dataStart + e.begin;
  const bf16 = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < count; i++) {
    const p = at + i * width;
    if (e.dtype === "F32") data[i] = view.getFloat32(p, true);
    else if (e.dtype === "F64") data[i] = view.getFloat64(p, true);
    else if (e.dtype === "F16") data[i] = halfToFloat(view.getUint16(p, true));
    else {
      bf16.setUint32(0, view.getUint16(p, true) << 16, true);
      data[i] = bf16.getFloat32(0, true);
    }
  }
  return data;
}

/**
 * Parse safetensors bytes (F32, F64, F16 or BF16 tensors, converted to float32). The header must
 * be at most {@link SAFETENSORS_MAX_HEADER_BYTES} and a JSON object; every tensor's byte span must
 * match its dtype and shape, and the spans must tile the data exactly (no overlap, no gap, none past
 * the end). `source` names the file in errors, which are {@link SafetensorsError}s.
 */
export function decodeSafetensors(bytes: Uint8Array, source = "safetensors data"): DecodedSafetensors {
  if (!(bytes instanceof Uint8Array)) {
    throw new ModelError("BAD_OPTION", "decodeSafetensors: bytes must be a Uint8Array");
  }
  if (bytes.length < 8) {
    throw new SafetensorsError(
      source,
      "truncated",
      `${bytes.length} bytes, shorter than the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(SAFETENSORS_MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      source,
      "header-too-large",
      `header length ${declared} is over the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit`,
    );
  }
  const n = Number(declared);
  if (n > bytes.length - 8) {
    throw new SafetensorsError(
      source,
      "truncated",
      `header length ${n} exceeds the file (${bytes.length} bytes)`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (error) {
    throw new SafetensorsError(source, "header-not-json", `header is not JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(header))
    throw new SafetensorsError(source, "header-not-json", "header is not a JSON object");
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isPlainObject(raw) || Object.values(raw).some((v) => typeof v !== "string")) {
        throw new SafetensorsError(source, "bad-metadata", "__metadata__ must map names to strings");
      }
      Object.assign(metadata, raw);
      continue;
    }
    entries.push(entryOf(source, name, raw, dataLength));
  }
  checkTiling(source, entries, dataLength);
  const tensors: StateDict = {};
  for (const e of entries) {
    // defineProperty: a tensor named "__proto__" must stay a plain key.
    Object.defineProperty(tensors, e.name, {
      value: { shape: e.shape, data: readTensor(view, dataStart, e) },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { tensors, metadata };
}
