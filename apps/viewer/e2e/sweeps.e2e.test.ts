import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seriousAxeViolations } from "./axe.js";
import { SHOTS_DIR, skipBrowserTests, useViewerSession } from "./browser.js";
import { SWEEP_ID, trialRunId, writeSweepStore } from "./fixtures/write-sweep-store.js";

describe.skipIf(skipBrowserTests())("sweeps in the viewer (Chromium)", () => {
  const session = useViewerSession("mlp-viewer-sweeps-", async (runsDir) => writeSweepStore(runsDir));
  const rows = () =>
    session.page.$$eval("table.sweep-table tbody tr", (trs) =>
      trs.map((tr) => tr.getAttribute("data-trial")),
    );

  it("lists the sweep from the header's Sweeps link, with trials done, best and status; axe passes", async () => {
    await session.open("#/");
    await session.page.click('nav[aria-label="sections"] >> text=Sweeps');
    const row = session.page.locator(`tr[data-sweep-id="${SWEEP_ID}"]`);
    await row.waitFor();
    const cells = await row.locator("td").allInnerTexts();
    expect(cells[0]).toContain("course-small");
    expect(cells.slice(1)).toEqual(["random", "val_accuracy ↑", "4/4", "93.00% trial 1", "completed"]);
    expect(await seriousAxeViolations(session.page)).toEqual([]);
    await row.locator("a").click();
    await session.page.waitForSelector("table.sweep-table");
    expect(session.page.url()).toContain(`#/sweeps/${SWEEP_ID}`);
  });

  it("shows the trials table, both figures, brushing filters the table, and a trial links to its run; axe passes", async () => {
    await session.open(`#/sweeps/${SWEEP_ID}`);
    await session.page.waitForSelector(
      '[data-chart="parallel coordinates"][data-ready] svg .mark-line.role-mark path',
    );
    await session.page.waitForSelector(
      '[data-chart="best so far"][data-ready] svg .mark-symbol.role-mark path',
    );
    const header = await session.page.$$eval("table.sweep-table thead th", (ths) =>
      ths.map((th) => th.textContent),
    );
    expect(header).toEqual([
      "Trial",
      "optimizer.learningRate",
      "model.layers",
      "val_accuracy",
      "Epochs",
      "Status",
      "Run",
    ]);
    expect(await rows()).toEqual(["0", "1", "2", "3"]);
    const pruned = await session.page.locator('tr[data-trial="2"] td').allInnerTexts();
    expect(pruned.slice(0, 6)).toEqual(["2", "0.001", "128", "41.00%", "1", "pruned@1"]);
    // Four trial lines through three axes each; the best-so-far layer has a point per trial.
    expect(
      await session.page.locator('[data-chart="parallel coordinates"] .mark-line.role-mark path').count(),
    ).toBe(4);
    expect(await session.page.locator('[data-chart="best so far"] .mark-symbol.role-mark path').count()).toBe(
      4,
    );
    await session.page.locator("main").screenshot({ path: join(SHOTS_DIR, "sweep-page.png") });
    expect(await seriousAxeViolations(session.page)).toEqual([]);

    // Brush the upper part of the metric axis (the last one): the two best trials remain.
    const axisX = await session.page.$$eval(
      '[data-chart="parallel coordinates"] .role-axis-label text',
      (ts) =>
        ts.map((t) => ({
          text: t.textContent,
          x: t.getBoundingClientRect().left + t.getBoundingClientRect().width / 2,
        })),
    );
    const metric = axisX.find((a) => a.text === "val_accuracy");
    expect(metric, "the metric axis is labelled").toBeTruthy();
    // The trial lines span the whole axis height (one trial at each end of the metric axis).
    const span = await session.page.$$eval(
      '[data-chart="parallel coordinates"] .mark-line.role-mark path',
      (ps) => {
        const boxes = ps.map((p) => p.getBoundingClientRect());
        const top = Math.min(...boxes.map((b) => b.top));
        return { top, height: Math.max(...boxes.map((b) => b.bottom)) - top };
      },
    );
    const { top, height } = span;
    await session.page.mouse.move(metric!.x - 15, top - 8);
    await session.page.mouse.down();
    await session.page.mouse.move(metric!.x + 15, top + height * 0.25, { steps: 5 });
    await session.page.mouse.up();
    await session.page.waitForFunction(
      () => document.querySelectorAll("table.sweep-table tbody tr").length < 4,
    );
    expect(await rows()).toEqual(["1", "3"]);
    await session.page.locator("main").screenshot({ path: join(SHOTS_DIR, "sweep-page-brushed.png") });
    await session.page.click("text=Show all trials");
    await session.page.waitForFunction(
      () => document.querySelectorAll("table.sweep-table tbody tr").length === 4,
    );

    await session.page.click(`tr[data-trial="1"] a`);
    await session.page.waitForSelector(`text=${trialRunId(1)}`);
    expect(session.page.url()).toContain(`#/runs/${trialRunId(1)}`);
  });
});
