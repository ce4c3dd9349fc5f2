// biome-ignore-all lint/suspicious/noExplicitAny: axe-core's result is read untyped from the page
/// <reference lib="dom" />
/**
 * Chromium for the UI tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
 * playwright-core, never a downloaded browser, and axe-core's accessibility rules on a page.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, offline-quiet Chromium; a missing browser fails in one line naming the package. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (CI does this in .ci/run)`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 AA violations axe-core finds on the page (the page must allow the injected script). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(() =>
    (window as any).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] },
    }),
  )) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
  return result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}
