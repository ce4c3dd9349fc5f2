/**
 * The MCP stdio server transport, bounded and recoverable. The SDK's own transport closes itself
 * (and the server exits 0, silently) when one message is over its read limit, and ignores lines
 * that are not JSON-RPC. This one reads newline-delimited messages up to a byte limit; a longer
 * line is skipped to its end and answered with a JSON-RPC error (-32600) carrying the request's
 * id when it can be found in the line's first or last bytes, and a line that is not JSON gets
 * -32700. The server stays up either way.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";

type Id = string | number | null;

/** How many bytes of an oversized line are kept to look for its id (SDK clients put it last). */
const EDGE_BYTES = 512;

export class BoundedStdioServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Set while skipping an oversized line: its first bytes and the most recent ones. */
  private skipping: { head: Buffer; tail: Buffer; bytes: number } | null = null;
  private closed = false;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
  ) {}

  async start(): Promise<void> {
    this.stdin.on("data", this.onData);
    this.stdin.on("error", this.onStreamError);
    this.stdin.once("end", this.onEnd);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once("drain", resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off("data", this.onData);
    this.stdin.off("error", this.onStreamError);
    this.stdin.off("end", this.onEnd);
    this.stdin.pause();
    this.chunks = [];
    this.onclose?.();
  }

  private readonly onEnd = () => void this.close();
  private readonly onStreamError = (err: Error) => this.onerror?.(err);

  private readonly onData = (chunk: Buffer | string) => {
    let data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    while (data.length) {
      const nl = data.indexOf(10);
      const part = nl < 0 ? data : data.subarray(0, nl);
      data = nl < 0 ? Buffer.alloc(0) : data.subarray(nl + 1);
      if (this.skipping) this.skip(part);
      else if (this.size + part.length > this.maxMessageBytes) {
        const head = Buffer.concat([...this.chunks, part]);
        this.chunks = [];
        this.size = 0;
        this.skipping = { head: head.subarray(0, EDGE_BYTES), tail: Buffer.alloc(0), bytes: 0 };
        this.skip(head);
      } else {
        this.chunks.push(part);
        this.size += part.length;
      }
      if (nl >= 0) this.endLine();
    }
  };

  private skip(part: Buffer): void {
    const s = this.skipping!;
    s.bytes += part.length;
    s.tail = Buffer.concat([s.tail, part.subarray(Math.max(0, part.length - EDGE_BYTES))]);
    if (s.tail.length > EDGE_BYTES) s.tail = s.tail.subarray(s.tail.length - EDGE_BYTES);
  }

  private endLine(): void {
    if (this.skipping) {
      const { head, tail, bytes } = this.skipping;
      this.skipping = null;
      const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
      this.reply(
        findId(head.toString("utf8"), tail.toString("utf8")),
        -32600,
        `Invalid Request: message of ${mb(bytes)} is over the ${mb(this.maxMessageBytes)} limit`,
      );
      this.onerror?.(new Error(`MCP message of ${bytes} bytes refused (limit ${this.maxMessageBytes})`));
      return;
    }
    const line = Buffer.concat(this.chunks).toString("utf8").replace(/\r$/, "");
    this.chunks = [];
    this.size = 0;
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.reply(null, -32700, "Parse error: the message is not valid JSON");
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(value);
    if (!message.success) {
      const id = (value as { id?: unknown })?.id;
      this.reply(
        typeof id === "string" || typeof id === "number" ? id : null,
        -32600,
        "Invalid Request: not a JSON-RPC 2.0 message",
      );
      return;
    }
    this.onmessage?.(message.data);
  }

  private reply(id: Id, code: number, message: string): void {
    void this.send({ jsonrpc: "2.0", id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/** The request id of a line too long to parse: `{"jsonrpc":"2.0","id":7,…` or `…,"id":7}`. */
export function findId(head: string, tail: string): Id {
  const value = String.raw`("(?:[^"\\]|\\.){0,200}"|-?\d{1,20})`;
  const atEnd = new RegExp(String.raw`"id"\s*:\s*${value}\s*\}\s*$`).exec(tail);
  const atStart = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${value}`).exec(
    head,
  );
  const raw = atEnd?.[1] ?? atStart?.[1];
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as string | number;
  } catch {
    return null;
  }
}
