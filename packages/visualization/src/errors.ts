/** Why a figure could not be drawn. */
export type VisualizationErrorCode =
  | "SHAPE_MISMATCH"
  | "EMPTY_INPUT"
  | "INVALID_OPTION"
  | "FONTS_MISSING"
  | "PNG_RENDERER_MISSING"
  | "MISSING_INPUT";

/** Thrown when a figure's input does not fit its description; the message names the offending value. */
export class VisualizationError extends Error {
  /** Machine-readable reason. */
  readonly code: VisualizationErrorCode;

  constructor(code: VisualizationErrorCode, message: string) {
    super(message);
    this.name = "VisualizationError";
    this.code = code;
  }
}
