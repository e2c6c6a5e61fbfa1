import { existsSync, mkdirSync } from "node:fs";
import { type Browser, type Page, chromium } from "playwright-core";

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
