/**
 * Derives the technology names the claim detector recognizes from the product's documentation
 * and the knowledge pack, and writes them to src/analyze/docs-terms.ts.
 *
 * A word counts as a technology or product name when the prose (code blocks, tags and links
 * stripped) writes it capitalized in the middle of a sentence nearly every time (Redis,
 * PostgreSQL, Helm, Okta), or when it is spelled like an identifier (RRule, vCPU, EC2,
 * timeout_seconds), on at least two pages. Changelogs and the generated API reference are
 * skipped: they are mostly names of people, commits and classes nobody says on a call.
 *   node --import tsx scripts/derive-docs-terms.ts [DOCS_DIR] [PACK_DIR]   (writes the file)
 *   node --import tsx scripts/derive-docs-terms.ts --check [DOCS_DIR]      (exit 1 when stale)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

// Words the docs capitalize as UI labels, headings or Python constants, not technology names.
const NOT_NAMES = new Set(
  `yes no true false none january february march april may june july august september october november
  december monday tuesday wednesday thursday friday saturday sunday takeaways agreements contributor viewer
  protocol connector content-length note tip warning metagenomics windows mac content am pm
  airflow`.split(/\s+/),
);

const WORD = /[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*/g;

function pages(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (e.isDirectory()) {
        if (!/(?:^|\/)(?:api-ref|release-notes|snippets|contribute)$/.test(rel)) walk(p);
      } else if (/\.mdx?$/.test(e.name) && e.name !== "README.md") out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function prose(markdown: string): { text: string; code: string[] } {
  const code: string[] = [];
  const text = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`([^`\n]+)`/g, (_, c: string) => {
      code.push(c);
      return " ";
    })
    .replace(/<[^>\n]+>/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^\s*(?:import|export)\s.*$/gm, " ")
    .replace(/^(?:#+|Source:).*$/gm, " ");
  return { text, code };
}

export function deriveTerms(dirs: string[]): string[] {
  const capitalized = new Map<string, number>();
  const lower = new Map<string, number>();
  const pagesOf = new Map<string, Set<string>>();
  const identifiers = new Map<string, Set<string>>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const dir of dirs) {
    for (const file of pages(dir)) {
      const { text, code } = prose(readFileSync(file, "utf8"));
      for (const sentence of text.split(/(?<=[.!?:;])\s+|\n+|\|/)) {
        const words = sentence.match(WORD) ?? [];
        words.forEach((w, i) => {
          const key = w.toLowerCase();
          if (!pagesOf.has(key)) pagesOf.set(key, new Set());
          pagesOf.get(key)!.add(file);
          if (i === 0) return;
          if (/^[A-Z]/.test(w)) bump(capitalized, w);
          else bump(lower, key);
        });
      }
      // snake_case settings and parameters a rep may read out (timeout_seconds, on_failure).
      for (const c of code)
        for (const id of c.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) {
          if (!identifiers.has(id)) identifiers.set(id, new Set());
          identifiers.get(id)!.add(file);
        }
    }
  }
  const terms = new Set<string>();
  for (const [w, n] of capitalized) {
    const key = w.toLowerCase();
    if (NOT_NAMES.has(key) || w.length < 2 || /\d{3,}|^[A-Z]\d*$/.test(w)) continue;
    const spread = pagesOf.get(key)?.size ?? 0;
    if (spread < 2) continue;
    const identifierLike = /[a-z][A-Z]|^[A-Z]{2,}[a-z]|[A-Za-z]\d|\d[A-Za-z]/.test(w);
    const alwaysCapitalized = n >= 3 && n / (n + (lower.get(key) ?? 0)) >= 0.8;
    if (identifierLike || alwaysCapitalized) terms.add(w);
  }
  // Example names (my_flow) and doc-build helpers are not settings anyone says.
  for (const [id, files] of identifiers)
    if (files.size >= 3 && id.length <= 40 && !/^(?:my|generate|example)_/.test(id)) terms.add(id);
  return [...terms].sort((a, b) => a.localeCompare(b, "en"));
}

export function render(terms: string[]): string {
  return `/**
 * Technology and product names derived from the product documentation and the knowledge pack by
 * scripts/derive-docs-terms.ts: words the docs capitalize mid-sentence nearly every time or spell
 * like identifiers, and snake_case settings. Generated; do not edit by hand.
 */
export const DOCS_TERMS: readonly string[] = [
${terms.map((t) => `  ${JSON.stringify(t)},`).join("\n")}
];
`;
}

export const OUT = join(import.meta.dirname, "..", "src", "analyze", "docs-terms.ts");

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const [docs = "../shared/prefect-docs", pack = "pack"] = args.filter((a) => !a.startsWith("--"));
  const rendered = render(deriveTerms([docs, pack]));
  if (check) {
    const same = readFileSync(OUT, "utf8") === rendered;
    console.log(same ? "docs-terms.ts is up to date" : "docs-terms.ts is stale: run the script");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, rendered);
  console.log(`wrote ${OUT}`);
}
