/**
 * Scores reports against labeled calls (the `eval/` label format of the shared evaluation set):
 * the same matching and the same figures as its scorer, so `call-coach eval DIR` and the shared
 * `run.sh` agree. Pure: labels and reports in, figures out.
 */
import { z } from "zod";
import type { Report } from "../model/report.js";

export const labelsSchema = z.object({
  call: z.string().min(1),
  internal_speakers: z.array(z.string()).default([]),
  claims: z
    .array(
      z.object({
        id: z.string(),
        quote: z.string(),
        verdict: z.enum(["supported", "contradicted", "unverifiable"]),
        docs: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  objections: z.array(z.object({ quote: z.string() })).default([]),
  competitors: z.array(z.object({ name: z.string() })).default([]),
  non_claims: z.array(z.string()).default([]),
});
export type CallLabels = z.infer<typeof labelsSchema>;

export interface Figures {
  claim_recall: number | null;
  nonclaim_fp_rate: number | null;
  verdict_acc: number | null;
  contradicted_precision: number | null;
  contradicted_recall: number | null;
  cite_hit3: number | null;
  supported_precision: number | null;
  objection_recall: number | null;
  objections_flagged_per_labeled: number | null;
  competitor_recall: number | null;
}

export interface Score {
  figures: Figures;
  /** One line per miss (for --verbose). */
  misses: string[];
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** A report text matches a quote when it contains it, or the quote contains a text at least half its length. */
export function matchesQuote(quote: string, text: string): boolean {
  const q = norm(quote);
  const t = norm(text);
  if (!q || !t) return false;
  return t.includes(q) || (q.includes(t) && t.length >= 0.5 * q.length);
}

const docKey = (p: string) => p.replace(/\.mdx?$/, "").replace(/\/index$/, "");
/** The docs page of an evidence URL: the path after the host, without extension or fragment. */
const urlToPath = (url: string) =>
  url
    .replace(/^https?:\/\/[^/]+\//, "")
    .replace(/[#?].*$/, "")
    .replace(/\/$/, "")
    .replace(/\.mdx?$/, "");

export function scoreReports(pairs: { labels: CallLabels; report: Report | null }[]): Score {
  const t = {
    claims: 0,
    found: 0,
    fp: 0,
    nonClaims: 0,
    ok: 0,
    cTP: 0,
    cFP: 0,
    cFN: 0,
    citeN: 0,
    cite: 0,
    sTP: 0,
    sFP: 0,
    obj: 0,
    objFound: 0,
    objFlagged: 0,
    comp: 0,
    compFound: 0,
  };
  const misses: string[] = [];
  for (const { labels: L, report: R } of pairs) {
    const claims = R?.claims ?? [];
    for (const c of L.claims) {
      t.claims++;
      const hit = claims.find((r) => matchesQuote(c.quote, r.text));
      if (!hit) {
        if (c.verdict === "contradicted") t.cFN++;
        misses.push(`MISS  ${c.id} [${c.verdict}] ${c.quote}`);
        continue;
      }
      t.found++;
      if (hit.verdict === c.verdict) t.ok++;
      else misses.push(`WRONG ${c.id} label=${c.verdict} got=${hit.verdict} ${c.quote}`);
      if (hit.verdict === "supported") c.verdict === "supported" ? t.sTP++ : t.sFP++;
      if (c.verdict === "contradicted") hit.verdict === "contradicted" ? t.cTP++ : t.cFN++;
      else if (hit.verdict === "contradicted") t.cFP++;
      if (c.verdict !== "unverifiable" && c.docs.length) {
        t.citeN++;
        const want = new Set(c.docs.map(docKey));
        const got = hit.evidence.slice(0, 3).map((e) => docKey(urlToPath(e.url)));
        if (got.some((g) => want.has(g))) t.cite++;
        else misses.push(`CITE  ${c.id} want ${[...want].join(",")} got ${got.join(",")}`);
      }
    }
    for (const q of L.non_claims) {
      t.nonClaims++;
      if (claims.some((r) => matchesQuote(q, r.text))) {
        t.fp++;
        misses.push(`FP    ${q}`);
      }
    }
    const objections = R?.objections ?? [];
    t.objFlagged += objections.length;
    for (const o of L.objections) {
      t.obj++;
      if (objections.some((r) => matchesQuote(o.quote, r.text))) t.objFound++;
      else misses.push(`OBJ?  ${o.quote}`);
    }
    const named = (R?.competitors ?? []).map((c) => norm(c.name));
    const seen = new Set<string>();
    for (const c of L.competitors) {
      const n = norm(c.name);
      if (seen.has(n)) continue;
      seen.add(n);
      t.comp++;
      if (named.some((x) => x.includes(n) || n.includes(x))) t.compFound++;
      else misses.push(`COMP? ${c.name}`);
    }
  }
  const r = (a: number, b: number) => (b ? a / b : null);
  return {
    figures: {
      claim_recall: r(t.found, t.claims),
      nonclaim_fp_rate: r(t.fp, t.nonClaims),
      verdict_acc: r(t.ok, t.claims),
      contradicted_precision: r(t.cTP, t.cTP + t.cFP),
      contradicted_recall: r(t.cTP, t.cTP + t.cFN),
      cite_hit3: r(t.cite, t.citeN),
      supported_precision: r(t.sTP, t.sTP + t.sFP),
      objection_recall: r(t.objFound, t.obj),
      objections_flagged_per_labeled: r(t.objFlagged, t.obj),
      competitor_recall: r(t.compFound, t.comp),
    },
    misses,
  };
}

/** The figures as the scorer's last line prints them: `name=0.000 …`, "n/a" where undefined. */
export function figuresLine(f: Figures): string {
  return Object.entries(f)
    .map(([k, v]) => `${k}=${v === null ? "n/a" : (v as number).toFixed(3)}`)
    .join(" ");
}
