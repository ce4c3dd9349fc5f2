/**
 * Validation that stops at the first problem. zod collects every issue of a document before it
 * returns, so an invalid file with a million array entries costs a million issue objects (47 s and
 * 2.4 GB RSS in issue 12) before the user sees the first one. `boundedArray` checks the length
 * first, then validates entries one by one and stops at the first invalid entry, so an invalid
 * document costs at most the work of the valid prefix plus one entry.
 */
import { z } from "zod";
import { formatCount } from "./limits.js";

export function boundedArray<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.unknown().transform((value, ctx): z.output<T>[] => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `expected an array, got ${describe(value)}` });
      return z.NEVER;
    }
    if (value.length > max) {
      ctx.addIssue({
        code: "custom",
        message: `${formatCount(value.length)} ${what}; at most ${formatCount(max)} are accepted`,
      });
      return z.NEVER;
    }
    const out: z.output<T>[] = [];
    for (let i = 0; i < value.length; i++) {
      const result = item.safeParse(value[i]);
      if (!result.success) {
        const first = result.error.issues[0]!;
        ctx.addIssue({ code: "custom", message: first.message, path: [i, ...first.path] });
        return z.NEVER;
      }
      out.push(result.data);
    }
    return out;
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return typeof value;
}
