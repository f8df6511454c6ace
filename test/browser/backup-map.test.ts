/// <reference lib="dom" />
// The backup map of the bundled example, in a real browser (headless Chromium from the system package,
// driven by playwright-core): what a reviewer sees, read back from the DOM.
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, openHtml, WatchedPage } from "../../tools/headless-browser";
import { exampleMapHtml } from "../../tools/map-screenshot";

const ARTIFACTS = path.join(__dirname, "..", "..", "test-artifacts");
/** The S3 replication rule's element id (ids are slugs cut at 60 characters). */
const S3_ROUTE = "route-bucketreplicationconfig-orders-exports-replication-rule-ever";

let browser: Browser;
const pages: Record<string, WatchedPage> = {};

beforeAll(async () => {
  browser = await launchChromium();
  for (const stack of ["blocked", "passing"]) {
    pages[stack] = await openHtml(browser, await exampleMapHtml(stack));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await pages[stack]?.page.screenshot({ path: path.join(ARTIFACTS, `backup-map-${stack}.png`), fullPage: true });
  }
  // Two offline previews and a browser start: slow on a loaded machine.
}, 400_000);

afterAll(async () => {
  await browser?.close();
});

function page(stack: string): Page {
  const watched = pages[stack];
  if (!watched) throw new Error(`no page for ${stack}`);
  return watched.page;
}

/** Every node: id, kind, level, lock, region, account. */
async function nodes(stack: string): Promise<string[]> {
  return page(stack).$$eval("#backup-map .node", (els) =>
    els.map((el) => [el.id, el.getAttribute("data-kind"), el.getAttribute("data-level"), el.getAttribute("data-lock"), el.getAttribute("data-region"), el.getAttribute("data-account")].join(" ")),
  );
}

/** Every arrow: from, to, role, level, same region, same account. */
async function edges(stack: string): Promise<string[]> {
  return page(stack).$$eval("#backup-map .edge", (els) =>
    els.map((el) =>
      [el.getAttribute("data-from"), "->", el.getAttribute("data-to"), el.getAttribute("data-role"), el.getAttribute("data-level"), `region:${el.getAttribute("data-same-region")}`, `account:${el.getAttribute("data-same-account")}`].join(" "),
    ),
  );
}

