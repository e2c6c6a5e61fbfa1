// `pnpm bench:course`: the course replayed at full scale by `mlp course` (the one implementation of
// its workloads), printed as a table of the course's figures, ours, the gap and the seconds each took.
//   node bench/course/course.mjs [--only id,id] [--quick] [--data-dir DIR] [--backend NAME]
//                                [--no-lbfgs] [--no-sklearn] [--runs-dir DIR] [--out DIR]
// It runs the built CLI (apps/cli/dist/mlp.js; the root script builds it first).
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const MLP = fileURLToPath(new URL("../../apps/cli/dist/mlp.js", import.meta.url));

const { values } = parseArgs({
  // `pnpm bench:course -- --only x` hands the script a literal `--`; drop it rather than stop there.
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    only: { type: "string" },
    quick: { type: "boolean" },
    "data-dir": { type: "string" },
    backend: { type: "string" },
    "no-lbfgs": { type: "boolean" },
    "no-sklearn": { type: "boolean" },
    "runs-dir": { type: "string" },
    out: { type: "string" },
  },
});

// Runs and the report go to a fresh folder unless named, so a bench never mixes with `runs/`.
const work = values["runs-dir"] && values.out ? undefined : await mkdtemp(join(tmpdir(), "bench-course-"));
const args = [
  MLP,
  "course",
  "--json",
  "--runs-dir",
  values["runs-dir"] ?? join(work, "runs"),
  "--out",
  values.out ?? join(work, "report"),
  ...(values["no-lbfgs"] ? [] : ["--lbfgs"]),
  ...(values["no-sklearn"] ? ["--no-sklearn"] : []),
  ...(values.quick ? ["--quick"] : []),
  ...(values.only ? ["--only", values.only] : []),
  ...(values["data-dir"] ? ["--data-dir", values["data-dir"]] : []),
  ...(values.backend ? ["--backend", values.backend] : []),
];

// stderr (backend, section headers, warnings) streams through; stdout is the one JSON document.
const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
let stdout = "";
child.stdout.setEncoding("utf8");
child.stdout.on("data", (chunk) => {
  stdout += chunk;
});
const code = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));

let doc;
try {
  doc = JSON.parse(stdout);
} catch {
  console.error(`mlp course printed no JSON (exit ${code}):\n${stdout}`);
  process.exit(code || 1);
}

/** A fraction as the course prints accuracies. */
const pct = (v) => `${(100 * v).toFixed(2)}%`;

/** The gap in points and whether it is within the tolerance (1 point unless the section says). */
function gap(c) {
  if (c.courseValue === undefined || c.oursValue === undefined) return "";
  const pts = 100 * (c.oursValue - c.courseValue);
  const ok = Math.abs(pts) <= (c.tolerance ?? 1);
  return `${pts >= 0 ? "+" : ""}${pts.toFixed(2)} pt ${ok ? "ok" : "MISS"}`;
}

const lines = [["workload", "measure", "course", "ours", "gap", "seconds"]];
for (const s of doc.sections) {
  const seconds = s.seconds.toFixed(1);
  if (s.status !== "completed" || s.comparisons.length === 0) {
    lines.push([s.id, `${s.status}${s.reason ? `: ${s.reason}` : ""}`, "", "", "", seconds]);
    continue;
  }
  s.comparisons.forEach((c, i) => {
    lines.push([
      i === 0 ? s.id : "",
      c.label,
      c.courseValue === undefined ? c.course : pct(c.courseValue),
      c.oursValue === undefined ? c.ours : pct(c.oursValue),
      gap(c),
      i === 0 ? seconds : "",
    ]);
  });
}
const widths = lines[0].map((_, col) => Math.max(...lines.map((l) => l[col].length)));
const row = (l) => `| ${l.map((cell, col) => cell.padEnd(widths[col])).join(" | ")} |`;
console.log(
  [row(lines[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.slice(1).map(row)].join(
    "\n",
  ),
);
console.log(`\nReport: ${doc.report.html}`);
process.exitCode = code;
