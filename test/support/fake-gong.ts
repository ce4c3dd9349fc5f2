/**
 * A fake Gong API v2 on 127.0.0.1 (node:http), following Gong's documented shapes, for tests and
 * the bench. What it does as real Gong does:
 *
 * - `POST /v2/calls/extensive` with `filter.fromDateTime` (inclusive) / `toDateTime` (exclusive)
 *   and `contentSelector.exposedFields.parties` (no parties unless asked); `POST
 *   /v2/calls/transcript` with `filter.callIds` (or the same date filter);
 * - pages of at most `pageSize` records with `records: {totalRecords, currentPageSize,
 *   currentPageNumber, cursor}`; the cursor is read from the POST body only, so a cursor sent in
 *   the query string returns the first page again;
 * - 404 `{requestId, errors: ["No calls found corresponding to the provided filters"]}` when
 *   nothing matches; 401 for a wrong or expired key (Basic `key:secret` or Bearer);
 * - calls whose transcript is not ready yet are left out of `callTranscripts` until `release`.
 *
 * Faults are queued per endpoint (`429` with Retry-After, `500`); every request is recorded with
 * its arrival time, so a test or the bench can check the client's request rate.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { script } from "../service/support/calls.js";

export interface FakeParty {
  id: string;
  speakerId?: string | null;
  name: string;
  emailAddress?: string | null;
  title?: string | null;
  affiliation: "Internal" | "External" | "Unknown";
  methods?: string[];
}

export interface FakeCall {
  metaData: {
    id: string;
    url: string;
    title: string;
    scheduled?: string;
    /** ISO with offset, or epoch seconds. */
    started: string | number;
    duration: number;
    direction?: string;
    system?: string;
    scope?: string;
    media?: string;
    language?: string;
  };
  parties: FakeParty[];
}

export interface FakeMonologue {
  speakerId: string;
  topic: string | null;
  sentences: { start: number; end: number; text: string }[];
}

export interface RecordedRequest {
  /** Arrival, ms (performance.now of this process). */
  at: number;
  method: string;
  path: string;
  query: string;
  body: Record<string, unknown> | null;
  status: number;
  authorized: boolean;
}

export interface Fault {
  /** A status below 300 lets that request through (to fail a later one). */
  status: number;
  retryAfter?: string;
}

export interface FakeGongOptions {
  accessKey?: string;
  secret?: string;
  bearer?: string;
  pageSize?: number;
  /** Delay before answering, ms (a slower network). */
  latencyMs?: number;
}

export class FakeGong {
  readonly calls = new Map<string, FakeCall>();
  readonly transcripts = new Map<string, FakeMonologue[]>();
  /** Calls whose transcript Gong has not finished: absent from /v2/calls/transcript for now. */
  readonly transcriptLater = new Set<string>();
  readonly requests: RecordedRequest[] = [];
  readonly accessKey: string;
  readonly secret: string;
  readonly bearer: string;
  url = "";
  /** Called as each request arrives, before it is answered (e.g. to kill the client mid-run). */
  onRequest: ((request: RecordedRequest) => void) | null = null;
  private readonly pageSize: number;
  private readonly latencyMs: number;
  private readonly faults = new Map<string, Fault[]>();
  private keyExpired = false;
  private server: Server | null = null;
  private requestSeq = 0;

