import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { RunHandle } from "@mlp-lab/runs";
import { describe, expect, it } from "vitest";
import { SHOTS_DIR, skipBrowserTests, useViewerSession } from "./browser.js";
import { FIXTURE_IDS, writeRunStore } from "./fixtures/write-run-store.js";

describe.skipIf(skipBrowserTests())("viewer in Chromium against the viewer server", () => {
  let live: RunHandle;
  const session = useViewerSession("mlp-viewer-e2e-", async (runsDir) => {
    ({ live } = await writeRunStore(runsDir));
  });
  const { open } = session;

  const shot = (name: string) =>
    session.page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

  it("lists every run in the table, the corrupt one with its error", async () => {
    await open("#/");
    await session.page.waitForSelector(`tr[data-run-id="${FIXTURE_IDS.corrupt}"]`);
    const ids = await session.page.$$eval("tr[data-run-id]", (rows) =>
      rows.map((r) => r.getAttribute("data-run-id")),
    );
    expect(ids.sort()).toEqual(Object.values(FIXTURE_IDS).sort());
    const corrupt = await session.page.textContent(`tr[data-run-id="${FIXTURE_IDS.corrupt}"] .row-error`);
    expect(corrupt).toMatch(/cannot be read: .*run\.json/);
    expect(await session.page.textContent(`tr[data-run-id="${FIXTURE_IDS.mlp}"]`)).toContain("completed");
    expect(await session.page.textContent(`tr[data-run-id="${FIXTURE_IDS.live}"]`)).toContain("running");
    // Sorting by best val accuracy puts the highest first; filtering narrows the rows.
    await session.page.click("th >> text=Best val acc");
    await session.page.fill('input[aria-label="filter runs"]', "two-layer");
    await session.page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 1);
    await session.page.fill('input[aria-label="filter runs"]', "");
    await session.page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 4);
    await shot("runs-table");
  });

  it("shows a run's curves, evaluation, samples and weight maps", async () => {
    await open(`#/runs/${FIXTURE_IDS.mlp}`);
    await session.page.waitForSelector('.curves [data-chart="training curves"] svg');
    // 4 epochs x train/val in the loss and the accuracy panel, and 4 train learning rates.
    await session.page.waitForFunction(
      () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 20,
    );
    await session.page.waitForSelector('[data-chart="confusion matrix"] svg');
    await session.page.waitForSelector('[data-chart="per-class accuracy"] svg');
    expect(await session.page.$$eval(".per-class tbody tr", (r) => r.length)).toBe(10);
    await session.page.waitForSelector('img[alt="sample predictions"]');
    await session.page.waitForSelector('img[alt="misclassified samples"]');
    await session.page.waitForSelector('img[alt="first-layer weight maps"]');
    expect(await session.page.textContent(".summary")).toContain("sgd");
    // Figure artifacts are shown as saved, and every file has a download link.
    await session.page.waitForFunction(
      () => (document.querySelector('img[alt="weights.svg"]') as HTMLImageElement | null)?.naturalWidth,
    );
    expect(await session.page.textContent(".file-list")).toContain("checkpoints/best/model.safetensors");
    await shot("run-page");
  });

  it("falls back to val-predictions.json for a run with fewer artifacts", async () => {
    await open(`#/runs/${FIXTURE_IDS.twoLayer}`);
    // No confusion-matrix.json: it is counted from the predictions, and the gallery becomes a table.
    await session.page.waitForSelector('[data-chart="confusion matrix"] svg');
    await session.page.waitForSelector("table.predictions tbody tr");
    await session.page.waitForSelector('img[alt="first-layer weight maps"]');
    expect(await session.page.textContent(".weights")).toContain("linear1.weight");
    await shot("run-page-predictions-only");
  });

  it("compares two runs selected in the table", async () => {
    await open("#/");
    await session.page.check(`input[aria-label="select ${FIXTURE_IDS.mlp}"]`);
    await session.page.check(`input[aria-label="select ${FIXTURE_IDS.twoLayer}"]`);
    await session.page.click("a.button >> text=Compare");
    await session.page.waitForSelector('[data-chart="overlaid training curves"] svg');
    const legend = await session.page.textContent(".run-legend");
    expect(legend).toContain("mlp 784-32-10 sgd");
    expect(legend).toContain("two-layer 50");
    // 4 + 3 epochs, train and val, in two panels, and their train learning rates.
    await session.page.waitForFunction(
      () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 35,
    );
    const differing = await session.page.$$eval(".compare-table tr.differs th", (ths) =>
      ths.map((t) => t.textContent),
    );
    expect(differing).toEqual(expect.arrayContaining(["optimizer.learningRate", "model.kind", "epochs"]));
    expect(differing).not.toContain("dataset");
    await shot("compare");
  });

  it("predicts a drawn digit with the run's model in the browser", async () => {
    await open(`#/runs/${FIXTURE_IDS.mlp}/try`);
    const canvas = await session.page.waitForSelector("canvas.drawing");
    const box = (await canvas.boundingBox())!;
    // A "1": one vertical stroke down the middle.
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
    await session.page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await session.page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.07 * i));
    await session.page.mouse.up();
    await session.page.waitForFunction(() => document.querySelector(".prediction")?.textContent !== "—");
    const probabilities = await session.page.$$eval(".probabilities .value", (v) =>
      v.map((e) => Number.parseFloat(e.textContent ?? "")),
    );
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    const prediction = await session.page.textContent(".prediction");
    expect(prediction).toMatch(/^[0-9]$/);
    // The model learned seven-segment digits: a centred vertical bar is its "1".
    expect(prediction).toBe("1");
    // The page says which tfjs backend runs the model: WebGPU, else WebGL, else CPU, and why.
    expect(await session.page.textContent(".backend")).toMatch(/^tfjs (webgpu|webgl|cpu) backend: \S/);
    await shot("try-it");
  });

  it("grows a running run's curves as metrics lines are appended", async () => {
    await open(`#/runs/${FIXTURE_IDS.live}/live`);
    await session.page.waitForFunction(
      () => document.querySelector(".curves")?.getAttribute("data-points") === "2",
    );
    expect(await session.page.textContent(".live-status")).toContain("running");
    const before = await session.page.$$eval(".curves .mark-symbol.role-mark path", (p) => p.length);
    live.appendMetrics({
      epoch: 2,
      phase: "train",
      loss: 0.5,
      accuracy: 0.85,
      lr: 0.001,
      seconds: 1,
      samples: 200,
    });
    live.appendMetrics({ epoch: 2, phase: "val", loss: 0.45, accuracy: 0.87, seconds: 0.2, samples: 100 });
    await session.page.waitForFunction(
      () => document.querySelector(".curves")?.getAttribute("data-points") === "4",
    );
    await session.page.waitForFunction(
      (n) => document.querySelectorAll(".curves .mark-symbol.role-mark path").length > n,
      before,
    );
    live.appendMetrics({
      epoch: 3,
      phase: "train",
      loss: 0.35,
      accuracy: 0.9,
      lr: 0.001,
      seconds: 1,
      samples: 200,
    });
    live.appendMetrics({ epoch: 3, phase: "val", loss: 0.33, accuracy: 0.91, seconds: 0.2, samples: 100 });
    await session.page.waitForFunction(
      () => document.querySelector(".curves")?.getAttribute("data-points") === "6",
    );
    expect(await session.page.textContent(".live-status")).toContain("epoch 3 of 6");
    await shot("live");
    // A torn or garbage line is reported and skipped; the curves stay.
    appendFileSync(join(live.dir, "metrics.jsonl"), "{ not json\n");
    await session.page.waitForFunction(() =>
      document.body.textContent?.includes("Skipped bad metrics lines"),
    );
    expect(await session.page.getAttribute(".curves", "data-points")).toBe("6");
    live.complete();
    await session.page.waitForFunction(
      () => document.querySelector(".live-status .status")?.textContent === "completed",
    );
  });

  it("shows a corrupt run's error in its page", async () => {
    await open(`#/runs/${FIXTURE_IDS.corrupt}`);
    const alert = await session.page.waitForSelector('[role="alert"]');
    expect(await alert.textContent()).toMatch(/Cannot open run .*broken.*run\.json/s);
    await shot("corrupt-run");
    // A run that does not exist says so too.
    await session.page.goto(`${session.server.url}#/runs/no-such-run`);
    await session.page.waitForFunction(() =>
      document.querySelector('[role="alert"]')?.textContent?.includes("no run no-such-run"),
    );
  });
});
