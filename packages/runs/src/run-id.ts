import { InvalidFileNameError, InvalidRunIdError } from "./errors.js";

/** Longest run id or file name accepted; long enough for a timestamp, a slug and a suffix. */
export const MAX_NAME_LENGTH = 128;

// A whitelist rather than a blacklist: anything outside it (separators, NUL, `:` drive letters, spaces,
// unicode look-alikes) can never reach a path join.
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

function whyUnsafe(value: string): string | undefined {
  if (typeof value !== "string") return `it must be a string, got ${typeof value}`;
  if (value.length === 0) return "it is empty";
  if (value.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (value.includes("\0")) return "it contains a NUL character";
  if (value.includes("/") || value.includes("\\")) return "it contains a path separator";
  if (value.includes("..")) return 'it contains ".."';
  if (value.startsWith(".")) return 'it starts with "." (hidden and temporary names are reserved)';
  if (!SAFE_NAME.test(value)) return "only letters, digits, '.', '_' and '-' are allowed";
  return undefined;
}

/** True when `id` is a valid run id (see {@link validateRunId}). */
export function isValidRunId(id: string): boolean {
  return whyUnsafe(id) === undefined;
}

/**
 * Throw {@link InvalidRunIdError} unless `id` is a single safe folder name: 1–128 characters of
 * `A-Z a-z 0-9 . _ -`, not starting with `.` and without `..`. This rules out `..`, `/`, `\`, NUL,
 * absolute paths and the empty string, so `join(runsDir, id)` always stays inside `runsDir`.
 * Returns the id for chaining.
 */
export function validateRunId(id: string): string {
  const why = whyUnsafe(id);
  if (why !== undefined) throw new InvalidRunIdError(id, why);
  return id;
}

/**
 * Throw {@link InvalidFileNameError} unless `name` is a plain file name (same rules as run ids), so an
 * artifact or checkpoint file can never leave its folder. Returns the name.
 */
export function validateFileName(name: string): string {
  const why = whyUnsafe(name);
  if (why !== undefined) throw new InvalidFileNameError(name, why);
  return name;
}

/** Lower-case a run name into at most 24 characters of `a-z0-9-` for the id; empty when nothing is left. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/, "");
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * A new run id: UTC timestamp to the millisecond (so ids sort by creation time), the slug of the name,
 * and 4 random hex characters so runs started in the same millisecond (`mlp compare --parallel`) differ.
 * Example: `20261127-140812-345-mnist-mlp-3f9a`.
 */
export function newRunId(name: string, now: Date = new Date(), random: () => number = Math.random): string {
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}` +
    `-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}` +
    `-${pad(now.getUTCMilliseconds(), 3)}`;
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, "0");
  const slug = slugify(name);
  return slug ? `${stamp}-${slug}-${suffix}` : `${stamp}-${suffix}`;
}
