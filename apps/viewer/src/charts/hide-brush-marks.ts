/** A Vega mark as far as {@link hideBrushMarks} reads it. */
interface VegaMarkLike {
  name?: string;
  aria?: boolean;
  marks?: VegaMarkLike[];
}

/**
 * Take the rectangles Vega-Lite draws for an interval selection (`<name>_brush` and `<name>_brush_bg`) out of
 * the accessibility tree (`aria: false`): they are the drag surface, not data, and unlabelled they would show
 * to screen readers (and axe) as images without alternative text. For vega-embed's `patch` option.
 */
export function hideBrushMarks<T extends object>(vegaSpec: T): T {
  const visit = (marks: VegaMarkLike[] | undefined) => {
    for (const mark of marks ?? []) {
      if (mark.name && /_brush(_bg)?$/.test(mark.name)) mark.aria = false;
      visit(mark.marks);
    }
  };
  visit((vegaSpec as VegaMarkLike).marks);
  return vegaSpec;
}
