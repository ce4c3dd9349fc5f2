/**
 * GET with a timeout, retries with exponential backoff (network errors, timeouts, 429 and 5xx;
 * Retry-After honoured up to a cap) and conditional requests (ETag / Last-Modified → 304).
 */

export interface FetchOptions {
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /** Bodies larger than this are refused (status "invalid"). */
  maxBytes?: number;
}

export type FetchResult =
  | { status: "ok"; text: string; etag: string | null; lastModified: string | null }
  | { status: "not-modified"; etag: string | null; lastModified: string | null }
  | { status: "missing"; code: number }
  /** The body arrived but cannot be used (not UTF-8, too large): skipped, not retried. */
  | { status: "invalid"; reason: string }
  | { status: "error"; reason: string };

const MAX_RETRY_AFTER_MS = 10_000;

export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const retries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 300;
  let lastReason = "unknown error";
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1), options.signal);
    const headers: Record<string, string> = { accept: "text/markdown, text/plain;q=0.9, */*;q=0.5" };
    if (options.etag) headers["if-none-match"] = options.etag;
    if (options.lastModified) headers["if-modified-since"] = options.lastModified;
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 15_000)];
    if (options.signal) signals.push(options.signal);
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: "follow" });
      const validators = { etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") };
      if (res.status === 304) return { status: "not-modified", ...validators };
      if (res.ok) {
        const declared = Number(res.headers.get("content-length"));
        if (options.maxBytes && declared > options.maxBytes) {
          await res.body?.cancel();
          return { status: "invalid", reason: `larger than ${Math.round(options.maxBytes / 2 ** 20)} MB` };
        }
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (options.maxBytes && bytes.byteLength > options.maxBytes)
          return { status: "invalid", reason: `larger than ${Math.round(options.maxBytes / 2 ** 20)} MB` };
        try {
          return {
            status: "ok",
            text: new TextDecoder("utf-8", { fatal: true }).decode(bytes),
            ...validators,
          };
        } catch {
          return { status: "invalid", reason: "not valid UTF-8" };
        }
      }
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) return { status: "missing", code: res.status };
      lastReason = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) return { status: "error", reason: lastReason };
      const retryAfter = Number(res.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0)
        await sleep(Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS), options.signal);
    } catch (err) {
      if (options.signal?.aborted) return { status: "error", reason: "cancelled" };
      const e = err as Error & { cause?: { code?: string } };
      lastReason = e.name === "TimeoutError" ? "timed out" : (e.cause?.code ?? e.message);
    }
  }
  return { status: "error", reason: `${lastReason} after ${retries + 1} attempts` };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
