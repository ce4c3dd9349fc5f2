/** "Name: text" at the start of a caption or line, as meeting tools write speakers without voice tags. */

// A name is 1–5 words of letters (apostrophes, hyphens, dots allowed), not a sentence fragment.
const PREFIX = /^\s*((?:[\p{Lu}\p{Lt}][\p{L}'’.-]*|\p{L}[\p{L}'’-]*)(?:\s+[\p{L}'’.-]+){0,4})\s*:\s+(.*)$/su;

export function splitSpeakerPrefix(text: string): { speaker: string; text: string } | null {
  const m = PREFIX.exec(text);
  if (!m) return null;
  const speaker = m[1]!.trim();
  // "Note: ..." or "Step 1: ..." style prefixes are content, not speakers: require a capitalized first word
  // and no digits; URLs ("https://…") never match because of the required space after the colon.
  if (!/^[\p{Lu}]/u.test(speaker) || /\d/.test(speaker)) return null;
  return { speaker, text: m[2]!.trim() };
}
