/**
 * The bundled pack's shape: product facts, battlecards and objection guides, each section with its
 * Source line. That every cited page exists in the docs snapshot and backs the fact is checked by
 * the data tier (test/data/pack-sources.test.ts).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { test } from "node:test";
import { facts, files, packDir } from "../support/pack-facts.js";

test("the pack has product facts, battlecards and objection guides", () => {
  const dirs = new Set(files.map((f) => relative(packDir, f).split("/")[0]));
  assert.deepEqual([...dirs].sort(), ["battlecards", "objections", "product"]);
  assert.ok(facts.length >= 100, `only ${facts.length} facts`);
  for (const competitor of [
    "Airflow",
    "Dagster",
    "Temporal",
    "Argo",
    "Luigi",
    "Step Functions",
    "Mage",
    "Kestra",
    "Windmill",
  ]) {
    assert.ok(
      facts.some((f) => f.file.startsWith("battlecards/") && f.title.includes(competitor)),
      `no battlecard for ${competitor}`,
    );
  }
  for (const topic of ["security", "pricing", "migration", "scale", "lock-in", "kubernetes"]) {
    assert.ok(
      facts.some((f) => f.file === `objections/${topic}.md`),
      `no objection guide for ${topic}`,
    );
  }
});

test("every section of every pack file has a docs.prefect.io Source line", () => {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const sections = text.split(/^## /m).slice(1);
    for (const section of sections) {
      const heading = section.split("\n")[0];
      assert.match(
        section,
        /^Source: https:\/\/docs\.prefect\.io\/\S+$/m,
        `${relative(packDir, file)} › ${heading} has no Source line`,
      );
    }
  }
});
