/** Class probabilities as horizontal bars, the most likely class highlighted. */
export function ProbabilityBars({
  probabilities,
  classNames,
}: { probabilities: number[]; classNames?: string[] }) {
  const best = probabilities.indexOf(Math.max(...probabilities));
  return (
    <ol className="probabilities" aria-label="class probabilities">
      {probabilities.map((p, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: classes are fixed positions.
        <li key={c} className={c === best ? "best" : undefined} data-class={c}>
          <span className="class-name">{classNames?.[c] ?? c}</span>
          <span className="bar" style={{ width: `${(100 * p).toFixed(1)}%` }} />
          <span className="value">{(100 * p).toFixed(1)}%</span>
        </li>
      ))}
    </ol>
  );
}
