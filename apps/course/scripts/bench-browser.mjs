#!/usr/bin/env node
// Bench: training speed of the course's TwoLayerMLP in headless Chromium, per backend the browser offers
// here (wasm; WebGL on SwiftShader, Chromium's CPU GPU; WebGPU where an adapter exists), against the
// `native` backend in Node measured in the same run. Each row: samples/s of the training phase of one
// epoch on the first 10,000 MNIST images (`?quick=1`), from the run's own metrics.jsonl, and the
// validation accuracy beside it so a fast wrong answer shows. Needs `pnpm build` here and the CLI built.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveStatic } from "./serve-static.mjs";

const CHROMIUM = process.env.MLP_CHROMIUM ?? "/usr/bin/chromium";
const STATIC_DIR = fileURLToPath(new URL("../dist/static", import.meta.url));
const CLI = fileURLToPath(new URL("../../cli/dist/mlp.js", import.meta.url));
const BACKENDS = (process.env.BENCH_BACKENDS ?? "wasm,webgl,webgpu,cpu").split(",");

if (!existsSync(join(STATIC_DIR, "index.html")))
  throw new Error("run `pnpm --filter @mlp-lab/course-web build` first");
const load = loadavg()[0].toFixed(2);
const rows = [];

// Node, native backend, same workload.
const runsDir = mkdtempSync(join(tmpdir(), "course-bench-"));
try {
  execFileSync(
    process.execPath,
    [
      CLI,
      "train",
      "--backend",
      "native",
      "--train-limit",
      "10000",
      "--val-limit",
      "2000",
      "--runs-dir",
      runsDir,
    ],
    { stdio: "ignore" },
  );
  const id = readdirSync(runsDir).find((d) => !d.startsWith("."));
  const lines = readFileSync(join(runsDir, id, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const train = lines.find((l) => l.phase === "train");
  const val = lines.find((l) => l.phase === "val");
  rows.push({
    where: "Node",
    backend: "native",
    detail: "reference",
    samplesPerSecond: train.samples / train.seconds,
    valAccuracy: val.accuracy,
  });
} catch (error) {
  rows.push({ where: "Node", backend: "native", detail: `failed: ${error.message.split("\n")[0]}` });
} finally {
  rmSync(runsDir, { recursive: true, force: true });
}

const { server, url } = await serveStatic(STATIC_DIR);
for (const backend of BACKENDS) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      // WebGL on SwiftShader (no GPU here); WebGPU only where the browser finds an adapter.
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--enable-unsafe-webgpu",
    ],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`${url}?backend=${backend}&quick=1#/section/twolayer`);
    await page.getByRole("button", { name: "Train" }).click();
    await page.waitForFunction(
      () => /completed|failed|error/.test(document.querySelector('[data-testid="log"]')?.textContent ?? ""),
      null,
      { timeout: 900_000 },
    );
    const chosen = (await page.getByTestId("backend").textContent()) ?? "";
    const metrics = await page.evaluate(async () => {
      const db = await new Promise((ok, ko) => {
        const r = indexedDB.open("mlp-lab-runs");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const tx = db.transaction("files");
      const store = tx.objectStore("files");
      const keys = await new Promise((ok) => {
        const r = store.getAllKeys();
        r.onsuccess = () => ok(r.result);
      });
      const key = keys.find((k) => String(k).endsWith("/metrics.jsonl"));
      const bytes = await new Promise((ok) => {
        const r = store.get(key);
        r.onsuccess = () => ok(r.result);
      });
      return new TextDecoder().decode(bytes);
    });
    const lines = metrics
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const train = lines.find((l) => l.phase === "train");
    const val = lines.find((l) => l.phase === "val");
    const name = /Backend: (\w+)/.exec(chosen)?.[1] ?? "?";
    const detail = /\((.*)\)/.exec(chosen)?.[1] ?? "";
    rows.push({
      where: "Chromium",
      backend: name === backend ? name : `${backend} → ${name}`,
      detail,
      samplesPerSecond: train.samples / train.seconds,
      valAccuracy: val?.accuracy,
    });
  } catch (error) {
    rows.push({ where: "Chromium", backend, detail: `failed: ${error.message.split("\n")[0]}` });
  } finally {
    await browser.close();
  }
}
server.close();

const ref = rows.find((r) => r.backend === "native")?.samplesPerSecond;
console.log(`Course TwoLayerMLP, 1 epoch on 10,000 MNIST images (batch 64); load average at start ${load}`);
console.log("| where | backend | device | samples/s | vs native | val acc |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  const sps = r.samplesPerSecond ? Math.round(r.samplesPerSecond).toLocaleString("en") : "–";
  const ratio = r.samplesPerSecond && ref ? `${(r.samplesPerSecond / ref).toFixed(2)}x` : "–";
  const acc = r.valAccuracy === undefined ? "–" : `${(100 * r.valAccuracy).toFixed(2)}%`;
  console.log(`| ${r.where} | ${r.backend} | ${r.detail} | ${sps} | ${ratio} | ${acc} |`);
}
