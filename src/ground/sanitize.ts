/**
 * Builds documentation queries that carry topic terms only. Everything that could identify the
 * customer or the people on the call is removed: names (participants' full and partial names),
 * emails, phone numbers, URLs, company and project names, and figures (digits and number words).
 * Capitalized words are kept only when they are known product or technology terms, because a
 * capitalized unknown word in a sales call is most often a customer, project or person name.
 */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { Call } from "../model/call.js";
import type { ProductProfile } from "../product/profile.js";

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

const NUMBER_WORDS = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
  millions billion billions dozen dozens half quarter percent k`.split(/\s+/),
);

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
  how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off
  on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so
  some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
  when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
  you're you've your yours yourself yourselves just like really actually basically so well yeah yes okay ok sure right
  going gonna want wanna kind sort lot lots thing things stuff something anything everything someone anyone everyone
  today tomorrow yesterday week weeks month months year years day days time times hour hours minute minutes
  us our we've mean means say said tell told think thought know known guess maybe probably pretty quite still even
  already whatever whichever every any each either neither much many few little less least`.split(/\s+/),
);

// Competitor names are public product names, not customer data: "moving off Airflow" should find
// the Airflow migration guide. The profile's words are gathered once per profile, a competitor
// list's once per list.
const profileWords = new WeakMap<ProductProfile, ReadonlySet<string>>();
const listWords = new WeakMap<readonly CompetitorDefinition[], Map<ProductProfile, ReadonlySet<string>>>();

function productWords({ profile, competitors }: SanitizeProduct): ReadonlySet<string> {
  let own = profileWords.get(profile);
  if (!own) {
    own = new Set([
      ...words([
        ...profile.vocabulary.terms,
        ...profile.vocabulary.productNames,
        ...competitorNames(profile.competitors),
      ]),
      ...profile.sanitizerWords.map((w) => w.toLowerCase()),
    ]);
    profileWords.set(profile, own);
  }
  if (!competitors) return own;
  let byProfile = listWords.get(competitors);
  if (!byProfile) {
    byProfile = new Map();
    listWords.set(competitors, byProfile);
  }
  let all = byProfile.get(profile);
  if (!all) {
    all = new Set([...own, ...words(competitorNames(competitors))]);
    byProfile.set(profile, all);
  }
  return all;
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
