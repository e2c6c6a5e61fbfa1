import { libraryConfig } from "@mlp-lab/tsup-config";

// Two entries: the modules (main) and ./image, the image-to-input preprocessing (no tfjs needed).
export default libraryConfig({ entry: { index: "src/index.ts", image: "src/image/index.ts" } });
