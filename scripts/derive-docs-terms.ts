/**
 * Derives the technology names the claim detector recognizes from the product's documentation
 * and the knowledge pack, and writes them to the product profile's docs-terms.json (the bundled
 * profile's unless --product names another folder).
 *
 * A word counts as a technology or product name when the prose (code blocks, tags and links
 * stripped) writes it capitalized in the middle of a sentence nearly every time (Redis,
 * PostgreSQL, Helm, Okta), or when it is spelled like an identifier (RRule, vCPU, EC2,
 * timeout_seconds), on at least two pages. Changelogs and the generated API reference are
 * skipped: they are mostly names of people, commits and classes nobody says on a call.
 *   node --import tsx scripts/derive-docs-terms.ts [--product DIR] [DOCS_DIR] [PACK_DIR]   (writes the file)
 *   node --import tsx scripts/derive-docs-terms.ts --check [--product DIR] [DOCS_DIR]    (exit 1 when stale)
 * DOCS_DIR defaults to the shared docs snapshot, PACK_DIR to the profile's pack.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { productProfile } from "../src/product/default.js";
import { SHARED_DOCS } from "./shared-data.js";

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

/** The file's text: a JSON array, one name a line (JSON has no comments; this script is its source). */
export function render(terms: string[]): string {
  return `${JSON.stringify(terms, null, 2)}\n`;
}

/** The docs-terms.json of a profile folder (the bundled one when null). */
export function outputOf(productDir: string | null = null): string {
  return join(productProfile(productDir).dir, "docs-terms.json");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const at = args.indexOf("--product");
  const productDir = at >= 0 ? (args[at + 1] ?? null) : null;
  const positional = args.filter((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1));
  const profile = productProfile(productDir);
  const [docs = SHARED_DOCS, pack = profile.packDir] = positional;
  const out = outputOf(productDir);
  const rendered = render(deriveTerms([docs, ...(pack ? [pack] : [])]));
  if (check) {
    const same = readFileSync(out, "utf8") === rendered;
    console.log(same ? `${out} is up to date` : `${out} is stale: run the script`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(out, rendered);
  console.log(`wrote ${out}`);
}
