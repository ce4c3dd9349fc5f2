/**
 * Typed errors. Each carries the context a user needs to fix the problem (file, line, field)
 * and maps to a CLI exit code: 2 for bad usage or input, 1 for runtime failures.
 */

export interface InputLocation {
  file?: string | null;
  line?: number | null;
  field?: string | null;
}

export abstract class CallCoachError extends Error {
  abstract readonly exitCode: 1 | 2;
  abstract readonly code: string;
}

/** The user gave us something we cannot read: a transcript, a docs tree, a config value. */
export class InputError extends CallCoachError {
  readonly exitCode = 2 as const;
  readonly code = "bad_input";
  readonly location: InputLocation;
  constructor(reason: string, location: InputLocation = {}, options?: { cause?: unknown }) {
    super(formatLocated(reason, location), options);
    this.name = "InputError";
    this.location = location;
  }
}

/** Bad command-line usage or configuration. */
export class UsageError extends CallCoachError {
  readonly exitCode = 2 as const;
  readonly code = "bad_usage";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An outside service (MCP server, docs site, LLM provider) failed. */
export class ServiceError extends CallCoachError {
  readonly exitCode = 1 as const;
  readonly code: string;
  readonly service: string;
  constructor(service: string, message: string, options?: { cause?: unknown; code?: string }) {
    super(`${service}: ${message}`, options);
    this.name = "ServiceError";
    this.service = service;
    this.code = options?.code ?? "service_error";
  }
}

/** Local storage (SQLite knowledge base, call store) failed or is in an unusable state. */
export class StorageError extends CallCoachError {
  readonly exitCode = 1 as const;
  readonly code = "storage_error";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageError";
  }
}

/** "file:line: reason" or "file (field x): reason"; always one line. */
export function formatLocated(reason: string, loc: InputLocation): string {
  const oneLine = reason.replace(/\s*\n\s*/g, " ");
  if (!loc.file) return loc.field ? `${loc.field}: ${oneLine}` : oneLine;
  let where = loc.file;
  if (loc.line != null) where += `:${loc.line}`;
  if (loc.field) where += ` (${loc.field})`;
  return `${where}: ${oneLine}`;
}
