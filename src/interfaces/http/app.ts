/**
 * The one HTTP application `call-coach serve` runs: JSON API under /api, the MCP server at /mcp,
 * the web UI everywhere else, and /health. Cross-cutting rules live here: request log lines
 * (method, path, status, time — never headers, query strings or bodies), the API key,
 * the Host and Origin checks (guards.ts), and security headers.
 */
import { createHash } from "node:crypto";
import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import { REPORT_CSS } from "../../report/html.js";
import { redactSecrets } from "../../security/redact.js";
import type { CallCoachService } from "../../service/call-service.js";
import { type GongScheduler, readGongStatus } from "../../sources/gong/scheduler.js";
import { handleMcpRequest } from "../mcp/call-coach-http.js";
import { errorPage, loginPage } from "../web/pages.js";
import { webRoutes } from "../web/routes.js";
import { APP_CSS } from "../web/styles.js";
import { apiRoutes } from "./api-routes.js";
import { isAuthorized, SESSION_COOKIE, safeEqual, sessionToken } from "./auth.js";
import { errorResponse, HttpError, toHttpError } from "./errors.js";
import { hostGuard, originGuard } from "./guards.js";

export interface HttpAppOptions {
  /** CALL_COACH_API_KEY: when set, every route but health, login and the stylesheet needs it. */
  apiKey: string | null;
  /** One line per request; defaults to stderr. */
  log?: (line: string) => void;
  maxUploadBytes?: number;
  /** Host names answered (see guards.ts allowedHosts); null answers any (tests of the app alone). */
  allowedHosts: Set<string> | null;
  version?: string;
  /** `serve --gong-sync-every`: the scheduled Gong sync, whose status the API and UI show. */
  gong?: GongScheduler | null;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 2 ** 20;
const PUBLIC_PATHS = new Set(["/health", "/login", "/static/app.css"]);
// The API's HTML report is one self-contained page with its own <style>: allowed by its hash, so
// the CSP still forbids every other inline style.
const REPORT_STYLE_HASH = `'sha256-${createHash("sha256").update(REPORT_CSS).digest("base64")}'`;

export function createHttpApp(service: CallCoachService, options: HttpAppOptions): Hono {
  const app = new Hono();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const isApi = (path: string) => path.startsWith("/api/") || path === "/api" || path === "/mcp";

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: query strings may carry search words, and headers carry the API key.
    log(
      `call-coach http: ${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`,
    );
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'", REPORT_STYLE_HASH],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      // Not "no-referrer": under it browsers send `Origin: null` with the app's own form posts,
      // which the Origin check (guards.ts) could not tell from a sandboxed cross-site frame.
      // "same-origin" still sends nothing to other sites.
      referrerPolicy: "same-origin",
    }),
  );

  if (options.allowedHosts) app.use(hostGuard(options.allowedHosts));
  app.use(originGuard({ always: (path) => path === "/mcp" }));

  app.onError((err, c) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500)
      log(
        `call-coach http: error on ${c.req.method} ${c.req.path}: ${redactSecrets(String(err?.stack ?? err))}`,
      );
    if (!isApi(c.req.path) && c.req.path !== "/health" && c.req.method === "GET")
      return c.html(errorPage(httpError.status, httpError.message), httpError.status);
    return errorResponse(c, httpError);
  });

  app.notFound((c) =>
    isApi(c.req.path)
      ? errorResponse(
          c,
          new HttpError(404, "not_found", `path: no route ${c.req.method} ${c.req.path}`, "path"),
        )
      : c.html(errorPage(404, "There is no page at this address."), 404),
  );

  app.get("/health", (c) => {
    const counts = service.store.counts();
    return c.json({
      status: "ok",
      version: options.version ?? "0.1.0",
      knowledge: { mode: service.config.knowledgeMode, version: service.knowledgeVersion() },
      calls: counts.calls,
      // Worker threads, analyses running and waiting: what a load balancer or operator needs.
      analyses: service.executor.stats(),
      auth: options.apiKey ? "api-key" : "none",
    });
  });

  app.get("/static/app.css", (c) =>
    c.body(APP_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );

  if (options.apiKey) {
    const key = options.apiKey;
    app.get("/login", (c) => c.html(loginPage(false, safeNext(c.req.query("next")))));
    app.post("/login", async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const given = typeof form.key === "string" ? form.key : "";
      const next = safeNext(typeof form.next === "string" ? form.next : "/");
      if (!safeEqual(given, key)) return c.html(loginPage(true, next), 401);
      setCookie(c, SESSION_COOKIE, sessionToken(key), {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        maxAge: 60 * 60 * 12,
      });
      return c.redirect(next, 303);
    });
    app.use(async (c, next) => {
      if (PUBLIC_PATHS.has(c.req.path) || isAuthorized(c, key)) return next();
      if (isApi(c.req.path)) {
        c.header("WWW-Authenticate", 'Bearer realm="call-coach"');
        return errorResponse(
          c,
          new HttpError(
            401,
            "unauthorized",
            "Authorization: missing or wrong API key (send Authorization: Bearer <key> or X-API-Key)",
            "Authorization",
          ),
        );
      }
      return c.html(loginPage(false, safeNext(c.req.path)), 401);
    });
  }

  // Registered after the API-key check, like every /api route.
  const gongStatus = () => options.gong?.status() ?? readGongStatus(service);
  app.get("/api/gong/status", (c) => c.json(gongStatus()));
  app.route("/api", apiRoutes(service, { maxUploadBytes }));
  app.all("/mcp", (c: Context) => handleMcpRequest(service, c.req.raw));
  app.route("/", webRoutes(service, { maxUploadBytes, gongStatus }));
  return app;
}

/**
 * Only paths on this server are followed after login (no open redirect). Browsers read `\` as
 * `/`, so "/\\evil.example" would be the off-site "//evil.example"; control characters are
 * stripped by URL parsers, so they are refused too.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  return [...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) ? "/" : next;
}
