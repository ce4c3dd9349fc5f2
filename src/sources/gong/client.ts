/**
 * The two Gong API v2 endpoints the connector reads, over Node's built-in fetch:
 *
 * - `POST /v2/calls/extensive`: call records (metaData with id, url, started; parties with
 *   affiliation and email) for a date window, 100 a page;
 * - `POST /v2/calls/transcript`: the transcripts of the calls of the page just read.
 *
 * Paging: the `records.cursor` of a page goes back in the POST body. (Gong ignores a cursor in
 * the query string and returns the first page again, so a client that put it there would loop.)
 * Every request passes the rate limiter; 429 waits for Retry-After, 5xx and network errors are
 * retried with jittered exponential backoff, a bounded number of times; 401/403 stop at once.
 */
import { CallCoachError, ServiceError } from "../../errors.js";
import { describeAuth, type GongAuth, type GongConfig } from "./config.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";

/** Credentials Gong refused: a configuration problem (the CLI exits 2, as for other bad settings). */
export class GongAuthError extends CallCoachError {
  readonly code = "gong_auth";
  readonly status: number;
  constructor(status: number, auth: GongAuth) {
    super(
      status === 401
        ? `Gong rejected the credentials (HTTP 401): check ${describeAuth(auth)}`
        : `Gong refused access (HTTP 403): the key in ${describeAuth(auth)} needs the scopes api:calls:read:extensive and api:calls:read:transcript`,
    );
    this.name = "GongAuthError";
    this.status = status;
  }
}

/**
 * GONG_BASE_URL does not lead to a Gong API: no such host, or an answer that is not Gong's.
 * A configuration problem like a malformed URL (the CLI exits 2).
 */
export class GongBaseUrlError extends CallCoachError {
  readonly code = "gong_base_url";
  constructor(message: string) {
    super(message);
    this.name = "GongBaseUrlError";
  }
}

/** Gong answered with an error we cannot recover from, or kept failing after every retry. */
export class GongApiError extends ServiceError {
  readonly status: number | null;
  readonly endpoint: string;
  constructor(endpoint: string, status: number | null, message: string, options?: { cause?: unknown }) {
    super("gong", `${endpoint}: ${message}`, {
      ...options,
      code: status === 429 ? "gong_rate_limited" : "gong_error",
    });
    this.status = status;
    this.endpoint = endpoint;
  }
}

export interface GongParty {
  id?: string | number | null;
  speakerId?: string | number | null;
  name?: string | null;
  emailAddress?: string | null;
  title?: string | null;
  affiliation?: string | null;
  [field: string]: unknown;
}

export interface GongCallRecord {
  metaData: {
    id: string | number;
    url?: string | null;
    title?: string | null;
    /** ISO-8601; some exports and proxies give epoch seconds instead. */
    started?: string | number | null;
    duration?: number | null;
    [field: string]: unknown;
  };
  parties?: GongParty[];
  [field: string]: unknown;
}

export interface GongCallTranscript {
  callId: string | number;
  transcript: { speakerId: string | number; topic?: string | null; sentences: unknown[] }[];
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; null on the last. */
  cursor: string | null;
  totalRecords: number | null;
}

export interface DateWindow {
  fromDateTime: string | null;
  toDateTime: string | null;
}

export interface RequestStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export interface RetryInfo {
  endpoint: string;
  /** "HTTP 429", "HTTP 503", or the network error's code. */
  reason: string;
  waitMs: number;
  attempt: number;
}

export interface GongClientOptions {
  limiter?: RateLimiter;
  /** For tests: replaces the wait between retries. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest Retry-After honoured; a longer one (the daily cap) fails the run with the time to retry. */
  maxRetryAfterMs?: number;
}

const EXTENSIVE = "/v2/calls/extensive";
const TRANSCRIPT = "/v2/calls/transcript";

export class GongClient {
  readonly stats: RequestStats = { requests: 0, retries: 0, rateLimited: 0 };
  readonly limiter: RateLimiter;
  /** Called as each request starts (the sync records start times for the next process). */
  onRequest: (() => void) | null = null;
  /** Called before each wait to retry, for progress output. */
  onRetry: ((retry: RetryInfo) => void) | null = null;
  private readonly config: GongConfig;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetryAfterMs: number;
  private readonly authorization: string;

  constructor(config: GongConfig, options: GongClientOptions = {}) {
    this.config = config;
    this.limiter = options.limiter ?? createRateLimiter(config.ratePerSecond);
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 5 * 60_000;
    const a = config.auth;
    this.authorization =
      a.kind === "basic"
        ? `Basic ${Buffer.from(`${a.accessKey}:${a.secret}`).toString("base64")}`
        : `Bearer ${a.token}`;
  }

  /** One page of call records started in the window (a 404 "no calls found" is an empty page). */
  async listCalls(window: DateWindow, cursor: string | null): Promise<Page<GongCallRecord>> {
    const filter: Record<string, string> = {};
    if (window.fromDateTime) filter.fromDateTime = window.fromDateTime;
    if (window.toDateTime) filter.toDateTime = window.toDateTime;
    const body = {
      ...(cursor ? { cursor } : {}),
      filter,
      contentSelector: {
        context: "None",
        // metaData (id, url, title, started, duration) always comes; parties must be asked for.
        exposedFields: { parties: true },
      },
    };
    const json = await this.post(EXTENSIVE, body);
    const calls = Array.isArray(json?.calls) ? (json.calls as GongCallRecord[]) : [];
    return { items: calls, cursor: nextCursor(json), totalRecords: totalRecords(json) };
  }

