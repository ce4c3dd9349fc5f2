/**
 * Request guards shared by `serve` and `mcp serve --port`.
 *
 * Host check (DNS rebinding): a page on another site that re-points its own name at this server
 * would otherwise be "same origin" with it. Only Host headers naming this machine are answered:
 * the loopback names, and when bound to another address, that address, the machine's own
 * interface addresses and host name, plus CALL_COACH_ALLOWED_HOSTS.
 *
 * Origin check (cross-site requests): a browser sends `Origin` with every POST and with fetches
 * from pages; one naming another site is refused on every state-changing method and on /mcp,
 * so a page on the web cannot upload, re-analyse or call MCP tools through a user's browser —
 * with or without an API key. Programs (curl, MCP SDKs) send no Origin and are unaffected.
 */
import { hostname, networkInterfaces } from "node:os";
import type { MiddlewareHandler } from "hono";
import { errorResponse, HttpError } from "./errors.js";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host);
}

/** Host names (no port, lower case, IPv6 without brackets) this server answers to. */
export function allowedHosts(bindHost: string, extra: string[] = []): Set<string> {
  const hosts = new Set(LOOPBACK_NAMES);
  for (const h of extra) if (h.trim()) hosts.add(h.trim().toLowerCase());
  if (isLoopback(bindHost)) return hosts;
  if (bindHost !== "0.0.0.0" && bindHost !== "::") hosts.add(bindHost.toLowerCase());
  else {
    for (const list of Object.values(networkInterfaces()))
      for (const nic of list ?? []) hosts.add(nic.address.toLowerCase());
  }
  hosts.add(hostname().toLowerCase());
  return hosts;
}

/** "Example.test:8787" → "example.test"; "[::1]:80" → "::1". */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") > 0 ? h.indexOf("]") : undefined);
  return h.replace(/:\d+$/, "");
}

export function hostGuard(hosts: Set<string>): MiddlewareHandler {
  return async (c, next) => {
    if (!hosts.has(hostName(c.req.header("host") ?? "")))
      return errorResponse(
        c,
        new HttpError(
          403,
          "forbidden_host",
          "Host: this server does not answer to that host name (set CALL_COACH_ALLOWED_HOSTS to add one)",
          "Host",
        ),
      );
    return next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function originGuard(options: { always?: (path: string) => boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const checked = !SAFE_METHODS.has(c.req.method) || options.always?.(c.req.path);
    if (checked && isCrossSite(c.req.header("origin"), c.req.header("host"), c.req.header("sec-fetch-site")))
      return errorResponse(
        c,
        new HttpError(403, "forbidden_origin", "Origin: cross-site requests are not accepted", "Origin"),
      );
    return next();
  };
}

function isCrossSite(
  origin: string | undefined,
  host: string | undefined,
  fetchSite: string | undefined,
): boolean {
  if (fetchSite === "cross-site") return true;
  if (origin === undefined) return false;
  // Sandboxed frames and some redirects send "null": never this server's own pages.
  if (origin === "null") return true;
  try {
    return new URL(origin).host.toLowerCase() !== (host ?? "").toLowerCase();
  } catch {
    return true;
  }
}
