import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunHandle } from "@mlp-lab/runs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ViewerServer, startViewerServer } from "../src/server/index.js";
import { SHOTS_DIR, launchChromium, openPage, skipBrowserTests } from "./browser.js";
import { FIXTURE_IDS, writeRunStore } from "./fixtures/write-run-store.js";

const APP_DIR = fileURLToPath(new URL("../dist/app", import.meta.url));

describe.skipIf(skipBrowserTests())("viewer in Chromium against the viewer server", () => {
  let runsDir: string;
  let live: RunHandle;
  let server: ViewerServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    runsDir = mkdtempSync(join(tmpdir(), "mlp-viewer-e2e-"));
    ({ live } = await writeRunStore(runsDir));
    server = await startViewerServer({ runsDir, appDir: APP_DIR, pollIntervalMs: 200 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (runsDir) rmSync(runsDir, { recursive: true, force: true });
  });

  const open = async (hash: string) => {
    ({ page, errors } = await openPage(browser));
    await page.goto(`${server.url}${hash}`);
  };

  afterEach(async () => {
    // Every page must load without a console error or an uncaught exception.
    const seen = errors;
    await page?.close();
    expect(seen).toEqual([]);
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

  it("lists every run in the table, the corrupt one with its error", async () => {
    await open("#/");
    await page.waitForSelector(`tr[data-run-id="${FIXTURE_IDS.corrupt}"]`);
    const ids = await page.$$eval("tr[data-run-id]", (rows) =>
      rows.map((r) => r.getAttribute("data-run-id")),
    );
    expect(ids.sort()).toEqual(Object.values(FIXTURE_IDS).sort());
    const corrupt = await page.textContent(`tr[data-run-id="${FIXTURE_IDS.corrupt}"] .row-error`);
    expect(corrupt).toMatch(/cannot be read: .*run\.json/);
    expect(await page.textContent(`tr[data-run-id="${FIXTURE_IDS.mlp}"]`)).toContain("completed");
    expect(await page.textContent(`tr[data-run-id="${FIXTURE_IDS.live}"]`)).toContain("running");
    // Sorting by best val accuracy puts the highest first; filtering narrows the rows.
    await page.click("th >> text=Best val acc");
    await page.fill('input[aria-label="filter runs"]', "two-layer");
    await page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 1);
    await page.fill('input[aria-label="filter runs"]', "");
    await page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 4);
    await shot("runs-table");
  });

  it("shows a run's curves, evaluation, samples and weight maps", async () => {
    await open(`#/runs/${FIXTURE_IDS.mlp}`);
    await page.waitForSelector('.curves [data-chart="training curves"] svg');
    // 4 epochs x train/val, drawn in both the loss and the accuracy panel.
    await page.waitForFunction(
      () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 16,
    );
    await page.waitForSelector('[data-chart="confusion matrix"] svg');
    await page.waitForSelector('[data-chart="per-class accuracy"] svg');
    expect(await page.$$eval(".per-class tbody tr", (r) => r.length)).toBe(10);
    await page.waitForSelector('img[alt="sample predictions"]');
    await page.waitForSelector('img[alt="misclassified samples"]');
    await page.waitForSelector('img[alt="first-layer weight maps"]');
    expect(await page.textContent(".summary")).toContain("sgd");
    // Figure artifacts are shown as saved, and every file has a download link.
    await page.waitForFunction(
      () => (document.querySelector('img[alt="weights.svg"]') as HTMLImageElement | null)?.naturalWidth,
    );
    expect(await page.textContent(".file-list")).toContain("checkpoints/best/model.safetensors");
    await shot("run-page");
  });

  it("falls back to val-predictions.json for a run with fewer artifacts", async () => {
    await open(`#/runs/${FIXTURE_IDS.twoLayer}`);
    // No confusion-matrix.json: it is counted from the predictions, and the gallery becomes a table.
    await page.waitForSelector('[data-chart="confusion matrix"] svg');
    await page.waitForSelector("table.predictions tbody tr");
    await page.waitForSelector('img[alt="first-layer weight maps"]');
    expect(await page.textContent(".weights")).toContain("linear1.weight");
    await shot("run-page-predictions-only");
  });

  it("compares two runs selected in the table", async () => {
    await open("#/");
    await page.check(`input[aria-label="select ${FIXTURE_IDS.mlp}"]`);
    await page.check(`input[aria-label="select ${FIXTURE_IDS.twoLayer}"]`);
    await page.click("a.button >> text=Compare");
    await page.waitForSelector('[data-chart="overlaid training curves"] svg');
    const legend = await page.textContent('[data-chart="overlaid training curves"]');
    expect(legend).toContain("mlp 784-32-10 sgd");
    expect(legend).toContain("two-layer 50");
    // 4 + 3 epochs, train and val, in two panels.
    await page.waitForFunction(
      () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 28,
    );
    const differing = await page.$$eval(".compare-table tr.differs th", (ths) =>
      ths.map((t) => t.textContent),
    );
    expect(differing).toEqual(expect.arrayContaining(["optimizer.learningRate", "model.kind", "epochs"]));
    expect(differing).not.toContain("dataset");
    await shot("compare");
  });

  it("predicts a drawn digit with the run's model in the browser", async () => {
    await open(`#/runs/${FIXTURE_IDS.mlp}/try`);
    const canvas = await page.waitForSelector("canvas.drawing");
    const box = (await canvas.boundingBox())!;
    // A "1": one vertical stroke down the middle.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.07 * i));
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector(".prediction")?.textContent !== "—");
    const probabilities = await page.$$eval(".probabilities .value", (v) =>
      v.map((e) => Number.parseFloat(e.textContent ?? "")),
    );
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    const prediction = await page.textContent(".prediction");
    expect(prediction).toMatch(/^[0-9]$/);
    // The model learned seven-segment digits: a centred vertical bar is its "1".
    expect(prediction).toBe("1");
    await shot("try-it");
  });

  it("grows a running run's curves as metrics lines are appended", async () => {
    await open(`#/runs/${FIXTURE_IDS.live}/live`);
    await page.waitForFunction(() => document.querySelector(".curves")?.getAttribute("data-points") === "2");
    expect(await page.textContent(".live-status")).toContain("running");
    const before = await page.$$eval(".curves .mark-symbol.role-mark path", (p) => p.length);
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
    await page.waitForFunction(() => document.querySelector(".curves")?.getAttribute("data-points") === "4");
    await page.waitForFunction(
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
    await page.waitForFunction(() => document.querySelector(".curves")?.getAttribute("data-points") === "6");
    expect(await page.textContent(".live-status")).toContain("epoch 3 of 6");
    await shot("live");
    // A torn or garbage line is reported and skipped; the curves stay.
    appendFileSync(join(live.dir, "metrics.jsonl"), "{ not json\n");
    await page.waitForFunction(() => document.body.textContent?.includes("Skipped bad metrics lines"));
    expect(await page.getAttribute(".curves", "data-points")).toBe("6");
    live.complete();
    await page.waitForFunction(
      () => document.querySelector(".live-status .status")?.textContent === "completed",
    );
  });

  it("shows a corrupt run's error in its page", async () => {
    await open(`#/runs/${FIXTURE_IDS.corrupt}`);
    const alert = await page.waitForSelector('[role="alert"]');
    expect(await alert.textContent()).toMatch(/Cannot open run .*broken.*run\.json/s);
    await shot("corrupt-run");
    // A run that does not exist says so too.
    await page.goto(`${server.url}#/runs/no-such-run`);
    await page.waitForFunction(() =>
      document.querySelector('[role="alert"]')?.textContent?.includes("no run no-such-run"),
    );
  });
});
