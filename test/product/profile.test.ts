/**
 * The product profile loader: the bundled profile loads whole, and a broken profile folder is
 * refused with one line naming the file and field, through the loader and through the CLI.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../../src/errors.js";
import { DEFAULT_PRODUCT_DIR } from "../../src/product/default.js";
import { loadProductProfile } from "../../src/product/profile.js";
import { runCli, tempDir } from "../support/cli.js";

function copyOfDefault(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "profile-")), "product");
  cpSync(DEFAULT_PRODUCT_DIR, dir, { recursive: true });
  return dir;
}

test("the bundled profile loads with its vocabulary, competitors, objection topics, pack and models", () => {
  const p = loadProductProfile(DEFAULT_PRODUCT_DIR);
  assert.ok(p.vocabulary.terms.length > 50);
  assert.ok(p.docsTerms.length > 50);
  assert.ok(p.competitors.length > 5);
  assert.ok(
    p.competitors.every((c) => c.aliases.includes(c.name)),
    "every name is one of its aliases",
  );
  assert.ok(p.objectionTopics.some((t) => t.name === "other"));
  assert.ok(p.sanitizerWords.length > 50);
  assert.ok(p.packDir && p.models.judge && p.models.objection);
  assert.match(p.docsBaseUrl, /^https:\/\/[^/]+$/);
});

test("a field of the wrong type is refused naming the file and the field", () => {
  const dir = copyOfDefault();
  const file = join(dir, "vocabulary.json");
  const vocab = JSON.parse(readFileSync(file, "utf8"));
  vocab.terms = "flows";
  writeFileSync(file, JSON.stringify(vocab));
  assert.throws(
    () => loadProductProfile(dir),
    (err: unknown) => err instanceof InputError && err.context.file === file && err.context.field === "terms",
  );
});

test("an unknown key in profile.json is refused, so a typo is not silently ignored", () => {
  const dir = copyOfDefault();
  const file = join(dir, "profile.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), competitor: [] }));
  assert.throws(() => loadProductProfile(dir), /product profile: .*competitor/i);
});

test("a model path that does not exist is refused", () => {
  const dir = copyOfDefault();
  const file = join(dir, "profile.json");
  const profile = JSON.parse(readFileSync(file, "utf8"));
  profile.models.judge = "models/missing.json";
  writeFileSync(file, JSON.stringify(profile));
  assert.throws(() => loadProductProfile(dir), /models\.judge not found/);
});

test("CLI: --product with a folder that is not a profile exits 2 with one line naming it", () => {
  const home = tempDir();
  const r = runCli(["analyze", "--product", home, "examples/halvorsen-discovery.gong.json"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /not a product profile/);
  assert.ok(r.stderr.includes(home));
});

test("CLI: CALL_COACH_PRODUCT chooses the profile like --product, and --product without a folder is a usage error", () => {
  const home = tempDir();
  const viaEnv = runCli(["analyze", "examples/halvorsen-discovery.gong.json"], {
    CALL_COACH_HOME: home,
    CALL_COACH_PRODUCT: home,
  });
  assert.equal(viaEnv.status, 2);
  assert.match(viaEnv.stderr, /not a product profile/);
  const bare = runCli(["analyze", "examples/halvorsen-discovery.gong.json", "--product"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /--product needs a profile folder/);
});

test("the managed Airflows are competitors of their own, based on Airflow and named after it", () => {
  const p = loadProductProfile(DEFAULT_PRODUCT_DIR);
  const vendors = p.competitors.filter((c) => c.basedOn === "Airflow");
  assert.deepEqual(
    vendors.map((c) => c.name),
    [
      "Astronomer (managed Airflow)",
      "Amazon MWAA (managed Airflow)",
      "Google Cloud Composer (managed Airflow)",
    ],
  );
  // Labeled calls call these mentions "Airflow"; scorers match the reported name by substring.
  for (const v of vendors) assert.ok(v.name.includes("Airflow"), v.name);
  const airflow = p.competitors.find((c) => c.name === "Airflow")!;
  assert.ok(!airflow.aliases.some((a) => /MWAA|Astronomer|Composer/.test(a)));
});

test("a competitor based on one the list does not hold is refused naming the file and the field", () => {
  const dir = copyOfDefault();
  const file = join(dir, "competitors.json");
  writeFileSync(file, JSON.stringify([{ name: "Hosted Rundeck", basedOn: "Rundeck" }]));
  assert.throws(
    () => loadProductProfile(dir),
    (err: unknown) =>
      err instanceof InputError && err.context.file === file && err.context.field === "0.basedOn",
  );
});

test("objection topics carry their cue words and openers; a cue that is not a valid pattern is refused", () => {
  const p = loadProductProfile(DEFAULT_PRODUCT_DIR);
  const security = p.objectionTopics.find((t) => t.name === "security")!;
  assert.ok(security.cues.length > 0 && security.opener);
  assert.ok(
    p.objectionTopics.some((t) => t.name === "kubernetes"),
    "a product's own topic is data",
  );
  const dir = copyOfDefault();
  const file = join(dir, "objections.json");
  const doc = JSON.parse(readFileSync(file, "utf8"));
  doc.topics[0].cues[0].words.push("price[");
  writeFileSync(file, JSON.stringify(doc));
  assert.throws(() => loadProductProfile(dir), /valid regular expression/);
});
