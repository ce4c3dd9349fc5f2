import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli, tempDir } from "../../test/support/cli.js";
import { createKnowledgeGateway } from "../knowledge/gateway.js";
import { KnowledgeBase } from "../knowledge/local/knowledge-base.js";
import { LocalKnowledgeSource } from "../knowledge/local/local-source.js";
import { ensurePackIndexed } from "../knowledge/pack/pack-index.js";
import type { KnowledgeSource } from "../model/knowledge.js";
import { reportSchema } from "../model/report.js";
import { parseTranscript, parseTranscriptFile } from "../parse/index.js";
import { defaultProductProfile } from "../product/default.js";
import { analyzeCall, REPORT_LIMITS } from "./analyze-call.js";

const CALL = join(process.cwd(), "test", "fixtures", "calls", "grounding.txt");
const PII = ["ana", "reyes", "jonas", "weber", "vellmar", "555", "0187"];

async function analyzeWithPack() {
  const kb = new KnowledgeBase(":memory:");
  await ensurePackIndexed(kb);
  const asked: string[] = [];
  const local = new LocalKnowledgeSource(kb);
  const recording: KnowledgeSource = {
    name: "recording",
    search(query, options) {
      asked.push(query);
      return local.search(query, options);
    },
  };
  const call = await parseTranscriptFile(CALL, { internal: ["Ana Reyes"] });
  const result = await analyzeCall(call, {
    knowledge: createKnowledgeGateway({ mode: "local", primary: recording }),
    profile: defaultProductProfile(),
  });
  kb.close();
  return { ...result, asked };
}

