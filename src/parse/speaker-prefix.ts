/**
 * "Name: text" at the start of a caption or line, as meeting tools write speakers without voice
 * tags. Prose has colons too ("The main thing is: …", "Note: …"), so a prefix is a candidate
 * first (`splitSpeakerPrefix`), and the file's candidates together decide which are speakers
 * (`acceptSpeakers`): a name-shaped prefix that recurs, or a full name (two or more capitalized
 * words) that appears once.
 */

// 1–5 words of letters (apostrophes, hyphens, dots allowed; digits after the first word).
const PREFIX =
  /^\s*((?:[\p{Lu}\p{Lt}][\p{L}'’.-]*|\p{L}[\p{L}'’-]*)(?:\s+[\p{L}\p{N}'’.-]+){0,4})\s*:\s+(.*)$/su;

// Diarization without names: "Speaker 1", "Participant 2", "Guest 3".
const GENERIC_SPEAKER = /^(?:speaker|participant|guest|unknown speaker|caller|attendee)\s+\d{1,3}$/i;

// Lower-case name particles: "Ana de la Cruz", "Jan van Dijk", "Omar bin Said".
const PARTICLES = new Set([
  "de",
  "da",
  "das",
  "do",
  "dos",
  "del",
  "della",
  "la",
  "le",
  "van",
  "von",
  "der",
  "den",
  "ter",
  "bin",
  "binti",
  "al",
  "el",
  "du",
  "di",
  "y",
]);

export function splitSpeakerPrefix(text: string): { speaker: string; text: string } | null {
  const m = PREFIX.exec(text);
  if (!m) return null;
  const speaker = m[1]!.trim();
  // A capitalized first word; digits only in generic labels ("Speaker 2", not "Step 1"). URLs
  // ("https://…") never match because of the required space after the colon.
  if (!/^[\p{Lu}]/u.test(speaker)) return null;
  if (/\d/.test(speaker) && !GENERIC_SPEAKER.test(speaker)) return null;
  return { speaker, text: m[2]!.trim() };
}

/** Every word capitalized (name particles aside), or a generic diarization label. */
export function looksLikeName(candidate: string): boolean {
  if (GENERIC_SPEAKER.test(candidate)) return true;
  const words = candidate.split(/\s+/);
  return words.every((w, i) => /^[\p{Lu}\p{Lt}]/u.test(w) || (i > 0 && PARTICLES.has(w.toLowerCase())));
}

/**
 * Which candidate prefixes of one file are speakers: name-shaped ones that occur at least twice,
 * or that look like a full name (several words, or a generic label) when they occur once. When no
 * candidate recurs at all (a very short file), every name-shaped candidate counts.
 */
export function acceptSpeakers(candidates: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c, (counts.get(c) ?? 0) + 1);
  const anyRecurs = [...counts.values()].some((n) => n > 1);
  const accepted = new Set<string>();
  for (const [name, n] of counts) {
    if (!looksLikeName(name)) continue;
    const fullName = name.split(/\s+/).length >= 2;
    if (n > 1 || fullName || !anyRecurs) accepted.add(name);
  }
  return accepted;
}
