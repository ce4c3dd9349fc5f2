import { writeFileSync } from "node:fs";
import { claimFeatures } from "../src/judge/claim-judge.js";
import { judgeOptionsFromProfile } from "../src/judge/options.js";
import { defaultProductProfile } from "../src/product/default.js";
import { ENGLISH_LEXICON } from "../src/text/terms.js";
import { loadCorpus, splitOf } from "../scripts/claims/corpus.js";
import { asClaim, judgeOptionsFor, knowledgeBaseFor, retrieve } from "../scripts/claims/judge-data.js";
import { holdsQuote } from "../scripts/claims/judge-training.js";
const profile = defaultProductProfile();
const base = judgeOptionsFromProfile(profile, { withModel: false });
const lex = base.lexicon ?? ENGLISH_LEXICON;
const kb = await knowledgeBaseFor("synced");
const options = judgeOptionsFor(kb, base);
const corpus = loadCorpus().filter((c) => splitOf(c.docs[0]!) === "train" && c.label !== "unverifiable");
const out: string[] = [];
for (const c of corpus) {
  const a = claimFeatures(c.text, retrieve(kb, asClaim(c.text)), options);
  const d = a.pairs.find((p) => holdsQuote(p.at.passage, c, lex));
  out.push(JSON.stringify({ id: c.id, pair: c.pair, label: c.label, mistake: c.mistake, text: c.text, quote: c.quote,
    found: !!d, statement: d?.at.passage.text ?? null, coverage: d?.at.coverage ?? null,
    f: d ? Object.fromEntries(Object.entries(d.features).filter(([k, v]) => v && !k.startsWith("dc:") && !k.startsWith("dd:"))) : null }));
}
writeFileSync("/tmp/det.jsonl", out.join("\n"));
