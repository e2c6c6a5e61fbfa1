import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { pathProblem, setPath } from "./config-path.js";
import { SweepSpecError } from "./errors.js";

/** Field path of the epoch count in an experiment config. */
export const EPOCHS_PATH = "epochs";

const finite = z.number().refine(Number.isFinite, "must be a finite number");

/** A fixed list of choices: enumerated by grid search, drawn uniformly (random) or by TPE. */
export const ValuesParameterSchema = z.strictObject({
  values: z.array(z.json()).min(1, "must list at least one value"),
});
/** Uniform on [min, max]. */
export const UniformParameterSchema = z.strictObject({
  distribution: z.literal("uniform"),
  min: finite,
  max: finite,
});
/** Log-uniform on [min, max], min > 0 (learning rates). */
export const LogUniformParameterSchema = z.strictObject({
  distribution: z.literal("log_uniform"),
  min: finite.positive("must be > 0"),
  max: finite.positive("must be > 0"),
});
/** Uniform integer in [min, max], both included. */
export const IntUniformParameterSchema = z.strictObject({
  distribution: z.literal("int_uniform"),
  min: z.int(),
  max: z.int(),
});
/** Uniform on [min, max] rounded to `min + k·q`. */
export const QUniformParameterSchema = z.strictObject({
  distribution: z.literal("q_uniform"),
  min: finite,
  max: finite,
  q: finite.positive("must be > 0"),
});

const DistributionSchema = z
  .discriminatedUnion("distribution", [
    UniformParameterSchema,
    LogUniformParameterSchema,
    IntUniformParameterSchema,
    QUniformParameterSchema,
  ])
  .refine((d) => d.max > d.min, { message: "max must be greater than min", path: ["max"] });

/** One searched parameter: `values`, or a `distribution` with its bounds. */
export const ParameterSchema = z.union([ValuesParameterSchema, DistributionSchema], {
  error:
    "expected { values: [...] } or { distribution: uniform | log_uniform | int_uniform | q_uniform, min, max }",
});

/** The metric the sweep optimises, read from each trial's validation metrics per epoch. */
export const SweepMetricSchema = z
  .strictObject({
    name: z.enum(["val_accuracy", "val_loss"]),
    goal: z.enum(["maximize", "minimize"]).optional(),
  })
  .transform((m) => ({ name: m.name, goal: m.goal ?? (m.name === "val_loss" ? "minimize" : "maximize") }));

/** Asynchronous successive halving (ASHA): stop a trial at a rung unless it is in the top 1/η there. */
export const AshaSchema = z
  .strictObject({
    type: z.literal("asha"),
    minEpochs: z.int().positive().default(1),
    reductionFactor: z.int().min(2, "must be ≥ 2").default(3),
    maxEpochs: z.int().positive(),
  })
  .refine((a) => a.maxEpochs > a.minEpochs, {
    message: "must be greater than minEpochs",
    path: ["maxEpochs"],
  });

/** TPE settings; defaults are Optuna's (`TPESampler()`). */
export const TpeOptionsSchema = z.strictObject({
  nStartupTrials: z.int().nonnegative().default(10),
  nEiCandidates: z.int().positive().default(24),
  priorWeight: z.number().positive().default(1),
});

/** The sweep spec as written (YAML or JSON). */
export const SweepSpecSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    method: z.enum(["grid", "random", "tpe"]),
    metric: SweepMetricSchema.default({ name: "val_accuracy", goal: "maximize" }),
    maxTrials: z.int().positive().optional(),
    seed: z.int().default(0),
    base: z.record(z.string(), z.unknown()).default({}),
    parameters: z
      .record(
        z.string().regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, "must be a field path like optimizer.lr"),
        ParameterSchema,
      )
      .refine((p) => Object.keys(p).length > 0, "must list at least one parameter"),
    earlyTermination: AshaSchema.optional(),
    tpe: TpeOptionsSchema.default({ nStartupTrials: 10, nEiCandidates: 24, priorWeight: 1 }),
  })
  .superRefine((spec, ctx) => {
    if (spec.method !== "grid" && spec.maxTrials === undefined)
      ctx.addIssue({ code: "custom", path: ["maxTrials"], message: `required for method ${spec.method}` });
    if (spec.method === "grid") {
      for (const [path, p] of Object.entries(spec.parameters))
        if (!("values" in p))
          ctx.addIssue({
            code: "custom",
            path: ["parameters", path],
            message: "grid search needs { values: [...] } (use method random or tpe for distributions)",
          });
    }
  });

