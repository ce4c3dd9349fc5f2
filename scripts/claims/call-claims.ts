/**
 * The labeled claims of the dev calls (test/fixtures/eval-dev) in the corpus's
 * shape: the whole sentence the quote sits in, its verdict, deciding pages and evidence quote.
 * They join the judge's training data as the one sample of claims as calls really mix them;
 * the shared public calls never do.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTranscriptFile } from "../../src/parse/index.js";
import { normalizeQuote } from "../quote-match.js";
import type { CorpusClaim } from "./corpus.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const DEV_CALL_DIRS = ["test/fixtures/eval-dev"].map((d) => join(ROOT, d));

interface Labels {
  call: string;
  internal_speakers: string[];
  claims: {
    id: string;
    quote: string;
    verdict?: CorpusClaim["label"];
    docs?: string[];
    evidence?: string;
    correction?: string;
  }[];
}

export async function loadCallClaims(): Promise<CorpusClaim[]> {
  const out: CorpusClaim[] = [];
  for (const dir of DEV_CALL_DIRS)
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith(".labels.json"))
      .sort()) {
      const labels = JSON.parse(readFileSync(join(dir, f), "utf8")) as Labels;
      const call = await parseTranscriptFile(join(dir, labels.call), { internal: labels.internal_speakers });
      const sentences = call.utterances.flatMap((u) => u.sentences.map((s) => s.text));
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
