// A minimal POSIX ustar writer and reader: a run downloads as `<run id>.tar`, which `tar -xf` unpacks into
// a runs folder that `mlp runs`, `mlp eval` and `mlp serve` read; the page opens the same archives.

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new Error(`tar: "${value}" does not fit in ${length} bytes`);
  header.set(bytes, offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

/** Split a path into ustar's `prefix` (≤155 bytes) and `name` (≤100 bytes) at a slash. */
function splitPath(path: string): { prefix: string; name: string } {
  if (encoder.encode(path).length <= 100) return { prefix: "", name: path };
  for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return { prefix, name };
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

function header(path: string, size: number, mtime: number, type: "0" | "5"): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const { prefix, name } = splitPath(path);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, type === "5" ? 0o755 : 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, Math.floor(mtime / 1000));
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h[156] = type.charCodeAt(0);
  writeString(h, 257, 6, "ustar\0");
  writeString(h, 263, 2, "00");
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/**
 * A tar archive of `files` (path → bytes) under the folder `root`, with a directory entry for each folder,
 * in path order (run.json first, so a reader sees the record before the rest).
 */
export function createTar(
  root: string,
  files: ReadonlyMap<string, Uint8Array>,
  mtime = Date.now(),
): Uint8Array {
  const paths = [...files.keys()].sort((a, b) =>
    a === "run.json" ? -1 : b === "run.json" ? 1 : a.localeCompare(b),
  );
  const dirs = new Set<string>([root]);
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(`${root}/${parts.slice(0, i).join("/")}`);
  }
  const chunks: Uint8Array[] = [];
  for (const dir of [...dirs].sort()) chunks.push(header(`${dir}/`, 0, mtime, "5"));
  for (const path of paths) {
    const body = files.get(path)!;
    chunks.push(header(`${root}/${path}`, body.length, mtime, "0"), body);
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad) chunks.push(new Uint8Array(pad));
  }
  chunks.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function readString(bytes: Uint8Array, offset: number, length: number): string {
  const slice = bytes.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return decoder.decode(end === -1 ? slice : slice.subarray(0, end));
}

/**
 * Read the regular files of a tar archive (ustar or GNU tar's plain entries) as path → bytes. Paths are
 * returned relative to the single top folder when every entry shares one (`<run id>/run.json` → `run.json`),
 * with that folder's name; errors name the entry at fault.
 */
export function readTar(bytes: Uint8Array): { root: string | undefined; files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let ended = false;
  while (offset + BLOCK <= bytes.length) {
    const h = bytes.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) {
      ended = true;
      break;
    }
    const name = readString(h, 0, 100);
    const prefix = readString(h, 345, 155);
    const path = prefix ? `${prefix}/${name}` : name;
    const size = Number.parseInt(readString(h, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0) throw new Error(`tar: bad size field for ${path}`);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    const stored = Number.parseInt(readString(h, 148, 8).trim(), 8);
    if (stored !== sum)
      throw new Error(`tar: bad header checksum at ${path || `offset ${offset}`} (not a tar file?)`);
    const type = String.fromCharCode(h[156] || 0x30);
    const start = offset + BLOCK;
    if (start + size > bytes.length) throw new Error(`tar: ${path} is truncated`);
    if (type === "0" || type === "\0") {
      if (path.split("/").includes("..")) throw new Error(`tar: unsafe path ${path}`);
      files.set(path.replace(/^\.\//, ""), bytes.slice(start, start + size));
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  // Without the end-of-archive blocks the download or copy was cut short, even at an entry boundary.
  if (!ended) throw new Error(`tar: truncated after ${files.size} files (no end-of-archive marker)`);
  const tops = new Set([...files.keys()].map((p) => p.split("/")[0]));
  if (tops.size === 1 && [...files.keys()].every((p) => p.includes("/"))) {
    const root = [...tops][0]!;
    const inner = new Map<string, Uint8Array>();
    for (const [p, b] of files) inner.set(p.slice(root.length + 1), b);
    return { root, files: inner };
  }
  return { root: undefined, files };
}
