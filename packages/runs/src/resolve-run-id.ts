import { AmbiguousRunIdError, RunNotFoundError } from "./errors.js";
import { listRunIds } from "./list-runs.js";
import { validateRunId } from "./run-id.js";

/**
 * Resolve a full run id or a unique prefix of one, like git does for commits: an exact match wins, one
 * run starting with the prefix is returned, several throw {@link AmbiguousRunIdError} listing them, none
 * throws {@link RunNotFoundError}. The input is validated first ({@link InvalidRunIdError}).
 */
export async function resolveRunId(runsDir: string, idOrPrefix: string): Promise<string> {
  validateRunId(idOrPrefix);
  const ids = await listRunIds(runsDir);
  if (ids.includes(idOrPrefix)) return idOrPrefix;
  const matches = ids.filter((id) => id.startsWith(idOrPrefix));
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length === 0) throw new RunNotFoundError(idOrPrefix, runsDir);
  throw new AmbiguousRunIdError(idOrPrefix, matches);
}
