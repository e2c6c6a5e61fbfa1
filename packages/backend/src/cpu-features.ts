import { readFileSync } from "node:fs";
import { cpus } from "node:os";

/** SIMD features that matter to the tensor backends, in the order worth reporting. */
const INTERESTING = [
  "sse4_2",
  "avx",
  "avx2",
  "fma",
  "avx512f",
  "avx512bw",
  "avx512_vnni",
  "amx_tile",
  "asimd",
  "sve",
];

/** What {@link cpuFeatures} reports. */
export interface CpuFeatures {
  /** The CPU's model name. */
  model: string;
  /** Logical cores. */
  cores: number;
  /** The SIMD features the backends use that this CPU has (`avx2`, `fma`, `avx512f`, `asimd`, ...). */
  features: string[];
}

/**
 * The CPU's model, core count and the SIMD features that matter to the tensor backends (from
 * /proc/cpuinfo on Linux; no features elsewhere): what `mlp doctor` prints beside the backends.
 */
export function cpuFeatures(): CpuFeatures {
  const info = cpus();
  let flags: string[] = [];
  try {
    const text = readFileSync("/proc/cpuinfo", "utf8");
    const line = text.split("\n").find((l) => /^(flags|Features)\s*:/.test(l));
    flags = line ? line.split(":")[1]!.trim().split(/\s+/) : [];
  } catch {
    // Not Linux: no flags to report.
  }
  return {
    model: info[0]?.model ?? "unknown",
    cores: info.length,
    features: INTERESTING.filter((f) => flags.includes(f)),
  };
}
