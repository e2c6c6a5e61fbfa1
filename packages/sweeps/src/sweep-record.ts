import { z } from "zod";

/** The sweep.json schema version this package writes and reads. */
export const SWEEP_SCHEMA_VERSION = 1;

/** Where a trial is: `pending` waits for a (next) dispatch, `running` is on a worker. */
export const TRIAL_STATES = ["pending", "running", "completed", "pruned", "failed"] as const;
/** One of {@link TRIAL_STATES}. */
export type TrialState = (typeof TRIAL_STATES)[number];

const isoTime = z.iso.datetime({ offset: true });

/** An ASHA rung a trial reached: its metric there and the decision. */
export const RungResultSchema = z.object({
  epoch: z.int().positive(),
  value: z.number().nullable(),
  promoted: z.boolean(),
});

/** One trial of a sweep. */
export const TrialRecordSchema = z.looseObject({
  /** 0-based trial number, in proposal order. */
  number: z.int().nonnegative(),
  /** Parameter values by field path. */
  params: z.record(z.string(), z.unknown()),
  state: z.enum(TRIAL_STATES),
  /** The trial's run in the run store, once it started. */
  runId: z.string().nullable().default(null),
  /** The sweep metric per epoch (index = epoch), null where not finite. */
  values: z.array(z.number().nullable()).default([]),
  /** Best metric over its epochs (null until one is finite). */
  value: z.number().nullable().default(null),
  /** Epochs trained. */
  epochs: z.int().nonnegative().default(0),
  /** ASHA rungs reached. */
  rungs: z.array(RungResultSchema).default([]),
  /** Dispatches so far (one per ASHA segment, plus retries after a controller restart). */
  segments: z.int().nonnegative().default(0),
  /** Who ran its last segment (`host:pid` or a queue worker id). */
  worker: z.string().nullable().default(null),
  error: z.string().nullable().default(null),
  startedAt: isoTime.nullable().default(null),
  endedAt: isoTime.nullable().default(null),
});

/** The sweep's best trial so far. */
export const SweepBestSchema = z.object({
  trial: z.int().nonnegative(),
  value: z.number(),
  runId: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
});

/** How the trials run. */
export const ExecutorInfoSchema = z.looseObject({
  kind: z.enum(["inline", "local", "queue"]),
  parallel: z.int().positive().optional(),
  /** Redis URL with the password redacted. */
  queue: z.string().optional(),
});

/** `<runsDir>/.sweeps/<id>/sweep.json`. */
export const SweepRecordSchema = z.looseObject({
  schemaVersion: z.literal(SWEEP_SCHEMA_VERSION),
  id: z.string().min(1),
  name: z.string(),
  status: z.enum(["running", "completed", "interrupted", "failed"]),
  createdAt: isoTime,
  updatedAt: isoTime,
  endedAt: isoTime.nullable().default(null),
  /** The validated spec, base config resolved. */
  spec: z.record(z.string(), z.unknown()),
  /** Where the spec came from (a file path), for messages. */
  specSource: z.string().nullable().default(null),
  executor: ExecutorInfoSchema,
  /** The controller process (to tell a live sweep from a killed one). */
  controller: z.object({ pid: z.int().positive(), hostname: z.string() }),
  trials: z.array(TrialRecordSchema),
  best: SweepBestSchema.nullable().default(null),
  error: z.string().nullable().default(null),
});

/** A validated sweep.json. */
export type SweepRecord = z.infer<typeof SweepRecordSchema>;
/** One trial. */
export type TrialRecord = z.infer<typeof TrialRecordSchema>;
/** The best trial. */
export type SweepBest = z.infer<typeof SweepBestSchema>;
/** Executor description. */
export type ExecutorInfo = z.infer<typeof ExecutorInfoSchema>;
