import { describe, expect, it } from "vitest";
import { layerLists } from "./parse-flags.js";
import { formatTable, percent } from "./table.js";

describe("repeatable flags", () => {
  it("collect one layer list per --layers", () => {
    expect(layerLists("--layers")("64", layerLists("--layers")("50", undefined))).toEqual([[50], [64]]);
  });
});

describe("tables", () => {
  it("pads columns and right-aligns numbers", () => {
    const text = formatTable(
      [{ header: "layers" }, { header: "acc", right: true }],
      [
        ["50", percent(0.9121)],
        ["512,256", percent(null)],
      ],
    );
    expect(text.split("\n")).toEqual([
      "layers      acc",
      "-------  ------",
      "50       91.21%",
      "512,256       -",
    ]);
  });
});