/** A parsed sweep spec, defaults applied. */
export type SweepSpec = z.infer<typeof SweepSpecSchema>;
/** The spec as written (defaults may be left out). */
export type SweepSpecInput = z.input<typeof SweepSpecSchema>;
/** One parameter of the search space. */
export type ParameterSpec = z.infer<typeof ParameterSchema>;
/** The sweep's metric with its goal resolved. */
export type SweepMetric = SweepSpec["metric"];
/** ASHA settings. */
export type AshaSpec = z.infer<typeof AshaSchema>;

/** Validates and fills the defaults of one experiment config, reporting problems as `path: message`. */
export type ConfigResolver = (
  raw: unknown,
) => { ok: true; config: Record<string, unknown> } | { ok: false; problems: string[] };

/** Options of {@link parseSweepSpec}. */
export interface ParseSweepSpecOptions {
  /** File name (or "spec") named in errors. */
  source?: string;
  /** Validates the base config and each trial's config (the experiments package's parser). */
  resolveConfig: ConfigResolver;
  /** Field path of the number of epochs in the config (set to `earlyTermination.maxEpochs`); default `epochs`. */
  epochsPath?: string;
}

function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
}

/** The configs a trial could see at the corners of the space: min, max and every listed value. */
function cornerValues(p: ParameterSpec): unknown[] {
  if ("values" in p) return p.values;
  return [p.min, p.max];
}

/**
 * Validate a sweep spec: its shape (every problem named by path, e.g. `parameters.optimizer.lr.min: must
 * be > 0`), the base config through `resolveConfig` (`base.optimizer.lr: ...`), each parameter's path
 * against the resolved base config (`parameters.optimizer.lrr: no field "lrr" in "optimizer"`), and the
 * config at each parameter's extreme values. Throws {@link SweepSpecError} listing them all.
 */
export function parseSweepSpec(raw: unknown, options: ParseSweepSpecOptions): SweepSpec {
  const source = options.source ?? "spec";
  const epochsPath = options.epochsPath ?? EPOCHS_PATH;
  const parsed = SweepSpecSchema.safeParse(raw);
  if (!parsed.success) throw new SweepSpecError(source, issueLines(parsed.error));
  const spec = parsed.data;
  const problems: string[] = [];
  let base = spec.base;
  if (spec.earlyTermination) base = setPath(base, epochsPath, spec.earlyTermination.maxEpochs);
  const resolved = options.resolveConfig(base);
  if (!resolved.ok)
    throw new SweepSpecError(
      source,
      resolved.problems.map((p) => `base.${p}`),
    );
  for (const [path, p] of Object.entries(spec.parameters)) {
    const problem = pathProblem(resolved.config, path);
    if (problem) {
      problems.push(`parameters.${path}: ${problem}`);
      continue;
    }
    if (spec.earlyTermination && path === epochsPath)
      problems.push(`parameters.${path}: the epochs are set by earlyTermination.maxEpochs`);
    for (const value of cornerValues(p)) {
      const check = options.resolveConfig(setPath(resolved.config, path, value));
      if (!check.ok) {
        problems.push(
          `parameters.${path}: value ${JSON.stringify(value)} gives an invalid config (${check.problems.join("; ")})`,
        );
        break;
      }
    }
  }
  if (problems.length > 0) throw new SweepSpecError(source, problems);
  return { ...spec, base: resolved.config };
}

/** Parse YAML or JSON text (YAML is a superset; `.json` files are parsed strictly). */
export function parseSpecText(text: string, source: string): unknown {
  try {
    return extname(source).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SweepSpecError(source, [
      `(file): not valid ${extname(source) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`,
    ]);
  }
}

/** Read and validate a sweep spec file (YAML or JSON). */
export function readSweepSpec(path: string, options: Omit<ParseSweepSpecOptions, "source">): SweepSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SweepSpecError(path, [
      `(file): cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  return parseSweepSpec(parseSpecText(text, path), { ...options, source: path });
}
