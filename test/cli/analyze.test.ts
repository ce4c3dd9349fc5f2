/**
 * `call-coach analyze` through the built CLI: every format, every output mode, the split Gong
 * form, configuration by flag and environment. Reports are validated against the report
 * contract's zod schema (src/model/report.ts), the same definition PRODUCT.md describes.
 */
import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Report, reportSchema } from "../../src/model/report.js";
import { DEFAULT_PRODUCT_DIR } from "../../src/product/default.js";
import { type CliSandbox, cliSandbox, EXAMPLES, errorLines, TRANSCRIPTS, warningLines } from "./support.js";

let cli: CliSandbox;
before(async () => {
  cli = await cliSandbox();
});
after(async () => {
  await cli.close();
});

/** stdout must be exactly one JSON document that satisfies the report schema. */
function parseReport(stdout: string): Report {
  const report = reportSchema.parse(JSON.parse(stdout));
  assert.equal(report.schema, "call-coach/report@1");
  return report;
}

const t = (name: string) => join(TRANSCRIPTS, name);

describe("every format gives a valid JSON report", () => {
  const cases: [string, string[], string][] = [
    ["lumen-grid.txt", ["--internal", "Claire Dubois,Ravi Menon"], "[hh:mm:ss] Name: text"],
    ["lumen-grid.nametime.txt", ["--internal", "Claire Dubois,Ravi Menon"], "Name (hh:mm:ss): text"],
    ["lumen-grid.untimed.txt", ["--internal", "Claire Dubois,Ravi Menon"], "untimed Name: text"],
    ["tidewater.vtt", ["--internal", "Paula Brandão,Marek Novak"], "WebVTT with Name: prefixes"],
    ["fernhill.vtt", ["--internal", "Emma Lindgren"], "WebVTT with voice tags"],
    ["quarry.srt", ["--internal", "Tobenna Eze,Lucía Fernández"], "SRT"],
    ["orchid.json", [], "Call Coach JSON"],
    ["kinsale.gong.json", [], "Gong merged export"],
  ];
  for (const [file, flags, label] of cases) {
    test(`${label} (${file})`, async () => {
      const r = await cli.run(["analyze", t(file), ...flags, "--json"]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(errorLines(r.stderr), []);
      const report = parseReport(r.stdout);
      assert.ok(report.claims.length >= 5, `claims in ${file}`);
      assert.ok(report.objections.length >= 3, `objections in ${file}`);
      assert.ok(report.call.participants.some((p) => p.side === "internal"));
      assert.ok(report.metrics.talk_ratio_internal > 0.2 && report.metrics.talk_ratio_internal < 0.8);
      for (const c of report.claims) {
        assert.match(c.id, /^c\d+$/);
        assert.ok(report.call.participants.find((p) => p.name === c.speaker)?.side === "internal");
      }
    });
  }
});

test("a Gong export split into its two responses, in either order, gives the merged report", async () => {
  const merged = parseReport((await cli.run(["analyze", t("kinsale.gong.json"), "--json"])).stdout);
  for (const files of [
    [t("kinsale.extensive.json"), t("kinsale.transcript.json")],
    [t("kinsale.transcript.json"), t("kinsale.extensive.json")],
  ]) {
    const r = await cli.run(["analyze", ...files, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const split = parseReport(r.stdout);
    assert.deepEqual(split.call, merged.call);
    assert.deepEqual(split.metrics, merged.metrics);
    assert.deepEqual(
      split.claims.map((c) => c.text),
      merged.claims.map((c) => c.text),
    );
  }
});

test("Markdown is the default: a readable report with participants, metrics and moments", async () => {
  const r = await cli.run(["analyze", join(EXAMPLES, "halvorsen-discovery.gong.json")]);
  assert.equal(r.code, 0, r.stderr);
  const md = r.stdout;
  assert.ok(
    md.startsWith("# Call Coach report: Halvorsen Aquaculture <> Prefect | Discovery\n"),
    md.slice(0, 80),
  );
  for (const heading of [
    "## Coaching",
    "## Metrics",
    "## Product claims (",
    "## Objections (",
    "## Competitors (",
  ])
    assert.ok(md.includes(heading), heading);
  assert.match(
    md,
    /- \*\*Tomás Reyes\*\* \(external\) — Senior Data Engineer, tomas\.reyes@halvorsen-aqua\.no/,
  );
  assert.match(md, /> And out of the box every task retries three times before it's marked as failed/);
  assert.match(md, /\| talk ratio \(internal\) \| \d+% \|/);
  // The example's Airflow is Amazon's managed one (MWAA), reported under its own name.
  assert.match(md, /### Amazon MWAA \(managed Airflow\) \(2 mentions\)/);
  const same = await cli.run(["analyze", join(EXAMPLES, "halvorsen-discovery.gong.json"), "--markdown"]);
  assert.equal(same.stdout, md);
});

test("--html prints a self-contained page", async () => {
  const r = await cli.run([
    "analyze",
    join(EXAMPLES, "corvid-renewal.txt"),
    "--internal",
    "Rosa Delgado,Arjun Pillai",
    "--html",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith("<!doctype html>"));
  assert.match(r.stdout, /<title>Call Coach report: corvid-renewal<\/title>/);
  assert.match(r.stdout, /Webhooks work exactly the same on the self-hosted open-source server/i);
  assert.ok(!/<script/i.test(r.stdout), "no scripts");
});

test("--out writes the file; the format comes from the flag, else the extension", async () => {
  const example = join(EXAMPLES, "brightwater-technical.vtt");
  const internal = ["--internal", "Leah Brennan,Owen Castillo"];
  const cases: [string, string[], (text: string) => void][] = [
    ["report.json", [], (s) => parseReport(s)],
    ["report.html", [], (s) => assert.ok(s.startsWith("<!doctype html>"))],
    ["report.md", [], (s) => assert.ok(s.startsWith("# Call Coach report:"))],
    ["report.txt", ["--json"], (s) => parseReport(s)],
    ["report.json", ["--markdown"], (s) => assert.ok(s.startsWith("# Call Coach report:"))],
  ];
  for (const [name, flags, check] of cases) {
    const out = join(cli.dir, name);
    const r = await cli.run(["analyze", example, ...internal, ...flags, "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "", "nothing on stdout with --out");
    check(await readFile(out, "utf8"));
  }
});

test("every bundled example analyzes offline, and its wrong claims are among the claims", async () => {
  const examples: [string, string[], string[]][] = [
    [
      "halvorsen-discovery.gong.json",
      [],
      [
        "every task retries three times before it's marked as failed",
        "the open-source server only runs on PostgreSQL",
        "Anything you print inside a flow is captured in the Prefect logs automatically",
      ],
    ],
    [
      "brightwater-technical.vtt",
      ["--internal", "Leah Brennan,Owen Castillo"],
      [
        "each task you submit gets its own separate process by default",
        "Prefect doesn't have flow timeouts",
        "results are persisted by default",
      ],
    ],
    [
      "corvid-renewal.txt",
      ["--internal", "Rosa Delgado,Arjun Pillai"],
      ["webhooks work exactly the same on the self-hosted open-source server", "Automations are Cloud only"],
    ],
  ];
  for (const [file, flags, wrong] of examples) {
    const r = await cli.run(["analyze", join(EXAMPLES, file), ...flags, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = parseReport(r.stdout);
    for (const w of wrong)
      assert.ok(
        report.claims.some((c) => c.text.toLowerCase().includes(w.toLowerCase())),
        `${file}: claim "${w}"`,
      );
  }
});

test("--competitors replaces or extends the product profile's list", async () => {
  const list = join(cli.dir, "competitors.json");
  await writeFile(list, JSON.stringify({ include_defaults: true, competitors: [{ name: "Nextflow" }] }));
  const r = await cli.run([
    "analyze",
    join(EXAMPLES, "brightwater-technical.vtt"),
    "--internal",
    "Leah Brennan,Owen Castillo",
    "--competitors",
    list,
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const names = parseReport(r.stdout).competitors.map((c) => c.name);
  assert.deepEqual(names.sort(), ["Flyte", "Metaflow", "Nextflow"]);

  await writeFile(list, JSON.stringify([{ name: "Nextflow", aliases: ["nf-core"] }]));
  const only = await cli.run([
    "analyze",
    join(EXAMPLES, "brightwater-technical.vtt"),
    "--competitors",
    list,
    "--json",
  ]);
  assert.deepEqual(
    parseReport(only.stdout).competitors.map((c) => c.name),
    ["Nextflow"],
  );

  // include_defaults extends the profile in use: one whose competitors are Flyte alone.
  const product = join(cli.dir, "product");
  cpSync(DEFAULT_PRODUCT_DIR, product, { recursive: true });
  await writeFile(join(product, "competitors.json"), JSON.stringify([{ name: "Flyte" }]));
  await writeFile(list, JSON.stringify({ include_defaults: true, competitors: [{ name: "Nextflow" }] }));
  const extended = await cli.run(
    ["analyze", join(EXAMPLES, "brightwater-technical.vtt"), "--competitors", list, "--json"],
    { CALL_COACH_PRODUCT: product },
  );
  assert.equal(extended.code, 0, extended.stderr);
  assert.deepEqual(
    parseReport(extended.stdout)
      .competitors.map((c) => c.name)
      .sort(),
    ["Flyte", "Nextflow"],
  );
});

test("CALL_COACH_COMPANY_DOMAIN marks speakers with company emails as internal", async () => {
  const doc = {
    title: "Domain",
    participants: [
      { id: "a", name: "Ana Silva", email: "ana@prefect.io" },
      { id: "b", name: "Bo Chen", email: "bo@customer.example" },
    ],
    utterances: [
      { speakerId: "a", start_s: 0, end_s: 6, text: "Work pools let you choose where flow runs execute." },
      { speakerId: "b", start_s: 7, end_s: 10, text: "Our security team won't allow that." },
    ],
  };
  const file = join(cli.dir, "domain.json");
  await writeFile(file, JSON.stringify(doc));
  const r = await cli.run(["analyze", file, "--json"], { CALL_COACH_COMPANY_DOMAIN: "prefect.io" });
  assert.equal(r.code, 0, r.stderr);
  const report = parseReport(r.stdout);
  assert.deepEqual(
    report.call.participants.map((p) => [p.name, p.side]),
    [
      ["Ana Silva", "internal"],
      ["Bo Chen", "external"],
    ],
  );
  assert.equal(report.claims.length, 1);
  assert.equal(report.objections[0]?.topic, "security");
});

test("without --internal, a transcript with no side information says so and reports no claims", async () => {
  const r = await cli.run(["analyze", t("fernhill.vtt"), "--json"]);
  assert.equal(r.code, 0);
  assert.deepEqual(
    warningLines(r.stderr).map((l) => l.replace(/^call-coach: warning: \S+: /, "")),
    [
      'no speaker is known to be on your team: pass --internal "Name,Name" or set CALL_COACH_COMPANY_DOMAIN; without it no product claims are checked and the talk ratio is 0',
    ],
  );
  const report = parseReport(r.stdout);
  assert.equal(report.claims.length, 0);
  assert.ok(report.call.participants.every((p) => p.side === "unknown"));
});

test("--help lists the analyze options", async () => {
  const r = await cli.run(["analyze", "--help"]);
  assert.equal(r.code, 0);
  for (const option of [
    "--internal",
    "--json",
    "--markdown",
    "--html",
    "--out",
    "--competitors",
    "--call-id",
  ])
    assert.ok(r.stdout.includes(option), option);
});
