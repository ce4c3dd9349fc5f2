/**
 * Competitor lists with aliases; the product profile holds the default list. A name that is also
 * an ordinary word ("Temporal", "Mage", "Windmill") is marked `matchCase`: only the capitalized
 * spelling counts, as product names are written in transcripts ("a temporal join" is not a
 * competitor). Other names match in any case, because speech-to-text often writes "airflow" or
 * "dagster" in lower case.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors.js";
import { escapeRegExp } from "../text/regex.js";

export interface CompetitorDefinition {
  /** Canonical name shown in the report. */
  name: string;
  /** Spellings that count as a mention (the name itself is always one). */
  aliases: string[];
  /** Only exact-case matches count (for names that are also ordinary words). */
  matchCase?: boolean;
  /**
   * The competitor this one is a managed offering of ("Amazon MWAA (managed Airflow)" is based
   * on "Airflow"): positioned with the base's material too.
   */
  basedOn?: string;
}

export interface CompiledCompetitor {
  name: string;
  patterns: { alias: string; re: RegExp }[];
  /** Indexes (in the compiled list) of the competitors based on this one. */
  vendors: number[];
  /** Every alias at once, to blank out a vendor's name before looking for its base's. */
  anyAlias: RegExp;
}

export function compileCompetitors(list: readonly CompetitorDefinition[]): CompiledCompetitor[] {
  const flags = (c: CompetitorDefinition) => (c.matchCase ? "u" : "iu");
  // Word-bounded; "Dagster" does not match inside "Dagster+" (the longer alias reports that).
  const bounded = (alias: string) => `(?<![\\w-])${escapeRegExp(alias)}(?![\\w-]|\\+)`;
  return list.map((c) => {
    // Longest alias first so "Dagster Cloud" is reported rather than "Dagster".
    const aliases = [...c.aliases].sort((a, b) => b.length - a.length);
    const name = c.name.toLowerCase();
    return {
      name: c.name,
      patterns: aliases.map((alias) => ({ alias, re: new RegExp(bounded(alias), flags(c)) })),
      vendors: list.flatMap((v, i) => (v.basedOn?.toLowerCase() === name ? [i] : [])),
      anyAlias: new RegExp(aliases.map(bounded).join("|"), `g${flags(c)}`),
    };
  });
}

const entrySchema = z.object({
  name: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
  matchCase: z.boolean().optional(),
  basedOn: z.string().trim().min(1).optional(),
});
// Either a list (replaces the profile's) or {competitors, include_defaults} to extend the profile's.
const listSchema = z.array(entrySchema);
const objectSchema = z.object({ include_defaults: z.boolean().default(false), competitors: listSchema });

/**
 * A `--competitors` file. `defaults` is the product profile's list, which the file replaces or,
 * with `include_defaults`, extends.
 */
export async function loadCompetitorList(
  path: string,
  defaults: readonly CompetitorDefinition[],
): Promise<CompetitorDefinition[]> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(`cannot read competitor list (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      file: path,
    });
  }
  return parseCompetitorList(raw, path, defaults);
}

export function parseCompetitorList(
  raw: string,
  path: string | null,
  defaults: readonly CompetitorDefinition[],
): CompetitorDefinition[] {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new InputError(`competitor list is not valid JSON: ${(err as Error).message}`, { file: path });
  }
  const parsed = Array.isArray(doc) ? listSchema.safeParse(doc) : objectSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(
      `competitor list: ${issue.message} (expected [{"name": "…", "aliases": ["…"]}] or {"include_defaults": true, "competitors": […]})`,
      { file: path, field: issue.path.join(".") || null },
    );
  }
  const entries = Array.isArray(parsed.data) ? parsed.data : parsed.data.competitors;
  const own = entries.map((c) => ({
    name: c.name,
    aliases: c.aliases.includes(c.name) ? c.aliases : [c.name, ...c.aliases],
    ...(c.matchCase !== undefined ? { matchCase: c.matchCase } : {}),
    ...(c.basedOn !== undefined ? { basedOn: c.basedOn } : {}),
  }));
  const names = new Set(own.map((c) => c.name.toLowerCase()));
  // The file's entries win over the profile's of the same name.
  const list =
    Array.isArray(parsed.data) || !parsed.data.include_defaults
      ? own
      : [...defaults.filter((c) => !names.has(c.name.toLowerCase())), ...own];
  const known = new Set(list.map((c) => c.name.toLowerCase()));
  const orphan = list.findIndex((c) => c.basedOn && !known.has(c.basedOn.toLowerCase()));
  if (orphan >= 0)
    throw new InputError(
      `competitor list: basedOn "${list[orphan]!.basedOn}" of "${list[orphan]!.name}" names no competitor in the list`,
      { file: path, field: "basedOn" },
    );
  return list;
}
