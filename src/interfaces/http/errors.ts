/**
 * HTTP errors as JSON: `{"error": {"code", "message", "field"}}`, the message one line naming
 * the field. Errors of the pipeline map by type: bad input → 400, storage → 500, outside
 * services → 502, a busy analysis pool → 503, an analysis over its time limit → 504; anything else is a 500 whose detail stays in the server log (redacted).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CallCoachError, InputError, ServiceError, UsageError } from "../../errors.js";
import { redactSecrets } from "../../security/redact.js";

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | null;
  constructor(status: ContentfulStatusCode, code: string, message: string, field: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

export function notFound(what: string, id: string, field = "id"): HttpError {
  return new HttpError(404, "not_found", `${field}: no ${what} with id "${id}"`, field);
}

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof InputError) {
    const field = err.location.field ?? null;
    return new HttpError(400, "bad_input", oneLine(err.message), field);
  }
  if (err instanceof UsageError) return new HttpError(400, "bad_request", oneLine(err.message));
  if (err instanceof ServiceError) {
    // The analysis pool's own refusals (worker-pool.ts): busy, over its time limit, or stopping.
    if (err.code === "busy" || err.code === "cancelled")
      return new HttpError(503, err.code, oneLine(err.message));
    if (err.code === "timeout") return new HttpError(504, err.code, oneLine(err.message));
    return new HttpError(502, err.code, oneLine(err.message));
  }
  if (err instanceof CallCoachError) return new HttpError(500, err.code, oneLine(err.message));
  return new HttpError(500, "internal_error", "internal error (see the server log)");
}

export function errorResponse(c: Context, err: HttpError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, field: err.field } };
  return c.json(body, err.status);
}

function oneLine(message: string): string {
  return redactSecrets(message.replace(/\s*\n\s*/g, " "));
}
