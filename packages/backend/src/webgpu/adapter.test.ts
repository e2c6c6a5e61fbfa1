import { describe, expect, it } from "vitest";
import { type GpuAdapterLike, adapterName, describeAdapter, formatAdapterLimits } from "./adapter.js";

const limits = {
  maxBufferSize: 2 ** 30,
  maxStorageBufferBindingSize: 2 ** 27,
  maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 1024,
  maxComputeWorkgroupSizeX: 1024,
  maxComputeWorkgroupsPerDimension: 65535,
  maxTextureDimension2D: 8192,
};

const adapter = (info: GpuAdapterLike["info"], extra: Partial<GpuAdapterLike> = {}): GpuAdapterLike => ({
  info,
  limits,
  ...extra,
});

describe("describeAdapter", () => {
  it("judges CPU implementations as software from adapter.info", () => {
    const swiftshader = {
      vendor: "google",
      architecture: "swiftshader",
      device: "swiftshader-device-subzero-",
      description: "SwiftShader driver 5.0.0",
    };
    expect(describeAdapter(adapter(swiftshader)).software).toBe(true);
    expect(
      describeAdapter(adapter({ vendor: "mesa", description: "llvmpipe (LLVM 15.0.6, 256 bits)" })).software,
    ).toBe(true);
    expect(
      describeAdapter(adapter({ vendor: "microsoft", description: "Microsoft Basic Render Driver" }))
        .software,
    ).toBe(true);
    // The spec's flag counts even when the names look like hardware.
    expect(describeAdapter(adapter({ vendor: "nvidia", isFallbackAdapter: true })).software).toBe(true);
    expect(describeAdapter(adapter({ vendor: "nvidia" }, { isFallbackAdapter: true })).software).toBe(true);
  });

  it("takes a GPU for hardware and keeps its key limits only", () => {
    const d = describeAdapter(
      adapter({ vendor: "nvidia", architecture: "hopper", device: "", description: "NVIDIA H200" }),
    );
    expect(d.software).toBe(false);
    expect(Object.keys(d.limits)).not.toContain("maxTextureDimension2D");
    expect(d.limits.maxStorageBufferBindingSize).toBe(2 ** 27);
    expect(adapterName(d)).toBe("NVIDIA H200 (nvidia hopper)");
    expect(formatAdapterLimits(d.limits)).toBe(
      "buffer 1 GiB, storage binding 128 MiB, workgroup storage 32 KiB, 1024 invocations/workgroup, workgroups/dim 65535",
    );
  });

  it("names an adapter that reports nothing", () => {
    const d = describeAdapter({ limits: {} });
    expect(adapterName(d)).toBe("unnamed adapter");
    expect(d.limits.maxBufferSize).toBe(0);
  });
});