  constructor(options: FakeGongOptions = {}) {
    this.accessKey = options.accessKey ?? "fake-access-key";
    this.secret = options.secret ?? "fake-secret-value";
    this.bearer = options.bearer ?? "fake-bearer-token";
    this.pageSize = options.pageSize ?? 100;
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** Environment for a Call Coach process talking to this fake. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      GONG_BASE_URL: this.url,
      GONG_ACCESS_KEY: this.accessKey,
      GONG_ACCESS_KEY_SECRET: this.secret,
      GONG_RETRY_BASE_MS: "20",
      ...extra,
    };
  }

  add(call: FakeCall, transcript: FakeMonologue[], options: { later?: boolean } = {}): void {
    this.calls.set(call.metaData.id, call);
    this.transcripts.set(call.metaData.id, transcript);
    if (options.later) this.transcriptLater.add(call.metaData.id);
  }

  /** Gong finished transcribing: the call's transcript is served from now on. */
  release(id: string): void {
    this.transcriptLater.delete(id);
  }

  /** The next requests to `path` fail with these statuses, in order. */
  fail(path: "/v2/calls/extensive" | "/v2/calls/transcript", ...faults: Fault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  expireKey(): void {
    this.keyExpired = true;
  }

  /** The most requests that arrived in any window of `windowMs` (starting at an arrival). */
  maxInWindow(windowMs = 1000): number {
    const t = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let best = 0;
    let j = 0;
    for (let i = 0; i < t.length; i++) {
      while (t[j]! - t[i]! < windowMs && j < t.length) j++;
      best = Math.max(best, j - i);
      if (j === t.length) break;
    }
    return best;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const [path = "", query = ""] = (req.url ?? "").split("?");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Record<string, unknown> | null = null;
    try {
      body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>)
        : null;
    } catch {
      body = null;
    }
    const authorized = this.authorized(req.headers.authorization);
    const record: RecordedRequest = {
      at,
      method: req.method ?? "",
      path,
      query,
      body,
      status: 0,
      authorized,
    };
    this.requests.push(record);
    this.onRequest?.(record);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(json));
    };
    const requestId = `req-${++this.requestSeq}`;
    if (!authorized) return send(401, { requestId, errors: ["Unauthorized"] });
    if (req.method !== "POST" || (path !== "/v2/calls/extensive" && path !== "/v2/calls/transcript"))
      return send(404, { message: "Not Found" });
    const fault = this.faults.get(path)?.shift();
    if (fault && fault.status >= 300) {
      return send(
        fault.status,
        { requestId, errors: [fault.status === 429 ? "Too many requests" : "Internal error"] },
        fault.retryAfter ? { "Retry-After": fault.retryAfter } : {},
      );
    }
    if (!body || typeof body !== "object") return send(400, { requestId, errors: ["Malformed body"] });
    const filter = (body.filter ?? {}) as { fromDateTime?: string; toDateTime?: string; callIds?: string[] };
    const cursor = typeof body.cursor === "string" ? body.cursor : null;
    const offset = cursor ? decodeCursor(cursor) : 0;
    if (offset === null) return send(400, { requestId, errors: ["Invalid cursor"] });

    if (path === "/v2/calls/extensive") {
      const all = this.matching(filter);
      if (!all.length)
        return send(404, { requestId, errors: ["No calls found corresponding to the provided filters"] });
      const exposed = (body.contentSelector as { exposedFields?: { parties?: boolean } } | undefined)
        ?.exposedFields;
      const pageCalls = all.slice(offset, offset + this.pageSize).map((c) => ({
        metaData: c.metaData,
        ...(exposed?.parties ? { parties: c.parties } : {}),
      }));
      return send(200, {
        requestId,
        records: this.records(all.length, pageCalls.length, offset),
        calls: pageCalls,
      });
    }
    const ids = Array.isArray(filter.callIds)
      ? filter.callIds.map(String)
      : this.matching(filter).map((c) => c.metaData.id);
    const ready = ids.filter((id) => this.transcripts.has(id) && !this.transcriptLater.has(id));
    if (!ready.length)
      return send(404, { requestId, errors: ["No calls found corresponding to the provided filters"] });
    const page = ready.slice(offset, offset + this.pageSize);
    return send(200, {
      requestId,
      records: this.records(ready.length, page.length, offset),
      callTranscripts: page.map((id) => ({ callId: id, transcript: this.transcripts.get(id) })),
    });
  }

  private records(total: number, size: number, offset: number) {
    const next = offset + size;
    return {
      totalRecords: total,
      currentPageSize: size,
      currentPageNumber: Math.floor(offset / this.pageSize),
      ...(next < total ? { cursor: encodeCursor(next) } : {}),
    };
  }

  private matching(filter: { fromDateTime?: string; toDateTime?: string; callIds?: string[] }): FakeCall[] {
    const from = filter.fromDateTime ? Date.parse(filter.fromDateTime) : -Infinity;
    const to = filter.toDateTime ? Date.parse(filter.toDateTime) : Infinity;
    const ids = Array.isArray(filter.callIds) ? new Set(filter.callIds.map(String)) : null;
    return [...this.calls.values()]
      .filter((c) => {
        const t = startedMs(c.metaData.started);
        return t >= from && t < to && (!ids || ids.has(c.metaData.id));
      })
      .sort(
        (a, b) =>
          startedMs(a.metaData.started) - startedMs(b.metaData.started) ||
          a.metaData.id.localeCompare(b.metaData.id),
      );
  }

  private authorized(header: string | undefined): boolean {
    if (this.keyExpired || !header) return false;
    const basic = /^Basic\s+(.+)$/i.exec(header)?.[1];
    if (basic) return Buffer.from(basic, "base64").toString("utf8") === `${this.accessKey}:${this.secret}`;
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    return bearer === this.bearer;
  }
}

