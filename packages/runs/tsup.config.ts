import { libraryConfig } from "@mlp-lab/tsup-config";

// Three entries: the Node store, the browser-safe schema (zod only) and the node:http API.
export default libraryConfig({
  entry: { index: "src/index.ts", schema: "src/schema/index.ts", server: "src/server/index.ts" },
});
