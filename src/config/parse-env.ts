/** Typed readers of environment variables: each names the variable in its error. */
import { UsageError } from "../errors.js";

export type Env = Record<string, string | undefined>;

export function nonEmpty(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

export function parseBool(v: string | undefined, name: string): boolean {
  const t = nonEmpty(v)?.toLowerCase();
  if (t == null) return false;
  if (["1", "true", "yes", "on"].includes(t)) return true;
  if (["0", "false", "no", "off"].includes(t)) return false;
  throw new UsageError(`${name} must be true or false, got "${v}"`);
}

export function parseMs(v: string | undefined, fallback: number, name: string): number {
  return parsePositive(v, fallback, name, "milliseconds");
}

export function parseSeconds(v: string | undefined, fallback: number, name: string): number {
  return parsePositive(v, fallback, name, "seconds");
}

function parsePositive(v: string | undefined, fallback: number, name: string, unit: string): number {
  const t = nonEmpty(v);
  if (t == null) return fallback;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${name} must be a positive number of ${unit}, got "${v}"`);
  return n;
}

export function parseOptionalCount(v: string | undefined, name: string, unit: string): number | null {
  const t = nonEmpty(v);
  if (t == null) return null;
  const n = Number(t);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${name} must be a positive whole number of ${unit}, got "${v}"`);
  return n;
}

/** Splits a command line on whitespace, keeping "double" or 'single' quoted parts together. */
export function splitCommand(line: string): string[] {
  const parts: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) parts.push(m[1] ?? m[2] ?? m[3] ?? "");
  return parts;
}
