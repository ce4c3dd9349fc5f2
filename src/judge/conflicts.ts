/**
 * Typed reasons a claim and a documentation passage cannot both be true. Each detector looks for
 * one kind of mistake reps make: saying yes where the docs say no (negation scope), saying the
 * opposite word (push/pull, on/off, a product's own contrasts such as pause/suspend), a different
 * figure, minimum version or default, a different plan tier or edition ("on the open-source
 * server" where the docs say "only in <hosted edition>"), "only X" where the docs list X among
 * others, "any one" where the docs say "all", and "the same" where the docs describe a difference.
 * The judge asks only about passages that are strongly about the claim's subject.
 */

import { escapeRegExp } from "../text/regex.js";
import { ENGLISH_LEXICON, type TermLexicon } from "../text/terms.js";
import { conflictingFigure, statedDefault } from "./figures.js";
import { conflictingPrecedence } from "./precedence.js";

/** Word pairs that cannot both describe the same thing; relational words (before/after) are left out. */
const OPPOSITE_PAIRS: [string[], string[]][] = [
  [
    ["higher", "high"],
    ["lower", "low"],
  ],
  [["more"], ["fewer", "less"]],
  [["greater"], ["smaller", "lesser"]],
  [
    ["inbound", "ingress"],
    ["outbound", "egress"],
  ],
  [["push"], ["pull"]],
  [
    ["optional", "optionally"],
    ["required", "mandatory"],
  ],
  [
    ["public", "publicly"],
    ["private", "privately"],
  ],
  [
    ["synchronous", "synchronously", "sync"],
    ["asynchronous", "asynchronously", "async"],
  ],
  [["enabled"], ["disabled"]],
  [
    ["automatic", "automatically"],
    ["manual", "manually"],
  ],
  [["encrypted"], ["unencrypted", "plaintext"]],
  [["minimum"], ["maximum"]],
  [["on"], ["off"]],
  [
    ["hold", "holds", "held"],
    ["release", "releases", "released"],
  ],
  [
    ["include", "includes", "included"],
    ["exclude", "excludes", "excluded"],
  ],
  [
    ["accept", "accepts", "accepted"],
    ["reject", "rejects", "rejected"],
  ],
  [["visible"], ["hidden", "invisible"]],
  [["stateful"], ["stateless"]],
  [
    ["open-source", "free"],
    ["paid", "cloud-only"],
  ],
];

/** Product editions, from the knowledge pack: the hosted one and the self-hosted/open-source one. */
export interface Editions {
  hosted: string[];
  selfHosted: string[];
}

export interface ConflictRules {
  /** surface word → the surface words of the other side */
  opposites: Map<string, Set<string>>;
  /** stem → stems of the other side (alignment counts an opposite as the same subject) */
  oppositeStems: Map<string, Set<string>>;
  editions: Editions | null;
  /** How words stem and fold: the English lexicon plus the product's. */
  lexicon: TermLexicon;
}

export function buildRules(
  contrasts: [string[], string[]][] = [],
  editions: Editions | null = null,
  lexicon: TermLexicon = ENGLISH_LEXICON,
): ConflictRules {
  const of = new Map<string, Set<string>>();
  const add = (side: string[], other: string[]) => {
    for (const w of side) {
      const k = w.toLowerCase();
      of.set(k, new Set([...(of.get(k) ?? []), ...other.map((o) => o.toLowerCase())]));
    }
  };
  for (const [a, b] of [...OPPOSITE_PAIRS, ...contrasts]) {
    add(a, b);
    add(b, a);
  }
  const oppositeStems = new Map<string, Set<string>>();
  for (const [word, others] of of) {
    // "on"/"off" and "more"/"less" are too common to say two sentences are about the same thing.
    if (word.length <= 4) continue;
    oppositeStems.set(lexicon.stem(word), new Set([...others].map((o) => lexicon.stem(o))));
  }
  return { opposites: of, oppositeStems, editions, lexicon };
}

export const DEFAULT_RULES = buildRules();

export interface ConflictInput {
  /** The claim clause (normalized text). */
  claim: string;
  /** The whole claim sentence: both sides of a pair named there is a contrast, not a mistake. */
  wholeClaim: string;
  /** The passage's statement. */
  doc: string;
  /** Its heading (title and section), where plan tiers and editions are often marked. */
  heading?: string;
  /** Its context (neighbouring sentences, table header). */
  context?: string;
  /**
   * The passage states nearly all of the clause: a swapped word or figure in it is then about the
   * same thing even when the words around it differ.
   */
  strong?: boolean;
  /** What a table row is about (its first cell), for figures stated in other cells. */
  subject?: string;
  /** Values the page spells as code constants (`READ_COMMITTED`, `SERIALIZABLE`): the options a default is chosen from. */
  alternatives?: string[];
}

