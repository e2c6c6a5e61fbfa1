import { libraryConfig } from "@mlp-lab/tsup-config";

// Three entries: the Node package (files, downloads, caches), the browser-safe `./web` (fetch, Web Crypto)
// and `./node` (batches prepared on a worker thread).
export default libraryConfig({
  entry: { index: "src/index.ts", web: "src/web/index.ts", node: "src/node/index.ts" },
});
