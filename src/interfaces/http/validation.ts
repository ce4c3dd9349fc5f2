/** Request validation with zod: the first problem becomes a 400 whose message names the field. */
import type { z } from "zod";
import { HttpError } from "./errors.js";

export function validate<T extends z.ZodType>(schema: T, data: unknown, where: "body" | "query"): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join(".") : where;
  const message =
    issue.code === "invalid_type" && /received undefined/.test(issue.message) ? "is required" : issue.message;
  throw new HttpError(400, "bad_request", `${field}: ${message}`, field);
}
