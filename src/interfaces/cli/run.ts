/**
 * Turns any thrown error into the CLI's contract: one line on stderr, exit 2 for bad usage or
 * input, 1 for runtime failures. Stack traces only with CALL_COACH_DEBUG=1.
 */
import { CallCoachError } from "../../errors.js";
import { redactSecrets } from "../../security/redact.js";

export function exitCodeFor(err: unknown): number {
  if (err instanceof CallCoachError) return err.exitCode;
  const code = (err as { code?: string } | null)?.code;
  if (typeof code === "string" && code.startsWith("commander.")) return 2;
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
