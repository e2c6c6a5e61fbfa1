/** One number the course prints, next to ours, e.g. "Test accuracy" 91.21% vs 91.4%. */
export interface NumberComparison {
  /** What is measured. */
  label: string;
  /** The course's value, as printed there. */
  course: string;
  /** Our value. */
  ours: string;
  /** Why they may differ, or how it was measured. */
  note?: string;
}

/** One figure of the report. */
export interface ReportFigure {
  /** File stem for the Markdown output, e.g. "mnist-curves"; letters, digits, "-" and "_" only. */
  id: string;
  /** Caption under the figure. */
  caption: string;
  /** The SVG document. */
  svg: string;
  /** The course figure it reproduces, e.g. "dl_mlp_mnist_pytorch_23_1.png". */
  courseFigure?: string;
}

/** One section of the report: a course experiment and what we got. */
export interface ReportSection {
  /** Heading. */
  title: string;
  /** Plain-text paragraphs, separated by blank lines. */
  text?: string;
  /** The course's numbers against ours. */
  comparisons?: readonly NumberComparison[];
  /** Figures, numbered across the whole report. */
  figures?: readonly ReportFigure[];
}

/** A whole course report. */
export interface CourseReport {
  /** Document title. */
  title: string;
  /** Plain-text introduction. */
  intro?: string;
  /** Sections in order. */
  sections: readonly ReportSection[];
}

/** A figure's place in the report: its number across all sections. */
export interface NumberedFigure extends ReportFigure {
  /** 1-based figure number. */
  number: number;
}
