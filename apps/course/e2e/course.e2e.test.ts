import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { serveStatic } from "../scripts/serve-static.mjs";

// The static build (pnpm build:static) served on loopback, as any static host would serve it, and driven
// in Debian's Chromium like a student would: pick a section, press Train, reload mid-run, download the run.

const CHROMIUM = process.env.MLP_CHROMIUM ?? "/usr/bin/chromium";
const STATIC_DIR = fileURLToPath(new URL("../dist/static", import.meta.url));
const CLI = fileURLToPath(new URL("../../cli/dist/mlp.js", import.meta.url));
const SHOTS = process.env.MLP_COURSE_SHOTS ?? "/tmp/course-shots";
/** Where the measured page speeds go, for the bench table (`pnpm bench` in apps/course). */
const SPEEDS = process.env.MLP_COURSE_SPEEDS;

let browser: Browser;
let context: BrowserContext;
let server: Server;
let base: string;
const errors: string[] = [];
const work = mkdtempSync(join(tmpdir(), "course-e2e-"));

async function openPage(path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  await page.goto(`${base}${path}`);
  return page;
}

/** The table row of the newest run named `name`. */
function runRow(page: Page, name: string) {
  return page.locator("tbody tr", { has: page.getByRole("button", { name, exact: true }) }).first();
}

async function downloadRun(page: Page, name: string): Promise<{ id: string; tar: string }> {
  const row = runRow(page, name);
  const id = (await row.getAttribute("data-run-id")) ?? "";
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("button", { name: "Download" }).click(),
  ]);
  const tar = join(work, `${id}.tar`);
  await download.saveAs(tar);
  return { id, tar };
}

describe.skipIf(!existsSync(CHROMIUM) && process.env.MLP_SKIP_BROWSER_TESTS === "1" && !process.env.CI)(
  "the course in the browser (static build, Chromium)",
  () => {
    beforeAll(async () => {
      if (!existsSync(join(STATIC_DIR, "index.html"))) {
        throw new Error(
          `${STATIC_DIR} has no build: run \`pnpm --filter @mlp-lab/course-web build:static\` first`,
        );
      }
      if (!existsSync(CHROMIUM))
        throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
      mkdirSync(SHOTS, { recursive: true });
      ({ server, url: base } = await serveStatic(STATIC_DIR));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
        ],
      });
      context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((ok) => server?.close(ok));
      rmSync(work, { recursive: true, force: true });
    });

    it("trains TwoLayerMLP for one epoch on MNIST to the course's accuracy, and `mlp eval` accepts the downloaded run", async () => {
      const page = await openPage("?backend=wasm#/section/twolayer");
      await page.getByRole("button", { name: "Train" }).click();
      await expect
        .poll(() => runRow(page, "twolayer").getByTestId("run-status").textContent(), {
          timeout: 300_000,
          interval: 1000,
        })
        .toBe("completed");
      const best = Number.parseFloat(
        (await runRow(page, "twolayer").getByTestId("run-best").textContent()) ?? "",
      );
      expect(best).toBeGreaterThanOrEqual(90.5);
      const log = (await page.getByTestId("log").textContent()) ?? "";
      expect(log).toMatch(/Epoch 0\/0/);
      expect(log).toMatch(/train Loss: \d\.\d{4} Acc: \d+\.\d{2}%/);
      expect(log).toMatch(/val Loss: \d\.\d{4} Acc: \d+\.\d{2}%/);
      await expect
        .poll(() => page.getByTestId("backend").textContent())
        .toMatch(/Backend: wasm .*samples\/s/);
      await expect.poll(() => page.getByRole("img", { name: "Sample predictions" }).count()).toBe(1);
      await expect.poll(() => page.getByRole("img", { name: "First-layer weights" }).count()).toBe(1);
      await expect.poll(() => page.locator(".figures .chart svg").count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, "twolayer-trained.png"), fullPage: true });
      if (SPEEDS) {
        const speed = (await page.getByTestId("speed").textContent())?.replace(/[^\d]/g, "");
        writeFileSync(
          SPEEDS,
          `${JSON.stringify({ backend: "wasm", samplesPerSecond: Number(speed), bestValAccuracy: best })}\n`,
          { flag: "a" },
        );
      }

      const { id, tar } = await downloadRun(page, "twolayer");
      const runsDir = join(work, "runs");
      mkdirSync(runsDir, { recursive: true });
      execFileSync("tar", ["-xf", tar, "-C", runsDir]);
      const listed = execFileSync(process.execPath, [CLI, "runs", "--runs-dir", runsDir], {
        encoding: "utf8",
      });
      expect(listed).toContain(id);
      const evaluated = execFileSync(
        process.execPath,
        [CLI, "eval", id, "--runs-dir", runsDir, "--backend", "cpu"],
        { encoding: "utf8" },
      );
      expect(evaluated).toMatch(/accuracy|Acc/i);
      await page.close();
    });

    it("continues a run from its last epoch checkpoint after a reload, with no gap or duplicate epoch", async () => {
      const page = await openPage("?backend=wasm&quick=1#/section/compare");
      await page.getByRole("button", { name: "Train" }).click();
      // Wait until the first epoch's checkpoint is stored, then reload in the middle of the second epoch.
      await expect
        .poll(() => runRow(page, "compare-50").locator("td").nth(2).textContent(), {
          timeout: 180_000,
          interval: 500,
        })
        .toMatch(/^[12]\/3$/);
      await page.reload();
      await expect
        .poll(() => page.locator("output.message").textContent())
        .toMatch(/Continuing run compare-50/);
      await expect
        .poll(() => runRow(page, "compare-50").getByTestId("run-status").textContent(), {
          timeout: 300_000,
          interval: 1000,
        })
        .toBe("completed");
      const { id, tar } = await downloadRun(page, "compare-50");
      const dir = join(work, "resumed");
      mkdirSync(dir, { recursive: true });
      execFileSync("tar", ["-xf", tar, "-C", dir]);
      const lines = readFileSync(join(dir, id, "metrics.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { epoch: number; phase: string });
      expect(lines.map((l) => `${l.epoch}${l.phase}`)).toEqual([
        "0train",
        "0val",
        "1train",
        "1val",
        "2train",
        "2val",
      ]);
      const record = JSON.parse(readFileSync(join(dir, id, "run.json"), "utf8")) as {
        resumes: unknown[];
        status: string;
      };
      expect(record.status).toBe("completed");
      expect(record.resumes.length).toBe(1);
      await page.screenshot({ path: join(SHOTS, "compare-resumed.png"), fullPage: true });
      await page.close();
    });

    it("opens a run archive from disk", async () => {
      const page = await openPage("#/section/twolayer");
      const tar = readFileSync(
        join(work, (await import("node:fs")).readdirSync(work).find((f) => f.endsWith(".tar"))!),
      );
      await page.evaluate(async () => {
        const dbs = await indexedDB.databases();
        for (const db of dbs) if (db.name) indexedDB.deleteDatabase(db.name);
      });
      await page.reload();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: "run.tar", mimeType: "application/x-tar", buffer: tar });
      await expect.poll(() => page.locator("output.message").textContent()).toMatch(/Opened run/);
      await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
      await page.close();
    });

    afterAll(() => {
      expect(errors).toEqual([]);
    });
  },
);
