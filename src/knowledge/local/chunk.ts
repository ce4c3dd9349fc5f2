/**
 * Markdown/MDX page → heading-aware chunks of a few hundred words. Front matter is dropped (its
 * title kept), MDX/JSX components are stripped to their text (so <Note> and <Warning> content
 * stays), code blocks are kept. Uses marked's lexer: it tolerates MDX as HTML and lexes the
 * whole of a large product docs tree (about 900 pages) in under a second, where a strict MDX parser
 * took ten.
 */
import { marked, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";

export interface Chunk {
  /** Heading path of the section, e.g. "Flows › Cancel a flow run"; null before the first heading. */
  section: string | null;
  content: string;
}

export interface ParsedPage {
  title: string | null;
  description: string | null;
  chunks: Chunk[];
}

const TARGET_WORDS = 220;
const MAX_WORDS = 380;

export function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { data: {}, body: text };
  let data: Record<string, unknown> = {};
  try {
    const parsed = parseYaml(m[1]!);
    if (parsed && typeof parsed === "object") data = parsed as Record<string, unknown>;
  } catch {
    // Malformed front matter is dropped rather than indexed as text.
  }
  return { data, body: text.slice(m[0].length) };
}

export function parsePage(text: string): ParsedPage {
  const { data, body } = splitFrontMatter(text);
  const tokens = marked.lexer(stripMdxSyntax(body));
  const chunks: Chunk[] = [];
  const headings: string[] = [];
  let firstH1: string | null = null;
  let buffer: string[] = [];
  let words = 0;

  const section = () => (headings.length ? headings.filter(Boolean).join(" › ") : null);
  const flush = () => {
    const content = buffer.join("\n\n").trim();
    if (content) chunks.push({ section: section(), content });
    buffer = [];
    words = 0;
  };

  for (const token of tokens) {
    if (token.type === "heading") {
      const h = token as Tokens.Heading;
      const title = inlineText(h.text);
      if (h.depth === 1 && firstH1 === null) firstH1 = title;
      flush();
      headings.length = Math.max(0, h.depth - 1);
      headings[h.depth - 1] = title;
      continue;
    }
    const text = blockText(token);
    if (!text) continue;
    const n = countWords(text);
    if (words > 0 && words + n > MAX_WORDS) flush();
    buffer.push(text);
    words += n;
    if (words >= TARGET_WORDS && token.type !== "code") flush();
  }
  flush();

  const title = str(data.title) ?? firstH1;
  return { title, description: str(data.description), chunks: splitOversized(chunks) };
}

/** MDX-only syntax that would otherwise reach the index as text. */
function stripMdxSyntax(body: string): string {
  return body
    .replace(/^(?:import|export)\s[^\n]*$/gm, "")
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
}

function blockText(token: Token): string {
  switch (token.type) {
    case "paragraph":
    case "text":
      return inlineText((token as Tokens.Paragraph).text);
    case "code": {
      const code = token as Tokens.Code;
      return code.lang === "mermaid" ? "" : `\`\`\`${code.lang ?? ""}\n${code.text}\n\`\`\``;
    }
    case "list":
      return (token as Tokens.List).items.map((item) => `- ${itemText(item)}`).join("\n");
    case "blockquote":
      return ((token as Tokens.Blockquote).tokens ?? []).map(blockText).filter(Boolean).join("\n");
    case "table": {
      const t = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.text)).join(" | ");
      return [row(t.header), ...t.rows.map(row)].join("\n");
    }
    case "html":
      return htmlText((token as Tokens.HTML).text);
    default:
      return "";
  }
}

function itemText(item: Tokens.ListItem): string {
  return (item.tokens ?? [])
    .map((t) => (t.type === "text" ? inlineText((t as Tokens.Text).text) : blockText(t)))
    .filter(Boolean)
    .join(" ");
}

/** JSX/HTML → its text; attributes such as title="…" on callouts are kept as a lead-in. */
function htmlText(html: string): string {
  const titles = [...html.matchAll(/\btitle=["']([^"']+)["']/g)].map((m) => m[1]).join(". ");
  const inner = html.replace(/<[^>]*>/g, " ");
  const text = inlineText(inner);
  return [titles, text].filter(Boolean).join(": ");
}

/** Inline Markdown → plain text: links keep their text, emphasis markers go, `code` stays verbatim. */
export function inlineText(md: string): string {
  return md
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : plainInline(part)))
    .join("")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function plainInline(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\S+/g)) n++;
  return n;
}

/** A single block longer than MAX_WORDS (a huge code listing or table) is cut into pieces. */
function splitOversized(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const words = c.content.split(/(\s+)/);
    if (words.length <= MAX_WORDS * 2) {
      out.push(c);
      continue;
    }
    for (let i = 0; i < words.length; i += MAX_WORDS * 2) {
      out.push({
        section: c.section,
        content: words
          .slice(i, i + MAX_WORDS * 2)
          .join("")
          .trim(),
      });
    }
  }
  return out;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}
