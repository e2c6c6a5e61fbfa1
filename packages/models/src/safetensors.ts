import { ModelError } from "./errors.js";
import { type StateDict, sizeOf } from "./state-dict.js";

// Format (https://github.com/huggingface/safetensors): 8-byte little-endian header length N,
// N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}},
// then the tensors' bytes, little-endian, offsets relative to the end of the header.

/** Serialise a state dict (float32) to safetensors bytes, with optional string metadata. */
export function encodeSafetensors(dict: StateDict, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(dict)) {
    const bytes = t.data.length * 4;
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned (what the reference writer does).
  json += " ".repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
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

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const BYTES_OF: Record<string, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

function corrupt(source: string, fault: string): ModelError {
  return new ModelError("SAFETENSORS_CORRUPT", `${source}: not a valid safetensors file: ${fault}`);
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/**
 * Parse safetensors bytes (F32, F64, F16 or BF16 tensors, converted to float32), checking the header
 * length, JSON, dtypes, shapes and offsets against the file size. `source` names the file in errors.
 */
export function decodeSafetensors(bytes: Uint8Array, source = "safetensors data"): DecodedSafetensors {
  if (bytes.length < 8) throw corrupt(source, `${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8)
    throw corrupt(source, `header length ${n} exceeds the file (${bytes.length} bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (error) {
    throw corrupt(source, `header is not JSON (${(error as Error).message})`);
  }
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: StateDict = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const e = raw as HeaderEntry;
    const width = BYTES_OF[e?.dtype];
    if (!width) throw corrupt(source, `tensor "${name}" has unsupported dtype ${String(e?.dtype)}`);
    if (!Array.isArray(e.shape) || e.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw corrupt(source, `tensor "${name}" has an invalid shape ${JSON.stringify(e.shape)}`);
    }
    const [begin, end] = e.data_offsets ?? [];
    const count = sizeOf(e.shape);
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin! < 0 || end! > dataLength) {
      throw corrupt(
        source,
        `tensor "${name}" offsets [${begin}, ${end}] fall outside the ${dataLength} data bytes`,
      );
    }
    if (end! - begin! !== count * width) {
      throw corrupt(
        source,
        `tensor "${name}" spans ${end! - begin!} bytes but shape [${e.shape}] of ${e.dtype} needs ${count * width}`,
      );
    }
    const data = new Float32Array(count);
    const at = dataStart + begin!;
    for (let i = 0; i < count; i++) {
      const p = at + i * width;
      if (e.dtype === "F32") data[i] = view.getFloat32(p, true);
      else if (e.dtype === "F64") data[i] = view.getFloat64(p, true);
      else if (e.dtype === "F16") data[i] = halfToFloat(view.getUint16(p, true));
      else {
        const tmp = new DataView(new ArrayBuffer(4));
        tmp.setUint32(0, view.getUint16(p, true) << 16, true);
        data[i] = tmp.getFloat32(0, true);
      }
    }
    tensors[name] = { shape: e.shape, data };
  }
  return { tensors, metadata };
}
