/** Why the viewer server could not start or serve. */
export type ViewerServerErrorCode = "APP_NOT_BUILT" | "COURSE_NOT_BUILT" | "LISTEN_FAILED";

/** An error of the viewer server, with a code and the offending path or address in the message. */
export class ViewerServerError extends Error {
  override readonly name = "ViewerServerError";
  readonly code: ViewerServerErrorCode;

  constructor(code: ViewerServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
