/**
 * A real HTTP server on 127.0.0.1 that speaks the Anthropic Messages and OpenAI chat-completions
 * wire formats. It replays recorded response envelopes (test/llm/fixtures) with the answer a test
 * chooses, and errors exactly as the providers send them (429 with retry-after, 500, hangs,
 * malformed bodies). The official SDKs talk to it through their base URL.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected loosely by tests
  body: any;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** A body sent as is (malformed JSON, HTML error pages…). */
  raw?: string;
  /** Never answer: the client's timeout must fire. */
  hang?: boolean;
}

export type Handler = (request: CapturedRequest, index: number) => Reply | Promise<Reply>;

export class RecordedLlmServer {
  readonly requests: CapturedRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private handler: Handler;

  private constructor(
    private readonly server: Server,
    handler: Handler,
  ) {
    this.handler = handler;
  }

  static async start(handler: Handler): Promise<RecordedLlmServer> {
    let self: RecordedLlmServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void self!.handle(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks), res);
      });
    });
    self = new RecordedLlmServer(server, handler);
    server.on("connection", (s) => {
      self!.sockets.add(s);
      s.on("close", () => self!.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return self;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  setHandler(handler: Handler): void {
    this.handler = handler;
  }

  /** Requests to one endpoint, in arrival order. */
  to(pathPart: string): CapturedRequest[] {
    return this.requests.filter((r) => r.path.includes(pathPart));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    let body: unknown = null;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : null;
    } catch {
      body = raw.toString("utf8");
    }
    const request: CapturedRequest = { method, path, headers, body };
    const index = this.requests.push(request) - 1;
    let reply: Reply;
    try {
      reply = await this.handler(request, index);
    } catch (err) {
      reply = { status: 599, raw: `test handler failed: ${(err as Error).message}` };
    }
    if (reply.hang) return;
    const text = reply.raw ?? JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    res.end(text);
  }
}

/** A recorded envelope with the answer put in: {{ANSWER}} (JSON text), {{ANSWER_OBJECT}}, {{TOOL_NAME}}. */
export function fixtureReply(file: string, fill: { answer?: unknown; toolName?: string } = {}): Reply {
  const recorded = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as Record<string, unknown>;
  const isError = typeof recorded.status === "number" && "body" in recorded;
  const envelope = isError ? recorded.body : recorded;
  const filled = substitute(envelope, fill);
  return isError
    ? { status: recorded.status as number, headers: recorded.headers as Record<string, string>, body: filled }
    : { status: 200, body: filled };
}

function substitute(value: unknown, fill: { answer?: unknown; toolName?: string }): unknown {
  if (value === "{{ANSWER}}")
    return typeof fill.answer === "string" ? fill.answer : JSON.stringify(fill.answer);
  if (value === "{{ANSWER_OBJECT}}") return fill.answer;
  if (value === "{{TOOL_NAME}}") return fill.toolName ?? "record_window_review";
  if (Array.isArray(value)) return value.map((v) => substitute(v, fill));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, fill)]));
  return value;
}
