// The Node half of @mlp-lab/training: checkpoint folders on disk. The main entry stays free of
// Node built-ins (it runs in browsers); this one adds the file system.
export { loadCheckpoint, saveCheckpoint } from "./checkpoint-folder.js";
