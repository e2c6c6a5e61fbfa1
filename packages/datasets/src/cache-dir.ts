import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The user cache for downloaded data sets: `$XDG_CACHE_HOME/mlp-lab`, else `~/.cache/mlp-lab`
 * (the XDG base-directory convention other tools on Linux follow).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return xdg !== undefined && xdg !== "" ? join(xdg, "mlp-lab") : join(homedir(), ".cache", "mlp-lab");
}