const DEFAULT_WORDS = /\bby default\b|\bdefaults? (?:to|is)\b|\bdefault\b/i;

/**
 * The claim names one option as the default ("isolation is serializable by default") where the
 * doc states another ("By default, cache records operate with a `READ_COMMITTED` isolation
 * level"): both options are constants the page spells in code.
 */
function differentDefaultValue(claim: string, doc: string, alternatives: string[]): string | null {
  if (!DEFAULT_WORDS.test(claim) || !DEFAULT_WORDS.test(doc) || alternatives.length < 2) return null;
  const spoken = (v: string) => v.toLowerCase().replace(/_/g, " ");
  const said = (text: string, v: string) =>
    new RegExp(`(?<![a-z])${escapeRegExp(spoken(v))}(?![a-z])`, "i").test(text.replace(/_/g, " "));
  const claimed = alternatives.filter((v) => said(claim, v));
  const documented = alternatives.filter((v) => said(doc, v));
  if (!claimed.length || !documented.length) return null;
  if (claimed.some((v) => documented.includes(v))) return null;
  return `a different default ("${claimed[0]}" vs "${documented[0]}")`;
}

const CONTRAST = /,\s*(?:and\s+)?not\s+[^,;:.!?]*[.!?]?\s*$/i;
const NEGATION_CUE_ONCE = /\b(?:not|never|cannot|no|without)\b|n't\b/i;

/** The kinds of mistake the detectors recognise; each is a feature of the learned judge. */
export const CONFLICT_KINDS = [
  "negated-in-docs",
  "denied-by-claim",
  "opposite",
  "figure",
  "default-value",
  "default-state",
  "tier",
  "edition",
  "only",
  "precedence",
  "any-all",
  "sameness",
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface Conflict {
  kind: ConflictKind;
  detail: string;
}

/** A reason the claim and the documentation cannot both be true, or null. */
export function findConflict(input: ConflictInput, rules: ConflictRules = DEFAULT_RULES): string | null {
  return detectConflicts(input, rules, true)[0]?.detail ?? null;
}

/** Every typed reason the claim and the passage cannot both be true (the first only, when `first`). */
export function detectConflicts(
  input: ConflictInput,
  rules: ConflictRules = DEFAULT_RULES,
  first = false,
): Conflict[] {
  const lex = rules.lexicon;
  const claim = lex.normalize(input.claim);
  const doc = lex.normalize(input.doc);
  const wholeClaim = lex.normalize(input.wholeClaim || input.claim);
  const claimTerms = new Set(lex.contentTerms(claim));
  const docTerms = new Set(lex.contentTerms(doc));
  // A table row states things about its first cell ("Developer | … create, edit and delete
  // deployments"): a claim about another row's subject cannot conflict with it.
  const rowSubject = lex.contentTerms(input.subject ?? "");
  if (rowSubject.length && !rowSubject.some((t) => new Set(lex.contentTerms(wholeClaim)).has(t))) return [];
  const subject = new Set(lex.contentTerms(input.subject ?? ""));
  // "hands the task the value, not the future" contrasts two things; a passage that merely
  // mentions the second does not say the product hands it over.
  const contrastOnly = CONTRAST.test(claim) && !NEGATION_CUE_ONCE.test(claim.replace(CONTRAST, ""));
  const detectors: [ConflictKind, () => string | null][] = [
    [
      "negated-in-docs",
      () => (negationConflict(doc, claimTerms, claim, lex) ? "the docs state the negative" : null),
    ],
    [
      "denied-by-claim",
      () =>
        (!contrastOnly || input.strong) && negationConflict(claim, docTerms, doc, lex)
          ? "the claim denies what the docs state"
          : null,
    ],
    ["opposite", () => oppositeTerms(claim, doc, rules, wholeClaim, input.strong ?? false)],
    [
      "figure",
      () =>
        conflictingFigure(
          claim,
          doc,
          (x, xText, y, yText) =>
            input.strong === true ||
            intersects(around(xText, x.index, lex), around(yText, y.index, lex, subject)),
          lex,
        ),
    ],
    ["default-value", () => differentDefaultValue(claim, doc, input.alternatives ?? [])],
    [
      "default-state",
      () => {
        const claimDefault = statedDefault(claim);
        const docDefault = statedDefault(doc);
        return claimDefault && docDefault && claimDefault !== docDefault
          ? `the claim says ${claimDefault} by default, the docs say ${docDefault}`
          : null;
      },
    ],
    ["tier", () => conflictingTier(wholeClaim, doc, input.heading ?? "")],
    ["edition", () => conflictingEdition(wholeClaim, doc, input.heading ?? "", rules)],
    ["only", () => onlyAmongOthers(claim, doc, lex)],
    ["precedence", () => conflictingPrecedence(claim, doc, lex)],
    [
      "any-all",
      () =>
        /\bany (?:one|single|1)\b|\bat least (?:one|1)\b|\bas soon as any\b/i.test(claim) &&
        /\ball\b|\bevery\b|\beach of\b/i.test(doc)
          ? 'the claim says "any one", the docs say "all"'
          : null,
    ],
    [
      "sameness",
      () =>
        /\b(?:the same thing|the same as|same as (?:in|before|with)|no different|nothing changes|nothing has changed|unchanged|works the same|identical)\b/i.test(
          claim,
        ) &&
        /\b(?:differen(?:t|ce|ces)|differs?|changed|changes|no longer|unlike|whereas|by contrast|instead|while)\b/i.test(
          doc,
        )
          ? "the claim says nothing differs, the docs describe a difference"
          : null,
    ],
  ];
  const out: Conflict[] = [];
  for (const [kind, detect] of detectors) {
    const detail = detect();
    if (!detail) continue;
    out.push({ kind, detail });
    if (first) break;
  }
  return out;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9-]*/g) ?? [];
}

