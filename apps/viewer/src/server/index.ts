// `@mlp-lab/viewer/server`: the Node side of `mlp serve`, the runs API and the built app on one server.
export { type StaticHandler, createStaticHandler } from "./static-files.js";
export { type ViewerServer, type ViewerServerOptions, startViewerServer } from "./start-viewer-server.js";
export { type ViewerServerErrorCode, ViewerServerError } from "./viewer-server-error.js";
