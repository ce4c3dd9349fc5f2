/**
 * Turns any thrown error into the CLI's contract: one line on stderr, exit 2 for bad usage or
 * input, 1 for runtime failures. Stack traces only with CALL_COACH_DEBUG=1.
 */
import { codeOf, type ErrorCode } from "../../errors.js";
import { redactSecrets } from "../../security/redact.js";

/** Exit 2: something the user gave or set must change. Exit 1: it failed; trying again may work. */
const EXIT_CODES: Record<ErrorCode, 1 | 2> = {
  bad_input: 2,
  bad_usage: 2,
  gong_auth: 2,
  gong_base_url: 2,
  gong_sync_busy: 1,
  storage_error: 1,
  service_error: 1,
  busy: 1,
  timeout: 1,
  cancelled: 1,
  connect_failed: 1,
  unauthorized: 1,
  connection_closed: 1,
  circuit_open: 1,
  tool_missing: 1,
  tool_error: 1,
  malformed_result: 1,
  closed: 1,
  llm_rate_limited: 1,
  llm_server_error: 1,
  llm_timeout: 1,
  llm_connection: 1,
  llm_auth: 1,
  llm_bad_request: 1,
  llm_aborted: 1,
  llm_other: 1,
  gong_error: 1,
  gong_rate_limited: 1,
};

export function exitCodeFor(err: unknown): number {
  const code = codeOf(err);
  if (code) return EXIT_CODES[code] ?? 1;
  const commander = (err as { code?: string } | null)?.code;
  if (typeof commander === "string" && commander.startsWith("commander.")) return 2;
  return 1;
}

export function reportError(err: unknown): number {
  const code = exitCodeFor(err);
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`call-coach: ${redactSecrets(message.split("\n")[0] ?? "")}\n`);
  if (process.env.CALL_COACH_DEBUG === "1" && err instanceof Error && err.stack) {
    process.stderr.write(`${redactSecrets(err.stack)}\n`);
  }
  return code;
}
