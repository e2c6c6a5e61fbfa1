import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type ViewerServer, startViewerServer } from "../src/server/index.js";

/** Debian's Chromium (`apt-get install -y chromium`); CI installs it. */
export const CHROMIUM = process.env.MLP_CHROMIUM ?? "/usr/bin/chromium";

/** Where each page's screenshot goes, to look at before a change lands. */
export const SHOTS_DIR = process.env.MLP_VIEWER_SHOTS ?? "/tmp/viewer-shots";

/**
 * Whether to skip the browser tests: only when Chromium is missing, outside CI, and the developer asked
 * with MLP_SKIP_BROWSER_TESTS=1. Anywhere else a missing Chromium fails the run loudly.
 */
export function skipBrowserTests(): boolean {
  return !existsSync(CHROMIUM) && process.env.MLP_SKIP_BROWSER_TESTS === "1" && !process.env.CI;
}

/** Headless Chromium with the flags the issue asks for. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` ` +
        "(or set MLP_SKIP_BROWSER_TESTS=1 to skip these tests on a machine without it)",
    );
  }
  mkdirSync(SHOTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** A page that records console errors and uncaught exceptions, which every test expects to stay empty. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // CI runs every package's tests at once on two cores: give the first chart and tfjs time to load.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  return { page, errors };
}

/** What a test sees of a running viewer: the current page, the server and its runs folder. */
export interface ViewerSession {
  /** The page of the current test, opened by {@link ViewerSession.open}. */
  readonly page: Page;
  /** The viewer server under test. */
  readonly server: ViewerServer;
  /** The runs folder it serves. */
  readonly runsDir: string;
  /** Open a fresh page at `hash` (e.g. `#/runs/<id>`). */
  open(hash: string): Promise<void>;
}

const APP_DIR = fileURLToPath(new URL("../dist/app", import.meta.url));

/**
 * Inside a `describe`: fill a temporary runs folder with `populate`, serve it with the built viewer,
 * launch Chromium, and after every test check that the page logged no console error or uncaught
 * exception; everything is torn down after the last test.
 */
export function useViewerSession(
  prefix: string,
  populate: (runsDir: string) => Promise<void>,
): ViewerSession {
  let runsDir: string | undefined;
  let server: ViewerServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    runsDir = mkdtempSync(join(tmpdir(), prefix));
    await populate(runsDir);
    server = await startViewerServer({ runsDir, appDir: APP_DIR, pollIntervalMs: 200 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (runsDir) rmSync(runsDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    const seen = errors;
    await page?.close();
    expect(seen).toEqual([]);
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the viewer session has no ${what} yet`);
    return value;
  };
  return {
    get page() {
      return need(page, "page (call open first)");
    },
    get server() {
      return need(server, "server");
    },
    get runsDir() {
      return need(runsDir, "runs folder");
    },
    async open(hash: string) {
      ({ page, errors } = await openPage(need(browser, "browser")));
      await page.goto(`${need(server, "server").url}${hash}`);
    },
  };
}
