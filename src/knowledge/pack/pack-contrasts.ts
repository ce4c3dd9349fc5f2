/**
 * Product-specific vocabulary for the judge, shipped with the knowledge pack
 * (`pack/judge-contrasts.json`): contrast pairs and the names of the product's hosted and
 * self-hosted editions, so the judge's code stays product-neutral.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { InputError } from "../../errors.js";
import type { JudgeOptions } from "../../judge/claim-judge.js";
import { loadJudgeModel } from "../../judge/model.js";
import { defaultPackDir } from "./pack-index.js";

const side = z.array(z.string().min(1)).min(1);
const fileSchema = z.object({
  contrasts: z.array(z.tuple([side, side])),
  editions: z.object({ hosted: side, selfHosted: side }).optional(),
});

/**
 * The pack's judge settings; `modelFile` replaces the pack's fitted model, `withModel: false`
 * leaves it out (for the trainer).
 */
export function loadJudgeOptions(
  packDir = defaultPackDir(),
  { withModel = true, modelFile }: { withModel?: boolean; modelFile?: string | null } = {},
): JudgeOptions {
  const file = join(packDir, "judge-contrasts.json");
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file });
  }
  const result = fileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(`judge contrasts: ${issue.message}`, { file, field: issue.path.join(".") });
  }
  const modelPath = modelFile ?? join(packDir, "judge-model.json");
  let model: JudgeOptions["model"];
  try {
    if (withModel) model = loadJudgeModel(modelPath);
  } catch (err) {
    // The pack may ship without a model (the trainer's first run); a file named by the user must load.
    if ((err as NodeJS.ErrnoException).code !== "ENOENT" || modelFile)
      throw new InputError(`judge model: ${(err as Error).message}`, { file: modelPath });
  }
  return {
    ...(model ? { model } : {}),
    contrasts: result.data.contrasts,
    ...(result.data.editions ? { editions: result.data.editions } : {}),
  };
}

let cached: JudgeOptions | null = null;
/** The bundled pack's judge options, read once per process. */
export function packJudgeOptions(): JudgeOptions {
  cached ??= loadJudgeOptions();
  return cached;
}
