/**
 * The bundled knowledge pack (pack/ in the package: product facts, battlecards, objection
 * guides) indexed into the local knowledge base on first use and whenever its content changes,
 * so analysis works offline on a fresh clone. Each `##` section is a fact with its own docs URL.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { defaultProductProfile } from "../../product/default.js";
import { splitFrontMatter } from "../local/chunk.js";
import type { KnowledgeBase } from "../local/knowledge-base.js";
import { PageWriter } from "../local/page-writer.js";
import { emptySummary } from "../local/sync-types.js";

export const PACK_ORIGIN = "pack";
const META_KEY = "pack_hash";

/** The default product profile's pack folder. */
export function defaultPackDir(): string {
  const dir = defaultProductProfile().packDir;
  if (!dir) throw new Error("the default product profile has no pack");
  return dir;
}

export interface PackFact {
  /** Page URL the fact is indexed under: `<file url>#<section slug>` keeps facts apart. */
  id: string;
  title: string;
  section: string;
  text: string;
  url: string;
}

export async function ensurePackIndexed(kb: KnowledgeBase, packDir = defaultPackDir()): Promise<boolean> {
  const files = await listPackFiles(packDir);
  const contents = await Promise.all(files.map(async (f) => [f, await readFile(f, "utf8")] as const));
  const hash = createHash("sha256");
  for (const [f, text] of contents) hash.update(relative(packDir, f)).update("\0").update(text).update("\0");
  const digest = hash.digest("hex");
  if (kb.getMeta(META_KEY) === digest) return false;

  const summary = emptySummary(PACK_ORIGIN);
  const writer = new PageWriter(kb, PACK_ORIGIN, "pack", summary);
  for (const [file, text] of contents) {
    const rel = relative(packDir, file).split(sep).join("/");
    for (const fact of parsePackFile(text, rel)) {
      writer.add({
        url: fact.url,
        path: `pack/${rel}#${fact.id}`,
        markdown: `## ${fact.section}\n\n${fact.text}`,
        title: fact.title,
      });
    }
  }
  writer.finish({ removeMissing: true });
  kb.setMeta(META_KEY, digest);
  return true;
}

/**
 * Splits a pack file into facts. A section's URL is its `Source: https://…` line, else the file's
 * `url` front matter. Facts sharing a URL get a `#fragment` so each stays its own page.
 */
export function parsePackFile(text: string, rel: string): PackFact[] {
  const { data, body } = splitFrontMatter(text);
  const fileTitle = typeof data.title === "string" ? data.title : rel.replace(/\.md$/, "");
  const fileUrl = typeof data.url === "string" ? data.url : null;
  const facts: PackFact[] = [];
  const used = new Set<string>();
  for (const part of body.split(/^##\s+/m).slice(1)) {
    const [headingLine, ...rest] = part.split("\n");
    const section = headingLine!.trim();
    let url = fileUrl;
    const lines = rest.filter((line) => {
      const m = /^\s*Source:\s*(https?:\/\/\S+)\s*$/i.exec(line);
      if (m) url = m[1]!;
      return !m;
    });
    const factText = lines.join("\n").trim();
    if (!section || !factText || !url) continue;
    const slug = section
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    let id = slug;
    for (let n = 2; used.has(`${url}#${id}`); n++) id = `${slug}-${n}`;
    used.add(`${url}#${id}`);
    facts.push({ id, title: `${fileTitle}: ${section}`, section, text: factText, url: `${url}#${id}` });
  }
  return facts;
}

async function listPackFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".md") && e.name.toLowerCase() !== "readme.md") out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}
