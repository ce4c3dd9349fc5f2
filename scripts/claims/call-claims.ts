/**
 * The labeled claims of the dev calls (test/fixtures/eval-dev, eval-dev-2) in the corpus's
 * shape: the whole sentence the quote sits in, its verdict, deciding pages and evidence quote.
 * They join the judge's training data as the sample of claims as calls really mix them;
 * the shared public calls and the held-out calls never do.
 */
import { join } from "node:path";
import { DEV_CALL_SETS, labeledUtterances, labelFiles, readEvalLabels } from "../eval-labels.js";
import { normalizeQuote } from "../quote-match.js";
import type { CorpusClaim } from "./corpus.js";

/** A dev-call claim's id: `call:<set>/<call>#<claim id>`. */
export const isCallClaim = (c: { id: string }) => c.id.startsWith("call:");
/** The set of dev calls a claim came from ("eval-dev-2"). */
export const callSet = (c: { id: string }): string => c.id.slice("call:".length).split("/")[0]!;
/** The writer group of a dev-call claim, for folds that hold out whole writers. */
export function callWriter(c: { id: string }): string {
  const [set, call] = c.id.slice("call:".length).split("#")[0]!.split("/");
  const groups = DEV_CALL_SETS.find((s) => s.name === set)?.groups ?? 1;
  return `${set}-${hashOf(call!) % groups}`;
}
const hashOf = (s: string) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);

export async function loadCallClaims(): Promise<CorpusClaim[]> {
  const out: CorpusClaim[] = [];
  for (const { name, dir } of DEV_CALL_SETS)
    for (const f of labelFiles(dir)) {
      const labels = readEvalLabels(join(dir, f));
      const sentences = (await labeledUtterances(dir, labels)).flatMap((u) => u.sentences.map((s) => s.text));
      for (const c of labels.claims) {
        // An unverifiable claim needs no deciding page (writers list the nearest page or none); a
        // supported or contradicted one does.
        if (!c.verdict || (c.verdict !== "unverifiable" && !c.docs?.length)) continue;
        const q = normalizeQuote(c.quote);
        const text = sentences.find((s) => normalizeQuote(s).includes(q));
        if (!text) continue;
        out.push({
          id: `call:${name}/${f.replace(/\.labels\.json$/, "")}#${c.id}`,
          pair: null,
          docs: (c.docs ?? []).slice(0, 3),
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
