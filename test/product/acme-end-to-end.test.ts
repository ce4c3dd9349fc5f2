/**
 * A second product end to end, through the CLI: the invented "Acme Flags" profile
 * (test/fixtures/products/acme) syncs its own docs into its own knowledge base, and a labeled
 * call about it is analyzed with `--product`. Its claims are grounded in Acme's docs, its
 * competitors come from Acme's list, and nothing of the default product leaks into the report.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import type { Report } from "../../src/model/report.js";
import { runCli, tempDir } from "../support/cli.js";

const ACME = join("test", "fixtures", "products", "acme");
const CALLS = join(ACME, "calls");
const labels = JSON.parse(readFileSync(join(CALLS, "larkspur-discovery.labels.json"), "utf8")) as {
  internal_speakers: string[];
  claims: { quote: string; verdict: "supported" | "contradicted" | "unverifiable" }[];
  competitors: { name: string }[];
  objections: { quote: string }[];
};
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const said = (quote: string, text: string) => norm(text).includes(norm(quote));

describe("a second product (acme) end to end", () => {
  const home = tempDir("acme-e2e-");
  const env = { CALL_COACH_HOME: home };
  const reports: Record<string, { json: Report; markdown: string }> = {};

  before(() => {
    // No --base-url: the profile's docs base URL is used.
    const sync = runCli(["docs", "sync", "--product", ACME, "--from-dir", join(ACME, "docs")], env);
    assert.equal(sync.status, 0, sync.stderr);
    for (const ext of ["vtt", "txt", "gong.json"]) {
      const file = join(CALLS, `larkspur-discovery.${ext}`);
      const args = ["analyze", "--product", ACME, file, "--internal", labels.internal_speakers.join(",")];
      const json = runCli([...args, "--json"], env);
      assert.equal(json.status, 0, json.stderr);
      const markdown = runCli(args, env);
      assert.equal(markdown.status, 0, markdown.stderr);
      reports[ext] = { json: JSON.parse(json.stdout) as Report, markdown: markdown.stdout };
    }
  });

  test("the labeled claims are found and grounded in Acme's own docs", () => {
    for (const [ext, { json }] of Object.entries(reports)) {
      const found = labels.claims.filter((l) => json.claims.some((c) => said(l.quote, c.text)));
      assert.ok(found.length >= 8, `${ext}: ${found.length} of ${labels.claims.length} labeled claims found`);
      const urls = json.claims.flatMap((c) => c.evidence.map((e) => e.url));
      assert.ok(urls.length > 0, `${ext}: claims cite evidence`);
      for (const url of urls) assert.match(url, /^https:\/\/docs\.acme\.example(\/|$)/, `${ext}: ${url}`);
    }
  });

  test("no claim the docs support is sent back as a correction", () => {
    for (const [ext, { json }] of Object.entries(reports)) {
      for (const l of labels.claims.filter((x) => x.verdict === "supported")) {
        const claim = json.claims.find((c) => said(l.quote, c.text));
        if (claim) assert.notEqual(claim.verdict, "contradicted", `${ext}: "${l.quote}"`);
      }
    }
  });

  test("competitors come from Acme's list and objections are found", () => {
    for (const [ext, { json }] of Object.entries(reports)) {
      const names = json.competitors.map((c) => c.name);
      for (const want of new Set(labels.competitors.map((c) => c.name)))
        assert.ok(names.includes(want), `${ext}: ${want} in ${names.join(", ")}`);
      const found = labels.objections.filter((o) => json.objections.some((r) => said(o.quote, r.text)));
      assert.ok(found.length >= 4, `${ext}: ${found.length} of ${labels.objections.length} objections`);
    }
  });

  test("no word of the default product appears in any report", () => {
    for (const [ext, { json, markdown }] of Object.entries(reports)) {
      assert.doesNotMatch(JSON.stringify(json), /prefect/i, `${ext}: JSON report`);
      assert.doesNotMatch(markdown, /prefect/i, `${ext}: Markdown report`);
    }
  });

  test("the three formats of the same call give the same claims", () => {
    const claims = (ext: string) => reports[ext]!.json.claims.map((c) => norm(c.text));
    assert.deepEqual(claims("txt"), claims("vtt"));
    assert.deepEqual(claims("gong.json"), claims("vtt"));
  });
});
