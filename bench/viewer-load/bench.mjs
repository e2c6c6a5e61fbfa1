// Viewer under load (issue #14): a generated store of RUNS runs (default 2,000), `GET /api/runs` latency,
// the runs page load in Chromium, and SSE_CLIENTS (default 100) live event streams on one running run for
// SSE_SECONDS (default 30), then the server's open file descriptors after they leave. Loopback only.
//   pnpm --filter @mlp-lab/runs build && pnpm --filter @mlp-lab/viewer build && node bench/viewer-load/bench.mjs
// Goals: /api/runs p99 <= 200 ms at 2,000 runs; page interactive <= 2 s; no stream error; no fd growth.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRun } from "../../packages/runs/dist/index.js";

const RUNS = Number(process.env.RUNS ?? 2000);
const SSE_CLIENTS = Number(process.env.SSE_CLIENTS ?? 100);
const SSE_SECONDS = Number(process.env.SSE_SECONDS ?? 30);
const REQUESTS = Number(process.env.REQUESTS ?? 100);
const CHROMIUM = process.env.MLP_CHROMIUM ?? "/usr/bin/chromium";
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { chromium } = createRequire(here("../../apps/viewer/package.json"))("playwright-core");

const CONFIG = {
  model: { kind: "mlp", layers: [128, 64], activation: "relu", dropout: 0.2 },
  optimizer: { name: "adam", learningRate: 0.001 },
  epochs: 5,
  batchSize: 32,
  dataset: "mnist",
  seed: 42,
};
const entry = (epoch, phase, acc) => ({
  epoch,
  phase,
  loss: 1 - acc,
  accuracy: acc,
  lr: 0.001,
  seconds: 1.5,
  samples: 100,
});

/** RUNS completed runs, written from one template (bench data: no fsync), plus one live run. */
function generateStore(root) {
  const runsDir = join(root, "runs");
  const template = createRun(runsDir, { config: CONFIG, id: "20250101-000000-000-template" });
  for (let e = 1; e <= 5; e++) {
    template.appendMetrics(entry(e, "train", 0.8 + e / 100));
    template.appendMetrics(entry(e, "val", 0.78 + e / 100));
  }
  template.complete();
  const dir = join(runsDir, template.id);
  const record = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
  const metrics = readFileSync(join(dir, "metrics.jsonl"));
  const base = Date.UTC(2025, 0, 2);
  for (let i = 0; i < RUNS - 1; i++) {
    const t = new Date(base + i * 61_000).toISOString();
    const id = `${t.slice(0, 10).replaceAll("-", "")}-${t.slice(11, 19).replaceAll(":", "")}-000-b${i}`;
    const folder = join(runsDir, id);
    mkdirSync(folder);
    writeFileSync(join(folder, "run.json"), JSON.stringify({ ...record, id, name: `bench ${i}` }));
    writeFileSync(join(folder, "metrics.jsonl"), metrics);
  }
  const live = createRun(runsDir, { config: { ...CONFIG, epochs: 1000 }, id: "20991231-000000-000-live" });
  return { runsDir, live };
}

function get(url) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    request(url, (res) => {
      let bytes = 0;
      res.on("data", (c) => {
        bytes += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t0, bytes }));
    })
      .on("error", reject)
      .end();
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function latency(url, n) {
  for (let i = 0; i < 5; i++) await get(url);
  const times = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await get(url);
    if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), bytes };
}

async function pageLoad(url, tries = 3) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const results = [];
  try {
    for (let i = 0; i < tries; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      const t0 = performance.now();
      await page.goto(`${url}#/`, { waitUntil: "domcontentloaded" });
      await page.waitForSelector("tr[data-run-id]", { timeout: 60_000 });
      await page.waitForSelector('input[aria-label="filter runs"]:enabled');
      const interactive = performance.now() - t0;
      // A filter keystroke must be answered: the page is usable, not only painted.
      const t1 = performance.now();
      await page.fill('input[aria-label="filter runs"]', "bench 1999");
      await page.waitForFunction(() => document.querySelectorAll("tr[data-run-id]").length <= 2);
      const filter = performance.now() - t1;
      await page.fill('input[aria-label="filter runs"]', "");
      const rows = await page.$$eval("tr[data-run-id]", (r) => r.length);
      results.push({ interactive, filter, rows, errors });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  results.sort((a, b) => a.interactive - b.interactive);
  return results[Math.floor(results.length / 2)];
}

const fdCount = (pid) => readdirSync(`/proc/${pid}/fd`).length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function openStream(url) {
  return new Promise((resolve) => {
    const client = { status: 0, metrics: 0, lastId: 0, errors: [], req: undefined };
    client.req = request(url, (res) => {
      client.status = res.statusCode;
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (!block.includes("event: metrics")) continue;
          const data = JSON.parse(block.slice(block.indexOf("data: ") + 6));
          if (data.fromLine !== client.lastId)
            client.errors.push(`gap: ${client.lastId} -> ${data.fromLine}`);
          client.lastId = data.toLine;
          client.metrics += data.entries.length;
        }
      });
      res.on("error", (e) => client.errors.push(e.message));
      resolve(client);
    });
    client.req.on("error", (e) => {
      client.errors.push(e.message);
      resolve(client);
    });
    client.req.end();
  });
}

