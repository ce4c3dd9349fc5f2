/**
 * Words of a text, lower-cased: letters, then letters, digits or hyphens ("open-source",
 * "k8s"), without stopwords and words shorter than `minLength`.
 */
import { STOPWORDS } from "./stopwords.js";

export function wordsOf(
  text: string,
  { stopwords = STOPWORDS, minLength = 2 }: { stopwords?: ReadonlySet<string>; minLength?: number } = {},
): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? []).filter(
    (w) => w.length >= minLength && !stopwords.has(w),
  );
}
