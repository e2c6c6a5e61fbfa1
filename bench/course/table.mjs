/** A figure as the course prints it: a fraction (scale 1, 4 decimals) or a percentage. */
function figure(value, scale) {
  if (value === undefined) return "-";
  return scale === 100 ? `${(100 * value).toFixed(2)}%` : value.toFixed(4);
}

/** Whether `ours` is within the tolerance (1 point by default) of the course's figure. */
function verdict(m) {
  if (m.course === undefined) return "";
  const gap = 100 * (m.ours - m.course);
  const ok = Math.abs(gap) <= (m.tolerance ?? 1);
  return `${gap >= 0 ? "+" : ""}${gap.toFixed(2)} pt ${ok ? "ok" : "MISS"}`;
}

/** The closing table: workload, measure, course figure, ours, gap, seconds. */
export function formatTable(rows) {
  const lines = [["workload", "measure", "course", "ours", "gap", "seconds"]];
  for (const { title, seconds, result } of rows) {
    if (!Array.isArray(result)) {
      const why = result.skipped ? `skipped: ${result.skipped}` : `FAILED: ${result.failed}`;
      lines.push([title, why, "", "", "", seconds.toFixed(1)]);
      continue;
    }
    result.forEach((m, i) => {
      lines.push([
        i === 0 ? title : "",
        m.label,
        figure(m.course, m.scale),
        figure(m.ours, m.scale),
        verdict(m),
        i === 0 ? seconds.toFixed(1) : "",
      ]);
    });
  }
  const widths = lines[0].map((_, c) =>
    Math.max(...lines.filter((l) => l.length > 2).map((l) => String(l[c]).length)),
  );
  const fmt = (l) => `| ${l.map((cell, c) => String(cell).padEnd(widths[c])).join(" | ")} |`;
  return [
    fmt(lines[0]),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.slice(1).map(fmt),
  ].join("\n");
}
