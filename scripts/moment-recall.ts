/**
 * Moment-detection precision/recall on labeled calls (default ../shared/eval/calls):
 * claims vs labeled claims and non-claims, objections, competitors. A development aid; the
 * end-to-end score comes from ../shared/eval/run.sh.
 *   node --import tsx scripts/moment-recall.ts [CALLS_DIR] [--verbose]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeConversation } from "../src/analyze/index.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { defaultProductProfile } from "../src/product/default.js";
import { normalizeQuote } from "./quote-match.js";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const dir = args.find((a) => !a.startsWith("--")) ?? "../shared/eval/calls";
const has = (text: string, quote: string) => normalizeQuote(text).includes(normalizeQuote(quote));

let claims = 0,
  found = 0,
  nonClaims = 0,
  fp = 0,
  objections = 0,
  objFound = 0,
  objReported = 0,
  objMatched = 0,
  comp = 0,
  compFound = 0;
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith(".labels.json"))
  .sort()) {
  const L = JSON.parse(readFileSync(join(dir, f), "utf8"));
  const call = await parseTranscriptFile(join(dir, L.call), { internal: L.internal_speakers });
  const a = analyzeConversation(call, { profile: defaultProductProfile() });
  for (const c of L.claims) {
    claims++;
    if (a.claims.some((x) => has(x.text, c.quote))) found++;
    else if (verbose) console.log(`MISS claim ${c.id}: ${c.quote}`);
  }
  for (const q of L.non_claims) {
    nonClaims++;
    if (a.claims.some((x) => has(x.text, q))) {
      fp++;
      if (verbose) console.log(`FP   claim: ${q}`);
    }
  }
  for (const o of L.objections) {
    objections++;
    if (a.objections.some((x) => has(x.text, o.quote))) objFound++;
    else if (verbose) console.log(`MISS objection ${o.id} [${o.topic}]: ${o.quote}`);
  }
  objReported += a.objections.length;
  objMatched += a.objections.filter((x) =>
    L.objections.some((o: { quote: string }) => has(x.text, o.quote)),
  ).length;
  if (verbose)
    for (const x of a.objections)
      if (!L.objections.some((o: { quote: string }) => has(x.text, o.quote)))
        console.log(`EXTRA objection [${x.topic}]: ${x.text}`);
  for (const c of L.competitors) {
    comp++;
    if (
      a.competitors.some(
        (x) => x.competitor.toLowerCase().includes(c.name.toLowerCase()) && has(x.text, c.quote),
      )
    )
      compFound++;
    else if (verbose) console.log(`MISS competitor ${c.name}: ${c.quote}`);
  }
  if (verbose) {
    const labeled = [...L.claims.map((c: { quote: string }) => c.quote), ...L.non_claims];
    for (const x of a.claims)
      if (!labeled.some((q: string) => has(x.text, q)))
        console.log(`UNLABELED claim [${x.topic}]: ${x.text}`);
  }
}
const r = (a: number, b: number) => (b ? (a / b).toFixed(3) : "n/a");
console.log(
  `claim_recall=${r(found, claims)} nonclaim_fp=${r(fp, nonClaims)} objection_recall=${r(objFound, objections)} objection_precision=${r(objMatched, objReported)} competitor_recall=${r(compFound, comp)}`,
);
