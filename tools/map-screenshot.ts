// `npm run map:screenshot`: renders the bundled example's `blocked` stack as a backup map and saves a
// screenshot of it for the README (docs/images/backup-map-blocked.png), with headless Chromium.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPreviewCli } from "../harness/preview-cli";
import { findProjectRoot } from "../harness/stack-config";
import { launchChromium, openHtml } from "./headless-browser";

/** The repository root (this file runs from tools/ under ts-jest and from dist/tools once built). */
const ROOT = findProjectRoot(__dirname) ?? process.cwd();

/** Writes the map of `stack` to a temporary file and returns its HTML. */
export async function exampleMapHtml(stack: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-map-"));
  const file = path.join(dir, `${stack}.html`);
  try {
    let errors = "";
    const code = await runPreviewCli(["--root", ROOT, "--stack", stack, "--html", file], { stdout: () => undefined, stderr: (t) => (errors += t) });
    if (code === 2) throw new Error(`npm start failed: ${errors}`);
    return fs.readFileSync(file, "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = path.join(ROOT, "docs", "images", "backup-map-blocked.png");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const browser = await launchChromium();
  try {
    const { page, requests, errors } = await openHtml(browser, await exampleMapHtml("blocked"), { width: 1800, height: 1000 });
    if (requests.length > 0 || errors.length > 0) throw new Error(`the map loaded ${requests.join(", ")} or logged ${errors.join("; ")}`);
    await page.screenshot({ path: out, fullPage: false });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
