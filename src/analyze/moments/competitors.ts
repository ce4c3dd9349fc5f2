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
    const hits = competitors.map((c) => c.patterns.find((p) => p.re.test(s.text)));
    competitors.forEach((c, i) => {
      let hit = hits[i];
      // A vendor's name that holds its base's ("Managed Workflows for Apache Airflow") mentions
      // the vendor only: the base counts when it is named outside the vendor's name too.
      const named = c.vendors.filter((v) => hits[v]);
      if (hit && named.length) {
        const rest = named.reduce((text, v) => text.replace(competitors[v]!.anyAlias, " "), s.text);
        hit = c.patterns.find((p) => p.re.test(rest));
      }
      if (hit) out.push({ ...s, kind: "competitor", competitor: c.name, alias: hit.alias });
    });
  }
  return out;
}
