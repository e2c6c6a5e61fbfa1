import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian's `chromium` package puts SwiftShader's Vulkan ICD file. */
export const DEBIAN_SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";

/**
 * Find SwiftShader's Vulkan ICD file (the CPU Vulkan driver Chromium ships), or undefined.
 * Looks at `MLP_SWIFTSHADER_ICD`, then {@link DEBIAN_SWIFTSHADER_ICD}, then asks
 * `dpkg -L chromium-common`. It only finds the file: nothing here changes the environment.
 */
export function findSwiftShaderIcd(): string | undefined {
  const fromEnv = process.env.MLP_SWIFTSHADER_ICD;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync(DEBIAN_SWIFTSHADER_ICD)) return DEBIAN_SWIFTSHADER_ICD;
  if (process.platform !== "linux") return undefined;
  try {
    const files = execFileSync("dpkg", ["-L", "chromium-common"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    });
    return files.split("\n").find((f) => f.endsWith("vk_swiftshader_icd.json") && existsSync(f));
  } catch {
    return undefined; // no dpkg, or chromium not installed
  }
}

/**
 * Give Dawn a writable `XDG_RUNTIME_DIR` when the environment has none (Dawn's Vulkan loader
 * looks there); returns the folder in use.
 */
export function ensureXdgRuntimeDir(): string {
  const current = process.env.XDG_RUNTIME_DIR;
  if (current) return current;
  const dir = join(tmpdir(), `mlp-lab-xdg-${process.getuid?.() ?? "user"}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = dir;
  return dir;
}

/**
 * For tests, benches and CPU-only machines: point Dawn at SwiftShader (when `VK_ICD_FILENAMES`
 * is unset and the ICD is found) and make sure `XDG_RUNTIME_DIR` is set. Call it before the
 * first `useBackend("webgpu")` in the process. Returns the ICD file Vulkan will use, or
 * undefined when none is set or found. `useBackend` itself never does this: it uses only what
 * the environment gives.
 */
export function useSwiftShader(): string | undefined {
  ensureXdgRuntimeDir();
  if (process.env.VK_ICD_FILENAMES) return process.env.VK_ICD_FILENAMES;
  const icd = findSwiftShaderIcd();
  if (icd) process.env.VK_ICD_FILENAMES = icd;
  return icd;
}

/** Folders the Vulkan loader searches for driver ICD files on Linux, besides the env variables. */
const ICD_DIRS = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d", "/usr/local/share/vulkan/icd.d"];

/**
 * Whether the Vulkan loader can find any driver here (Linux): env `VK_ICD_FILENAMES` /
 * `VK_DRIVER_FILES`, or an ICD file in one of the loader's folders. `auto` checks this before starting Dawn, which would
 * otherwise print "vkCreateInstance: Found no drivers!" to stderr.
 */
export function vulkanDriverConfigured(): boolean {
  if (process.platform !== "linux") return true;
  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES) return true;
  const home = process.env.HOME;
  const dirs = home ? [...ICD_DIRS, join(home, ".local/share/vulkan/icd.d")] : ICD_DIRS;
  return dirs.some((d) => {
    try {
      return readdirSync(d).some((f) => f.endsWith(".json"));
    } catch {
      return false;
    }
  });
}
