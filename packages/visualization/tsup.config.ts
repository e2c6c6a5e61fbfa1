import { libraryConfig } from "@mlp-lab/tsup-config";

export default libraryConfig({ entry: ["src/index.ts", "src/png.ts", "src/runs.ts"] });
