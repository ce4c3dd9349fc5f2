/**
 * The labeled claims of the dev calls (test/fixtures/eval-dev) in the corpus's
 * shape: the whole sentence the quote sits in, its verdict, deciding pages and evidence quote.
 * They join the judge's training data as the one sample of claims as calls really mix them;
 * the shared public calls never do.
 */
import { join } from "node:path";
import { labeledUtterances, labelFiles, readEvalLabels } from "../eval-labels.js";
import { normalizeQuote } from "../quote-match.js";
import type { CorpusClaim } from "./corpus.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const DEV_CALL_DIRS = ["test/fixtures/eval-dev"].map((d) => join(ROOT, d));

export async function loadCallClaims(): Promise<CorpusClaim[]> {
  const out: CorpusClaim[] = [];
  for (const dir of DEV_CALL_DIRS)
    for (const f of labelFiles(dir)) {
      const labels = readEvalLabels(join(dir, f));
      const sentences = (await labeledUtterances(dir, labels)).flatMap((u) => u.sentences.map((s) => s.text));
      for (const c of labels.claims) {
        if (!c.verdict || !c.docs?.length) continue;
        const q = normalizeQuote(c.quote);
        const text = sentences.find((s) => normalizeQuote(s).includes(q));
        if (!text) continue;
        out.push({
          id: `call:${f.replace(/\.labels\.json$/, "")}-${c.id}`,
          pair: null,
          docs: c.docs.slice(0, 3),
          text,
          label: c.verdict,
          quote: c.evidence ?? "",
          correction: c.correction ?? "",
          mistake: "none",
        });
      }
    }
  return out;
}
