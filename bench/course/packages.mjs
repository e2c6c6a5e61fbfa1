// The bench runs over the built packages (pnpm build first); `bench/` is not a workspace
// package, so it imports their dist entry points by path. Each dist resolves its own
// dependencies (one tfjs-core instance, through pnpm's store) from its package folder.
export * as backend from "../../packages/backend/dist/index.js";
export * as datasets from "../../packages/datasets/dist/index.js";
export * as estimators from "../../packages/estimators/dist/index.js";
export * as models from "../../packages/models/dist/index.js";
export * as training from "../../packages/training/dist/index.js";
