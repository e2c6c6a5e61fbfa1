/** Runs per property: `FUZZ_RUNS` (set by `pnpm fuzz`), else the test's CI default. */
export declare function fuzzRuns(ciDefault: number): number;
/** Seed of every property: `FUZZ_SEED`, else 14, so a CI failure replays exactly. */
export declare function fuzzSeed(): number;
/** Number of kinds of mutation {@link mutate} knows. */
export declare const MUTATION_KINDS: number;
/** One mutation step: `[kind, position, value]` (see {@link mutate}). */
export type MutationStep = readonly [number, number, number];
/**
 * Apply a mutation plan to a copy of `bytes`: bit flips, byte edits, truncation, insertion, deletion,
 * uint32 length-field edits (big- and little-endian) and duplicated chunks.
 */
export declare function mutate(bytes: Uint8Array, plan: readonly MutationStep[]): Uint8Array;
/** The committed inputs in `dir`, replayed before random cases. */
export declare function corpus(dir: string): { name: string; bytes: Uint8Array }[];
/** Save a failing input into the corpus folder (named by its digest); returns its path. */
export declare function keepFailure(dir: string, bytes: Uint8Array): string;
