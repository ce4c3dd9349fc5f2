/**
 * Gong connection settings from the environment. Read separately from the main config because
 * only the Gong commands need them: a missing Gong key must not stop `analyze` or `serve`.
 *
 * Secrets are held here and used only to build the Authorization header (client.ts); nothing
 * that formats a message reads them, and `describeAuth` names the variables, never their values.
 */
import { UsageError } from "../../errors.js";

export const DEFAULT_GONG_BASE_URL = "https://api.gong.io";
/** Gong allows about 3 requests per second per company. */
export const DEFAULT_RATE_PER_SECOND = 3;

export type GongAuth =
  | { kind: "basic"; accessKey: string; secret: string }
  | { kind: "bearer"; token: string };

export interface GongConfig {
  /** Absolute http(s) URL without a trailing slash, e.g. https://us-12345.api.gong.io. */
  baseUrl: string;
  auth: GongAuth;
  /** Client-side request limit (GONG_RATE_LIMIT, requests per second). */
  ratePerSecond: number;
  /** Attempts per request before giving up on 429/5xx/network errors (GONG_MAX_RETRIES + 1). */
  maxAttempts: number;
  /** First backoff step for 5xx and network errors; doubles each attempt, jittered. */
  retryBaseMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

type Env = Record<string, string | undefined>;

function nonEmpty(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

export function loadGongConfig(env: Env = process.env): GongConfig {
  return {
    baseUrl: parseBaseUrl(nonEmpty(env.GONG_BASE_URL) ?? DEFAULT_GONG_BASE_URL),
    auth: parseAuth(env),
    ratePerSecond: parsePositive(env.GONG_RATE_LIMIT, DEFAULT_RATE_PER_SECOND, "GONG_RATE_LIMIT", false),
    maxAttempts: parsePositive(env.GONG_MAX_RETRIES, 5, "GONG_MAX_RETRIES", true) + 1,
    retryBaseMs: parsePositive(env.GONG_RETRY_BASE_MS, 500, "GONG_RETRY_BASE_MS", true),
    timeoutMs: parsePositive(env.GONG_TIMEOUT_MS, 30_000, "GONG_TIMEOUT_MS", true),
  };
}

/** The variables that hold the credentials in use: what a 401/403 message tells the user to fix. */
export function describeAuth(auth: GongAuth): string {
  return auth.kind === "basic" ? "GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET" : "GONG_BEARER_TOKEN";
}

export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `GONG_BASE_URL must be an absolute URL like ${DEFAULT_GONG_BASE_URL} (the one on your Gong API page), got "${shorten(value)}"`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(`GONG_BASE_URL must be an http(s) URL, got a ${url.protocol.replace(/:$/, "")} URL`);
  if (url.username || url.password)
    throw new UsageError(
      "GONG_BASE_URL must not carry credentials; set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET",
    );
  if (url.search || url.hash) throw new UsageError("GONG_BASE_URL must not have a query string or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/v2$/i.test(path))
    throw new UsageError(
      `GONG_BASE_URL is the address without /v2 (e.g. ${url.origin}); Call Coach adds the API paths`,
    );
  return `${url.origin}${path}`;
}

function parseAuth(env: Env): GongAuth {
  const key = nonEmpty(env.GONG_ACCESS_KEY);
  const secret = nonEmpty(env.GONG_ACCESS_KEY_SECRET);
  const bearer = nonEmpty(env.GONG_BEARER_TOKEN);
  if (key && secret) return { kind: "basic", accessKey: key, secret };
  if (key || secret)
    throw new UsageError(
      `${key ? "GONG_ACCESS_KEY_SECRET" : "GONG_ACCESS_KEY"} is not set; Gong's basic auth needs both GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET`,
    );
  if (bearer) return { kind: "bearer", token: bearer };
  throw new UsageError(
    "no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (Gong API page), or GONG_BEARER_TOKEN",
  );
}

function parsePositive(v: string | undefined, fallback: number, name: string, integer: boolean): number {
  const t = nonEmpty(v);
  if (t == null) return fallback;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)) || (!integer && n === 0))
    throw new UsageError(
      `${name} must be a ${integer ? "whole number" : "positive number"}, got "${shorten(t)}"`,
    );
  return n;
}

/** Values echoed in messages are cut short: a URL pasted with a key in it should not be printed whole. */
function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
