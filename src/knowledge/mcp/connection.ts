/**
 * One shared connection to an MCP server, opened on first use. It survives the server: when the
 * process dies or the HTTP session expires the next call reconnects (after the circuit breaker's
 * back-off), every call has a timeout and can be cancelled, and `close()` leaves no process behind.
 * Errors come out as ServiceError with a `code` the callers can act on; none carries a secret.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Resource,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { type McpErrorCode, ServiceError } from "../../errors.js";
import { redactSecrets } from "../../security/redact.js";
import { type BreakerOptions, CircuitBreaker } from "./circuit-breaker.js";
import { descendantPids, terminate } from "./process-tree.js";
import { createTransport, describeTarget, type McpTarget } from "./transport.js";

/** Defined with the other error codes (errors.ts) so every interface maps them. */
export type { McpErrorCode };

/** Failures that mean the server is unusable right now: open the circuit at once. */
const HARD: ReadonlySet<McpErrorCode> = new Set([
  "connect_failed",
  "unauthorized",
  "timeout",
  "connection_closed",
  "tool_missing",
]);

export interface ConnectionOptions {
  target: McpTarget;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  breaker?: BreakerOptions;
  /** Lines the server writes to stderr (already redacted); dropped when absent. */
  onServerLog?: (line: string) => void;
  clientInfo?: { name: string; version: string };
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ConnectionStatus {
  target: string;
  connected: boolean;
  circuit: "closed" | "open" | "half-open";
  retryInMs: number;
  lastError: string | null;
  /** pid of the stdio server process, when there is one. */
  pid: number | null;
  connects: number;
}

interface Session {
  client: Client;
  transport: Transport;
  tools: Map<string, Tool>;
  pid: number | null;
  closing: boolean;
  /** The server went away by itself (already counted by the breaker). */
  lost: boolean;
  onExit?: () => void;
}

export function mcpError(code: McpErrorCode, message: string, cause?: unknown): ServiceError {
  return new ServiceError("MCP server", redactSecrets(message.replace(/\s*\n\s*/g, " ")), { code, cause });
}

export function errorCode(err: unknown): McpErrorCode | null {
  return err instanceof ServiceError && err.service === "MCP server" ? (err.code as McpErrorCode) : null;
}

export class McpConnection {
  readonly description: string;
  private session: Session | null = null;
  private connecting: Promise<Session> | null = null;
  private readonly breaker: CircuitBreaker;
  private readonly shutdown = new AbortController();
  private readonly disposals = new Set<Promise<void>>();
  private lastError: string | null = null;
  private connects = 0;
  private closed = false;

  constructor(private readonly options: ConnectionOptions) {
    this.description = describeTarget(options.target);
    this.breaker = new CircuitBreaker(options.breaker);
  }

  status(): ConnectionStatus {
    return {
      target: this.description,
      connected: this.session !== null,
      circuit: this.breaker.state,
      retryInMs: this.breaker.retryInMs(),
      lastError: this.lastError,
      pid: this.session?.pid ?? null,
      connects: this.connects,
    };
  }

  /** Tools the server offers (connects when needed). */
  async listTools(options: CallOptions = {}): Promise<Tool[]> {
    return this.guarded(options, async (session) => [...session.tools.values()]);
  }

  /** Re-reads the tool list from the server (a proxy may gain tools after its upstream comes up). */
  async refreshTools(options: CallOptions = {}): Promise<Tool[]> {
    return this.guarded(options, async (session, signal, timeout) => {
      session.tools = await readTools(session.client, signal, timeout);
      return [...session.tools.values()];
    });
  }