async function sseLoad(url, pid, live) {
  const path = `${url}api/runs/${live.id}/events`;
  // One stream opened and closed first: one-time descriptors (the inotify instance) are in the baseline.
  const warm = await openStream(path);
  await sleep(500);
  warm.req.destroy();
  await sleep(500);
  const before = fdCount(pid);
  const clients = await Promise.all(Array.from({ length: SSE_CLIENTS }, () => openStream(path)));
  const refused = await get(path);
  const during = fdCount(pid);
  let appended = 0;
  const end = Date.now() + SSE_SECONDS * 1000;
  while (Date.now() < end) {
    appended++;
    live.appendMetrics(entry(appended, "train", 0.5));
    await sleep(250);
  }
  await sleep(1500);
  const errors = clients.flatMap((c) => c.errors);
  const notOk = clients.filter((c) => c.status !== 200).length;
  const complete = clients.filter((c) => c.metrics === appended).length;
  for (const c of clients) c.req.destroy();
  let after = fdCount(pid);
  for (let i = 0; i < 20 && after > before; i++) {
    await sleep(250);
    after = fdCount(pid);
  }
  return { before, during, after, errors, notOk, complete, appended, refusedStatus: refused.status };
}

const root = mkdtempSync(join(tmpdir(), "mlp-viewer-load-"));
const t0 = performance.now();
const { runsDir, live } = generateStore(root);
const generated = performance.now() - t0;
const child = spawn(process.execPath, [here("./serve.mjs"), runsDir, String(SSE_CLIENTS)], {
  stdio: ["ignore", "pipe", "inherit"],
});
try {
  const { url, pid } = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(JSON.parse(String(d))));
    child.once("exit", (code) => reject(new Error(`viewer server exited with ${code}`)));
  });
  const list = await latency(`${url}api/runs`, REQUESTS);
  const one = await latency(`${url}api/runs/${live.id}`, REQUESTS);
  const index = await latency(url, REQUESTS);
  const page = await pageLoad(url);
  const sse = await sseLoad(url, pid, live);
  const ok = (b) => (b ? "ok" : "MISSED");
  const rows = [
    ["store", `${RUNS} runs generated in ${(generated / 1000).toFixed(1)} s`, "", ""],
    [
      "GET / (index.html, reference)",
      `p50 ${index.p50.toFixed(1)} ms, p99 ${index.p99.toFixed(1)} ms`,
      "",
      "",
    ],
    ["GET /api/runs/:id (reference)", `p50 ${one.p50.toFixed(1)} ms, p99 ${one.p99.toFixed(1)} ms`, "", ""],
    [
      `GET /api/runs (${RUNS} runs, ${(list.bytes / 1e6).toFixed(2)} MB)`,
      `p50 ${list.p50.toFixed(1)} ms, p99 ${list.p99.toFixed(1)} ms`,
      "p99 <= 200 ms",
      ok(list.p99 <= 200),
    ],
    [
      "runs page interactive (Chromium, median of 3)",
      `${page.interactive.toFixed(0)} ms, ${page.rows} rows, filter answered in ${page.filter.toFixed(0)} ms, ${page.errors.length} console errors`,
      "<= 2000 ms",
      ok(page.interactive <= 2000 && page.errors.length === 0),
    ],
    [
      `${SSE_CLIENTS} SSE clients x ${SSE_SECONDS} s`,
      `${sse.complete}/${SSE_CLIENTS} got all ${sse.appended} lines, ${sse.notOk} refused, ${sse.errors.length} errors; client ${SSE_CLIENTS + 1}: HTTP ${sse.refusedStatus}`,
      "no error; over the bound 503",
      ok(sse.complete === SSE_CLIENTS && sse.errors.length === 0 && sse.refusedStatus === 503),
    ],
    [
      "server fds before / during / after",
      `${sse.before} / ${sse.during} / ${sse.after}`,
      "after <= before",
      ok(sse.after <= sse.before),
    ],
  ];
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  console.log(`\nViewer under load (node ${process.version}, loopback)\n`);
  console.log(`| ${["measure", "result", "goal", ""].map((h, i) => h.padEnd(w[i])).join(" | ")} |`);
  console.log(`|${w.map((n) => "-".repeat(n + 2)).join("|")}|`);
  for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(w[i])).join(" | ")} |`);
  if (sse.errors.length > 0) console.log(`first stream errors: ${sse.errors.slice(0, 3).join("; ")}`);
  process.exitCode = rows.some((r) => r[3] === "MISSED") ? 1 : 0;
} finally {
  live.complete();
  child.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
