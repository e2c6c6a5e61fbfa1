import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";

/** Suffix of a folder being built by {@link swapDirectory}. */
export const BUILDING = ".tmp-";
/** Suffix of the previous folder during {@link swapDirectory}'s swap; a crash may leave it. */
export const REPLACED = ".old-";

/**
 * Replace the folder `target` with what `build(tmpDir)` writes there, as one step for readers: the
 * new folder is built beside it (its files written with the run store's fsynced `writeFileAtomic`),
 * then swapped in by two renames, so a crash leaves the old or the new folder complete, never a mix.
 * Between the two renames only `<target>.old-*` exists; `loadCheckpoint` falls back to it.
 */
export async function swapDirectory(target: string, build: (tmpDir: string) => Promise<void>): Promise<void> {
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = `${target}${BUILDING}${suffix}`;
  const old = `${target}${REPLACED}${suffix}`;
  await mkdir(tmp, { recursive: true });
  try {
    await build(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) await rename(target, old);
  await rename(tmp, target);
  if (exists) await rm(old, { recursive: true, force: true });
}