test("analysis grounded in the bundled pack alone: no wrong claim passed, the passage to check, responses and positioning with links", async () => {
  const { report } = await analyzeWithPack();
  assert.ok(reportSchema.safeParse(report).success);
  const variables = report.claims.filter((c) => c.text.startsWith("Variables are encrypted"));
  assert.equal(variables.length, 2, "the repeated claim is reported twice");
  for (const c of variables) {
    assert.notEqual(c.verdict, "supported", "a wrong claim is never passed as right");
    // Contradicted, it quotes the deciding passage; unsure, it shows the same passage to check.
    assert.match(c.correction ?? c.check ?? "", /^The docs say: ".*[Vv]ariables are not encrypted/);
    assert.ok(c.evidence.length >= 1 && c.evidence.length <= 3);
    assert.match(c.evidence[0]!.url, /^https:\/\/docs\.prefect\.io\/v3\/concepts\/variables/);
  }
  const right = report.claims.find((c) => c.text.startsWith("Secret values"));
  assert.notEqual(right?.verdict, "contradicted");
  for (const c of report.claims) {
    if (c.verdict === "contradicted") assert.ok(c.correction && !c.check);
    if (c.verdict === "supported") assert.ok(!c.correction && !c.check);
  }

  assert.ok(report.objections.length >= 2);
  for (const o of report.objections) {
    assert.match(
      o.suggested_response,
      /https:\/\/docs\.prefect\.io\//,
      `no link in the answer to "${o.text}"`,
    );
    assert.ok(o.evidence.length > 0);
  }
  const airflow = report.competitors.find((c) => c.name === "Airflow");
  assert.ok(airflow && airflow.positioning.length > 0);
  assert.ok(airflow.positioning.every((p) => /https:\/\/docs\.prefect\.io\//.test(p)));
  assert.ok(airflow.evidence.some((e) => e.url.includes("/migrate/airflow")));
  assert.ok(report.competitors.some((c) => c.name === "Dagster" && c.positioning.length > 0));
  assert.match(report.coaching.next_action, /^(?:At \d+:\d\d|Send a correction|Follow up)/);
});

test("a claim said twice is grounded and judged once; no query reaches the source twice; queries carry no PII", async () => {
  const { report, asked } = await analyzeWithPack();
  assert.equal(new Set(asked).size, asked.length, "no query reached the source twice");
  assert.equal(report.knowledge.queries, asked.length);
  const texts = report.claims.map((c) => c.text);
  const repeated = texts.find((t, i) => texts.indexOf(t) !== i);
  assert.ok(repeated, "the fixture call repeats a claim");
  const [first, second] = report.claims.filter((c) => c.text === repeated);
  assert.notEqual(first!.id, second!.id);
  assert.deepEqual(
    { verdict: second!.verdict, evidence: second!.evidence },
    { verdict: first!.verdict, evidence: first!.evidence },
  );
  assert.equal(report.knowledge.errors, 0);
  assert.equal(report.knowledge.mode, "local");
  for (const q of asked)
    for (const p of PII) assert.ok(!q.toLowerCase().includes(p), `"${p}" in query "${q}"`);
});

test("a failing knowledge source is counted, never fatal", async () => {
  const call = await parseTranscriptFile(CALL, { internal: ["Ana Reyes"] });
  const broken: KnowledgeSource = {
    name: "broken",
    search: () => Promise.reject(new Error("down")),
  };
  const { report } = await analyzeCall(call, {
    knowledge: createKnowledgeGateway({ mode: "local", primary: broken }),
    profile: defaultProductProfile(),
  });
  assert.ok(report.knowledge.errors > 0);
  assert.ok(report.claims.every((c) => c.verdict === "unverifiable"));
  assert.ok(report.objections.every((o) => o.suggested_response.length > 0));
});

test("CLI: analyze works offline on a fresh data folder with only the bundled pack", () => {
  const home = tempDir();
  const r = runCli(["analyze", CALL, "--internal", "Ana Reyes", "--json"], { CALL_COACH_HOME: home });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(report.claims.length > 0);
  // Each claim the pack cannot decide carries the passage to check, when one aligned.
  assert.ok(report.claims.some((c: { check?: string }) => /^The docs say: /.test(c.check ?? "")));
  assert.ok(
    report.claims.every((c: { evidence: { source: string }[] }) =>
      c.evidence.every((e) => e.source === "pack"),
    ),
  );
});

test("CLI: a transcript with more moments than a report holds keeps the first ones and says how many it left out", async () => {
  const dir = tempDir();
  const lines: string[] = [];
  for (let i = 0; i < REPORT_LIMITS.claims + 40; i++) {
    lines.push(`Ana Reyes: Prefect retries failed tasks when you set retries on task number ${i}.`);
    lines.push(`Jonas Weber: Our security team is worried about storing credentials, case ${i}.`);
    lines.push("Jonas Weber: We also compared Airflow for this.");
  }
  const file = join(dir, "long.txt");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const json = runCli(["analyze", file, "--internal", "Ana Reyes", "--json"], { CALL_COACH_HOME: dir });
  assert.equal(json.status, 0, json.stderr);
  const report = reportSchema.parse(JSON.parse(json.stdout));
  assert.equal(report.claims.length, REPORT_LIMITS.claims);
  assert.equal(report.claims[0]!.text, "Prefect retries failed tasks when you set retries on task number 0.");
  assert.ok(report.omitted && report.omitted.claims >= 40, JSON.stringify(report.omitted));
  const airflow = report.competitors.find((c) => c.name === "Airflow")!;
  assert.equal(airflow.mentions.length, REPORT_LIMITS.mentionsPerCompetitor);
  assert.ok(report.omitted.competitor_mentions > 0);
  const md = runCli(["analyze", file, "--internal", "Ana Reyes"], { CALL_COACH_HOME: dir });
  assert.match(md.stdout, new RegExp(`Left out to keep the report bounded: ${report.omitted.claims} claims`));
});

test("an ordinary call leaves nothing out", async () => {
  const { report } = await analyzeWithPack();
  assert.equal(report.omitted, undefined);
});

test("an MWAA mention is reported as Amazon MWAA (managed Airflow), positioned with Airflow's material", async () => {
  const kb = new KnowledgeBase(":memory:");
  await ensurePackIndexed(kb);
  const call = parseTranscript(
    [
      "[00:00:01] Ana Reyes: What do you run your pipelines on today?",
      "[00:00:05] Jonas Weber: We started a pilot on MWAA in the spring.",
    ].join("\n"),
    { fileName: "t.txt", internal: ["Ana Reyes"] },
  );
  const { report } = await analyzeCall(call, {
    knowledge: createKnowledgeGateway({ mode: "local", primary: new LocalKnowledgeSource(kb) }),
    profile: defaultProductProfile(),
  });
  kb.close();
  assert.deepEqual(
    report.competitors.map((c) => c.name),
    ["Amazon MWAA (managed Airflow)"],
  );
  const [mwaa] = report.competitors;
  assert.ok(mwaa!.positioning.length >= 2);
  for (const point of mwaa!.positioning) assert.match(point, /Airflow/);
  assert.ok(mwaa!.evidence.some((e) => /Battlecard Airflow/.test(e.title)));
});
