/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A coordinate with at most two decimals, so output bytes do not depend on float noise. */
export function px(value: number): string {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/** A tick or colour-bar value with three significant digits, like matplotlib's default formatter. */
export function formatValue(value: number): string {
  if (value === 0) return "0";
  const a = Math.abs(value);
  if (a >= 1e-3 && a < 1e4) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

/**
 * Rough width of a line of DejaVu Sans text, used only to size columns so titles do not overlap.
 * 0.62 em is that font's mean advance for digits and lower-case letters.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}
