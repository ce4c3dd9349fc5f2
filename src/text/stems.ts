/**
 * Stemmers. `porterStem` is the toolkit's stemmer: the Porter algorithm, the same one the
 * knowledge base's full-text index (SQLite FTS5 `porter`) applies, so a stem computed here meets
 * the index's. `lightStem` is a gentler suffix stripper for matching a product vocabulary as its
 * authors wrote it: it folds "retried", "retries", "retrying" to "retry" but leaves words Porter
 * would merge ("general" and "generate") apart, so a feature term does not match unrelated words.
 */
import { stemmer } from "stemmer";

export function porterStem(word: string): string {
  return stemmer(word);
}

/**
 * A light suffix stripper, applied alike to terms and to the words of a sentence, so that
 * "retried", "retries" and "retrying" all meet "retry", and "scheduled runs" meets "schedule".
 */
export function lightStem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (/ie[sd]$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("es") && w.length > 4) w = w.slice(0, -2);
  else if (/[^sui]s$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  if (/([b-df-hj-km-np-rtv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * The crudest stemmer: one plural or verb suffix cut ("retries" → "retri", "cached" → "cach").
 * Coaching ranks documentation sentences for quoting with it; applied alike to both sides, it
 * only needs to be consistent.
 */
export function suffixStem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, "");
}
