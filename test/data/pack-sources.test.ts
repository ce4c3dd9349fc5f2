/**
 * The bundled pack is only useful when it is true: every fact must cite a page that exists in the
 * docs snapshot (../shared/prefect-docs) and share its key terms with that page, so a fact cannot
 * silently cite the wrong page.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { SHARED_DOCS } from "../../scripts/shared-data.js";
import { defaultProductProfile } from "../../src/product/default.js";
import { profileLexicon } from "../../src/product/lexicon.js";
import { facts } from "../support/pack-facts.js";

const docsDir = SHARED_DOCS;

function docPage(url: string): string | null {
  const path = url.replace(/^https:\/\/docs\.prefect\.io\//, "").replace(/#.*$/, "");
  for (const candidate of [`${path}.mdx`, `${path}.md`, `${path}/index.mdx`, `${path}/index.md`]) {
    const file = join(docsDir, candidate);
    if (existsSync(file)) return file;
  }
  return null;
}

test("every cited URL is a page of the docs snapshot and the fact shares its key terms", () => {
  const lexicon = profileLexicon(defaultProductProfile());
  const pageTerms = new Map<string, Set<string>>();
  for (const fact of facts) {
    const page = docPage(fact.url);
    assert.ok(page, `${fact.file} › ${fact.section}: ${fact.url} is not a page of the docs snapshot`);
    let terms = pageTerms.get(page);
    if (!terms) {
      terms = new Set(lexicon.contentTerms(readFileSync(page, "utf8")));
      pageTerms.set(page, terms);
    }
    // The "Answer:" / positioning lead-in and competitor descriptions are ours; the facts about
    // the product must come from the page.
    const own = new Set(lexicon.contentTerms(fact.text.replace(/^Answer:\s*/, "")));
    const shared = [...own].filter((t) => terms.has(t));
    const ratio = shared.length / Math.max(1, own.size);
    const floor = fact.file.startsWith("product/") ? 0.6 : 0.3;
    assert.ok(
      ratio >= floor,
      `${fact.file} › ${fact.section}: only ${Math.round(ratio * 100)}% of its terms are on ${fact.url}; missing ${[...own].filter((t) => !terms.has(t)).join(", ")}`,
    );
  }
});
