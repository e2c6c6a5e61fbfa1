import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { okEntry } from "../test-fixtures.js";
import { RunsPage } from "./RunsPage.js";

describe("RunsPage", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lists readable and corrupt runs from the API", async () => {
    const body = {
      runs: [
        okEntry({ name: "alpha" }),
        { ok: false, id: "bad", error: { code: "CORRUPT_RUN", message: "broken" } },
      ],
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify(body))),
    );
    render(<RunsPage />);
    expect(await screen.findByText("alpha")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("broken");
  });

  it("says why the list cannot be shown instead of staying blank", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("{}", { status: 500 })),
    );
    render(<RunsPage />);
    expect((await screen.findByRole("alert")).textContent).toContain("Cannot list the runs");
  });
});