function startedMs(started: string | number): number {
  return typeof started === "number" ? started * 1000 : Date.parse(started);
}

// Opaque to the client, as Gong's are.
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, v: 1 })).toString("base64url");
}

function decodeCursor(cursor: string): number | null {
  try {
    const o = (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown }).o;
    return typeof o === "number" && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

export interface GeneratedCallOptions {
  /** Start of the first call; calls follow every `spacingMinutes`. */
  start?: string;
  spacingMinutes?: number;
  /** Every nth call gives `started` as epoch seconds instead of ISO. */
  numericEvery?: number;
  /** Prefix of call ids (Gong ids are long digit strings). */
  idBase?: bigint;
}

/**
 * `count` realistic calls: a rep (Internal, company email), a customer (External), an invitee
 * without a speakerId who never spoke, and a transcript from test/service/support/calls.ts (a
 * supported claim, two wrong claims, objections, competitor mentions) with a sentence unique to
 * the call so every transcript hashes differently.
 */
export function generateCalls(
  count: number,
  options: GeneratedCallOptions = {},
): { call: FakeCall; transcript: FakeMonologue[] }[] {
  const start = Date.parse(options.start ?? "2026-11-02T15:00:00Z");
  const spacing = (options.spacingMinutes ?? 30) * 60_000;
  const base = options.idBase ?? 7_782_342_274_025_937_000n;
  const out: { call: FakeCall; transcript: FakeMonologue[] }[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(base + BigInt(i));
    const t = start + i * spacing;
    const numeric = options.numericEvery && i % options.numericEvery === 1;
    const rep = { name: `Rep ${i % 7} Avery`, email: `rep${i % 7}@prefect.io` };
    const customer = { name: `Riley Chen ${i}`, email: `riley${i}@customer${i % 13}.example` };
    const call: FakeCall = {
      metaData: {
        id,
        url: `https://app.gong.io/call?id=${id}`,
        title: `Customer ${i % 13} - discovery ${i}`,
        scheduled: new Date(t).toISOString(),
        started: numeric ? Math.floor(t / 1000) : isoWithOffset(t),
        duration: 900,
        direction: "Conference",
        system: "Zoom",
        scope: "External",
        media: "Video",
        language: "eng",
      },
      parties: [
        {
          id: `${id}1`,
          speakerId: `${id}01`,
          name: rep.name,
          emailAddress: rep.email,
          title: "Account Executive",
          affiliation: "Internal",
          methods: ["Invitee"],
        },
        {
          id: `${id}2`,
          speakerId: `${id}02`,
          name: customer.name,
          emailAddress: customer.email,
          title: "Data Engineer",
          affiliation: "External",
          methods: ["Invitee"],
        },
        // Invited, never spoke: Gong gives no speakerId.
        {
          id: `${id}3`,
          name: "Morgan Blake",
          emailAddress: `morgan${i}@customer${i % 13}.example`,
          affiliation: "External",
          methods: ["Invitee"],
        },
      ],
    };
    const lines = script({
      id,
      title: call.metaData.title,
      startedAt: new Date(t).toISOString(),
      rep,
      customer,
      marker: `call ${id}`,
    });
    let clock = 2000;
    const transcript: FakeMonologue[] = lines.map((l) => {
      const ms = 800 + l.text.split(/\s+/).length * 380;
      const m: FakeMonologue = {
        speakerId: l.who === "rep" ? `${id}01` : `${id}02`,
        topic: null,
        sentences: [{ start: clock, end: clock + ms, text: l.text }],
      };
      clock += ms + 600;
      return m;
    });
    out.push({ call, transcript });
  }
  return out;
}

/** Gong's own style: local time with an offset (here -08:00). */
function isoWithOffset(ms: number): string {
  const local = new Date(ms - 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}-08:00`;
}
