/** A one-line progress bar on a TTY (step, ETA, loss, throughput); silent elsewhere. */
export class ProgressBar {
  private started = 0;
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
  }

  /** Start timing a phase. */
  start(): void {
    this.started = performance.now();
    this.lastDraw = 0;
  }

  /** Redraw, at most every 100 ms. */
  update(label: string, step: number, steps: number, loss: number, samples: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && step < steps) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const fraction = Math.min(1, step / Math.max(1, steps));
    const width = 24;
    const filled = Math.round(fraction * width);
    const eta = fraction > 0 ? elapsed * (1 / fraction - 1) : 0;
    const rate = elapsed > 0 ? samples / elapsed : 0;
    const bar = `${"=".repeat(filled)}${filled < width ? ">" : ""}${" ".repeat(Math.max(0, width - filled - 1))}`;
    this.stream.write(
      `\r${label} [${bar}] ${step}/${steps} loss ${loss.toFixed(4)} ${Math.round(rate)} samples/s ETA ${eta.toFixed(0)}s\x1b[K`,
    );
  }

  /** Erase the bar before normal lines are printed. */
  clear(): void {
    if (this.enabled) this.stream.write("\r\x1b[K");
  }
}
