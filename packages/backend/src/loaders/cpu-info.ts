import { cpus } from "node:os";

/** A short description of this machine's CPU, e.g. "Intel Xeon … (2 cores)". */
export function cpuDevice(): string {
  const list = cpus();
  const model = list[0]?.model.replace(/\s+/g, " ").trim() || "unknown CPU";
  return `${model} (${list.length} core${list.length === 1 ? "" : "s"})`;
}
