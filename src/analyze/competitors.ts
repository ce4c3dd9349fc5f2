/**
 * The competitor list with aliases. A name that is also an ordinary word ("Temporal", "Mage",
 * "Windmill") is marked `matchCase`: only the capitalized spelling counts, as product names are
 * written in transcripts ("a temporal join" is not a competitor). Other names match in any case,
 * because speech-to-text often writes "airflow" or "dagster" in lower case.
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
}

export const DEFAULT_COMPETITORS: CompetitorDefinition[] = [
  {
    name: "Airflow",
    aliases: [
      "Airflow",
      "Apache Airflow",
      "Astronomer",
      "Astro",
      "MWAA",
      "Amazon MWAA",
      "Managed Workflows for Apache Airflow",
      "Cloud Composer",
      "Google Cloud Composer",
    ],
  },
  { name: "Dagster", aliases: ["Dagster", "Dagster+", "Dagster Cloud", "Dagster Plus"] },
  { name: "Temporal", aliases: ["Temporal", "Temporal Cloud", "Temporal.io"], matchCase: true },
  { name: "Argo Workflows", aliases: ["Argo", "Argo Workflows"] },
  { name: "Luigi", aliases: ["Luigi"] },
  { name: "AWS Step Functions", aliases: ["Step Functions", "AWS Step Functions", "StepFunctions"] },
  { name: "Mage", aliases: ["Mage", "Mage AI", "Mage.ai"], matchCase: true },
  { name: "Kestra", aliases: ["Kestra"] },
  { name: "Windmill", aliases: ["Windmill", "Windmill.dev"], matchCase: true },
  { name: "Flyte", aliases: ["Flyte", "Union.ai"] },
  { name: "Metaflow", aliases: ["Metaflow", "Outerbounds"] },
  { name: "Azure Data Factory", aliases: ["Azure Data Factory", "ADF"], matchCase: true },
  { name: "Control-M", aliases: ["Control-M", "ControlM"] },
  { name: "Databricks Workflows", aliases: ["Databricks Workflows", "Databricks Jobs", "Lakeflow Jobs"] },
];

export interface CompiledCompetitor {
  name: string;
  patterns: { alias: string; re: RegExp }[];
}

export function compileCompetitors(list: CompetitorDefinition[]): CompiledCompetitor[] {
  return list.map((c) => ({
    name: c.name,
    // Longest alias first so "Dagster Cloud" is reported rather than "Dagster".
    patterns: [...c.aliases]
      .sort((a, b) => b.length - a.length)
      .map((alias) => ({
        alias,
        // Word-bounded; "Dagster" does not match inside "Dagster+" (the longer alias reports that).
        re: new RegExp(`(?<![\\w-])${escapeRegExp(alias)}(?![\\w-]|\\+)`, c.matchCase ? "u" : "iu"),
      })),
  }));
}

const entrySchema = z.object({
  name: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
  matchCase: z.boolean().optional(),
});
// Either a list (replaces the built-in one) or {competitors, include_defaults} to extend it.
const listSchema = z.array(entrySchema);
const objectSchema = z.object({ include_defaults: z.boolean().default(false), competitors: listSchema });

export async function loadCompetitorList(path: string): Promise<CompetitorDefinition[]> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(`cannot read competitor list (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      file: path,
    });
  }
  return parseCompetitorList(raw, path);
}

export function parseCompetitorList(raw: string, path: string | null): CompetitorDefinition[] {
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
  }));
  if (Array.isArray(parsed.data) || !parsed.data.include_defaults) return own;
  // The file's entries win over built-in ones of the same name.
  const names = new Set(own.map((c) => c.name.toLowerCase()));
  return [...DEFAULT_COMPETITORS.filter((c) => !names.has(c.name.toLowerCase())), ...own];
}
