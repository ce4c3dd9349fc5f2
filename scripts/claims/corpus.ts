/**
 * The claim corpus: spoken product claims with their verdict against the docs snapshot, written as
 * minimal pairs (the same fact once right, once wrong). One JSON object per line in
 * eval/claims/data/*.jsonl; see eval/claims/README.md for how it was made.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

export const CORPUS_DIR = resolve(import.meta.dirname, "..", "..", "eval", "claims", "data");

export const MISTAKES = [
  "default",
  "number",
  "plan",
  "edition",
  "direction",
  "cardinality",
  "closed-list",
  "prefect2",
  "overgeneralisation",
  "negation",
  "swap",
  "none",
] as const;

const claimSchema = z
  .object({
    id: z.string().min(1),
    pair: z.string().nullable(),
    docs: z
      .array(z.string().regex(/\.mdx?$/))
      .min(1)
      .max(3),
    text: z.string().min(10),
    label: z.enum(["supported", "contradicted", "unverifiable"]),
    quote: z.string(),
    correction: z.string(),
    mistake: z.enum(MISTAKES),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.label !== "unverifiable" && c.quote.trim().split(/\s+/).length < 4)
      ctx.addIssue({ code: "custom", message: "quote: at least 4 words for a decided claim" });
    if (c.label === "contradicted" && !c.correction.trim())
      ctx.addIssue({ code: "custom", message: "correction: required for a contradicted claim" });
    if (c.label !== "contradicted" && c.correction.trim())
      ctx.addIssue({ code: "custom", message: "correction: only contradicted claims have one" });
    if (c.label === "unverifiable" && c.pair)
      ctx.addIssue({ code: "custom", message: "pair: unverifiable claims are not in pairs" });
    if (c.label === "contradicted" && c.mistake === "none")
      ctx.addIssue({ code: "custom", message: "mistake: name the kind of mistake" });
  });

export type CorpusClaim = z.infer<typeof claimSchema>;

export function parseCorpusLine(
  line: string,
): { ok: true; claim: CorpusClaim } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const r = claimSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, error: `${i.path.join(".") || "record"}: ${i.message}` };
  }
  return { ok: true, claim: r.data };
}

/**
 * Train or test, fixed by a hash of the claim's first page: all claims about one page fall on one
 * side, so the test split measures pages the method never saw. About a quarter is test.
 */
export function splitOf(page: string): "train" | "test" {
  const h = createHash("sha256").update(page).digest();
  return h[0]! < 64 ? "test" : "train";
}

/** Every record; an invalid one fails the load unless CORPUS_LENIENT=1 (while the corpus is being written). */
export function loadCorpus(dir = CORPUS_DIR): CorpusClaim[] {
  const lenient = process.env.CORPUS_LENIENT === "1";
  const out: CorpusClaim[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".jsonl"))
    .sort()) {
    for (const [i, line] of readFileSync(join(dir, f), "utf8").split("\n").entries()) {
      if (!line.trim()) continue;
      const r = parseCorpusLine(line);
      if (r.ok) out.push(r.claim);
      else if (!lenient) throw new Error(`${f}:${i + 1}: ${r.error}`);
    }
  }
  return out;
}
