// `@mlp-lab/runs/server`: the read-only HTTP API over a runs folder, on node:http only.
export { createRunsApiHandler, type RunsApiHandler, type RunsApiOptions } from "./handler.js";
export { createRunsApiServer, type RunsApiServer } from "./create-server.js";
export { ARTIFACT_CONTENT_TYPES } from "./serve-file.js";
export type * from "../schema/api.js";
