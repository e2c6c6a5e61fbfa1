import { libraryConfig } from "@mlp-lab/tsup-config";

// Two entries: the Node package (files, downloads, caches) and the browser-safe `./web` (fetch, Web Crypto).
export default libraryConfig({ entry: { index: "src/index.ts", web: "src/web/index.ts" } });