/**
 * A claim word whose opposite the doc uses (and not the word itself), both about the same thing:
 * the words around them share a term ("private images" vs "publicly available images"), so
 * "migrations run automatically" does not clash with "manually clean up indexes".
 */
function oppositeTerms(
  claim: string,
  doc: string,
  rules: ConflictRules,
  wholeClaim: string,
  strong: boolean,
): string | null {
  const a = words(claim);
  const whole = new Set(words(wholeClaim));
  const bList = words(doc);
  const b = new Set(bList);
  // "You can also manage migrations manually": an alternative, not a denial of the other way.
  if (/\b(?:also|alternatively|optionally|as well)\b/i.test(doc)) return null;
  for (const [i, w] of a.entries()) {
    const others = rules.opposites.get(w);
    if (!others) continue;
    // The doc uses this side too (any form of it): it is not saying the opposite.
    const sameSide = [...rules.opposites.entries()].filter(([, o]) => sameSet(o, others)).map(([k]) => k);
    if (sameSide.some((s) => b.has(s))) continue;
    for (const o of others) {
      if (!b.has(o) || whole.has(o)) continue;
      const near = neighbours(a, i, rules.lexicon);
      const j = bList.indexOf(o);
      if (strong || [...neighbours(bList, j, rules.lexicon)].some((t) => near.has(t)))
        return `opposite terms ("${w}" vs "${o}")`;
    }
  }
  return null;
}

