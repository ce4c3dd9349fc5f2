/**
 * The competitor list with aliases. Aliases that are ordinary words ("temporal", "mage",
 * "composer") only match when capitalized, as product names are written in transcripts.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors.js";
import { escapeRegExp } from "../text/regex.js";

export interface CompetitorDefinition {
  name: string;
  aliases: string[];
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
      "Cloud Composer",
      "Google Cloud Composer",
    ],
  },
  { name: "Dagster", aliases: ["Dagster", "Dagster+", "Dagster Cloud", "Dagster Plus"] },
  { name: "Temporal", aliases: ["Temporal", "Temporal Cloud", "Temporal.io"] },
  { name: "Argo Workflows", aliases: ["Argo", "Argo Workflows"] },
  { name: "Luigi", aliases: ["Luigi"] },
  { name: "AWS Step Functions", aliases: ["Step Functions", "AWS Step Functions", "StepFunctions"] },
  { name: "Mage", aliases: ["Mage", "Mage AI", "Mage.ai"] },
  { name: "Kestra", aliases: ["Kestra"] },
  { name: "Windmill", aliases: ["Windmill"] },
  { name: "Flyte", aliases: ["Flyte", "Union.ai"] },
  { name: "Metaflow", aliases: ["Metaflow", "Outerbounds"] },
  { name: "Azure Data Factory", aliases: ["Azure Data Factory", "ADF"] },
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
      .map((alias) => ({ alias, re: new RegExp(`(?<![\\w-])${escapeRegExp(alias)}(?![\\w-])`, "u") })),
  }));
}

const listSchema = z.array(
  z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]) }),
);

export async function loadCompetitorList(path: string): Promise<CompetitorDefinition[]> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(`cannot read competitor list (${(err as NodeJS.ErrnoException).code ?? "error"})`, {
      file: path,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file: path });
  }
  const parsed = listSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`competitor list: ${issue.message}`, { file: path, field: issue.path.join(".") });
  }
  return parsed.data.map((c) => ({
    name: c.name,
    aliases: c.aliases.includes(c.name) ? c.aliases : [c.name, ...c.aliases],
  }));
}
