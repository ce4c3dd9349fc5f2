/**
 * A product profile: everything Call Coach knows about one product, as data in one folder.
 * The code is the same for every product; the profile says what the product's features are
 * called, who its competitors are, what its editions are named, where its docs live, which
 * facts its pack holds and which fitted models judge it. One loader validates the folder and
 * every stage receives the result, so a second product is a second folder, not a code change.
 *
 * Layout (paths relative to the folder; only `profile.json` and `vocabulary.json` are required):
 *   profile.json      name, docs base URL, editions, judge lexicons (contrasts, synonyms,
 *                     phrasings, weak terms, retired terms), model and pack paths
 *   vocabulary.json   product names and feature terms that make a sentence a product claim
 *   docs-terms.json   technology names derived from the docs (scripts/derive-docs-terms.ts)
 *   competitors.json  competitors with aliases; a managed offering of another one names it in `basedOn`
 *   objections.json   objection topics: the docs' words for each, the cue words that assign it, and
 *                     how a response opens
 *   sanitizer.json    words allowed in docs queries even when capitalized
 *   pack/             the bundled knowledge pack (facts, battlecards, objection guides)
 *   models/           fitted models as JSON (judge, objection and claim classifiers)
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../errors.js";

const words = z.array(z.string().trim().min(1));
const side = words.min(1);

const vocabularySchema = z.strictObject({
  productNames: words.min(1),
  terms: words.min(1),
  generalTerms: words.optional(),
  topicOf: z.record(z.string(), z.string()).optional(),
  exactTerms: words.optional(),
});

export const competitorSchema = z.strictObject({
  name: z.string().trim().min(1),
  aliases: words.default([]),
  matchCase: z.boolean().optional(),
  /**
   * The competitor this one hosts or resells (a managed Airflow is `basedOn: "Airflow"`): it is
   * reported under its own name and positioned with the base's material as well as its own.
   */
  basedOn: z.string().trim().min(1).optional(),
});

/** `basedOn` must name another competitor of the same list. */
export const competitorListSchema = z.array(competitorSchema).superRefine((list, ctx) => {
  const names = new Set(list.map((c) => c.name.toLowerCase()));
  list.forEach((c, i) => {
    if (
      c.basedOn &&
      (!names.has(c.basedOn.toLowerCase()) || c.basedOn.toLowerCase() === c.name.toLowerCase())
    )
      ctx.addIssue({
        code: "custom",
        message: `basedOn "${c.basedOn}" is not another competitor of the list`,
        path: [i, "basedOn"],
      });
  });
});

const topicSchema = z.strictObject({
  name: z.string().trim().min(1),
  queryTerms: z.string(),
  /**
   * Evidence that a concern is about this topic: each group's words are regular-expression
   * alternatives matched as whole words in any case, and every match adds the group's weight.
   * The topic with the most evidence wins; on a tie, the one listed first.
   */
  cues: z
    .array(
      z.strictObject({
        weight: z.number().positive(),
        words: words.min(1).refine(
          (ws) =>
            ws.every((w) => {
              try {
                new RegExp(w);
                return true;
              } catch {
                return false;
              }
            }),
          "every cue word must be a valid regular expression",
        ),
      }),
    )
    .default([]),
  /** The first sentence of a suggested response to a concern of this topic. */
  opener: z.string().trim().min(1).optional(),
});

const objectionsSchema = z.strictObject({
  topics: z
    .array(topicSchema)
    .min(1)
    .refine((t) => t.some((x) => x.name === "other"), 'needs a topic named "other" (the fallback)')
    .refine((t) => new Set(t.map((x) => x.name)).size === t.length, "topic names must be unique"),
});

const sanitizerSchema = z.strictObject({ allowedWords: words });

const profileSchema = z.strictObject({
  $comment: z.string().optional(),
  name: z.string().trim().min(1),
  docs: z.strictObject({
    /** Public URL of the docs root: `docs sync --from-dir` files are cited under it. */
    baseUrl: z.url(),
  }),
  /** Names of the hosted and the self-hosted product, for "only in the hosted edition" conflicts. */
  editions: z.strictObject({ hosted: side, selfHosted: side }).optional(),
  judge: z
    .strictObject({
      /** Terms that name different things the docs keep apart, judged like opposite pairs. */
      contrasts: z.array(z.tuple([side, side])).default([]),
      /**
       * Words that mean the same thing for this product ("subflow", "child flow"), each group
       * folded to its first word; added to the English synonyms the judge always knows.
       */
      synonyms: z.array(words.min(2)).default([]),
      /** Spoken phrasings of this product's features and the words its docs use for them. */
      phrases: z.array(z.strictObject({ spoken: side, docs: z.string().trim().min(1) })).default([]),
      /**
       * Words so frequent in this product's docs that matching them says little: the product's
       * name and its commonest feature words (used when the docs give no term statistics).
       */
      weakTerms: words.default([]),
      /** Names of what the product no longer has ("agents"): a claim that uses them is often out of date. */
      retiredTerms: words.default([]),
    })
    .default({ contrasts: [], synonyms: [], phrases: [], weakTerms: [], retiredTerms: [] }),
  models: z
    .strictObject({
      judge: z.string().min(1).optional(),
      objection: z.string().min(1).optional(),
      claim: z.string().min(1).optional(),
    })
    .default({}),
  pack: z.string().min(1).optional(),
});

