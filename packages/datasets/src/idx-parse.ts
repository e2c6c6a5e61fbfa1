// Pure decoding (no Node built-ins), so the browser entry can parse IDX bytes it fetched.
import { DatasetFormatError } from "./errors.js";

/** Element types an IDX file can declare (third byte of the magic number). */
export type IdxDtype = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";

/** Typed array holding IDX data of each dtype. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX file: its element type, its dimensions and its values in native byte order. */
export interface IdxArray {
  /** Declared element type. */
  dtype: IdxDtype;
  /** Dimensions, outermost first (MNIST images: `[60000, 28, 28]`). */
  shape: number[];
  /** Values, row-major. For `uint8` a view on the file bytes (no copy). */
  data: IdxData;
  /** File it was read from. */
  path: string;
}

const DTYPES: Readonly<Record<number, { dtype: IdxDtype; bytes: number }>> = {
  8: { dtype: "uint8", bytes: 1 },
  9: { dtype: "int8", bytes: 1 },
  11: { dtype: "int16", bytes: 2 },
  12: { dtype: "int32", bytes: 4 },
  13: { dtype: "float32", bytes: 4 },
  14: { dtype: "float64", bytes: 8 },
};

/**
 * Decode IDX bytes (already gunzipped). Validates the magic number, the dtype code, the number of
 * dimensions and that the byte length is exactly header + product(dims) * element size.
 * @param path names the file in errors.
 */
export function parseIdx(bytes: Uint8Array, path: string): IdxArray {
  if (bytes.length < 4) {
    throw new DatasetFormatError("TRUNCATED", path, `only ${bytes.length} bytes, shorter than the IDX magic`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new DatasetFormatError("BAD_MAGIC", path, `bad IDX magic ${hex}; an IDX file starts with 00 00`);
  }
  const code = bytes[2]!;
  const kind = DTYPES[code];
  if (kind === undefined) {
    throw new DatasetFormatError(
      "UNKNOWN_DTYPE",
      path,
      `unknown IDX dtype code 0x${code.toString(16).padStart(2, "0")} (known: 08 09 0b 0c 0d 0e)`,
    );
  }
  const ndim = bytes[3]!;
  if (ndim === 0) throw new DatasetFormatError("BAD_SHAPE", path, "IDX header declares 0 dimensions");
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DatasetFormatError(
      "TRUNCATED",
      path,
      `file has ${bytes.length} bytes, the IDX header alone needs ${headerBytes} (${ndim} dimensions)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let elements = 1;
  for (let d = 0; d < ndim; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    shape.push(size);
    elements *= size;
  }
  const expected = headerBytes + elements * kind.bytes;
  if (bytes.length < expected) {
    throw new DatasetFormatError(
      "TRUNCATED",
      path,
      `file has ${bytes.length} bytes, dimensions [${shape.join(", ")}] of ${kind.dtype} need ${expected}`,
    );
  }
  if (bytes.length > expected) {
    throw new DatasetFormatError(
      "SIZE_MISMATCH",
      path,
      `file has ${bytes.length} bytes, dimensions [${shape.join(", ")}] of ${kind.dtype} need exactly ${expected} (${bytes.length - expected} extra)`,
    );
  }
  return { dtype: kind.dtype, shape, data: decode(bytes, headerBytes, elements, kind.dtype), path };
}

function decode(bytes: Uint8Array, offset: number, n: number, dtype: IdxDtype): IdxData {
  if (dtype === "uint8") return bytes.subarray(offset, offset + n);
  if (dtype === "int8") return new Int8Array(bytes.buffer, bytes.byteOffset + offset, n);
  // Multi-byte IDX values are big-endian: decode through a DataView into a native-order array.
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  switch (dtype) {
    case "int16": {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(2 * i, false);
      return out;
    }
    case "int32": {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, false);
      return out;
    }
    case "float32": {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, false);
      return out;
    }
    default: {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, false);
      return out;
    }
  }
}
