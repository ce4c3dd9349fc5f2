/// <reference lib="dom" />
/**
 * Issue 12's UI edges in real Chromium (playwright-core, /usr/bin/chromium), with the app's own
 * CSP in force (no bypass): an upload without team names says so on the call's page; evidence is
 * folded; "Analyze again" keeps the names of the analysis shown; the API's HTML report is styled.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { callText, MORGAN, SAM } from "../service/support/calls.js";
import { makeHome, type RunningServe, removeHome, startCliServer } from "../service/support/home.js";
import { launchChromium } from "../support/chromium.js";

describe("report pages and uploads in Chromium", () => {
  let home: string;
  let server: RunningServe;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  before(async () => {
    home = await makeHome("cc-web-edges-");
    server = await startCliServer(["serve"], home);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (home) removeHome(home);
  });

  async function uploadThroughForm(file: string, names: string): Promise<void> {
    await page.goto(`${server.url}/upload`);
    await page.getByLabel("Transcript file").setInputFiles(file);
    await page.getByLabel("Your team's speakers (optional)").fill(names);
    await Promise.all([
      page.waitForURL(/\/calls\/[0-9a-f]{12}\?uploaded=(new|cached)$/),
      page.getByRole("button", { name: "Analyze" }).click(),
    ]);
  }

  const claimCount = async () => page.locator("article.claim").count();

  test("an upload without team names shows a visible warning; with names, none", async () => {
    const file = join(home, "no-names.txt");
    writeFileSync(
      file,
      callText({ id: "n", title: "n", startedAt: "", rep: SAM, customer: MORGAN, marker: "nn" }),
    );
    await uploadThroughForm(file, "");
    const alert = page.locator("#call-warnings");
    assert.equal(await alert.isVisible(), true);
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.match((await alert.textContent()) ?? "", /No speaker is known to be on your team/);
    assert.equal(await claimCount(), 0);
    await uploadThroughForm(file, "Sam Ortiz");
    assert.equal(await page.locator("#call-warnings").count(), 0);
    assert.equal(await claimCount(), 3);
  });

  test("evidence is folded until asked for", async () => {
    const lists = page.locator("details.evidence-list");
    assert.ok((await lists.count()) > 0);
    assert.equal(await lists.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length), 0);
    assert.equal(await lists.first().locator("ol.evidence").isVisible(), false);
    await lists.first().locator("summary").click();
    assert.equal(await lists.first().locator("ol.evidence").isVisible(), true);
  });

  test("Analyze again keeps the names of the analysis on screen, after an upload of the same bytes without them", async () => {
    const file = join(home, "again.txt");
    writeFileSync(
      file,
      callText({ id: "g", title: "g", startedAt: "", rep: SAM, customer: MORGAN, marker: "again" }),
    );
    await uploadThroughForm(file, "Sam Ortiz");
    await uploadThroughForm(file, "");
    assert.equal(await claimCount(), 0);
    await uploadThroughForm(file, "Sam Ortiz");
    assert.match(page.url(), /uploaded=cached$/);
    assert.equal(await claimCount(), 3);
    await Promise.all([
      page.waitForURL(/\?uploaded=(new|cached)$/),
      page.getByRole("button", { name: "Analyze again with current docs" }).click(),
    ]);
    assert.equal(await claimCount(), 3);
    assert.equal(await page.locator("#call-warnings").count(), 0);
  });

  test("the API's HTML report is styled under the app's CSP, with evidence folded", async () => {
    const id = /\/calls\/([0-9a-f]{12})/.exec(page.url())![1]!;
    cspViolations.length = 0;
    await page.goto(`${server.url}/api/calls/${id}/report?format=html`);
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { maxWidth: s.maxWidth, font: s.fontFamily };
    });
    assert.equal(style.maxWidth, "960px");
    assert.match(style.font, /system-ui/);
    assert.deepEqual(cspViolations, []);
    assert.equal(await page.locator("details[open]").count(), 0);
    assert.ok((await page.locator("details").count()) > 0);
    assert.equal(await page.locator("meter").count(), 1);
  });
});
