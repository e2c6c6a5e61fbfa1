/** A JSON-like object (what an experiment config is once parsed). */
export type PlainObject = Record<string, unknown>;

function isObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Split `optimizer.lr` into `["optimizer", "lr"]`; empty segments are refused. */
export function splitPath(path: string): string[] {
  const parts = path.split(".");
  if (parts.some((p) => p === "")) throw new TypeError(`bad field path "${path}"`);
  return parts;
}

/** The value at `path` in `object`, or undefined when any segment is missing. */
export function getPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const key of splitPath(path)) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Why `path` cannot be set in `object` (its parent is not an object, or the field does not exist there),
 * or undefined when it can. The message lists the fields that do exist, to catch typos like `optimizer.lrr`.
 */
export function pathProblem(object: unknown, path: string): string | undefined {
  const parts = splitPath(path);
  let current: unknown = object;
  for (const [i, key] of parts.entries()) {
    if (!isObject(current)) return `"${parts.slice(0, i).join(".")}" is not an object in the config`;
    if (!(key in current)) {
      const known = Object.keys(current).sort().join(", ");
      const where = i === 0 ? "the config" : `"${parts.slice(0, i).join(".")}"`;
      return `no field "${key}" in ${where} (fields: ${known})`;
    }
    current = current[key];
  }
  return undefined;
}

/** A deep copy of `object` with `value` at `path` (intermediate objects are copied, not shared). */
export function setPath<T>(object: T, path: string, value: unknown): T {
  const copy = structuredClone(object) as unknown;
  const parts = splitPath(path);
  let current = copy;
  for (const key of parts.slice(0, -1)) {
    if (!isObject(current)) throw new TypeError(`cannot set "${path}": "${key}" is not inside an object`);
    if (!isObject(current[key])) current[key] = {};
    current = current[key];
  }
  if (!isObject(current)) throw new TypeError(`cannot set "${path}": its parent is not an object`);
  current[parts.at(-1)!] = structuredClone(value);
  return copy as T;
}
