import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "./index.js";

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
});
