// A headless Chromium for the backup map's browser tests and screenshots: the system's `chromium`
// (Debian package) driven by playwright-core, which downloads no browser of its own. Every network
// request is refused and recorded, so that a page that tries to load anything is caught.
import * as fs from "fs";
import type { Browser, Page } from "playwright-core";

/** Where the Chromium binary is: $CHROMIUM_PATH, else the Debian package's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env["CHROMIUM_PATH"], "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(", ")}): install the chromium package or set CHROMIUM_PATH`);
  return found;
}

/** A page with what it tried to fetch and what it logged as errors. */
export interface WatchedPage {
  readonly page: Page;
  /** URLs the page requested (all refused). */
  readonly requests: string[];
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
}

/** Launches headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-gpu"] });
}

/** Opens `html` in a new page of `browser` with every request refused and recorded. */
export async function openHtml(browser: Browser, html: string, viewport = { width: 1600, height: 1000 }): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.route("**/*", async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  await page.setContent(html, { waitUntil: "load" });
  return { page, requests, errors };
}
