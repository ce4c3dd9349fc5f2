/**
 * Documentation chunk → the statements a claim can be compared with, each with the context a
 * reader would use to understand it: a sentence with its neighbours, a list item with the
 * sentence that introduces the list, a table row with the header row (so "`Late` | … | (15 seconds
 * by default)" is read under "Name | Type | Terminal? | Description"), and a reference entry's
 * description with its "Default: …" field (settings references state defaults that way).
 */

import { memo } from "../memo.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import { cleanDocText } from "../text/doc-text.js";

export type PassageKind = "sentence" | "item" | "row" | "setting";

export interface Passage {
  hit: KnowledgeHit;
  hitIndex: number;
  kind: PassageKind;
  /** The statement itself; conflicts are read from it. */
  text: string;
  /** What surrounds it: neighbouring sentences, a list's lead-in, a table's header row. */
  context: string;
  /** Page title and section heading. */
  heading: string;
}

const MIN_CHARS = 12;
const MAX_CHARS = 420;
const FIELD = /^([A-Z][A-Za-z ]{1,30}\??):\s+(\S.*)$/;
const FIELD_MAX_WORDS = 14;

const partsOf = memo((hit: KnowledgeHit): Omit<Passage, "hit" | "hitIndex">[] =>
  splitPassages(hit.content || hit.snippet, `${hit.title} ${hit.section ?? ""}`),
);

/** The passages of every hit, in hit order. */
export function passagesOf(hits: KnowledgeHit[]): Passage[] {
  const out: Passage[] = [];
  hits.forEach((hit, hitIndex) => {
    for (const p of partsOf(hit)) out.push({ ...p, hit, hitIndex });
  });
  return out;
}

type Block =
  | { type: "prose"; sentences: string[] }
  | { type: "list"; items: string[] }
  | { type: "table"; header: string; rows: string[] }
  | { type: "fields"; fields: { name: string; value: string }[] };

export function splitPassages(content: string, heading = ""): Omit<Passage, "hit" | "hitIndex">[] {
  const blocks = toBlocks(content);
  const out: Omit<Passage, "hit" | "hitIndex">[] = [];
  const push = (kind: PassageKind, text: string, context: string) => {
    const t = text.trim();
    // A sentence ending in ":" introduces what follows; it is context, not a statement.
    if (t.length >= MIN_CHARS && t.length <= MAX_CHARS && /[a-z]/i.test(t) && !t.endsWith(":"))
      out.push({ kind, text: t, context: context.trim(), heading });
  };
  blocks.forEach((block, b) => {
    const prev = blocks[b - 1];
    const next = blocks[b + 1];
    const lastSentenceOf = (x: Block | undefined) => (x?.type === "prose" ? (x.sentences.at(-1) ?? "") : "");
    const firstSentenceOf = (x: Block | undefined) => (x?.type === "prose" ? (x.sentences[0] ?? "") : "");
    if (block.type === "prose") {
      // A description followed by "Default: …" fields (a settings reference entry): the default is
      // part of what the description states.
      const fields = next?.type === "fields" ? next.fields : [];
      const defaults = fields.filter((f) => /^default/i.test(f.name)).map((f) => `${f.name}: ${f.value}`);
      block.sentences.forEach((s, i) => {
        const before = block.sentences[i - 1] ?? lastSentenceOf(prev);
        const after = block.sentences[i + 1] ?? firstSentenceOf(next);
        const last = i === block.sentences.length - 1;
        if (last && defaults.length) {
          push("setting", `${s} ${defaults.join(" ")}`, `${before} ${fields.map((f) => f.value).join(" ")}`);
        } else push("sentence", s, `${before} ${after}`);
      });
    } else if (block.type === "list") {
      const leadIn = lastSentenceOf(prev);
      for (const item of block.items) push("item", item, leadIn);
    } else if (block.type === "table") {
      const leadIn = lastSentenceOf(prev);
      for (const row of block.rows) push("row", row, `${block.header} ${leadIn}`);
    }
  });
  return out;
}

function toBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  // Code is left out: examples rarely state what the product does, and their tokens would align.
  const text = content.replace(/```[\s\S]*?(?:```|$)/g, "\n\n");
  for (const raw of text.split(/\n\s*\n/)) {
    const lines = raw
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) continue;
    if (lines.every((l) => /^[-*+]\s+|^\d+\.\s+/.test(l))) {
      blocks.push({ type: "list", items: lines.map((l) => clean(l.replace(/^[-*+]\s+|^\d+\.\s+/, ""))) });
      continue;
    }
    if (lines.length >= 2 && lines.every((l) => (l.match(/\|/g)?.length ?? 0) >= 1)) {
      const cells = lines
        .filter((l) => !/^[\s|:-]+$/.test(l))
        .map((l) =>
          clean(l)
            .replace(/^\|\s*|\s*\|$/g, "")
            .replace(/\s*\|\s*/g, " | "),
        );
      blocks.push({ type: "table", header: cells[0] ?? "", rows: cells.slice(1) });
      continue;
    }
    const field = lines.length === 1 ? FIELD.exec(clean(lines[0]!)) : null;
    if (field && field[0].split(/\s+/).length <= FIELD_MAX_WORDS) {
      const last = blocks.at(-1);
      const f = { name: field[1]!, value: field[2]!.replace(/`/g, "") };
      if (last?.type === "fields") last.fields.push(f);
      else blocks.push({ type: "fields", fields: [f] });
      continue;
    }
    const sentences = clean(lines.join("\n"))
      .split(/(?<=[.!?])\s+(?=[A-Z`"(*_])/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (sentences.length) blocks.push({ type: "prose", sentences });
  }
  return blocks;
}

/** Markdown emphasis (`**_all_**`) and links removed; code spans keep their text. */
function clean(text: string): string {
  return cleanDocText(text)
    .replace(/(^|[\s(])[*_]+([^*_\s][^*_]*?)[*_]+(?=[\s).,;:!?]|$)/g, "$1$2")
    .trim();
}
