/**
 * Reads the result of a `search_prefect` / `docs_search_prefect` call into knowledge hits.
 * The payload `{query, namespace, results: [{snippet, id, score, title?, link?, metadata?}]}`
 * arrives as `structuredContent`, as JSON text, or both (FastMCP sends both). The hosted docs
 * server often leaves `title` and `link` out and writes them into the snippet instead:
 *
 *   This is an excerpt from a document
 *   # Document metadata
 *           title=None link='https://docs-3.prefect.io/v3/concepts/flows' source='url' …
 *   # Excerpt content: What is a flow?
 *   Flows are defined as decorated Python functions. …
 *
 * so they are recovered from there, and that preamble is removed from the text the judge reads.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { KnowledgeHit } from "../../model/knowledge.js";
import { snippet as displaySnippet } from "../local/knowledge-base.js";
import { mcpError } from "./connection.js";

const resultItem = z
  .object({
    snippet: z.string().nullish(),
    text: z.string().nullish(),
    id: z.union([z.string(), z.number()]).nullish(),
    score: z.number().nullish(),
    title: z.string().nullish(),
    link: z.string().nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

const payloadSchema = z
  .object({
    query: z.string().nullish(),
    namespace: z.string().nullish(),
    results: z.array(resultItem),
    error: z.string().nullish(),
  })
  .loose();

export type DocsSearchPayload = z.infer<typeof payloadSchema>;
export type DocsSearchItem = z.infer<typeof resultItem>;

/** The payload of a docs search call; throws ServiceError (tool_error / malformed_result). */
export function parseDocsSearchResult(result: CallToolResult, tool: string): DocsSearchPayload {
  const text = result.content
    ?.filter((c): c is { type: "text"; text: string } => c.type === "text" && typeof c.text === "string")
    .map((c) => c.text)
    .join("\n");
  if (result.isError) {
    throw mcpError("tool_error", `${tool} failed: ${(text ?? "no message").slice(0, 300)}`);
  }
  const candidates: unknown[] = [];
  if (result.structuredContent) {
    candidates.push(result.structuredContent);
    // FastMCP wraps non-object return values as {"result": …}.
    candidates.push((result.structuredContent as { result?: unknown }).result);
  }
  if (text) {
    try {
      candidates.push(JSON.parse(text));
    } catch {
      // not JSON text; the structured content (if any) decides
    }
  }
  for (const candidate of candidates) {
    const parsed = payloadSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  throw mcpError(
    "malformed_result",
    `${tool} returned no {results: [...]} payload (got ${describe(candidates[0] ?? text ?? null)})`,
  );
}

/** Maps a payload's results (best first) to hits answering as source "mcp". */
export function payloadToHits(payload: DocsSearchPayload, query: string): KnowledgeHit[] {
  const hits: KnowledgeHit[] = [];
  const n = payload.results.length;
  payload.results.forEach((item, i) => {
    const hit = itemToHit(item, query, n, i);
    if (hit) hits.push(hit);
  });
  return hits;
}

function itemToHit(item: DocsSearchItem, query: string, n: number, rank: number): KnowledgeHit | null {
  const raw = item.snippet ?? item.text ?? "";
  const meta = item.metadata ?? {};
  const embedded = embeddedMetadata(raw);
  const url = firstUrl(item.link, stringField(meta.link), stringField(meta.url), embedded.link);
  if (!url) return null; // evidence without a link cannot be cited
  const content = stripPreamble(raw);
  const title =
    firstText(item.title, stringField(meta.title), embedded.title) ?? embedded.heading ?? titleFromUrl(url);
  return {
    title,
    url,
    section: embedded.heading ?? firstText(stringField(meta.section)) ?? null,
    snippet: displaySnippet(content, query),
    content,
    // The hosted server reports vector distances (lower is better) and our server BM25 scores
    // (higher is better); the order is what both agree on, so the score is the rank.
    score: Math.round(((n - rank) / n) * 1000) / 1000,
    source: "mcp",
  };
}

interface Embedded {
  title: string | null;
  link: string | null;
  heading: string | null;
}

const QUOTED = (name: string) => new RegExp(`\\b${name}=(?:'([^']*)'|"([^"]*)")`);

export function embeddedMetadata(snippet: string): Embedded {
  const link = QUOTED("link").exec(snippet);
  const title = QUOTED("title").exec(snippet);
  const heading = /#\s*Excerpt content:\s*([^\n]*)/.exec(snippet);
  return {
    link: link ? (link[1] ?? link[2] ?? null) : null,
    title: title ? (title[1] ?? title[2] ?? null) : null,
    heading: heading?.[1]?.trim() || null,
  };
}

/** The excerpt itself, without the "This is an excerpt … # Document metadata …" header. */
export function stripPreamble(snippet: string): string {
  const marker = /#\s*Excerpt content:[^\n]*\n?/.exec(snippet);
  const body = marker ? snippet.slice(marker.index + marker[0].length) : snippet;
  return body.replace(/^\s*This is an excerpt from a document\s*/i, "").trim();
}

function firstUrl(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const t = v?.trim();
    if (t && /^https?:\/\/\S+$/i.test(t)) return t;
  }
  return null;
}

function firstText(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const t = v?.trim();
    if (t && t !== "None" && t !== "null") return t;
  }
  return null;
}

function stringField(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function titleFromUrl(url: string): string {
  let last: string;
  try {
    const u = new URL(url);
    last = u.pathname.replace(/\/$/, "").split("/").pop() || u.hostname;
  } catch {
    return url;
  }
  const words = decodeURIComponent(last)
    .replace(/\.(md|mdx)$/i, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : url;
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (typeof value === "string") return `text "${value.slice(0, 60)}"`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object")
    return `keys ${
      Object.keys(value as object)
        .slice(0, 5)
        .join(", ") || "none"
    }`;
  return typeof value;
}
