/**
 * The technology names the claim detector knows (the bundled profile's docs-terms.json) are
 * derived from the docs snapshot (../shared/prefect-docs; CI has it) and the pack by
 * scripts/derive-docs-terms.ts. The committed list must be what the script derives today, so a docs update that adds a product
 * or technology name shows up here rather than as silently missed claims.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { deriveTerms, outputOf, render } from "../../scripts/derive-docs-terms.js";
import { SHARED_DOCS } from "../../scripts/shared-data.js";
import { defaultProductProfile } from "../../src/product/default.js";

const docsDir = SHARED_DOCS;

test("the profile's docs-terms.json is what the derivation gives on the docs snapshot and the pack", () => {
  const derived = deriveTerms([docsDir, join(process.cwd(), "products", "prefect", "pack")]);
  assert.equal(readFileSync(outputOf(), "utf8"), render(derived), "run scripts/derive-docs-terms.ts");
  const DOCS_TERMS = defaultProductProfile().docsTerms;
  // Names the docs always capitalize are in; ordinary words the docs capitalize in tables are not.
  for (const name of ["PostgreSQL", "Redis", "RRule", "Helm", "Kubernetes", "SLA", "retry_delay_seconds"])
    assert.ok(DOCS_TERMS.includes(name), name);
  for (const word of ["Yes", "None", "January", "Note", "Airflow"])
    assert.ok(!DOCS_TERMS.includes(word), word);
});