  async listResources(options: CallOptions = {}): Promise<Resource[]> {
    return this.guarded(options, async (session, signal, timeout) => {
      if (!session.client.getServerCapabilities()?.resources) return [];
      const out: Resource[] = [];
      let cursor: string | undefined;
      do {
        const page = await session.client.listResources(cursor ? { cursor } : undefined, { signal, timeout });
        out.push(...page.resources);
        cursor = page.nextCursor;
      } while (cursor && out.length < 10_000);
      return out;
    });
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<CallToolResult> {
    return this.guarded(options, async (session, signal, timeout) => {
      if (!session.tools.has(name)) {
        throw mcpError("tool_missing", `${this.description} has no tool "${name}"`);
      }
      const result = await session.client.callTool({ name, arguments: args }, undefined, { signal, timeout });
      return result as CallToolResult;
    });
  }

  /** Records a failure the caller found in a result the server returned (e.g. a malformed payload). */
  reportFailure(err: ServiceError): void {
    const code = errorCode(err) ?? "tool_error";
    this.lastError = err.message;
    this.breaker.failure(HARD.has(code) ? "hard" : "soft", err.message);
  }

  /** Ends the session and the server process (and anything it started); idempotent. */
  async close(): Promise<void> {
    if (this.closed) {
      await Promise.allSettled([...this.disposals]);
      return;
    }
    this.closed = true;
    this.shutdown.abort(new Error("MCP connection closed"));
    const pending = this.connecting;
    if (pending) await pending.catch(() => {});
    if (this.session) this.dispose(this.session);
    this.session = null;
    await Promise.allSettled([...this.disposals]);
  }

  /**
   * Runs one operation on the session with the breaker, timeout and cancellation around it.
   * An expired HTTP session is replaced and the operation retried once.
   */
  private async guarded<T>(
    options: CallOptions,
    op: (session: Session, signal: AbortSignal, timeoutMs: number) => Promise<T>,
  ): Promise<T> {
    if (this.closed) throw mcpError("closed", `connection to ${this.description} is closed`);
    const gate = this.breaker.tryAcquire();
    if (!gate.allowed) {
      const wait = Math.ceil(this.breaker.retryInMs() / 100) / 10;
      throw mcpError(
        "circuit_open",
        `${this.description} is unavailable (${this.breaker.reason ?? "recent failures"}); retrying in ${wait} s`,
      );
    }
    // A signal that lives only as long as this call: the SDK keeps its abort listener after the
    // response, and aborting a long-lived signal later would send cancellations for finished requests.
    const link = linkedSignal([options.signal, this.shutdown.signal]);
    const signal = link.signal;
    const timeout = options.timeoutMs ?? this.options.requestTimeoutMs;
    try {
      return await this.attempt(op, signal, timeout, gate.probe);
    } finally {
      link.release();
    }
  }

  private async attempt<T>(
    op: (session: Session, signal: AbortSignal, timeoutMs: number) => Promise<T>,
    signal: AbortSignal,
    timeout: number,
    probe: boolean,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let session: Session | null = null;
      try {
        session = await this.ensureSession(signal);
        const result = await op(session, signal, timeout);
        this.breaker.success();
        this.lastError = null;
        return result;
      } catch (err) {
        const failure = this.classify(err, signal, timeout);
        const code = errorCode(failure);
        if (code === "cancelled" || code === "closed") {
          if (probe) this.breaker.release();
          throw failure;
        }
        if (isSessionExpired(err) && session && attempt === 0) {
          // The server forgot our session (restart or idle expiry): open a new one and retry.
          this.drop(session);
          continue;
        }
        if (code === "connection_closed" && session) this.drop(session);
        if (session?.lost) this.lastError = failure.message;
        else this.reportFailure(failure);
        throw failure;
      }
    }
  }

  private ensureSession(signal: AbortSignal): Promise<Session> {
    if (this.session && !this.session.closing) return Promise.resolve(this.session);
    if (!this.connecting) {
      this.connecting = this.open().finally(() => {
        this.connecting = null;
      });
    }
    // Callers share one connect; one caller giving up does not abort it for the others.
    return raceAbort(this.connecting, signal);
  }

  private async open(): Promise<Session> {
    const transport = createTransport(this.options.target);
    const client = new Client(this.options.clientInfo ?? { name: "call-coach", version: "0.1.0" });
    const session: Session = { client, transport, tools: new Map(), pid: null, closing: false, lost: false };
    this.captureServerLog(transport);
    client.onerror = () => {
      // Transport-level noise (a failed SSE GET, a broken pipe) surfaces through the pending calls.
    };
    client.onclose = () => {
      // The process died or the HTTP stream ended: the next call reconnects, after the back-off.
      const wasCurrent = this.session === session;
      if (wasCurrent) this.session = null;
      if (wasCurrent && !session.closing && !this.closed) {
        this.lastError = `${this.description} closed the connection`;
        this.breaker.failure("hard", this.lastError);
        session.lost = true;
      }
      this.dispose(session);
    };
    this.connects++;
    const link = linkedSignal([this.shutdown.signal]);
    try {
      await client.connect(transport, { signal: link.signal, timeout: this.options.connectTimeoutMs });
      session.pid = (transport as Partial<StdioClientTransport>).pid ?? null;
      session.tools = await readTools(client, link.signal, this.options.connectTimeoutMs);
    } catch (err) {
      session.pid = (transport as Partial<StdioClientTransport>).pid ?? null;
      this.dispose(session);
      throw this.classify(err, link.signal, this.options.connectTimeoutMs, true);
    } finally {
      link.release();
    }
    if (this.closed) {
      this.dispose(session);
      throw mcpError("closed", `connection to ${this.description} is closed`);
    }
    if (session.pid) {
      // Last resort if the process exits without close(): a stdio server normally ends on EOF anyway.
      const pid = session.pid;
      session.onExit = () => {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // already gone
        }
      };
      process.once("exit", session.onExit);
    }
    this.session = session;
    return session;
  }

