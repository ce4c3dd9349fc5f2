/**
 * Shows, for each labeled claim, the docs query, the top hits and the judge's reasoning.
 * Development aid:  CALL_COACH_HOME=<synced home> node --import tsx scripts/judge-debug.ts [CALLS_DIR] [claim-id]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeConversation } from "../src/analyze/index.js";
import { loadConfig } from "../src/config/env.js";
import { claimQuery } from "../src/ground/queries.js";
import { buildSanitizeContext } from "../src/ground/sanitize.js";
import { judgeClaim } from "../src/judge/claim-judge.js";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { packJudgeOptions } from "../src/knowledge/pack/pack-contrasts.js";
import { parseTranscriptFile } from "../src/parse/index.js";

const dir = process.argv[2] ?? "../shared/eval/calls";
const only = process.argv[3];
const kb = openKnowledgeBase(loadConfig().home, { readonly: true });
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith(".labels.json"))
  .sort()) {
  const L = JSON.parse(readFileSync(join(dir, f), "utf8"));
  const call = await parseTranscriptFile(join(dir, L.call), { internal: L.internal_speakers });
  const ctx = buildSanitizeContext(call);
  const a = analyzeConversation(call);
  for (const c of L.claims) {
    if (only && c.id !== only) continue;
    const claim = a.claims.find((x) => norm(x.text).includes(norm(c.quote)));
    if (!claim) continue;
    const q = claimQuery(claim, ctx);
    const hits = kb.search(q, { topK: 8 });
    const j = judgeClaim(claim, hits, packJudgeOptions());
    const mark = j.verdict === c.verdict ? "ok " : "BAD";
    console.log(
      `\n${mark} ${c.id} label=${c.verdict} got=${j.verdict} (${j.reason})\n  claim: ${claim.text}\n  query: ${q}`,
    );
    console.log(`  want: ${c.docs.join(", ")}\n  label evidence: ${c.evidence}`);
    console.log(`  deciding: ${j.decidingSentence}`);
    for (const h of hits) console.log(`   - ${h.url.replace("https://docs.prefect.io/", "")} # ${h.section}`);
  }
}
