// The Node-only entry of @mlp-lab/datasets (`@mlp-lab/datasets/node`): data preparation on worker threads.
export { PrefetchError, type PrefetchErrorCode } from "./prefetch-error.js";
export {
  PrefetchingLoader,
  type PrefetchOptions,
  prefetchBatches,
  prefetchUnavailableReason,
} from "./prefetching-loader.js";