function around(text: string, at: number, lex: TermLexicon, extra?: Set<string>): Set<string> {
  return neighbours(words(text), words(text.slice(0, at)).length, lex, extra);
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

const NEIGHBOURHOOD = 4;
/** Content terms within a few words of position `i` (plus `extra`, e.g. a table row's subject). */
function neighbours(
  list: string[],
  i: number,
  lex: TermLexicon,
  extra: Set<string> = new Set(),
): Set<string> {
  const out = new Set<string>(extra);
  for (const w of [
    ...list.slice(Math.max(0, i - NEIGHBOURHOOD), i),
    ...list.slice(i + 1, i + 1 + NEIGHBOURHOOD),
  ]) {
    const t = lex.contentTerms(w)[0];
    if (t !== undefined && !lex.isWeak(t)) out.add(t);
  }
  return out;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Plan tiers of SaaS products: naming one that the docs do not is a conflict. */
const TIERS = ["free", "hobby", "starter", "team", "pro", "business", "enterprise", "premium"];
const TIER_CONTEXT = /\b(?:plans?|tiers?|editions?)\b/i;
// Headings mark plan features as "Service accounts (Pro) (Enterprise)".
const TIER_MARK = new RegExp(`\\((${TIERS.join("|")})\\)`, "gi");

function conflictingTier(claim: string, doc: string, heading: string): string | null {
  if (!TIER_CONTEXT.test(claim)) return null;
  const tiers = (text: string) => new Set(words(text).filter((w) => TIERS.includes(w)));
  const a = tiers(claim);
  if (!a.size) return null;
  let b = TIER_CONTEXT.test(doc) ? tiers(doc) : new Set<string>();
  if (!b.size) b = new Set([...heading.matchAll(TIER_MARK)].map((m) => m[1]!.toLowerCase()));
  if (!b.size) return null;
  for (const t of a) if (b.has(t)) return null;
  return `a different plan ("${[...a].join(", ")}" vs "${[...b].join(", ")}")`;
}

function phrase(names: string[]): string {
  return names.map((n) => escapeRegExp(n.toLowerCase()).replace(/[\s-]+/g, "[\\s-]+")).join("|");
}

/**
 * The claim places a feature in the self-hosted edition ("works the same on the open-source
 * server") where the docs say it is only in the hosted one ("only available in <hosted>", a
 * "(<hosted>)" heading, an availability column reading "<hosted>"); the edition names come from
 * the product profile.
 */
function conflictingEdition(
  claim: string,
  doc: string,
  heading: string,
  rules: ConflictRules,
): string | null {
  const e = rules.editions;
  if (!e?.hosted.length || !e.selfHosted.length) return null;
  const self = new RegExp(`\\b(?:${phrase(e.selfHosted)})\\b`, "i");
  const hosted = phrase(e.hosted);
  const m = self.exec(claim);
  if (!m) return null;
  // "isn't available on the open-source server" agrees with the docs.
  if (
    /\b(?:not|no|never|cannot|without|only in|only on)\b|n't\b/i.test(
      claim.slice(Math.max(0, m.index - 40), m.index),
    )
  )
    return null;
  const onlyHosted = new RegExp(
    `\\bonly (?:available |offered |supported )?(?:in|on|with|for) (?:${hosted})\\b|\\b(?:${hosted})[\\s-]+(?:only|exclusive)\\b|\\b(?:${hosted}) (?:provides|offers|adds) (?:the )?additional\\b`,
    "i",
  );
  // A table row whose last cell names the hosted edition (an "Availability" column).
  const rowCell = new RegExp(`\\| *(?:${hosted}) *$`, "i");
  // A heading that marks the section as hosted-only: "Webhooks (<hosted>)".
  const mark = new RegExp(`\\((?:${hosted})\\)`, "i");
  if (onlyHosted.test(doc)) return `the docs place it in ${e.hosted[0]} only`;
  if (namesHostedAddition(claim, m.index, doc, hosted, rules.lexicon))
    return `the docs place it in ${e.hosted[0]} only`;
  // A row or heading that also names the self-hosted edition is about both.
  if ((!rowCell.test(doc) && !mark.test(heading)) || self.test(doc)) return null;
  return `the docs place it in ${e.hosted[0]} only`;
}

/**
 * "<hosted> adds organizational features such as RBAC and SSO": what the hosted edition adds,
 * the self-hosted one lacks. It conflicts only when the claim's clause that names the self-hosted
 * edition also names one of those features, and does not credit them to the hosted edition.
 */
function namesHostedAddition(
  claim: string,
  editionAt: number,
  doc: string,
  hosted: string,
  lex: TermLexicon,
): boolean {
  const added = new RegExp(`\\b(?:${hosted}) (?:adds|provides|offers|includes)\\b([^.;]*)`, "i").exec(doc);
  if (!added) return false;
  const clause = clauseAround(claim, editionAt);
  if (new RegExp(`\\b(?:${hosted})\\b`, "i").test(clause)) return false;
  const features = new Set(lex.contentTerms(added[1]!).filter((t) => !lex.isWeak(t)));
  return lex.contentTerms(clause).some((t) => features.has(t) && !GENERIC_ADDITIONS.has(t));
}

function clauseAround(text: string, at: number): string {
  const boundary = /[,;]|\b(?:but|so|while|whereas)\b/gi;
  let start = 0;
  let end = text.length;
  for (const b of text.matchAll(boundary)) {
    if (b.index! < at) start = b.index! + b[0].length;
    else {
      end = b.index!;
      break;
    }
  }
  return text.slice(start, end);
}

// English words, stemmed once with the English lexicon: a product's synonyms do not reach them.
const stem = (word: string) => ENGLISH_LEXICON.stem(word);

/** Words of the "adds …" phrase that name no feature. */
const GENERIC_ADDITIONS = new Set(
  ["feature", "organizational", "additional", "capability", "enterprise", "like", "such"].map(stem),
);

/**
 * "Only X" where the doc names X in a list with others ("Use `POST`, `PUT`, and `PATCH`").
 */
function onlyAmongOthers(claim: string, doc: string, lex: TermLexicon): string | null {
  const m = /\bonly\s+((?:[\w.-]+\s+){0,2}[\w.-]+)/i.exec(claim);
  if (!m || /\bonly\b/i.test(doc) || /\bnot only\b/i.test(claim)) return null;
  const scope = new Set(lex.contentTerms(m[1]!).filter((t) => !lex.isWeak(t)));
  if (!scope.size) return null;
  // Lists: "a, b, and c" / "a, b or c" (three or more items, or two named with "both").
  for (const list of doc.matchAll(
    /((?:[`\w.-]+ ?){1,3}(?:, (?:[`\w.-]+ ?){1,3})+,? (?:and|or) (?:[`\w.-]+ ?){1,3})/g,
  )) {
    const items = list[1]!.split(/,\s*(?:and |or )?|\s(?:and|or)\s/).map((i) => new Set(lex.contentTerms(i)));
    const hasIt = items.findIndex((set) => [...scope].some((t) => set.has(t)));
    if (hasIt >= 0 && items.length >= 3)
      return `the claim says "only", the docs list ${items.length} alternatives`;
  }
  return null;
}

// Bare "without" is left out: "send input while running, without pausing" describes another way of
// doing something. "Not only", "no more than" and "not … until" are not denials.
const NEGATION_CUE =
  /\b(?:not(?! only| just| more than| less than| fewer than| until| later than)|never|cannot|no(?! more than| fewer than| less than| longer than| later than)|without (?:requiring|needing|having to|the need for|any need))\b|n't\b(?! only| just)/gi;
const SKIPPED_AFTER_NEGATION = new Set(
  "be been being is are was were do does did have has had get gets got to the a an any your their its it them this that ever yet always actually really necessarily automatically just even you we us me i having".split(
    " ",
  ),
);
const QUANTIFIERS = new Set(["each", "every", "all", "only", "just", "both", "either"]);
// Verbs of capability and need: what they negate is their object ("does not support H hashed expressions").
const CAPABILITY = new Set(
  [
    "support",
    "allow",
    "accept",
    "include",
    "provide",
    "offer",
    "need",
    "require",
    "understand",
    "handle",
    "have",
  ].map(stem),
);
const CAPABILITY_WORDS = new Set(["have", "has", "had"]);
/** Verbs of capability that say the same kind of thing: need ~ require, support ~ allow. */
const CAPABILITY_FAMILY = new Map<string, string[]>();
for (const group of [
  ["need", "require", "must", "mandatory"],
  ["support", "allow", "accept", "handle", "understand", "let", "enable"],
  ["have", "include", "provide", "offer", "come", "ship", "contain"],
]) {
  const stems = group.map(stem);
  for (const s of stems) CAPABILITY_FAMILY.set(s, stems);
}
// When asking whether the other side negates a term too, any form of negation counts: "without
// receiving your code" agrees with "never receives your code".
const BROAD_NEGATION_CUE =
  /\b(?:not|never|cannot|no|none of|nothing|neither|nor|without (?:requiring|needing|having to|the need for|any need)|without|rather than|instead of|free of)\b|n't\b/gi;
const SCOPE_END = /[,;:.!?]|\b(?:but|while|whereas|although|so|because|unless|instead)\b/i;
const OBJECT_WORDS = 6;

/**
 * What a negation in `text` applies to: the first content word after the cue (its predicate:
 * "not encrypted", "won't capture"), two words when a quantifier intervenes ("not each HTTP
 * batch"), and the object of a verb of capability or need ("does not support H hashed
 * expressions", "don't need Redis"). `positive` holds the terms the text states outside any
 * negation.
 */
export function negationScopes(
  text: string,
  cues: RegExp = NEGATION_CUE,
  lex: TermLexicon = ENGLISH_LEXICON,
): {
  predicates: Set<string>;
  objects: Set<string>;
  positive: Set<string>;
  /** The negated verbs of capability or need whose objects are in `objects`. */
  capabilities: Set<string>;
} {
  const predicates = new Set<string>();
  const objects = new Set<string>();
  const capabilities = new Set<string>();
  // Quoted words are mentioned, not asserted: 'treats it as "no change"'.
  const lower = text.toLowerCase().replace(/"[^"]*"|“[^”]*”/g, (q) => " ".repeat(q.length));
  const covered: [number, number][] = [];
  for (const m of lower.matchAll(cues)) {
    // Conditions are not denials: "if no workers are healthy", "whether or not", "means no expiration".
    if (
      /\b(?:if|when|whether or|unless|means|meaning|with|where)\s+$/.test(
        lower.slice(Math.max(0, m.index! - 12), m.index!),
      )
    )
      continue;
    // "a limit that has no slot decay", "with no retries": a negation that describes a noun in a
    // relative clause is a condition, not a denial.
    if (
      m[0] === "no" &&
      /\b(?:that|which|who) (?:has|have|had)\s+$/.test(lower.slice(Math.max(0, m.index! - 16), m.index!))
    )
      continue;
    // A negation inside a conditional ("if you switch persistence off the cache can't be
    // reused") describes the exception, not the rule the docs state.
    if (/\b(?:if|unless|once|whenever)\b[^,;:.!?]*$/.test(lower.slice(0, m.index!))) continue;
    const start = m.index! + m[0].length;
    const rest = lower.slice(start);
    const end = rest.search(SCOPE_END);
    const span = end >= 0 ? rest.slice(0, end) : rest;
    covered.push([m.index!, start + span.length]);
    const tokens = span.match(/[a-z][a-z0-9_.-]*/g) ?? [];
    let quantified = false;
    let predicate = 0;
    // "without requiring/needing X": the cue holds the verb of need; X is its object.
    let capability = /^without \w/.test(m[0]);
    if (capability) {
      predicate = 1;
      capabilities.add(stem("need"));
    }
    let objectWords = 0;
    for (const word of tokens) {
      if (QUANTIFIERS.has(word)) {
        quantified = true;
        continue;
      }
      if (SKIPPED_AFTER_NEGATION.has(word)) continue;
      const t = lex.contentTerms(word)[0];
      if (predicate < (quantified ? 2 : 1)) {
        // A verb too common to be a content word ("does not give", "don't use") is still the
        // predicate: what follows is its object, not what is negated.
        if (t === undefined) {
          if (CAPABILITY_WORDS.has(word)) {
            capability = true;
            capabilities.add(stem("have"));
          } else break;
          predicate++;
          continue;
        }
        if (lex.isWeak(t)) continue;
        if (predicate === 0) predicates.add(t);
        else objects.add(t);
        predicate++;
        if (CAPABILITY.has(t)) {
          capability = true;
          capabilities.add(t);
        }
        if (predicate >= (quantified ? 2 : 1) && !capability) break;
        continue;
      }
      if (t === undefined) continue;
      if (!capability || ++objectWords > OBJECT_WORDS) break;
      objects.add(t);
    }
  }
  let outside = "";
  let at = 0;
  for (const [s, e] of covered) {
    outside += ` ${lower.slice(at, s)}`;
    at = Math.max(at, e);
  }
  outside += ` ${lower.slice(at)}`;
  return { predicates, objects, positive: new Set(lex.contentTerms(outside)), capabilities };
}

/**
 * True when `text` negates something `other` asserts: a negated predicate that `other` uses, or
 * the object of a negated capability ("does not support hashed expressions") that `other` uses
 * and `text` does not also state positively elsewhere; and `other` does not negate it itself.
 */
function negationConflict(text: string, otherTerms: Set<string>, other: string, lex: TermLexicon): boolean {
  const { predicates, objects, positive, capabilities } = negationScopes(text, NEGATION_CUE, lex);
  if (!predicates.size) return false;
  const theirs = negationScopes(other, BROAD_NEGATION_CUE, lex);
  const negatedThere = (t: string) => theirs.predicates.has(t) || theirs.objects.has(t);
  for (const t of predicates) if (!lex.isWeak(t) && otherTerms.has(t) && !negatedThere(t)) return true;
  // The object of a negated capability ("don't need a cloud provider account") conflicts only with
  // a passage that states the same kind of capability ("requires …"), not one that merely names it.
  const family = new Set([...capabilities].flatMap((c) => CAPABILITY_FAMILY.get(c) ?? [c]));
  if (capabilities.size && ![...otherTerms].some((t) => family.has(t))) return false;
  for (const t of objects)
    if (!lex.isWeak(t) && otherTerms.has(t) && !negatedThere(t) && !positive.has(t)) return true;
  return false;
}
