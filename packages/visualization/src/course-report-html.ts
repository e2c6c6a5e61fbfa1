import { numberFigures, paragraphs } from "./course-report-numbering.js";
import type { CourseReport } from "./course-report-types.js";
import { toBase64 } from "./png-encode.js";
import { escapeXml } from "./svg-text.js";

const STYLE = `body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
th{background:#f4f4f4}figure{margin:1.5rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9rem;color:#555}`;

/**
 * The course report as one self-contained HTML page: each figure inlined as an SVG data URI (so ids inside
 * different figures cannot clash), numbered, with the course figure it reproduces, and the course's numbers
 * next to ours in a table. Pure: the caller writes the string.
 */
export function courseReportHtml(report: CourseReport): string {
  const numbered = numberFigures(report);
  const out = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeXml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeXml(report.title)}</h1>`,
    ...paragraphs(report.intro).map((p) => `<p>${escapeXml(p)}</p>`),
  ];
  report.sections.forEach((section, s) => {
    out.push("<section>", `<h2>${escapeXml(section.title)}</h2>`);
    out.push(...paragraphs(section.text).map((p) => `<p>${escapeXml(p)}</p>`));
    if (section.comparisons && section.comparisons.length > 0) {
      out.push(
        "<table>",
        "<thead><tr><th>Quantity</th><th>Course</th><th>Ours</th><th>Note</th></tr></thead>",
        "<tbody>",
      );
      for (const c of section.comparisons) {
        out.push(
          `<tr><td>${escapeXml(c.label)}</td><td>${escapeXml(c.course)}</td><td>${escapeXml(c.ours)}</td><td>${escapeXml(c.note ?? "")}</td></tr>`,
        );
      }
      out.push("</tbody>", "</table>");
    }
    for (const f of numbered[s]!) {
      const src = `data:image/svg+xml;base64,${toBase64(new TextEncoder().encode(f.svg))}`;
      const course = f.courseFigure ? ` (course figure: ${escapeXml(f.courseFigure)})` : "";
      out.push(
        `<figure id="${escapeXml(f.id)}">`,
        `<img src="${src}" alt="${escapeXml(f.caption)}">`,
        `<figcaption>Figure ${f.number}: ${escapeXml(f.caption)}${course}</figcaption>`,
        "</figure>",
      );
    }
    out.push("</section>");
  });
  out.push("</body>", "</html>", "");
  return out.join("\n");
}
