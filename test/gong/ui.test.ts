/**
 * The Gong sync in the web UI, in real Chromium (as test/web/ui.test.ts): the status line on the
 * call list, the /gong page and a synced call's link to Gong pass axe-core's accessibility rules.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { makeHome, type RunningServe, removeHome, startCliServer } from "../service/support/home.js";
import { axeViolations, launchChromium } from "../support/chromium.js";
import { FakeGong, generateCalls } from "../support/fake-gong.js";

describe("Gong sync in the web UI (Chromium)", () => {
  let home: string;
  let server: RunningServe;
  let browser: Browser;
  let page: Page;
  const fake = new FakeGong();
  before(async () => {
    home = await makeHome("cc-gong-web-");
    await fake.start();
    const start = new Date(Date.now() - 86_400_000).toISOString();
    for (const g of generateCalls(3, { start })) fake.add(g.call, g.transcript);
    server = await startCliServer(["serve", "--gong-sync-every", "15m"], home, fake.env());
    for (;;) {
      const status = (await (await fetch(`${server.url}/api/gong/status`)).json()) as {
        running: boolean;
        last_run: { status: string | null };
      };
      if (status.last_run.status === "ok" && !status.running) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await fake.close();
    if (home) removeHome(home);
  });

  test("status line on the call list, the /gong page, the link to the call in Gong", async () => {
    await page.goto(`${server.url}/`);
    assert.match(
      (await page.locator("main").textContent()) ?? "",
      /Gong sync: last run .* UTC: 3 new, 0 updated; next run/,
    );
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole("link", { name: "Details" }).click();
    assert.equal(new URL(page.url()).pathname, "/gong");
    const text = (await page.locator("main").textContent()) ?? "";
    assert.match(text, /syncs calls from Gong every 15 min/);
    assert.match(text, /Calls stored from Gong\s*3/);
    assert.deepEqual(await axeViolations(page), []);

    await page.goto(`${server.url}/`);
    await page.locator("main table a").first().click();
    const link = page.getByRole("link", { name: "Open the call recording" });
    assert.match((await link.getAttribute("href")) ?? "", /^https:\/\/app\.gong\.io\/call\?id=\d+$/);
    assert.deepEqual(await axeViolations(page), []);
  });
});
