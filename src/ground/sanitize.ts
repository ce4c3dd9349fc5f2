/**
 * Builds documentation queries that carry topic terms only. Everything that could identify the
 * customer or the people on the call is removed: names (participants' full and partial names),
 * emails, phone numbers, URLs, company and project names, and figures (digits and number words).
 * Capitalized words are kept only when they are known product or technology terms, because a
 * capitalized unknown word in a sales call is most often a customer, project or person name.
 */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import { memo } from "../memo.js";
import type { Call } from "../model/call.js";
import { perProfile } from "../product/per-profile.js";
import type { ProductProfile } from "../product/profile.js";
import { NUMBER_WORDS } from "../text/numbers.js";
import { QUERY_STOPWORDS as STOPWORDS } from "../text/stopwords.js";

export interface SanitizeContext {
  /** Lower-case tokens that must never appear: names, company and project words. */
  blocked: Set<string>;
  /** Lower-case words allowed even when capitalized (product and technology vocabulary). */
  allowedProper: ReadonlySet<string>;
}

/** The product side of a sanitize context: the profile and the competitors the analysis looks for. */
export interface SanitizeProduct {
  profile: ProductProfile;
  /** A `--competitors` list; the profile's competitors are allowed whether or not it is given. */
  competitors?: readonly CompetitorDefinition[] | undefined;
}

// Competitor names are public product names, not customer data: "moving off Airflow" should find
// the Airflow migration guide. The profile's words are gathered once per profile, a competitor
// list's once per list.
const profileWords = perProfile(
  (profile): ReadonlySet<string> =>
    new Set([
      ...words([
        ...profile.vocabulary.terms,
        ...profile.vocabulary.productNames,
        ...competitorNames(profile.competitors),
      ]),
      ...profile.sanitizerWords.map((w) => w.toLowerCase()),
    ]),
);
const withList = memo((competitors: readonly CompetitorDefinition[]) =>
  memo(
    (profile: ProductProfile): ReadonlySet<string> =>
      new Set([...profileWords(profile), ...words(competitorNames(competitors))]),
  ),
);

function productWords({ profile, competitors }: SanitizeProduct): ReadonlySet<string> {
  return competitors ? withList(competitors)(profile) : profileWords(profile);
}

function competitorNames(list: readonly CompetitorDefinition[]): string[] {
  return list.flatMap((c) => [c.name, ...c.aliases]);
}

// Words as a sentence's tokens will be compared with them: lower case, split on spaces, without
// the brackets of a display name such as "Amazon MWAA (managed Airflow)".
function words(names: string[]): string[] {
  return names.flatMap((t) => t.toLowerCase().split(/\s+/)).map((w) => w.replace(/^[([]+|[)\],]+$/g, ""));
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const PHONE = /(?:\+?\d[\d\s().-]{6,}\d)/g;
const FIGURE = /[$€£¥]?\d[\d,.:/%]*(?:\s?(?:k|m|bn|x|ms|s|gb|mb|tb|%))?\b/gi;

export function buildSanitizeContext(
  call: Call,
  product: SanitizeProduct,
  extraSensitive: string[] = [],
): SanitizeContext {
  const allowed = productWords(product);
  const blocked = new Set<string>();
  const addWords = (text: string | null | undefined) => {
    for (const w of (text ?? "").toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
      if (w.length >= 2 && !STOPWORDS.has(w) && !allowed.has(w)) blocked.add(w.replace(/'s$/, ""));
    }
  };
  for (const p of call.participants) {
    addWords(p.name);
    if (p.email) {
      const [local, domain] = p.email.toLowerCase().split("@");
      addWords(local?.replace(/[._-]+/g, " "));
      addWords(domain?.split(".").slice(0, -1).join(" "));
    }
  }
  // Call titles name the customer ("Halvorsen Freight <> Acme | Discovery").
  addWords(call.title);
  for (const s of extraSensitive) addWords(s);
  return { blocked, allowedProper: allowed };
}

/** Topic terms of a sentence, safe to send to a documentation service. */
export function sanitizeQuery(text: string, ctx: SanitizeContext): string {
  const stripped = text.replace(EMAIL, " ").replace(URL, " ").replace(PHONE, " ").replace(FIGURE, " ");
  const out: string[] = [];
  const seen = new Set<string>();
  const tokens = stripped.match(/[\p{L}][\p{L}\p{N}._'’-]*/gu) ?? [];
  tokens.forEach((raw, i) => {
    const token = raw.replace(/[’]/g, "'").replace(/['.-]+$/, "");
    const lower = token.toLowerCase();
    const base = lower.replace(/'s$/, "");
    if (!base || base.length < 2 || STOPWORDS.has(lower) || STOPWORDS.has(base) || NUMBER_WORDS.has(base))
      return;
    if (ctx.blocked.has(base) || [...base.split(/[-.]/)].some((part) => ctx.blocked.has(part))) return;
    const capitalized = /^\p{Lu}/u.test(token);
    // "Project X", "Team X": the word after such a noun is a name even when lower-case elsewhere.
    const previous = tokens[i - 1]?.toLowerCase();
    if (previous === "project" && capitalized) return;
    if (capitalized && !ctx.allowedProper.has(base)) return;
    if (/\d/.test(base) && !ctx.allowedProper.has(base)) return;
    if (seen.has(base)) return;
    seen.add(base);
    out.push(base);
  });
  return out.join(" ");
}
