import { arch, cpus, hostname, platform, release, totalmem } from "node:os";
import type { HostInfo, WriterInfo } from "./schema/run-record.js";

/** Describe this machine for run.json. */
export function currentHostInfo(): HostInfo {
  const cpuList = cpus();
  return {
    hostname: hostname(),
    platform: platform(),
    arch: arch(),
    release: release(),
    cpuModel: cpuList[0]?.model,
    cpuCount: cpuList.length,
    totalMemoryBytes: totalmem(),
    node: process.versions.node,
  };
}

/** This process as the writer of a run. */
export function currentWriter(): WriterInfo {
  return { pid: process.pid, hostname: hostname() };
}
