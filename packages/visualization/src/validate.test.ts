import { describe, expect, it } from "vitest";
import {
  VisualizationError,
  coefficientMapsSvg,
  confusionSpec,
  curvesSpec,
  misclassifiedGridSvg,
  perClassAccuracySpec,
  sampleGridSvg,
  weightMapsSvg,
} from "./index.js";
import { svgToPng } from "./png.js";

// Bad input fails at the boundary with the function and the field named, never as a TypeError deep inside.
describe("visualization: arguments are checked at the boundary", () => {
  const batch = { pixels: new Float32Array(2 * 4 * 4), width: 4, height: 4 };
  const bad: [string, () => unknown, RegExp][] = [
    [
      "sampleGridSvg(undefined)",
      () => sampleGridSvg(undefined as never, { yTrue: [1] }),
      /^sampleGridSvg: batch must be an object/,
    ],
    [
      "sampleGridSvg without options",
      () => sampleGridSvg(batch, undefined as never),
      /^sampleGridSvg: options must be an object/,
    ],
    [
      "sampleGridSvg without yTrue",
      () => sampleGridSvg(batch, {} as never),
      /options\.yTrue must be an array/,
    ],
    [
      "sampleGridSvg width 0",
      () => sampleGridSvg({ ...batch, width: 0 }, { yTrue: [1] }),
      /batch\.width must be a positive integer, got 0/,
    ],
    [
      "sampleGridSvg channels 2",
      () => sampleGridSvg({ ...batch, channels: 2 as never }, { yTrue: [1, 2] }),
      /batch\.channels must be 1 or 3/,
    ],
    [
      "misclassifiedGridSvg without yPred",
      () => misclassifiedGridSvg(batch, { yTrue: [1, 2] } as never),
      /options\.yPred must be an array/,
    ],
    [
      "curvesSpec(undefined)",
      () => curvesSpec(undefined as never),
      /runs\[0\] must be an object, got undefined/,
    ],
    [
      "curvesSpec without records",
      () => curvesSpec({ label: "x" } as never),
      /runs\[0\]\.records must be an array/,
    ],
    ["confusionSpec(undefined)", () => confusionSpec(undefined as never), /cm must be an object/],
    [
      "perClassAccuracySpec numClasses 0",
      () => perClassAccuracySpec({ numClasses: 0, counts: new Int32Array(0) }),
      /cm\.numClasses must be a positive integer, got 0/,
    ],
    [
      "weightMapsSvg(null)",
      () => weightMapsSvg(null as never, { units: 4 }),
      /^weightMapsSvg: kernel must be an array/,
    ],
    [
      "weightMapsSvg without options",
      () => weightMapsSvg(new Float32Array(16), undefined as never),
      /^weightMapsSvg: options must be an object/,
    ],
    [
      "coefficientMapsSvg(null)",
      () => coefficientMapsSvg(null as never),
      /^coefficientMapsSvg: coef must be an array/,
    ],
    [
      "svgToPng(undefined)",
      () => svgToPng(undefined as never),
      /^svgToPng: svg must be an SVG document string, got undefined/,
    ],
  ];
  for (const [what, call, message] of bad) {
    it(what, () => {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(VisualizationError);
      expect((thrown as VisualizationError).code).toBe("INVALID_OPTION");
      expect((thrown as Error).message).toMatch(message);
    });
  }
});
