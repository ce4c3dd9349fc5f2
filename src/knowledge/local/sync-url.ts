/**
 * `docs sync --from-url`: a site's `llms.txt` index (each linked page's Markdown is fetched,
 * with bounded concurrency, retries and conditional requests) or its `llms-full.txt` (every page
 * in one file, split on the `Source:` line that follows each page title).
 */
import pLimit from "p-limit";
import { InputError, ServiceError } from "../../errors.js";
import { fetchText } from "./http-fetch.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import { type IncomingPage, PageWriter } from "./page-writer.js";
import { emptySummary, MAX_PAGE_BYTES, type SyncProgress, type SyncSummary } from "./sync-types.js";

export interface UrlSyncOptions extends SyncProgress {
  url: string;
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
}

export interface IndexLink {
  title: string;
  url: string;
}

export async function syncFromUrl(kb: KnowledgeBase, options: UrlSyncOptions): Promise<SyncSummary> {
  const started = performance.now();
  let indexUrl: URL;
  try {
    indexUrl = new URL(options.url);
  } catch {
    throw new InputError(`--from-url must be an absolute http(s) URL, got "${options.url}"`, {
      field: "--from-url",
    });
  }
  if (!/^https?:$/.test(indexUrl.protocol))
    throw new InputError("--from-url must be http(s)", { field: "--from-url" });
  const fetchOpts = { timeoutMs: options.timeoutMs, retries: options.retries, backoffMs: options.backoffMs };
  // llms-full.txt holds every page: allow it many times the size of one page.
  const index = await fetchText(indexUrl.href, { ...fetchOpts, maxBytes: MAX_PAGE_BYTES * 64 });
  if (index.status !== "ok") {
    const reason =
      index.status === "missing"
        ? `HTTP ${index.code}`
        : index.status === "error" || index.status === "invalid"
          ? index.reason
          : "no content";
    throw new ServiceError(indexUrl.href, `cannot fetch the index: ${reason}`);
  }
  const summary = emptySummary(indexUrl.href);
  const writer = new PageWriter(kb, indexUrl.href, "docs", summary);
  const full = splitLlmsFull(index.text);
  if (full.length) {
    full.forEach((page, i) => {
      if (page.markdown.length > MAX_PAGE_BYTES)
        summary.skipped.push({ page: page.url, reason: "page too large" });
      else writer.add(page);
      options.onProgress?.(i + 1, full.length);
    });
  } else {
    const links = parseLlmsIndex(index.text, indexUrl);
    if (!links.length)
      throw new InputError("no page links found (expected an llms.txt or llms-full.txt)", {
        file: indexUrl.href,
      });
    const limit = pLimit(options.concurrency ?? 8);
    let done = 0;
    await Promise.all(
      links.map((link) =>
        limit(async () => {
          const publicUrl = publicPageUrl(link.url);
          const stored = kb.getPage(publicUrl);
          const res = await fetchText(link.url, {
            ...fetchOpts,
            etag: stored?.etag,
            lastModified: stored?.last_modified,
            maxBytes: MAX_PAGE_BYTES,
          });
          if (res.status === "ok") {
            if (res.text.length > MAX_PAGE_BYTES)
              summary.skipped.push({ page: link.url, reason: "page too large" });
            else if (res.text.includes("\0"))
              summary.skipped.push({ page: link.url, reason: "binary content" });
            else
              writer.add({
                url: publicUrl,
                path: null,
                markdown: res.text,
                title: link.title,
                etag: res.etag,
                lastModified: res.lastModified,
              });
          } else if (res.status === "not-modified") {
            writer.keep(publicUrl, { etag: res.etag, lastModified: res.lastModified });
          } else if (res.status === "invalid") {
            summary.skipped.push({ page: link.url, reason: res.reason });
            if (stored) writer.keep(publicUrl);
          } else if (res.status === "missing") {
            summary.skipped.push({ page: link.url, reason: `HTTP ${res.code} (broken link)` });
          } else {
            // Keep what we had: a transient failure must not delete a page from the knowledge base.
            summary.failed.push({ page: link.url, reason: res.reason });
            if (stored) writer.keep(publicUrl);
          }
          options.onProgress?.(++done, links.length);
        }),
      ),
    );
  }
  writer.finish({ removeMissing: true });
  summary.duration_ms = Math.round(performance.now() - started);
  return summary;
}

/** Links of an llms.txt: Markdown list items `- [Title](url): description`. */
export function parseLlmsIndex(text: string, base: URL): IndexLink[] {
  const links: IndexLink[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/^\s*[-*]\s*\[([^\]]+)\]\(([^)\s]+)\)/gm)) {
    let url: string;
    try {
      url = new URL(m[2]!, base).href;
    } catch {
      continue;
    }
    if (!/^https?:/.test(url) || seen.has(url)) continue;
    seen.add(url);
    links.push({ title: m[1]!.trim(), url });
  }
  return links;
}

/** The page's public URL: the Markdown variant's `.md`/`.mdx` suffix dropped. */
export function publicPageUrl(url: string): string {
  return url.replace(/\.mdx?(?=$|[?#])/, "").replace(/\/index$/, "");
}

/** Pages of an llms-full.txt (`# Title` then `Source: URL`), or [] when the text is not one. */
export function splitLlmsFull(text: string): IncomingPage[] {
  const re = /^# (.+)\r?\n+Source: (https?:\/\/\S+)\s*$/gm;
  const marks = [...text.matchAll(re)];
  if (marks.length < 1) return [];
  return marks.map((m, i) => {
    const bodyStart = m.index! + m[0].length;
    const bodyEnd = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
    return {
      url: publicPageUrl(m[2]!),
      path: null,
      title: m[1]!.trim(),
      markdown: text.slice(bodyStart, bodyEnd).trim(),
    };
  });
}
