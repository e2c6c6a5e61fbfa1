// `@mlp-lab/runs/server`: the read-only HTTP API over a runs folder, on node:http only.
export { createRunsApiHandler, type RunsApiHandler, type RunsApiOptions } from "./handler.js";
export { createRunsApiServer, type RunsApiServer } from "./create-server.js";
export { ARTIFACT_CONTENT_TYPES } from "./serve-file.js";
export { createHostCheck, createHostGuard, hostnameOf, type HostCheckOptions } from "./host-check.js";
export {
  SweepApiError,
  listSweepSummaries,
  readSweepDetail,
  type SweepBestInfo,
  type SweepDetail,
  type SweepListEntry,
  type SweepParameterInfo,
  type SweepSummary,
  type SweepTrialInfo,
  type SweepsListResponse,
} from "./sweeps.js";
export { DEFAULT_MAX_EVENT_STREAMS, EventStreamLimit } from "./stream-limit.js";
export type * from "../schema/api.js";