export type ProductVocabularyData = z.infer<typeof vocabularySchema>;
export type CompetitorData = z.infer<typeof competitorSchema>;
export interface ObjectionTopicData {
  name: string;
  /** What the docs call the topic's subject, added to the customer's words in docs queries. */
  queryTerms: string;
  /** Weighted cue words that assign a concern to the topic (see objections.json). */
  cues: { weight: number; words: string[] }[];
  opener?: string | undefined;
}
export interface JudgeLexiconData {
  synonyms: string[][];
  phrases: { spoken: string[]; docs: string }[];
  weakTerms: string[];
}
export interface EditionNames {
  hosted: string[];
  selfHosted: string[];
}

export interface ProductProfile {
  /** Absolute path of the profile folder. */
  readonly dir: string;
  readonly name: string;
  readonly docsBaseUrl: string;
  readonly vocabulary: ProductVocabularyData;
  readonly docsTerms: readonly string[];
  readonly competitors: readonly CompetitorData[];
  readonly objectionTopics: readonly ObjectionTopicData[];
  readonly sanitizerWords: readonly string[];
  readonly editions: EditionNames | null;
  readonly judgeContrasts: [string[], string[]][];
  /** The judge's word lexicon for this product, added to the English one (src/text/terms.ts). */
  readonly judgeLexicon: JudgeLexiconData;
  /** Names of what the product retired, read by the judge like "deprecated" words. */
  readonly judgeRetiredTerms: string[];
  /** Absolute paths of fitted models as JSON; null when the profile ships none. */
  readonly models: { judge: string | null; objection: string | null; claim: string | null };
  /** Absolute path of the knowledge pack folder; null when the profile has none. */
  readonly packDir: string | null;
}

/** Reads and validates a profile folder; every problem is an InputError naming the file and field. */
export function loadProductProfile(dir: string): ProductProfile {
  const root = resolve(dir);
  if (!existsSync(join(root, "profile.json"))) {
    throw new InputError("not a product profile (no profile.json)", { file: root });
  }
  const profile = readSection(root, "profile.json", profileSchema, true)!;
  const vocabulary = readSection(root, "vocabulary.json", vocabularySchema, true)!;
  const optionalPath = (rel: string | undefined, what: string): string | null => {
    if (!rel) return null;
    const path = isAbsolute(rel) ? rel : join(root, rel);
    if (!existsSync(path))
      throw new InputError(`${what} not found: ${path}`, { file: join(root, "profile.json") });
    return path;
  };
  const competitors = readSection(root, "competitors.json", competitorListSchema, false) ?? [];
  return {
    dir: root,
    name: profile.name,
    docsBaseUrl: profile.docs.baseUrl.replace(/\/+$/, ""),
    vocabulary,
    docsTerms: readSection(root, "docs-terms.json", words, false) ?? [],
    competitors: competitors.map((c) => ({
      ...c,
      aliases: c.aliases.includes(c.name) ? c.aliases : [c.name, ...c.aliases],
    })),
    objectionTopics: readSection(root, "objections.json", objectionsSchema, false)?.topics ?? [
      { name: "other", queryTerms: "", cues: [] },
    ],
    sanitizerWords: readSection(root, "sanitizer.json", sanitizerSchema, false)?.allowedWords ?? [],
    editions: profile.editions ?? null,
    judgeContrasts: profile.judge.contrasts,
    judgeLexicon: {
      synonyms: profile.judge.synonyms,
      phrases: profile.judge.phrases,
      weakTerms: profile.judge.weakTerms,
    },
    judgeRetiredTerms: profile.judge.retiredTerms,
    models: {
      judge: optionalPath(profile.models.judge, "models.judge"),
      objection: optionalPath(profile.models.objection, "models.objection"),
      claim: optionalPath(profile.models.claim, "models.claim"),
    },
    packDir: optionalPath(profile.pack, "pack"),
  };
}

function readSection<T>(root: string, name: string, schema: z.ZodType<T>, required: boolean): T | null {
  const file = join(root, name);
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new InputError(
      `cannot read product profile file (${(err as NodeJS.ErrnoException).code ?? "error"})`,
      {
        file,
      },
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file });
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`product profile: ${issue.message}`, { file, field: issue.path.join(".") || null });
  }
  return parsed.data;
}
