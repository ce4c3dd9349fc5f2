/**
 * HTTP errors as JSON: `{"error": {"code", "message", "field"}}`, the message one line naming
 * the field. Errors map by code: bad input → 400, storage → 500, outside services → 502, a busy
 * or stopping analysis pool → 503, a time limit → 504; anything else is a 500 whose detail stays
 * in the server log (redacted).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CallCoachError, type ErrorCode } from "../../errors.js";
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

const SERVICE_FAILED = 502;

/** Status per code; the body's code is the error's, except bad usage, which the API calls a bad request. */
const STATUSES: Record<ErrorCode, ContentfulStatusCode> = {
  bad_input: 400,
  bad_usage: 400,
  gong_auth: 500,
  gong_base_url: 500,
  gong_sync_busy: 500,
  storage_error: 500,
  // The analysis pool's own refusals (worker-pool.ts): busy, stopping, or over its time limit.
  busy: 503,
  cancelled: 503,
  timeout: 504,
  service_error: SERVICE_FAILED,
  connect_failed: SERVICE_FAILED,
  unauthorized: SERVICE_FAILED,
  connection_closed: SERVICE_FAILED,
  circuit_open: SERVICE_FAILED,
  tool_missing: SERVICE_FAILED,
  tool_error: SERVICE_FAILED,
  malformed_result: SERVICE_FAILED,
  closed: SERVICE_FAILED,
  llm_rate_limited: SERVICE_FAILED,
  llm_server_error: SERVICE_FAILED,
  llm_timeout: SERVICE_FAILED,
  llm_connection: SERVICE_FAILED,
  llm_auth: SERVICE_FAILED,
  llm_bad_request: SERVICE_FAILED,
  llm_aborted: SERVICE_FAILED,
  llm_other: SERVICE_FAILED,
  gong_error: SERVICE_FAILED,
  gong_rate_limited: SERVICE_FAILED,
};

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof CallCoachError) {
    const status = STATUSES[err.code] ?? 500;
    const code = err.code === "bad_usage" ? "bad_request" : err.code;
    const field = err.code === "bad_input" ? (err.context.field ?? null) : null;
    return new HttpError(status, code, oneLine(err.message), field);
  }
  return new HttpError(500, "internal_error", "internal error (see the server log)");
}

export function errorResponse(c: Context, err: HttpError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, field: err.field } };
  return c.json(body, err.status);
}

function oneLine(message: string): string {
  return redactSecrets(message.replace(/\s*\n\s*/g, " "));
}
