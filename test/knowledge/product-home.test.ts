/**
 * One knowledge base per product: the default product's stays where it always was (in the home),
 * any other profile gets its own under `<home>/products/<slug>`, so switching `--product` never
 * mixes two products' docs. `docs sync --from-dir` without `--base-url` cites pages under the
 * profile's docs URL.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_PRODUCT_DIR, productHome, productSlug } from "../../src/product/default.js";
import { loadProductProfile } from "../../src/product/profile.js";
import { runCli, tempDir } from "../support/cli.js";

/** A copy of the default profile renamed, with its own docs URL. */
function otherProduct(root: string): string {
  const dir = join(root, "acme");
  cpSync(DEFAULT_PRODUCT_DIR, dir, { recursive: true });
  const file = join(dir, "profile.json");
  const profile = JSON.parse(readFileSync(file, "utf8"));
  profile.name = "Acme Widgets";
  profile.docs.baseUrl = "https://docs.acme.test";
  writeFileSync(file, JSON.stringify(profile));
  return dir;
}

function docsTree(root: string): string {
  const dir = join(root, "acme-docs");
  mkdirSync(join(dir, "guides"), { recursive: true });
  writeFileSync(
    join(dir, "guides", "sprockets.md"),
    "# Sprockets\n\nA sprocket rotates the zorblax gear every eleven seconds.\n",
  );
  return dir;
}

function searchUrls(home: string, query: string, product?: string): string[] {
  const r = runCli(["docs", "search", query, "--json", ...(product ? ["--product", product] : [])], {
    CALL_COACH_HOME: home,
  });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { url: string }[]).map((h) => h.url);
}

test("a product other than the default syncs into its own knowledge base, cited under its docs URL", () => {
  const root = tempDir();
  const home = join(root, "home");
  const product = otherProduct(root);

  const sync = runCli(["docs", "sync", "--from-dir", docsTree(root), "--product", product, "--json"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(sync.status, 0, sync.stderr);
  assert.equal(JSON.parse(sync.stdout).added, 1);

  assert.ok(existsSync(join(home, "products", "acme-widgets", "knowledge.db")));
  assert.deepEqual(searchUrls(home, "zorblax sprocket", product), [
    "https://docs.acme.test/guides/sprockets",
  ]);
  // The default product's knowledge base does not see the other product's docs.
  assert.ok(!searchUrls(home, "zorblax sprocket").some((u) => u.includes("acme.test")));
  assert.ok(existsSync(join(home, "knowledge.db")), "the default product keeps the home's knowledge base");
});

test("the default product's knowledge base stays in the home; other names get a slug folder", () => {
  const root = tempDir();
  assert.equal(productHome("/h", loadProductProfile(DEFAULT_PRODUCT_DIR)), "/h");
  assert.equal(
    productHome("/h", loadProductProfile(otherProduct(root))),
    join("/h", "products", "acme-widgets"),
  );
  assert.equal(productSlug("Ünïcode  Cloud!"), "unicode-cloud");
  assert.equal(productSlug("!!!"), "product");
});
