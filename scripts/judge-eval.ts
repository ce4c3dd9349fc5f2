/**
 * Scores the judge alone on labeled calls: every labeled claim sentence is judged (whether or not
 * the claim detector finds it), so judging can be measured apart from detection, and prints how
 * precision and recall move with the thresholds. Development aid, for dev sets only:
 *   CALL_COACH_HOME=<synced home> node --import tsx scripts/judge-eval.ts DIR [DIR…]
 * Env: VERBOSE=1 lists every claim with its probabilities.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { claimQuery } from "../src/ground/queries.js";
import { buildSanitizeContext } from "../src/ground/sanitize.js";
import { judgeClaim } from "../src/judge/claim-judge.js";
import { profileJudgeOptions } from "../src/judge/options.js";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { defaultProductProfile } from "../src/product/default.js";
import { asClaim, citesDecidingPage } from "./claims/judge-data.js";
import { normalizeQuote } from "./quote-match.js";

const verbose = process.env.VERBOSE === "1";
const kb = openKnowledgeBase(loadConfig().home, { readonly: true });
const options = { ...profileJudgeOptions(defaultProductProfile()), termStats: kb.termStatistics() };
const rows: {
  label: string;
  p: { supported: number; contradicted: number };
  verdict: string;
  cite: boolean;
}[] = [];
for (const dir of process.argv.slice(2)) {
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".labels.json"))
    .sort()) {
    const L = JSON.parse(readFileSync(join(dir, f), "utf8"));
    const call = await parseTranscriptFile(join(dir, L.call), { internal: L.internal_speakers });
    const ctx = buildSanitizeContext(call, { profile: defaultProductProfile() });
    for (const c of L.claims) {
      const q = normalizeQuote(c.quote);
      const sentence = call.utterances
        .flatMap((u) => u.sentences)
        .find((s) => normalizeQuote(s.text).includes(q));
      if (!sentence) continue;
      const claim = asClaim(sentence.text);
      const hits = kb.search(claimQuery(claim, ctx), { topK: 16 });
      const j = judgeClaim(claim, hits, options);
      const cite = citesDecidingPage(j.evidence, c.docs ?? []);
      rows.push({ label: c.verdict, p: j.probabilities, verdict: j.verdict, cite });
      if (verbose)
        console.log(
          `${c.verdict.padEnd(12)} s=${j.probabilities.supported.toFixed(2)} c=${j.probabilities.contradicted.toFixed(2)} ${j.verdict.padEnd(12)} ${cite ? "cite" : "    "} ${sentence.text.slice(0, 110)}`,
        );
    }
  }
}
const n = rows.length;
const ok = rows.filter((r) => r.verdict === r.label).length;
console.log(`n=${n} verdict_acc=${(ok / n).toFixed(3)} (policy thresholds)`);
for (const k of ["supported", "contradicted"] as const) {
  const line: string[] = [];
  for (let t = 0.35; t < 0.96; t += 0.05) {
    const said = rows.filter(
      (r) => r.p[k] >= t && r.p[k] >= r.p[k === "supported" ? "contradicted" : "supported"],
    );
    const right = said.filter((r) => r.label === k).length;
    line.push(`${t.toFixed(2)}:${said.length ? (right / said.length).toFixed(2) : "-"}/${said.length}`);
  }
  console.log(`${k} (of ${rows.filter((r) => r.label === k).length}) ${line.join(" ")}`);
}
