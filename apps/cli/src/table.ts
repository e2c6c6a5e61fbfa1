/** A column of {@link formatTable}: header text and alignment. */
export interface Column {
  /** Header text. */
  header: string;
  /** Right-align (numbers) instead of left. */
  right?: boolean;
}

/** Plain-text table with a header row and a dashed rule, columns padded to their widest cell. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]?.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join(
    "\n",
  );
}

/** `0.9121` as `91.21%`; null as `-`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "-" : `${(100 * value).toFixed(2)}%`;
}
