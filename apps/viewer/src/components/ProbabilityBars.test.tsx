import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorMessage } from "./ErrorMessage.js";
import { ProbabilityBars } from "./ProbabilityBars.js";

describe("ProbabilityBars", () => {
  afterEach(cleanup);

  it("shows each class's probability and highlights the most likely", () => {
    render(<ProbabilityBars probabilities={[0.1, 0.7, 0.2]} classNames={["cat", "dog", "bird"]} />);
    const items = screen.getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual(["cat10.0%", "dog70.0%", "bird20.0%"]);
    expect(items[1]!.className).toBe("best");
  });
});

describe("ErrorMessage", () => {
  afterEach(cleanup);

  it("states what failed and why, as an alert", () => {
    render(<ErrorMessage title="Cannot open run x" error={new Error("run.json: not valid JSON")} />);
    expect(screen.getByRole("alert").textContent).toBe("Cannot open run xrun.json: not valid JSON");
  });
});
