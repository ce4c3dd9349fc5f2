/**
 * `docs sync --from-dir DIR --base-url URL`: a Markdown/MDX tree (such as the sources of a docs
 * site) mapped to public URLs: `v3/concepts/flows.mdx` → `URL/v3/concepts/flows`, a trailing
 * `/index` dropped. When the tree has a Mintlify `docs.json`, its navigation groups are indexed
 * with the page title, so "Cloud › Rate limits" is found by a query about Cloud.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { InputError } from "../../errors.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { PageWriter } from "./page-writer.js";
import { emptySummary, MAX_PAGE_BYTES, type SyncProgress, type SyncSummary } from "./sync-types.js";

export interface DirectorySyncOptions extends SyncProgress {
  dir: string;
  baseUrl: string;
}

// Fragments included by other pages, and repository files that are not docs pages.
const SKIP_DIRS = new Set(["node_modules", "snippets", "_snippets", "partials", "_partials"]);
const SKIP_ROOT_FILES =
  /^(?:readme|agents|claude|contributing|license|changelog|source|code_of_conduct)\.mdx?$/i;

export async function syncFromDirectory(
  kb: KnowledgeBase,
  options: DirectorySyncOptions,
): Promise<SyncSummary> {
  const started = performance.now();
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const dirInfo = await stat(options.dir).catch(() => null);
  if (!dirInfo?.isDirectory()) throw new InputError("not a directory", { file: options.dir });
  const files = await listMarkdown(options.dir);
  if (!files.length) throw new InputError("no Markdown (.md/.mdx) files found", { file: options.dir });
  const nav = await readNavigation(options.dir);

  const summary = emptySummary(baseUrl);
  const writer = new PageWriter(kb, baseUrl, "docs", summary);
  let done = 0;
  for (const file of files) {
    const rel = relative(options.dir, file).split(sep).join("/");
    const key = rel.replace(/\.mdx?$/i, "");
    const url = `${baseUrl}/${key.replace(/(^|\/)index$/, "")}`.replace(/\/$/, "");
    const markdown = await readPage(file, rel, summary);
    if (markdown !== null) writer.add({ url, path: rel, markdown, breadcrumb: nav.get(key) ?? null });
    done++;
    options.onProgress?.(done, files.length);
  }
  writer.finish({ removeMissing: true });
  summary.duration_ms = Math.round(performance.now() - started);
  return summary;
}

export function normalizeBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--base-url must be an absolute http(s) URL, got "${url}"`, { field: "--base-url" });
  }
  if (!/^https?:$/.test(parsed.protocol)) {
    throw new InputError(`--base-url must be an http(s) URL, got "${url}"`, { field: "--base-url" });
  }
  return parsed.href.replace(/\/+$/, "");
}

async function readPage(file: string, rel: string, summary: SyncSummary): Promise<string | null> {
  try {
    const info = await stat(file);
    if (info.size > MAX_PAGE_BYTES) {
      summary.skipped.push({ page: rel, reason: `larger than ${MAX_PAGE_BYTES / 2 ** 20} MB` });
      return null;
    }
    const bytes = await readFile(file);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.includes("\0")) {
      summary.skipped.push({ page: rel, reason: "binary content" });
      return null;
    }
    return text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    summary.skipped.push({
      page: rel,
      reason:
        code === "ERR_ENCODING_INVALID_ENCODED_DATA" || !code ? "not valid UTF-8" : `unreadable (${code})`,
    });
    return null;
  }
}

async function listMarkdown(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable subdirectory is not fatal; its pages are simply absent
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(path, depth + 1);
      } else if (/\.mdx?$/i.test(e.name) && !(depth === 0 && SKIP_ROOT_FILES.test(e.name))) {
        out.push(path);
      }
    }
  }
  await walk(root, 0);
  return out.sort();
}

/** page key → "Tab › Group" from a Mintlify docs.json (or mint.json), when present. */
async function readNavigation(root: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const name of ["docs.json", "mint.json"]) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(join(root, name), "utf8"));
    } catch {
      continue;
    }
    const visit = (node: unknown, trail: string[]): void => {
      if (typeof node === "string") {
        if (!map.has(node)) map.set(node, trail.filter(Boolean).join(" › "));
        return;
      }
      if (Array.isArray(node)) {
        for (const n of node) visit(n, trail);
        return;
      }
      if (node && typeof node === "object") {
        const o = node as Record<string, unknown>;
        const label = [o.tab, o.group, o.anchor, o.dropdown].find((v) => typeof v === "string") as
          | string
          | undefined;
        const next = label ? [...trail, label] : trail;
        for (const v of Object.values(o)) if (typeof v === "object") visit(v, next);
      }
    };
    visit((doc as { navigation?: unknown }).navigation, []);
    break;
  }
  return map;
}
