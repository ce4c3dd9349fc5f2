/**
 * Scores the judge alone on labeled calls: every labeled claim sentence is judged (whether or not
 * the claim detector finds it), so judging can be measured apart from detection.
 * Development aid:
 *   CALL_COACH_HOME=<synced home> node --import tsx scripts/judge-eval.ts DIR [DIR…]
 * Env: NO_PACK=1 searches docs pages only and drops the pack's contrasts; VERBOSE=1 lists misses.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeConversation } from "../src/analyze/index.js";
import { compileVocabulary, DEFAULT_PRODUCT_VOCABULARY } from "../src/analyze/vocabulary.js";
import { loadConfig } from "../src/config/env.js";
import { claimQuery } from "../src/ground/queries.js";
import { buildSanitizeContext } from "../src/ground/sanitize.js";
import { judgeClaim } from "../src/judge/claim-judge.js";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { packJudgeOptions } from "../src/knowledge/pack/pack-contrasts.js";
import type { ClaimMoment } from "../src/model/moments.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { normalizeQuote } from "./quote-match.js";

const noPack = process.env.NO_PACK === "1";
const verbose = process.env.VERBOSE === "1";
const TOP_K = Number(process.env.TOP_K ?? 8);
const kb = openKnowledgeBase(loadConfig().home, { readonly: true });
const vocabulary = compileVocabulary(DEFAULT_PRODUCT_VOCABULARY);
const docKey = (p: string) => p.replace(/\.mdx?$/, "").replace(/\/index$/, "");
const urlKey = (u: string) => docKey(u.replace(/^https?:\/\/docs\.prefect\.io\//, "").replace(/[#?].*$/, ""));

for (const dir of process.argv.slice(2)) {
  const t = {
    n: 0,
    ok: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    citeN: 0,
    cite: 0,
    evN: 0,
    ev: 0,
    byLabel: {} as Record<string, number[]>,
  };
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".labels.json"))
    .sort()) {
    const L = JSON.parse(readFileSync(join(dir, f), "utf8"));
    const call = await parseTranscriptFile(join(dir, L.call), { internal: L.internal_speakers });
    const ctx = buildSanitizeContext(call);
    const detected = analyzeConversation(call).claims;
    for (const c of L.claims) {
      t.n++;
      const q = normalizeQuote(c.quote);
      let claim: ClaimMoment | undefined = detected.find((x) => normalizeQuote(x.text).includes(q));
      if (!claim) {
        for (const u of call.utterances)
          for (const [si, s] of u.sentences.entries())
            if (!claim && normalizeQuote(s.text).includes(q))
              claim = {
                kind: "claim",
                topic: (vocabulary.match(s.text)[0] ?? "product").toLowerCase(),
                speakerId: u.speakerId,
                speaker: c.speaker,
                side: "internal",
                start_s: s.start_s,
                text: s.text,
                utteranceIndex: u.index,
                sentenceIndex: si,
              };
      }
      if (!claim) {
        console.log(`NOSENT ${c.id}`);
        continue;
      }
      const query = claimQuery(claim, ctx);
      const hits = kb.search(query, { topK: TOP_K, ...(noPack ? { sources: ["docs" as const] } : {}) });
      const j = judgeClaim(claim, hits, {
        ...(noPack ? {} : packJudgeOptions()),
        ...(process.env.NO_IDF === "1" ? {} : { termStats: kb.termStatistics() }),
        ...(process.env.TRACE === c.id
          ? {
              trace: (clauses) => {
                for (const cl of clauses) {
                  console.log(`  clause: ${cl.text}`);
                  console.log(
                    `    weights: ${[...cl.weights].map(([t, w]) => `${t}=${w.toFixed(2)}`).join(" ")}`,
                  );
                  for (const a of cl.candidates)
                    console.log(
                      `    ${a.coverage.toFixed(2)} f${a.focus.toFixed(2)} [${a.passage.kind}] ${a.passage.text.slice(0, 160)}`,
                    );
                }
              },
            }
          : {}),
      });
      t.byLabel[c.verdict] ??= [0, 0];
      const row = t.byLabel[c.verdict]!;
      row[1]!++;
      if (j.verdict === c.verdict) {
        t.ok++;
        row[0]!++;
      }
      if (c.verdict === "contradicted") j.verdict === "contradicted" ? t.tp++ : t.fn++;
      else if (j.verdict === "contradicted") t.fp++;
      // Retrieval: does a hit hold the label's evidence sentence?
      const squash = (x: string) => normalizeQuote(x).replace(/\s+/g, "");
      if (c.evidence) {
        t.evN++;
        const want = squash(c.evidence).slice(0, 60);
        if (hits.some((h) => squash(h.content).includes(want))) t.ev++;
        else if (verbose) console.log(`NOEVID ${c.id} ${c.evidence.slice(0, 90)}`);
      }
      let citeOk = true;
      if (c.verdict !== "unverifiable") {
        t.citeN++;
        const want = new Set<string>(c.docs.map(docKey));
        citeOk = j.evidence.slice(0, 3).some((e) => want.has(urlKey(e.url)));
        if (citeOk) t.cite++;
      }
      if (verbose && (j.verdict !== c.verdict || !citeOk)) {
        console.log(
          `${j.verdict !== c.verdict ? "WRONG" : "CITE "} ${c.id} label=${c.verdict} got=${j.verdict} (${j.reason})\n  claim: ${claim.text}\n  query: ${query}\n  deciding: ${j.decidingSentence}\n  want: ${c.docs.join(", ")}  got: ${j.evidence
            .slice(0, 3)
            .map((e) => urlKey(e.url))
            .join(", ")}`,
        );
      }
    }
  }
  const r = (a: number, b: number) => (b ? (a / b).toFixed(3) : "n/a");
  const per = Object.entries(t.byLabel)
    .map(([k, [ok, n]]) => `${k} ${ok}/${n}`)
    .join(" ");
  console.log(
    `${dir}: verdict_acc=${r(t.ok, t.n)} (${per}) contradicted_precision=${r(t.tp, t.tp + t.fp)} contradicted_recall=${r(t.tp, t.tp + t.fn)} cite_hit3=${r(t.cite, t.citeN)} evidence_retrieved=${r(t.ev, t.evN)}`,
  );
}
