import { describe, expect, it } from "vitest";
import {
  SAFETENSORS_MAX_HEADER_BYTES,
  SafetensorsError,
  type SafetensorsFault,
  decodeSafetensors,
  encodeSafetensors,
} from "./index.js";

/** A file with this header (JSON text or value) followed by `dataBytes` bytes of data. */
function fileWith(header: unknown, dataBytes: number, declaredLength?: bigint): Uint8Array {
  const hb = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + hb.length + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, declaredLength ?? BigInt(hb.length), true);
  bytes.set(hb, 8);
  return bytes;
}

function faultOf(bytes: Uint8Array): { fault: SafetensorsFault; message: string } {
  try {
    decodeSafetensors(bytes, "w.safetensors");
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    const e = error as SafetensorsError;
    expect(e.code).toBe("SAFETENSORS_CORRUPT");
    expect(e.source).toBe("w.safetensors");
    expect(e.message).toMatch(/^w\.safetensors: not a valid safetensors file: /);
    return { fault: e.fault, message: e.message };
  }
  throw new Error("decodeSafetensors accepted a corrupt file");
}

const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({
  dtype: "F32",
  shape,
  data_offsets: [begin, end],
});

describe("safetensors", () => {
  it("writes the format's byte layout: u64 LE header size, JSON header, aligned LE data", () => {
    const bytes = encodeSafetensors(
      { "linears.0.weight": { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) } },
      { format: "pt" },
    );
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({
      __metadata__: { format: "pt" },
      "linears.0.weight": { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] },
    });
    expect(view.getFloat32(8 + n + 12, true)).toBe(4);
    expect(bytes.length).toBe(8 + n + 16);
  });

  it("reads a hand-made file with F32, F16 and BF16 tensors", () => {
    const header = JSON.stringify({
      a: { dtype: "F32", shape: [2], data_offsets: [0, 8] },
      h: { dtype: "F16", shape: [2], data_offsets: [8, 12] },
      b: { dtype: "BF16", shape: [1], data_offsets: [12, 14] },
    });
    const hb = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + hb.length + 14);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, BigInt(hb.length), true);
    bytes.set(hb, 8);
    const d = 8 + hb.length;
    view.setFloat32(d, 1.5, true);
    view.setFloat32(d + 4, -2, true);
    view.setUint16(d + 8, 0x3c00, true); // 1.0 in half precision
    view.setUint16(d + 10, 0xc000, true); // -2.0
    view.setUint16(d + 12, 0x4040, true); // 3.0 in bfloat16
    const { tensors } = decodeSafetensors(bytes);
    expect(Array.from(tensors.a!.data)).toEqual([1.5, -2]);
    expect(Array.from(tensors.h!.data)).toEqual([1, -2]);
    expect(Array.from(tensors.b!.data)).toEqual([3]);
  });

  it("round-trips a state dict with metadata", () => {
    const dict = { w: { shape: [3], data: Float32Array.from([0.1, -0.2, 3e-8]) } };
    const back = decodeSafetensors(encodeSafetensors(dict, { epoch: "3" }));
    expect(back.tensors.w!.data).toEqual(dict.w.data);
    expect(back.metadata).toEqual({ epoch: "3" });
  });

  it("rejects truncated and inconsistent files, naming the file and the fault", () => {
    const good = encodeSafetensors({ w: { shape: [4], data: new Float32Array(4) } });
    expect(() => decodeSafetensors(good.subarray(0, 5), "m.safetensors")).toThrow(
      /m.safetensors: .*shorter than the 8-byte/,
    );
    expect(() => decodeSafetensors(good.subarray(0, good.length - 4), "m.safetensors")).toThrow(
      /offsets \[0, 16\] fall outside the 12 data bytes/,
    );
    const badJson = Uint8Array.from(good);
    badJson[8] = 0x7b + 1;
    expect(() => decodeSafetensors(badJson, "x")).toThrow(/header is not JSON/);
  });

  it("rejects a header length over 100 MB before reading it", () => {
    const huge = fileWith({}, 0, BigInt(SAFETENSORS_MAX_HEADER_BYTES + 1));
    expect(faultOf(huge)).toEqual({
      fault: "header-too-large",
      message: expect.stringContaining("header length 100000001 is over the 100000000-byte limit"),
    });
    expect(faultOf(fileWith({}, 0, 2n ** 63n)).fault).toBe("header-too-large");
  });

  it("rejects overlapping tensors", () => {
    const { fault, message } = faultOf(fileWith({ a: f32(0, 8), b: f32(4, 12) }, 12));
    expect(fault).toBe("overlap");
    expect(message).toContain('tensors "a" [0, 8] and "b" [4, 12] overlap');
    // The same span twice is an overlap too (two names aliasing one buffer).
    expect(faultOf(fileWith({ a: f32(0, 8), b: f32(0, 8) }, 8)).fault).toBe("overlap");
  });

  it("rejects gaps: before a tensor, between tensors and after the last one", () => {
    expect(faultOf(fileWith({ a: f32(4, 8) }, 8))).toEqual({
      fault: "gap",
      message: expect.stringContaining('bytes [0, 4) before tensor "a" belong to no tensor'),
    });
    expect(faultOf(fileWith({ a: f32(0, 4), b: f32(8, 12) }, 12)).fault).toBe("gap");
    expect(faultOf(fileWith({ a: f32(0, 4) }, 8))).toEqual({
      fault: "gap",
      message: expect.stringContaining("the tensors cover 4 of the 8 data bytes"),
    });
  });

  it("rejects offsets past the end of the file", () => {
    expect(faultOf(fileWith({ a: f32(0, 16) }, 12))).toEqual({
      fault: "out-of-bounds",
      message: expect.stringContaining('tensor "a" offsets [0, 16] fall outside the 12 data bytes'),
    });
  });

  it("rejects spans that disagree with dtype x shape", () => {
    const wrong = { a: { dtype: "F16", shape: [3], data_offsets: [0, 8] } };
    expect(faultOf(fileWith(wrong, 8))).toEqual({
      fault: "size-mismatch",
      message: expect.stringContaining('tensor "a" spans 8 bytes but shape [3] of F16 needs 6'),
    });
  });

  it("rejects malformed headers with its own error, never a TypeError", () => {
    expect(faultOf(fileWith("null", 0)).fault).toBe("header-not-json");
    expect(faultOf(fileWith("[1, 2]", 0)).fault).toBe("header-not-json");
    expect(faultOf(fileWith({ a: null }, 0)).fault).toBe("bad-shape");
    expect(faultOf(fileWith({ a: { dtype: "I64", shape: [1], data_offsets: [0, 8] } }, 8)).fault).toBe(
      "bad-dtype",
    );
    expect(faultOf(fileWith({ a: { dtype: "F32", shape: [1], data_offsets: [4, 0] } }, 4)).fault).toBe(
      "bad-offsets",
    );
    expect(faultOf(fileWith({ a: { dtype: "F32", shape: [1], data_offsets: [0] } }, 4)).fault).toBe(
      "bad-offsets",
    );
    expect(faultOf(fileWith({ __metadata__: { step: 3 } }, 0)).fault).toBe("bad-metadata");
  });

  it("keeps a tensor named __proto__ as a plain key", () => {
    const decoded = decodeSafetensors(
      fileWith('{"__proto__": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}', 4),
    );
    expect(Object.keys(decoded.tensors)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(decoded.tensors)).toBe(Object.prototype);
  });
});
