import type * as BullMQ from "bullmq";
import { SweepError } from "../errors.js";

/**
 * The Redis queue (`QueueExecutor`, `QueueWorker`; `mlp sweep --queue`, `mlp worker --queue`) needs the
 * `bullmq` package, an optional peer dependency: a plain install of @mlp-lab/sweeps or @mlp-lab/cli does not
 * pull it (nor msgpackr-extract's install script with it).
 */
export class QueueDependencyError extends SweepError {
  constructor(detail: string) {
    super(
      "QUEUE_DEPENDENCY_MISSING",
      `the Redis queue needs the bullmq package (an optional peer dependency of @mlp-lab/sweeps and @mlp-lab/cli), which is not installed: \`npm i bullmq\` beside them (\`npm i -g bullmq\` for a global mlp) (${detail})`,
    );
  }
}

function notFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === "ERR_MODULE_NOT_FOUND" ||
    code === "MODULE_NOT_FOUND" ||
    /Cannot find (package|module) 'bullmq'|Could not resolve/.test((error as Error).message)
  );
}

let loading: Promise<typeof BullMQ> | undefined;

/** `import("bullmq")` once; a {@link QueueDependencyError} with the install command when it is missing. */
export function loadBullmq(): Promise<typeof BullMQ> {
  loading ??= import("bullmq").catch((error: unknown) => {
    loading = undefined;
    throw notFound(error) ? new QueueDependencyError((error as Error).message.split("\n")[0]!) : error;
  });
  return loading;
}
