import { libraryConfig } from "@mlp-lab/tsup-config";

// Entries: the Node library (run store folders, data files, backends), ./browser (no Node built-in), and
// ./flags (the training flags and their choices, without tfjs: a CLI's help).
export default libraryConfig({
  entry: { index: "src/index.ts", browser: "src/browser.ts", flags: "src/flags/index.ts" },
});
