/** Competitor mentions by either side, one per competitor per sentence. */
import type { CompetitorMention } from "../../model/moments.js";
import type { CompiledCompetitor } from "../competitors.js";
import type { SentenceRef } from "./sentences.js";

export function findCompetitorMentions(
  sentences: SentenceRef[],
  competitors: CompiledCompetitor[],
): CompetitorMention[] {
  const out: CompetitorMention[] = [];
  for (const s of sentences) {
    for (const c of competitors) {
      const hit = c.patterns.find((p) => p.re.test(s.text));
      if (hit) out.push({ ...s, kind: "competitor", competitor: c.name, alias: hit.alias });
    }
  }
  return out;
}
