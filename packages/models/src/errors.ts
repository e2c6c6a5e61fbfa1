/** Error codes raised by `@mlp-lab/models`. */
export type ModelErrorCode =
  | "STATE_DICT_MISSING_KEY"
  | "STATE_DICT_UNEXPECTED_KEY"
  | "STATE_DICT_SHAPE_MISMATCH"
  | "BAD_LAYERS"
  | "BAD_INPUT_SHAPE"
  | "SAFETENSORS_CORRUPT"
  | "BAD_OPTION"
  | "IMAGE_SIZE_MISMATCH"
  | "IMAGE_BLANK";

/** A model could not be built, fed or loaded; the message names the parameter, file or value. */
export class ModelError extends Error {
  /** Machine-readable reason. */
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string) {
    super(message);
    this.name = "ModelError";
    this.code = code;
  }
}
