/**
 * Typed errors. Each carries a `code` saying what went wrong and the context a user needs to fix
 * it (file, line, field). They carry no exit code or status: each interface maps codes itself
 * (the CLI to exit codes in interfaces/cli/run.ts, HTTP to statuses in interfaces/http/errors.ts,
 * MCP to tool errors), and `ErrorCode` being a closed union makes each of those mappings list
 * every code, so a new code cannot silently fall into the wrong exit code or status.
 */

/** Faults of an MCP docs server (knowledge/mcp/connection.ts). */
export type McpErrorCode =
  | "connect_failed"
  | "unauthorized"
  | "timeout"
  | "connection_closed"
  | "circuit_open"
  | "tool_missing"
  | "tool_error"
  | "malformed_result"
  | "cancelled"
  | "closed";

/** Faults of an LLM provider call (coach/llm/providers/provider.ts), as code `llm_<kind>`. */
export type LlmFaultKind =
  | "rate_limited"
  | "server_error"
  | "timeout"
  | "connection"
  | "auth"
  | "bad_request"
  | "aborted"
  | "other";

/** Codes of an outside service failing (or of the analysis pool refusing or stopping a task). */
export type ServiceErrorCode =
  | "service_error"
  | "busy"
  | "timeout"
  | "cancelled"
  | McpErrorCode
  | `llm_${LlmFaultKind}`
  | "gong_error"
  | "gong_rate_limited";

export type ErrorCode =
  /** A transcript, docs tree, file or value we cannot read. */
  | "bad_input"
  /** Bad command-line usage or configuration. */
  | "bad_usage"
  /** Gong refused the credentials, or GONG_BASE_URL is not a Gong API: settings to fix. */
  | "gong_auth"
  | "gong_base_url"
  /** Another Gong sync holds the lease. */
  | "gong_sync_busy"
  /** Local storage failed or is unusable. */
  | "storage_error"
  | ServiceErrorCode;

/** Where the problem is, as far as known. */
export interface ErrorContext {
  file?: string | null;
  line?: number | null;
  field?: string | null;
}

export abstract class CallCoachError extends Error {
  abstract readonly code: ErrorCode;
  readonly context: ErrorContext;
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.context = context;
  }
}

/** The user gave us something we cannot read: a transcript, a docs tree, a config value. */
export class InputError extends CallCoachError {
  readonly code = "bad_input" as const;
  constructor(reason: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(formatLocated(reason, context), context, options);
    this.name = "InputError";
  }
}

/** Bad command-line usage or configuration. */
export class UsageError extends CallCoachError {
  readonly code = "bad_usage" as const;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.name = "UsageError";
  }
}

/** An outside service (MCP server, docs site, LLM provider) failed. */
export class ServiceError extends CallCoachError {
  readonly code: ServiceErrorCode;
  readonly service: string;
  constructor(service: string, message: string, options?: { cause?: unknown; code?: ServiceErrorCode }) {
    super(`${service}: ${message}`, {}, options);
    this.name = "ServiceError";
    this.service = service;
    this.code = options?.code ?? "service_error";
  }
}

/** Local storage (SQLite knowledge base, call store) failed or is in an unusable state. */
export class StorageError extends CallCoachError {
  readonly code = "storage_error" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, {}, options);
    this.name = "StorageError";
  }
}

/** "file:line: reason" or "file (field x): reason"; always one line. */
export function formatLocated(reason: string, loc: ErrorContext): string {
  const oneLine = reason.replace(/\s*\n\s*/g, " ");
  if (!loc.file) return loc.field ? `${loc.field}: ${oneLine}` : oneLine;
  let where = loc.file;
  if (loc.line != null) where += `:${loc.line}`;
  if (loc.field) where += ` (${loc.field})`;
  return `${where}: ${oneLine}`;
}

/** An error as it crosses a thread boundary (structured clone drops the class). */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  service?: string;
  context?: ErrorContext;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const out: SerializedError = { name: err.name, message: err.message };
  if (err instanceof CallCoachError) {
    out.code = err.code;
    out.context = err.context;
    if (err instanceof ServiceError) out.service = err.service;
  }
  return out;
}

/** Back to an error of the same code, message and context, so bad input stays a 400 / exit 2 / tool error. */
export function reviveError(e: SerializedError): Error {
  if (e.code) return new RevivedError(e);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** An error rebuilt from another thread. Interfaces map by `code`, so its class does not matter. */
class RevivedError extends CallCoachError {
  readonly code: ErrorCode;
  readonly service: string | undefined;
  constructor(e: SerializedError) {
    super(e.message, e.context ?? {});
    this.name = e.name;
    this.code = e.code as ErrorCode;
    this.service = e.service;
  }
}

/** The code of a Call Coach error (from this thread or another), else null. */
export function codeOf(err: unknown): ErrorCode | null {
  return err instanceof CallCoachError ? err.code : null;
}
