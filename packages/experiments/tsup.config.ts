import { libraryConfig } from "@mlp-lab/tsup-config";

// Two entries: the Node library (run store folders, data files, backends) and ./browser (no Node built-in).
export default libraryConfig({ entry: { index: "src/index.ts", browser: "src/browser.ts" } });
