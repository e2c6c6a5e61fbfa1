import { writeFileSync } from "node:fs";
import { curvesSvg, sampleGridSvg } from "@mlp-lab/visualization";
import { svgToPng } from "@mlp-lab/visualization/png";

const pixels = new Float32Array(6 * 28 * 28).map((_, i) => (i % 28) / 28); // six 28x28 images
const grid = sampleGridSvg(
  { pixels, width: 28, height: 28 },
  { yTrue: [7, 2, 1, 0, 4, 1], yPred: [7, 2, 1, 0, 9, 1] },
);
writeFileSync("samples.png", svgToPng(grid));
const run = {
  label: "TwoLayerMLP",
  records: [
    { epoch: 0, phase: "train", loss: 0.44, accuracy: 0.879 },
    { epoch: 0, phase: "val", loss: 0.31, accuracy: 0.912 },
  ],
};
writeFileSync("curves.svg", await curvesSvg(run));
