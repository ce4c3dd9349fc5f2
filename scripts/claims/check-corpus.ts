/**
 * Checks the claim corpus (eval/claims/data/*.jsonl): every record has the fields the README
 * describes, every deciding page exists in the docs snapshot, every quote occurs verbatim in one of
 * the claim's pages (after collapsing whitespace), minimal pairs hold one supported and one
 * contradicted claim about the same page, and ids are unique.
 *   node --import tsx scripts/claims/check-corpus.ts [FILE.jsonl ...]   (default: the whole corpus)
 * Exit code 0 when everything holds, 2 with one line per problem otherwise.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SHARED_DOCS } from "../shared-data.js";
import { CORPUS_DIR, type CorpusClaim, parseCorpusLine } from "./corpus.js";

const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => join(CORPUS_DIR, f));

if (!existsSync(SHARED_DOCS)) {
  console.error(`docs snapshot not found at ${SHARED_DOCS} (set CALL_COACH_SHARED_DIR)`);
  process.exit(2);
}
const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();
const pageText = new Map<string, string>();
function page(path: string): string | null {
  if (!pageText.has(path)) {
    const full = join(SHARED_DOCS, path);
    pageText.set(path, existsSync(full) ? squeeze(readFileSync(full, "utf8")) : "");
  }
  return pageText.get(path) || null;
}

const problems: string[] = [];
const ids = new Set<string>();
const pairs = new Map<string, CorpusClaim[]>();
const pages = new Set<string>();
let n = 0;
const counts: Record<string, number> = {};
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    const parsed = parseCorpusLine(line);
    if (!parsed.ok) {
      problems.push(`${where}: ${parsed.error}`);
      return;
    }
    const c = parsed.claim;
    n++;
    counts[c.label] = (counts[c.label] ?? 0) + 1;
    if (ids.has(c.id)) problems.push(`${where}: duplicate id ${c.id}`);
    ids.add(c.id);
    for (const d of c.docs) if (!page(d)) problems.push(`${where}: ${c.id}: docs page not found: ${d}`);
    pages.add(c.docs[0]!);
    if (c.label !== "unverifiable") {
      if (!c.docs.some((d) => page(d)?.includes(squeeze(c.quote))))
        problems.push(
          `${where}: ${c.id}: quote not found verbatim in ${c.docs.join(", ")}: "${c.quote.slice(0, 80)}"`,
        );
    }
    if (c.pair) pairs.set(c.pair, [...(pairs.get(c.pair) ?? []), c]);
  });
}
for (const [pair, members] of pairs) {
  const labels = members.map((m) => m.label).sort();
  if (labels.join() !== "contradicted,supported")
    problems.push(
      `pair ${pair}: expected one supported and one contradicted claim, got ${labels.join(", ")}`,
    );
  else if (members[0]!.docs[0] !== members[1]!.docs[0])
    problems.push(`pair ${pair}: the two claims name different first pages`);
}
for (const p of problems) console.error(p);
console.log(
  `${n} claims, ${pages.size} pages, ${pairs.size} pairs; ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}; ${problems.length} problems`,
);
process.exit(problems.length ? 2 : 0);
