/**
 * Documentation text as it reads in a sentence: Markdown and MDX syntax removed, and split into
 * sentences (prose at sentence ends, table rows one statement each). Spoken transcripts have
 * their own splitter (parse/sentences.ts), which knows abbreviations and versions in speech.
 */

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

/** Documentation text as sentences: prose split at sentence ends, each table row one statement. */
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
