import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SMALL, mlp, tempDir } from "./cli.js";

describe("mlp compare and mlp runs", () => {
  const cwd = tempDir();

  it("compare --parallel 2 trains each architecture in a worker and prints the table", async () => {
    const r = await mlp(
      ["compare", "--layers", "50", "--layers", "64,32", ...SMALL, "--epochs", "2", "--parallel", "2"],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const [header, rule, ...rows] = r.stdout.trim().split("\n");
    expect(header).toMatch(/^layers\s+parameters\s+best val acc\s+epoch of best\s+seconds\s+run$/);
    expect(rule).toMatch(/^-+/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^50\s+39760\s+\d+\.\d\d%\s+[01]\s+\d+\.\d/);
    expect(rows[1]).toMatch(/^64,32\s+52650\s+/);
    const json = await mlp(["runs", "--json"], cwd);
    const runs = JSON.parse(json.stdout).runs;
    expect(runs.filter((e: { run: { tags: string[] } }) => e.run.tags.includes("compare"))).toHaveLength(2);
    const tagged = JSON.parse(
      (await mlp(["runs", "--tag", "compare", "--status", "completed", "--json"], cwd)).stdout,
    );
    expect(tagged.runs).toHaveLength(2);
    const ids = tagged.runs.map((e: { id: string }) => e.id) as string[];
    const plot = await mlp(["plot", ...ids, "--out", "both.svg"], cwd);
    expect(plot.code, plot.stderr).toBe(0);
    const svg = readFileSync(join(cwd, "both.svg"), "utf8");
    expect(svg).toContain("mnist-mlp-50");
    expect(svg).toContain("mnist-mlp-64-32");
    const none = await mlp(["runs", "--status", "interrupted"], cwd);
    expect(none.stderr).toContain("No run of the 2 in runs matches the filters");
  });

  it("a corrupt run.json is reported and never hides the good runs", async () => {
    mkdirSync(join(cwd, "runs", "20200101-000000-000-broken-0000"), { recursive: true });
    writeFileSync(join(cwd, "runs", "20200101-000000-000-broken-0000", "run.json"), "{ not json");
    const list = await mlp(["runs"], cwd);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/20200101-000000-000-broken-0000\s+corrupt/);
    expect(list.stdout.match(/completed/g)).toHaveLength(2);
    expect(list.stderr).toContain("20200101-000000-000-broken-0000");
    const json = JSON.parse((await mlp(["runs", "list", "--json"], cwd)).stdout);
    expect(json.runs).toHaveLength(3);
    expect(json.runs.find((e: { ok: boolean }) => !e.ok).error.code).toBe("CORRUPT_RUN");
    const show = await mlp(["runs", "show", "20200101"], cwd);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain("run.json");
  });

  it("runs show and rm", async () => {
    const json = JSON.parse((await mlp(["runs", "--json"], cwd)).stdout);
    const id = json.runs.find((e: { ok: boolean }) => e.ok).id as string;
    const show = await mlp(["runs", "show", id], cwd);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain("best val");
    expect(show.stdout).toMatch(/epoch\s+train loss\s+train acc\s+val loss\s+val acc/);
    const rm = await mlp(["runs", "rm", id], cwd);
    expect(rm.code, rm.stderr).toBe(0);
    const after = JSON.parse((await mlp(["runs", "--json"], cwd)).stdout);
    expect(after.runs).toHaveLength(2);
  });

  it("doctor and datasets answer", async () => {
    const doctor = await mlp(["doctor", "--json"], cwd);
    expect(doctor.code, doctor.stderr).toBe(0);
    const d = JSON.parse(doctor.stdout);
    expect(d.backends.find((b: { name: string }) => b.name === "wasm").available).toBe(true);
    expect(d.data.find((x: { name: string }) => x.name === "mnist").found).toBe(true);
    const ds = await mlp(["datasets", "info", "mnist"], cwd);
    expect(ds.code, ds.stderr).toBe(0);
    expect(ds.stdout).toContain("N input features: 784 Output classes: 10");
  });
});