  private drop(session: Session): void {
    if (this.session === session) this.session = null;
    this.dispose(session);
  }

  /** Closes a session in the background; close() waits for all of them. */
  private dispose(session: Session): void {
    if (session.closing) return;
    session.closing = true;
    if (session.onExit) process.removeListener("exit", session.onExit);
    const task = (async () => {
      // Collect the process tree before closing: once the parent is gone its children are re-parented.
      const tree = session.pid ? [session.pid, ...descendantPids(session.pid)] : [];
      if (this.options.target.kind === "http") {
        const http = session.transport as { terminateSession?: () => Promise<void> };
        await withTimeout(http.terminateSession?.() ?? Promise.resolve(), 1_000).catch(() => {});
      }
      await session.client.close().catch(() => {});
      await terminate(tree, 1_000);
    })();
    this.disposals.add(task);
    void task.finally(() => this.disposals.delete(task));
  }

  private captureServerLog(transport: Transport): void {
    const stderr = (transport as Partial<StdioClientTransport>).stderr;
    if (!stderr) return;
    let buffered = "";
    stderr.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) this.options.onServerLog?.(redactSecrets(line));
    });
  }

  private classify(err: unknown, signal: AbortSignal, timeoutMs: number, connecting = false): ServiceError {
    if (err instanceof ServiceError && err.service === "MCP server") return err;
    const what = this.description;
    if (this.closed) return mcpError("closed", `connection to ${what} is closed`, err);
    if (signal.aborted) return mcpError("cancelled", `request to ${what} was cancelled`, err);
    if (err instanceof StreamableHTTPError) {
      if (err.code === 401 || err.code === 403) {
        return mcpError(
          "unauthorized",
          `${what} refused the credentials (HTTP ${err.code}); check PREFECT_API_KEY / PREFECT_API_URL`,
          err,
        );
      }
      if (connecting) return mcpError("connect_failed", `cannot connect to ${what}: HTTP ${err.code}`, err);
      return mcpError("connection_closed", `${what} failed: HTTP ${err.code}`, err);
    }
    if (err instanceof McpError) {
      if (err.code === ErrorCode.RequestTimeout) {
        return mcpError(
          connecting ? "connect_failed" : "timeout",
          connecting
            ? `${what} did not complete the MCP handshake within ${timeoutMs} ms`
            : `${what} did not answer within ${timeoutMs} ms`,
          err,
        );
      }
      if (err.code === ErrorCode.ConnectionClosed)
        return mcpError(
          connecting ? "connect_failed" : "connection_closed",
          `${what} closed the connection`,
          err,
        );
      if (err.code === ErrorCode.InvalidParams && /structured content|output schema/i.test(err.message))
        return mcpError("malformed_result", `${what} returned a result that does not match its schema`, err);
      return mcpError("tool_error", `${what}: ${err.message}`, err);
    }
    const message = err instanceof Error ? err.message : String(err);
    const sys = (err as { code?: string } | null)?.code;
    if (connecting || sys === "ENOENT" || sys === "ECONNREFUSED") {
      const hint = sys === "ENOENT" ? " (command not found; set PREFECT_MCP_COMMAND)" : "";
      return mcpError("connect_failed", `cannot start or reach ${what}: ${message}${hint}`, err);
    }
    if (/fetch failed|ECONNRESET|socket|Not connected|closed/i.test(message))
      return mcpError("connection_closed", `${what}: ${message}`, err);
    return mcpError("tool_error", `${what}: ${message}`, err);
  }
}

async function readTools(client: Client, signal: AbortSignal, timeout: number): Promise<Map<string, Tool>> {
  const tools = new Map<string, Tool>();
  if (!client.getServerCapabilities()?.tools) return tools;
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { signal, timeout });
    for (const tool of page.tools) tools.set(tool.name, tool);
    cursor = page.nextCursor;
  } while (cursor && tools.size < 10_000);
  return tools;
}

function isSessionExpired(err: unknown): boolean {
  // Streamable HTTP servers answer 404 to a session id they no longer know.
  return err instanceof StreamableHTTPError && err.code === 404;
}

/** An AbortSignal that follows `sources` until release(); it never aborts after that. */
function linkedSignal(sources: (AbortSignal | undefined)[]): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const live = sources.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const s of live) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    release: () => {
      for (const s of live) s.removeEventListener("abort", onAbort);
    },
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
