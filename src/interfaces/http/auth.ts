/**
 * API-key authentication. When CALL_COACH_API_KEY is set, every route except health, the login
 * page and the stylesheet needs it: `Authorization: Bearer <key>` or `X-API-Key: <key>` for
 * programs, or the session cookie the login page sets for browsers. The cookie holds an HMAC of
 * the key, never the key; comparisons are constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";

export const SESSION_COOKIE = "call_coach_session";

export function sessionToken(apiKey: string): string {
  return createHmac("sha256", apiKey).update("call-coach web session v1").digest("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function isAuthorized(c: Context, apiKey: string): boolean {
  const header = c.req.header("authorization");
  const bearer = header && /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  if (bearer && safeEqual(bearer, apiKey)) return true;
  const xKey = c.req.header("x-api-key");
  if (xKey && safeEqual(xKey.trim(), apiKey)) return true;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && safeEqual(cookie, sessionToken(apiKey));
}