describe("the backup map in a browser", () => {
  it("loads nothing from the network and logs no error", () => {
    for (const stack of ["blocked", "passing"]) {
      expect({ stack, requests: pages[stack]?.requests, errors: pages[stack]?.errors }).toEqual({ stack, requests: [], errors: [] });
    }
  });

  it("draws the blocked stack's primaries, vaults and replica in one account and region, red and unlocked", async () => {
    expect(await nodes("blocked")).toEqual([
      "primary-bucket-orders-exports primary none not-applicable eu-west-3 111111111111",
      "primary-table-orders primary mandatory not-applicable eu-west-3 111111111111",
      "store-vault-primary backup-vault mandatory governance eu-west-3 111111111111",
      "store-vault-dr backup-vault mandatory unlocked eu-west-3 111111111111",
      "store-bucket-orders-exports-replica replica mandatory unlocked eu-west-3 111111111111",
    ]);
    expect(await page("blocked").$$eval("#backup-map .lane-region", (els) => els.map((el) => el.getAttribute("data-region")))).toEqual(["eu-west-3"]);
    expect(await page("blocked").$$eval("#backup-map .lane-account", (els) => els.map((el) => el.getAttribute("data-account")))).toEqual(["111111111111"]);
  });

  it("draws every backup and copy of the blocked stack, the same-region copies marked in red", async () => {
    expect(await edges("blocked")).toEqual([
      "primary-table-orders -> store-vault-primary backup mandatory region:yes account:yes",
      "store-vault-primary -> store-vault-dr copy mandatory region:yes account:yes",
      "primary-bucket-orders-exports -> store-bucket-orders-exports-replica copy mandatory region:yes account:yes",
    ]);
    const copyTags = await page("blocked").$$eval("#backup-map .edge-copy .edge-tag text", (els) => els.map((el) => el.textContent));
    expect(copyTags).toEqual(["SAME REGION", "SAME ACCOUNT", "SAME REGION", "SAME ACCOUNT"]);
    const red = "rgb(198, 40, 40)";
    const copyStrokes = await page("blocked").$$eval("#backup-map .edge-copy .edge-line", (els) => els.map((el) => getComputedStyle(el).stroke));
    expect(copyStrokes).toEqual([red, red]);
    const lockPills = await page("blocked").$$eval("#backup-map .lock", (els) => els.map((el) => `${el.querySelector("text")?.textContent} ${getComputedStyle(el.querySelector("rect") as Element).fill}`));
    expect(lockPills).toEqual([`UNLOCKED (governance mode) ${red}`, `UNLOCKED ${red}`, `UNLOCKED ${red}`]);
    const boxStrokes = await page("blocked").$$eval("#backup-map .node .node-box", (els) => els.map((el) => getComputedStyle(el).stroke));
    expect(boxStrokes).toEqual(["rgb(46, 125, 50)", red, red, red, red]);
  });

  it("links each finding to its element on the map and each element with findings to its findings", async () => {
    const p = page("blocked");
    const links = await p.$$eval("#findings .group", (groups) =>
      groups.map((g) => ({
        group: g.id,
        element: g.getAttribute("data-element"),
        back: g.querySelector("a.to-map")?.getAttribute("href"),
        findings: Array.from(g.querySelectorAll("li.finding")).map((li) => `${li.getAttribute("data-level")} ${li.getAttribute("data-policy")}`),
      })),
    );
    expect(links).toEqual([
      { group: "findings-store-bucket-orders-exports-replica", element: "store-bucket-orders-exports-replica", back: "#store-bucket-orders-exports-replica", findings: ["mandatory backup-immutable"] },
      { group: `findings-${S3_ROUTE}`, element: S3_ROUTE, back: `#${S3_ROUTE}`, findings: ["mandatory backup-cross-region-copy", "mandatory backup-offline-copy"] },
      { group: "findings-route-plan-orders-backup-rule-daily", element: "route-plan-orders-backup-rule-daily", back: "#route-plan-orders-backup-rule-daily", findings: ["mandatory backup-cross-region-copy", "mandatory backup-offline-copy"] },
      { group: "findings-primary-table-orders", element: "primary-table-orders", back: "#primary-table-orders", findings: ["mandatory backup-deletion-protection"] },
      { group: "findings-store-vault-dr", element: "store-vault-dr", back: "#store-vault-dr", findings: ["mandatory backup-deletion-protection", "mandatory backup-immutable", "advisory backup-restore-testing"] },
      { group: "findings-store-vault-primary", element: "store-vault-primary", back: "#store-vault-primary", findings: ["mandatory backup-immutable", "advisory backup-restore-testing"] },
    ]);
    // Every element a group names is on the map, and every element with findings links to its group.
    for (const link of links) expect(await p.locator(`#backup-map #${link.element}`).count()).toBe(1);
    const elementLinks = await p.$$eval("#backup-map a[href^='#findings-']", (els) => els.map((el) => `${el.id} ${el.getAttribute("href")}`).sort());
    expect(elementLinks).toEqual(links.map((l) => `${l.element} #${l.group}`).sort());
    // Following a link from the map targets the findings, and back.
    await p.click("#store-vault-dr");
    expect(await p.evaluate(() => location.hash)).toBe("#findings-store-vault-dr");
    await p.click("#findings-store-vault-dr a.to-map");
    expect(await p.evaluate(() => location.hash)).toBe("#store-vault-dr");
    expect(await p.$eval("#verdict", (el) => [el.getAttribute("data-verdict"), el.textContent])).toEqual(["blocked", "Blocked: 9 mandatory, 2 advisory"]);
  });

  it("draws the passing stack's copies in another region and account, locked, all green", async () => {
    expect(await nodes("passing")).toEqual([
      "primary-bucket-orders-exports primary none not-applicable eu-west-3 111111111111",
      "primary-table-orders primary none not-applicable eu-west-3 111111111111",
      "store-vault-primary backup-vault none compliance eu-west-3 111111111111",
      "store-vault-dr backup-vault none compliance eu-central-1 222222222222",
      "store-bucket-orders-exports-replica replica none compliance eu-central-1 222222222222",
    ]);
    expect(await edges("passing")).toEqual([
      "primary-table-orders -> store-vault-primary backup none region:yes account:yes",
      "store-vault-primary -> store-vault-dr copy none region:no account:no",
      "primary-bucket-orders-exports -> store-bucket-orders-exports-replica copy none region:no account:no",
    ]);
    expect(await page("passing").locator(".edge.danger").count()).toBe(0);
    expect(await page("passing").$eval("#verdict", (el) => el.getAttribute("data-verdict"))).toBe("passing");
    expect(await page("passing").$eval("#no-findings", (el) => el.textContent)).toBe("No finding: every backup and copy on the map meets the policies.");
    expect(fs.existsSync(path.join(ARTIFACTS, "backup-map-passing.png"))).toBe(true);
  });
});
