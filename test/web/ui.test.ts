// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/// <reference lib="dom" />
/**
 * The web UI in real Chromium (Debian's /usr/bin/chromium driven by playwright-core; no browser
 * download): upload a call through the form, open its page, check the highlighted claims, their
 * evidence links and corrections, keyboard access, and axe-core's accessibility rules. Screenshots
 * go to a temporary folder, or to docs/screenshots/ with CALL_COACH_SCREENSHOTS=1.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { callJson, callText, DANA, MORGAN, RILEY, SAM } from "../service/support/calls.js";
import { makeHome, ROOT, type RunningServe, removeHome, startCliServer } from "../service/support/home.js";
import { axeViolations, launchChromium } from "../support/chromium.js";

const KEEP_SHOTS = process.env.CALL_COACH_SCREENSHOTS === "1";
const SHOTS = KEEP_SHOTS ? join(ROOT, "docs/screenshots") : mkdtempSync(join(tmpdir(), "cc-shots-"));

describe("web UI in Chromium", () => {
  let home: string;
  let server: RunningServe;
  let browser: Browser;
  let page: Page;
  before(async () => {
    home = await makeHome("cc-web-");
    server = await startCliServer(["serve"], home);
    // A second call by another rep, stored through the API, so the list and insights have a team.
    const res = await fetch(`${server.url}/api/calls`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        transcript: callJson({
          id: "web-2",
          title: "Northwind | Technical deep dive",
          startedAt: "2026-03-09T15:00:00Z",
          rep: DANA,
          customer: RILEY,
        }),
      }),
    });
    assert.equal(res.status, 201);
    browser = await launchChromium();
    // The pages forbid every script (CSP); only the test injects axe-core, so only the test bypasses it.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (home) removeHome(home);
    if (!KEEP_SHOTS) rmSync(SHOTS, { recursive: true, force: true });
  });

  test("upload a call through the form and land on its page", async () => {
    const file = join(home, "acme-discovery.txt");
    writeFileSync(file, callText({ id: "u", title: "u", startedAt: "", rep: SAM, customer: MORGAN }));
    await page.goto(`${server.url}/upload`);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("Transcript file").setInputFiles(file);
    await page.getByLabel("Your team's speakers (optional)").fill("Sam Ortiz");
    await page.screenshot({ path: join(SHOTS, "upload.png") });
    await Promise.all([
      page.waitForURL(/\/calls\/[0-9a-f]{12}\?uploaded=new$/),
      page.getByRole("button", { name: "Analyze" }).click(),
    ]);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "acme-discovery");
    assert.match((await page.getByRole("status").textContent()) ?? "", /analyzed and stored/);
  });

  test("claims are highlighted by verdict in the transcript and link to evidence and corrections", async () => {
    const contradicted = page.locator("mark.hl-contradicted");
    assert.equal(await contradicted.count(), 2);
    assert.equal(await page.locator("mark.hl-supported").count(), 1);
    assert.match((await contradicted.first().textContent()) ?? "", /Log lines are batched/);
    // The tag after the highlight names the verdict in words and jumps to the claim card.
    const tag = page.locator("a.tag-contradicted").first();
    assert.match((await tag.textContent()) ?? "", /contradicted/);
    const href = (await tag.getAttribute("href"))!;
    await tag.click();
    await page.waitForFunction((h) => location.hash === h, href);
    const card = page.locator(href);
    assert.match((await card.locator(".verdict").textContent()) ?? "", /✗ Contradicted/);
    assert.match(
      (await card.locator(".correction").textContent()) ?? "",
      /Each individual log message counts as one request/,
    );
    const evidence = card.locator("ol.evidence a").first();
    assert.equal(await evidence.getAttribute("href"), "https://docs.prefect.io/v3/concepts/rate-limits");
    // ... and the card links back to the moment in the transcript.
    const back = card.locator('a[href^="#t-"]');
    assert.equal(await page.locator((await back.getAttribute("href"))!).count(), 1);

    // One card per objection of the stored report (which sentences are objections is the
    // classifier's business, tested in test/analyze): at least the three plain ones.
    const objections = page.locator("section[aria-labelledby=objections] article");
    const id = /\/calls\/([0-9a-f]{12})/.exec(page.url())![1];
    const report = (await (await fetch(`${server.url}/api/calls/${id}/report`)).json()) as {
      objections: unknown[];
    };
    assert.ok(report.objections.length >= 3, `${report.objections.length} objections`);
    assert.equal(await objections.count(), report.objections.length);
    assert.ok((await page.locator("section[aria-labelledby=objections] .status-unanswered").count()) >= 1);
    assert.match(
      (await page.locator("section[aria-labelledby=competitors]").textContent()) ?? "",
      /Airflow[\s\S]*Dagster/,
    );
    assert.equal(await page.locator("section[aria-labelledby=metrics] svg[role=img] title").count(), 2);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, "call-page.png") });
    await page.locator("#claims").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, "call-claims.png") });
    await page.locator("#transcript").evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, "call-transcript.png") });
    assert.deepEqual(await axeViolations(page), []);
  });

  test("keyboard: the first Tab reaches the skip link, which moves focus to the content", async () => {
    await page.goto(server.url);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
  });

  test("call list, search and insights pages", async () => {
    await page.goto(server.url);
    assert.equal(await page.locator("tbody tr").count(), 2);
    await page.screenshot({ path: join(SHOTS, "calls.png") });
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("Search", { exact: true }).fill("deep dive");
    await Promise.all([
      page.waitForURL(/q=deep\+dive/),
      page.getByRole("button", { name: "Search" }).click(),
    ]);
    assert.equal(await page.locator("tbody tr").count(), 1);

    await page.goto(`${server.url}/insights`);
    assert.match((await page.locator("section:has(#wrong-h)").textContent()) ?? "", /rate limit/);
    assert.match((await page.locator("section:has(#obj-h)").textContent()) ?? "", /pricing/);
    await page.screenshot({ path: join(SHOTS, "insights.png"), fullPage: true });
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("Rep", { exact: true }).selectOption(SAM.name);
    await Promise.all([
      page.waitForURL(/rep=Sam\+Ortiz/),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    assert.match(
      (await page.getByRole("heading", { level: 2 }).first().textContent()) ?? "",
      /Sam Ortiz compared with the team/,
    );
  });

  test("a bad upload shows the reason next to the form, with status 400", async () => {
    const bad = join(home, "broken.json");
    writeFileSync(bad, '{"participants": [}');
    await page.goto(`${server.url}/upload`);
    await page.getByLabel("Transcript file").setInputFiles(bad);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/upload") && r.request().method() === "POST"),
      page.getByRole("button", { name: "Analyze" }).click(),
    ]);
    assert.equal(response.status(), 400);
    assert.match((await page.getByRole("alert").textContent()) ?? "", /broken\.json/);
    assert.equal(await page.getByLabel("Transcript file").getAttribute("aria-invalid"), "true");
  });

  test("screenshots were written", () => {
    for (const name of [
      "upload.png",
      "call-page.png",
      "call-claims.png",
      "call-transcript.png",
      "calls.png",
      "insights.png",
    ]) {
      assert.ok(statSync(join(SHOTS, name)).size > 10_000, name);
    }
  });
});
