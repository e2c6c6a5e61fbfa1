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

/** The CPU's model, core count and SIMD features (from /proc/cpuinfo on Linux). */
export function cpuFeatures(): { model: string; cores: number; features: string[] } {
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
