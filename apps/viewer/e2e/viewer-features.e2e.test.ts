import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seriousAxeViolations } from "./axe.js";
import { SHOTS_DIR, skipBrowserTests, useViewerSession } from "./browser.js";
import { FIXTURE_IDS, writeRunStore } from "./fixtures/write-run-store.js";

const ASSETS = fileURLToPath(new URL("../dist/app/assets", import.meta.url));
/** The first-load budget of issue #17: the runs page's JavaScript, gzip-compressed. */
const INITIAL_JS_BUDGET = 350 * 1024;

describe.skipIf(skipBrowserTests())(
  "viewer features in Chromium: curves, exports, URL state, themes, a11y",
  () => {
    const session = useViewerSession("mlp-viewer-features-", async (runsDir) => {
      await writeRunStore(runsDir);
    });
    const { open } = session;
    const shot = (name: string) =>
      session.page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
    const linePaths = () =>
      session.page.$$eval(".curves .mark-line.role-mark path", (ps) => ps.map((p) => p.getAttribute("d")));

    it("loads at most 350 KB gzip of JavaScript for the runs page, and neither tfjs nor vega", async () => {
      await open("#/");
      await session.page.waitForSelector(`tr[data-run-id="${FIXTURE_IDS.mlp}"]`);
      await session.page.waitForLoadState("networkidle");
      const scripts = await session.page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((n) => n.endsWith(".js")),
      );
      const files = new Set(readdirSync(ASSETS));
      const sizes = scripts.map((url) => {
        const name = basename(new URL(url).pathname);
        expect(files.has(name), `${name} is a file of the build`).toBe(true);
        return { name, gzip: gzipSync(readFileSync(join(ASSETS, name)), { level: 9 }).length };
      });
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      console.log(
        `runs page initial JS: ${sizes.map((s) => `${s.name} ${(s.gzip / 1024).toFixed(1)} KB`).join(", ")}; total ${(total / 1024).toFixed(1)} KB gzip (budget 350 KB)`,
      );
      expect(scripts.length).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
      // tfjs and vega register globals-free, so look for their code instead: neither is on this page.
      const source = sizes.map((s) => readFileSync(join(ASSETS, s.name), "utf8")).join("\n");
      expect(source).not.toContain("tfjsflags");
      expect(source).not.toContain("vega-lite");
    });

    it("shows tags, filters by tag:x, and keeps filter and sort across a reload", async () => {
      await open("#/");
      await session.page.waitForSelector(`tr[data-run-id="${FIXTURE_IDS.mlp}"] a.tag >> text=baseline`);
      await shot("runs-table-tags");
      await session.page.fill('input[aria-label="filter runs"]', "tag:course");
      await session.page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 1);
      await session.page.click("th >> text=Best val acc");
      await session.page.waitForFunction(() => location.hash.includes("sort=bestValAccuracy:desc"));
      await session.page.reload();
      await session.page.waitForSelector(`tr[data-run-id="${FIXTURE_IDS.twoLayer}"]`);
      expect(await session.page.inputValue('input[aria-label="filter runs"]')).toBe("tag:course");
      expect(await session.page.$$eval("tr[data-run-id]", (r) => r.length)).toBe(1);
      expect(await session.page.getAttribute("th:has-text('Best val acc')", "aria-sort")).toBe("descending");
      // A hyperparameter column from the configs, chosen in the column chooser and kept in the link.
      await session.page.click("summary >> text=Columns");
      await session.page.check('label:has-text("batchSize") input');
      await session.page.waitForSelector("th >> text=batchSize");
      expect(await session.page.evaluate(() => location.hash)).toContain("param:batchSize");
      // The table is walked with the keyboard: arrow keys move between runs.
      await session.page.fill('input[aria-label="filter runs"]', "");
      await session.page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length === 4);
      await session.page.focus("a.run-link >> nth=0");
      await session.page.keyboard.press("ArrowDown");
      const focused = await session.page.evaluate(() =>
        document.activeElement?.closest("tr")?.getAttribute("data-run-id"),
      );
      const second = await session.page.getAttribute("tr[data-run-id] >> nth=1", "data-run-id");
      expect(focused).toBe(second);
    });

    it("draws the learning-rate curve, and smoothing changes the drawn path (kept in the URL)", async () => {
      await open(`#/runs/${FIXTURE_IDS.mlp}`);
      const chart = '.curves [data-chart="training curves"]';
      await session.page.waitForSelector(`${chart} svg`);
      await session.page.waitForFunction(
        () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 20,
      );
      // The page tabs are walked with the arrow keys.
      await session.page.focus('.tabs a:has-text("Overview")');
      await session.page.keyboard.press("ArrowRight");
      expect(await session.page.evaluate(() => document.activeElement?.textContent)).toBe("Live");
      const titles = await session.page.$$eval(`${chart} .role-title-text`, (t) =>
        t.map((e) => e.textContent),
      );
      expect(titles).toEqual(expect.arrayContaining(["Loss", "Accuracy", "Learning rate"]));
      const raw = await linePaths();
      // Loss, accuracy (train and val) and learning rate (train): five lines, no faint raw copies yet.
      expect(raw).toHaveLength(5);
      await session.page.focus("input.smoothing");
      await session.page.keyboard.press("End"); // 0.99, with the keyboard like any user of a slider
      await session.page.waitForFunction(() => location.hash.includes("smooth=0.99"));
      await session.page.waitForFunction(
        () => document.querySelectorAll(".curves .mark-line.role-mark path").length === 9,
      );
      const smoothed = await linePaths();
      // Four smoothed loss and accuracy lines are new paths; the learning rate is never smoothed.
      expect(smoothed.filter((d) => !raw.includes(d)).length).toBeGreaterThanOrEqual(4);
      // The raw curves stay behind the smoothed ones, faint.
      const faint = await session.page.$$eval(
        ".curves .mark-line.role-mark path",
        (ps) =>
          ps.filter((p) => (p.getAttribute("opacity") ?? p.getAttribute("stroke-opacity")) === "0.25").length,
      );
      expect(faint).toBe(4);
      await session.page.check('label:has-text("log scale") input');
      await session.page.waitForFunction(() => location.hash.includes("y=log"));
      await session.page.reload();
      await session.page.waitForSelector(`${chart} svg`);
      expect(await session.page.inputValue("input.smoothing")).toBe("0.99");
      expect(await session.page.isChecked('label:has-text("log scale") input')).toBe(true);
      await session.page.selectOption(
        "select#" + (await session.page.getAttribute("label:has-text('x axis')", "for")),
        "wall",
      );
      await session.page.waitForFunction(() =>
        document.querySelector(".curves")?.textContent?.includes("Wall time (s)"),
      );
      // A shared link opens with its settings: TensorBoard's default smoothing, linear y, epochs.
      await open(`#/runs/${FIXTURE_IDS.mlp}?smooth=0.6`);
      await session.page.waitForFunction(
        () => document.querySelectorAll(".curves .mark-line.role-mark path").length === 9,
      );
      expect(await session.page.textContent(".smoothing-value")).toBe("0.60");
      await shot("run-page-smoothed-lr");
      await session.page.locator(".run-columns").screenshot({ path: join(SHOTS_DIR, "run-page-curves.png") });
    });

    it("downloads metrics.csv with one row per epoch and phase, and the figure as SVG", async () => {
      await open(`#/runs/${FIXTURE_IDS.mlp}`);
      await session.page.waitForSelector('.curves [data-chart="training curves"][data-ready] svg');
      const [csv] = await Promise.all([
        session.page.waitForEvent("download"),
        session.page.click(".downloads >> text=CSV"),
      ]);
      expect(csv.suggestedFilename()).toBe(`${FIXTURE_IDS.mlp}-metrics.csv`);
      const lines = readFileSync((await csv.path())!, "utf8")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toMatch(/^epoch,phase,loss,accuracy,lr,seconds,samples,time/);
      // 4 epochs x train and val.
      expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(
        [1, 2, 3, 4].flatMap((e) => [`${e},train`, `${e},val`]),
      );
      const [svg] = await Promise.all([
        session.page.waitForEvent("download"),
        session.page.click('button[aria-label="save training curves as SVG"]'),
      ]);
      expect(svg.suggestedFilename()).toBe(`${FIXTURE_IDS.mlp}-curves.svg`);
      expect(readFileSync((await svg.path())!, "utf8")).toMatch(
        /^<svg[^>]*>[\s\S]*Learning rate[\s\S]*<\/svg>$/,
      );
      const [png] = await Promise.all([
        session.page.waitForEvent("download"),
        session.page.click('button[aria-label="save training curves as PNG"]'),
      ]);
      expect(
        readFileSync((await png.path())!)
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    });

    it("compares runs with a legend that hides a run, and downloads the compare table as CSV", async () => {
      await open(`#/compare?runs=${FIXTURE_IDS.mlp},${FIXTURE_IDS.twoLayer}`);
      await session.page.waitForFunction(
        () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 35,
      );
      await session.page.click('.run-legend button:has-text("two-layer 50")');
      expect(
        await session.page.getAttribute('.run-legend button:has-text("two-layer 50")', "aria-pressed"),
      ).toBe("false");
      // Only the 4-epoch run is left: 4 x 2 phases x 2 panels + 4 learning rates.
      await session.page.waitForFunction(
        () => document.querySelectorAll(".curves .mark-symbol.role-mark path").length === 20,
      );
      expect(await session.page.evaluate(() => location.hash)).toContain("hide=two-layer");
      const [download] = await Promise.all([
        session.page.waitForEvent("download"),
        session.page.click("text=Download CSV"),
      ]);
      const lines = readFileSync((await download.path())!, "utf8")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toBe(`setting,${FIXTURE_IDS.mlp},${FIXTURE_IDS.twoLayer}`);
      expect(lines).toContain("optimizer.learningRate,0.1,0.02");
    });

    it("switches the confusion matrix to row-normalised and lists a clicked cell's samples", async () => {
      await open(`#/runs/${FIXTURE_IDS.mlp}`);
      const chart = '[data-chart="confusion matrix"]';
      await session.page.waitForSelector(`${chart}[data-ready] svg`);
      await session.page.check('label:has-text("row-normalised") input');
      await session.page.waitForFunction(
        (c) =>
          [...document.querySelectorAll(`${c} .mark-text text`)].some((t) => t.textContent?.endsWith("%")),
        chart,
      );
      expect(await session.page.evaluate(() => location.hash)).toContain("cm=normalized");
      // Click an off-diagonal cell holding samples: its aria label says true, predicted and count.
      const box = await session.page.evaluate((c) => {
        for (const path of document.querySelectorAll(`${c} .mark-rect path`)) {
          const label = path.getAttribute("aria-label") ?? "";
          const t = /True: (\d+)/.exec(label)?.[1];
          const p = /Predicted: (\d+)/.exec(label)?.[1];
          const count = Number(/Count: (\d+)/.exec(label)?.[1] ?? 0);
          if (t !== undefined && p !== undefined && t !== p && count > 0) {
            // Below the fold otherwise: a click outside the viewport reaches nothing.
            path.scrollIntoView({ block: "center" });
            const r = path.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2, t, p, count, label };
          }
        }
        return null;
      }, chart);
      expect(box, "an off-diagonal cell with samples").not.toBeNull();
      await session.page.mouse.click(box!.x, box!.y);
      const panel = await session.page.waitForSelector(`.cell-samples[data-cell="${box!.t},${box!.p}"]`);
      await session.page.waitForSelector(".cell-samples .cell-sample-list");
      expect(await panel.textContent()).toContain(`true ${box!.t} predicted as ${box!.p}`);
      expect(await panel.textContent()).toContain(`${box!.count} sample`);
    });

    it("follows the system's dark scheme, themes the charts, and can be switched back to light", async () => {
      await open(`#/runs/${FIXTURE_IDS.mlp}`);
      await session.page.waitForSelector('.curves [data-chart="training curves"][data-ready] svg');
      expect(await session.page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
      await session.page.emulateMedia({ colorScheme: "dark" });
      await session.page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
      await session.page.waitForSelector('[data-chart="confusion matrix"][data-ready] svg');
      await session.page.waitForSelector('.curves [data-chart="training curves"][data-ready] svg');
      expect(
        await session.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      ).toBe("rgb(18, 22, 29)");
      // The chart redraws in the dark theme: its background is the dark panel colour (#1b2029).
      await session.page.waitForFunction(() => {
        const svg = document.querySelector('.curves [data-chart="training curves"] svg');
        if (!svg) return false;
        return (
          getComputedStyle(svg).backgroundColor === "rgb(27, 32, 41)" ||
          svg.innerHTML.toLowerCase().includes("#1b2029")
        );
      });
      await shot("run-page-dark");
      await session.page
        .locator(".run-columns")
        .screenshot({ path: join(SHOTS_DIR, "run-page-dark-curves.png") });
      expect(await seriousAxeViolations(session.page)).toEqual([]);
      await session.page.selectOption(".scheme-toggle select", "light");
      await session.page.waitForFunction(() => document.documentElement.dataset.theme === "light");
      await session.page.reload();
      // The choice is remembered over the system's preference.
      await session.page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    });

    it("passes axe-core (no serious or critical violation) on every page", async () => {
      const pages: [string, string][] = [
        ["#/", `tr[data-run-id="${FIXTURE_IDS.mlp}"]`],
        [`#/runs/${FIXTURE_IDS.mlp}`, '[data-chart="confusion matrix"][data-ready] svg'],
        [`#/runs/${FIXTURE_IDS.live}/live`, '.curves [data-chart="training curves"][data-ready] svg'],
        [`#/runs/${FIXTURE_IDS.mlp}/try`, "canvas.drawing"],
        [
          `#/compare?runs=${FIXTURE_IDS.mlp},${FIXTURE_IDS.twoLayer}`,
          '[data-chart="overlaid training curves"][data-ready] svg',
        ],
        [`#/runs/${FIXTURE_IDS.corrupt}`, '[role="alert"]'],
      ];
      const found: Record<string, unknown> = {};
      for (const [hash, ready] of pages) {
        await session.page.close();
        await open(hash);
        await session.page.waitForSelector(ready);
        const violations = await seriousAxeViolations(session.page);
        if (violations.length > 0) found[hash] = violations;
      }
      expect(found).toEqual({});
    });
  },
);
