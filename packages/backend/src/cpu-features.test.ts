import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { describe, expect, it } from "vitest";
import { cpuFeatures } from "./cpu-features.js";

describe("cpuFeatures", () => {
  it("reports the model and cores of this machine", () => {
    const cpu = cpuFeatures();
    expect(cpu.cores).toBe(cpus().length);
    expect(cpu.model).toBe(cpus()[0]?.model ?? "unknown");
  });

  it("lists only features /proc/cpuinfo has, in a fixed order", () => {
    const { features } = cpuFeatures();
    expect(new Set(features).size).toBe(features.length);
    if (!existsSync("/proc/cpuinfo")) return expect(features).toEqual([]);
    const flags = readFileSync("/proc/cpuinfo", "utf8").match(/^(?:flags|Features)\s*:(.*)$/m)?.[1] ?? "";
    for (const f of features) expect(flags.split(/\s+/)).toContain(f);
    if (/\bavx2\b/.test(flags)) expect(features).toContain("avx2");
  });
});
