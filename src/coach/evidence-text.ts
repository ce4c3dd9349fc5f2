/**
 * Picks the sentences of retrieved documentation that best answer a set of topic terms, cleaned
 * of Markdown and MDX noise, so coaching text can quote the docs instead of paraphrasing them.
 */

const STOP = new Set(
  "a an and are as at be by can do does for from has have how i if in is it its of on or our so that the their them then there these they this to was we what when where which who will with you your".split(
    " ",
  ),
);

export function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []).filter((t) => !STOP.has(t) && t.length > 2);
}

/** Removes Markdown/MDX syntax that reads badly when quoted in a sentence. */
export function cleanDocText(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "")
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function splitDocSentences(text: string): string[] {
  // Table rows (one per line in chunk text) are statements of their own: "Crashed | Yes | The run
  // did not complete because of an infrastructure issue." must not merge into one long blob.
  const prose: string[] = [];
  const out: string[] = [];
  const flushProse = () => {
    if (!prose.length) return;
    out.push(...cleanDocText(prose.join("\n")).split(/(?<=[.!?])\s+(?=[A-Z`"(])/));
    prose.length = 0;
  };
  let inCode = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    if (!inCode && (line.match(/\|/g)?.length ?? 0) >= 2 && !/^[\s|:-]+$/.test(line)) {
      flushProse();
      out.push(
        cleanDocText(line)
          .replace(/^\|\s*|\s*\|$/g, "")
          .replace(/\s*\|\s*/g, " | "),
      );
    } else prose.push(line);
  }
  flushProse();
  return out
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && s.length <= 400 && /[a-z]/.test(s) && !s.endsWith(":"));
}

const stem = (t: string) => t.replace(/(ing|ed|es|s)$/, "");

/** Sentences ranked by how many distinct query terms (stemmed) they contain; ties keep doc order. */
export function bestSentences(content: string, terms: string[], limit: number): string[] {
  const wanted = new Set(terms.map(stem));
  if (!wanted.size) return splitDocSentences(content).slice(0, limit);
  const scored = splitDocSentences(content).map((sentence, index) => {
    const have = new Set(contentTerms(sentence).map(stem));
    let score = 0;
    for (const w of wanted) if (have.has(w)) score++;
    return { sentence, index, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.sentence);
}
