// `@mlp-lab/viewer/server`: the Node side of `mlp serve`, the runs API and the built app on one server.
export { type CourseDataSource, type CourseDataHandler, createCourseDataHandler } from "./course-data.js";
export { type StaticHandler, type StaticHandlerOptions, createStaticHandler } from "./static-files.js";
export {
  COURSE_PATH,
  type ViewerServer,
  type ViewerServerOptions,
  startViewerServer,
} from "./start-viewer-server.js";
export { type ViewerServerErrorCode, ViewerServerError } from "./viewer-server-error.js";