  /** Transcripts of these calls; calls Gong has not transcribed yet are simply absent. */
  async getTranscripts(callIds: string[]): Promise<Map<string, GongCallTranscript>> {
    const out = new Map<string, GongCallTranscript>();
    if (!callIds.length) return out;
    let cursor: string | null = null;
    do {
      const json = await this.post(TRANSCRIPT, { ...(cursor ? { cursor } : {}), filter: { callIds } });
      const list = Array.isArray(json?.callTranscripts) ? (json.callTranscripts as GongCallTranscript[]) : [];
      for (const ct of list) if (ct && ct.callId != null) out.set(String(ct.callId), ct);
      cursor = nextCursor(json);
    } while (cursor);
    return out;
  }

  private async post(endpoint: string, body: unknown): Promise<GongResponse | null> {
    const url = `${this.config.baseUrl}${endpoint}`;
    let backoffStep = 0;
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire();
      this.stats.requests++;
      this.onRequest?.();
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: {
            Authorization: this.authorization,
            "Content-Type": "application/json",
            Accept: "application/json",
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.config.timeoutMs),
        });
      } catch (err) {
        const reason = networkReason(err);
        // A host name that does not resolve is a typo in the setting, not an outage.
        if (reason === "ENOTFOUND")
          throw new GongBaseUrlError(
            `GONG_BASE_URL: no such host ${new URL(this.config.baseUrl).host}; use the address on your Gong API page`,
          );
        if (attempt >= this.config.maxAttempts)
          throw new GongApiError(
            endpoint,
            null,
            `cannot reach ${this.config.baseUrl} (${reason}) after ${attempt} attempts; check GONG_BASE_URL`,
            { cause: err },
          );
        await this.retryWait({ endpoint, reason, waitMs: this.backoff(backoffStep++), attempt });
        continue;
      }
      if (res.ok) return (await readJson(res, endpoint)) as GongResponse;
      if (res.status === 404) {
        // Gong answers 404 "No calls found corresponding to the provided filters" for an empty window.
        const json = (await readJson(res, endpoint).catch(() => null)) as GongResponse | null;
        if (json && typeof json === "object" && ("requestId" in json || "errors" in json)) return null;
        throw new GongBaseUrlError(
          `GONG_BASE_URL: ${this.config.baseUrl} has no ${endpoint} (HTTP 404); use the address on your Gong API page`,
        );
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new GongAuthError(res.status, this.config.auth);
      }
      const detail = await errorDetail(res);
      if (res.status === 429) {
        this.stats.rateLimited++;
        const wait = retryAfterMs(res.headers.get("retry-after")) ?? this.backoff(backoffStep++);
        if (wait > this.maxRetryAfterMs)
          throw new GongApiError(
            endpoint,
            429,
            `Gong's rate limit (probably the daily cap) asks to wait ${Math.round(wait / 1000)} s; run the sync again later`,
          );
        if (attempt >= this.config.maxAttempts)
          throw new GongApiError(endpoint, 429, `still rate limited after ${attempt} attempts`);
        await this.retryWait({ endpoint, reason: "HTTP 429", waitMs: wait, attempt });
        continue;
      }
      if (res.status >= 500 && attempt < this.config.maxAttempts) {
        await this.retryWait({
          endpoint,
          reason: `HTTP ${res.status}`,
          waitMs: this.backoff(backoffStep++),
          attempt,
        });
        continue;
      }
      throw new GongApiError(
        endpoint,
        res.status,
        `HTTP ${res.status}${detail ? `: ${detail}` : ""}${res.status >= 500 ? ` after ${attempt} attempts` : ""}`,
      );
    }
  }

  private async retryWait(retry: RetryInfo): Promise<void> {
    this.stats.retries++;
    this.onRetry?.(retry);
    await this.sleep(retry.waitMs);
  }

  /** Full jitter (a random wait up to the exponential step): retries of many clients spread out. */
  private backoff(step: number): number {
    const ceiling = Math.min(30_000, this.config.retryBaseMs * 2 ** step);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}

interface GongResponse {
  requestId?: string;
  records?: { cursor?: string | null; totalRecords?: number };
  calls?: unknown;
  callTranscripts?: unknown;
  errors?: unknown;
}

function nextCursor(json: GongResponse | null): string | null {
  const c = json?.records?.cursor;
  return typeof c === "string" && c ? c : null;
}

function totalRecords(json: GongResponse | null): number | null {
  const n = json?.records?.totalRecords;
  return typeof n === "number" ? n : null;
}

async function readJson(res: Response, endpoint: string): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new GongBaseUrlError(
      `GONG_BASE_URL: the answer to ${endpoint} is not JSON (HTTP ${res.status}, ${text.length} bytes); use the address on your Gong API page`,
    );
  }
}

/** Gong's `errors` array, shortened to one line; never headers or the request. */
async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const json = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(json.errors)) return json.errors.map(String).join("; ").slice(0, 200);
  } catch {}
  return "";
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string }; code?: string };
  if (e?.name === "TimeoutError") return "timed out";
  return e?.cause?.code ?? e?.code ?? e?.name ?? "network error";
}
