/**
 * Call Coach as an MCP server: the tools other AI assistants use to analyze calls, check a single
 * product statement against the docs, search the docs, and read stored calls, reports and
 * insights. Every tool validates its input with zod (bad input becomes an MCP tool error, never
 * a crash) and returns JSON text plus structured content.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { type CallToolResult, ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { codeOf } from "../../errors.js";
import { renderMarkdown } from "../../report/markdown.js";
import { redactSecrets } from "../../security/redact.js";
import type { CallCoachService } from "../../service/call-service.js";
import { MAX_TOOL_TRANSCRIPT_BYTES } from "./limits.js";

export const CALL_COACH_MCP_TOOLS = [
  "analyze_call",
  "validate_claim",
  "search_docs",
  "get_call_report",
  "list_calls",
  "get_rep_insights",
] as const;

const transcriptArg = z
  .string()
  .min(1)
  // Characters first (cheap, and never more than bytes), then the UTF-8 bytes the limit is about.
  .max(MAX_TOOL_TRANSCRIPT_BYTES, `must be at most ${MAX_TOOL_TRANSCRIPT_BYTES / 2 ** 20} MB`)
  .refine(
    (s) => Buffer.byteLength(s, "utf8") <= MAX_TOOL_TRANSCRIPT_BYTES,
    `must be at most ${MAX_TOOL_TRANSCRIPT_BYTES / 2 ** 20} MB of UTF-8`,
  );
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be a date like 2025-01-31")
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be a valid date");

/** Tool failures the caller can act on: returned as `isError` results with a one-line reason. */
class ToolInputError extends Error {}

export function createCallCoachMcpServer(service: CallCoachService, version = "0.1.0"): McpServer {
  const server = new McpServer(
    { name: "call-coach", version },
    {
      instructions:
        "Call Coach checks what sales reps said about the product against its documentation. " +
        "Use analyze_call for a whole transcript, validate_claim for one statement, search_docs for documentation, " +
        "and list_calls / get_call_report / get_rep_insights for calls already stored.",
    },
  );

  server.registerTool(
    "analyze_call",
    {
      title: "Analyze a sales call",
      description:
        "Analyze a call transcript (Gong JSON, WebVTT, SRT, '[hh:mm:ss] Name: text' or Call Coach JSON) or re-analyze a stored call. " +
        "Give exactly one of `transcript` (at most 10 MB of UTF-8) or `call_id`. Returns the report (schema call-coach/report@1), " +
        "warnings about the transcript (e.g. no speaker known to be on your team: pass `internal`), and stores the call.",
      inputSchema: z.strictObject({
        transcript: transcriptArg.optional().describe("the transcript text"),
        file_name: z
          .string()
          .max(255)
          .optional()
          .describe("original file name; helps detect the format and titles the call"),
        internal: z
          .array(z.string().min(1).max(200))
          .max(50)
          .optional()
          .describe("names of your team's speakers"),
        call_id: z.string().min(1).max(200).optional().describe("id of a stored call to analyze again"),
        format: z.enum(["json", "markdown"]).default("json").describe("report format returned"),
      }),
    },
    (args, extra) =>
      run(async () => {
        if (Boolean(args.transcript) === Boolean(args.call_id))
          throw new ToolInputError("give exactly one of transcript or call_id");
        if (args.call_id && !service.getCall(args.call_id))
          throw new ToolInputError(`call_id: no stored call with id "${args.call_id}"`);
        // Cancelled (notifications/cancelled, or the client went away): the worker stops.
        const control = { signal: extra.signal };
        const result = args.call_id
          ? await service.reanalyze(args.call_id, control)
          : await service.ingest(
              {
                transcript: args.transcript!,
                fileName: args.file_name ?? null,
                internal: args.internal ?? [],
              },
              control,
            );
        const meta = { call_id: result.callId, cached: result.cached, warnings: result.warnings };
        if (args.format === "markdown") return text(renderMarkdown(result.report), meta);
        return json({ ...meta, report: result.report });
      }),
  );

  server.registerTool(
    "validate_claim",
    {
      title: "Check one product statement",
      description:
        "Check one statement about the product against the documentation: verdict (supported, contradicted, unverifiable), " +
        "confidence, a correction when contradicted, and evidence with docs links.",
      inputSchema: z.strictObject({
        statement: z
          .string()
          .trim()
          .min(3)
          .max(2000)
          .describe("one statement, e.g. 'Tasks retry three times by default.'"),
      }),
    },
    (args) => run(async () => json(await service.validateClaim(args.statement))),
  );

  server.registerTool(
    "search_docs",
    {
      title: "Search the product documentation",
      description:
        "Search the documentation the analyses are grounded in. Returns titles, URLs and snippets, best first.",
      inputSchema: z.strictObject({
        query: z.string().trim().min(1).max(500).describe("topic terms"),
        top_k: z.number().int().min(1).max(20).default(5),
      }),
    },
    (args) =>
      run(async () => json({ query: args.query, results: await service.searchDocs(args.query, args.top_k) })),
  );

  server.registerTool(
    "get_call_report",
    {
      title: "Get a stored call's report",
      description: "The current report of a stored call, as JSON (call-coach/report@1) or Markdown.",
      inputSchema: z.strictObject({
        call_id: z.string().min(1).max(200),
        format: z.enum(["json", "markdown"]).default("json"),
      }),
    },
    (args) =>
      run(async () => {
        const stored = service.getReport(args.call_id);
        if (!stored) throw new ToolInputError(`call_id: no stored call with id "${args.call_id}"`);
        return args.format === "markdown" ? text(renderMarkdown(stored.report)) : json(stored.report);
      }),
  );

  server.registerTool(
    "list_calls",
    {
      title: "List stored calls",
      description:
        "Stored calls, newest first, with claim and objection counts. Filter by words, rep or date.",
      inputSchema: z.strictObject({
        query: z.string().max(200).optional().describe("words in the title, participants or transcript"),
        rep: z.string().max(200).optional().describe("rep email or name"),
        since: date.optional(),
        limit: z.number().int().min(1).max(200).default(20),
        offset: z.number().int().min(0).default(0),
      }),
    },
    (args) =>
      run(async () =>
        json(
          service.listCalls({
            q: args.query ?? null,
            rep: args.rep ?? null,
            since: args.since ?? null,
            limit: args.limit,
            offset: args.offset,
          }),
        ),
      ),
  );

  server.registerTool(
    "get_rep_insights",
    {
      title: "Rep and team insights",
      description:
        "Metric trends, most frequent wrong claims with the right answer, objections most often left unanswered, " +
        "and competitor mentions, for one rep (email or name) or the whole team.",
      inputSchema: z.strictObject({
        rep: z.string().min(1).max(200).optional().describe("rep email or name; omit for the team"),
        since: date.optional(),
      }),
    },
    (args) => run(async () => json(service.insights({ rep: args.rep ?? null, since: args.since ?? null }))),
  );

  strictRequestParams(server);
  return server;
}

/**
 * A request whose params do not match the method's schema (`tools/call` without params, say) is
 * invalid params (-32602), not the SDK's internal error (-32603) with the validator's dump.
 */
function strictRequestParams(server: McpServer): void {
  type Handler = (request: unknown, extra: unknown) => Promise<unknown>;
  // The SDK keeps its handlers in a private map and has no hook for this; its version is pinned.
  const handlers = (server.server as unknown as { _requestHandlers: Map<string, Handler> })._requestHandlers;
  for (const [method, handler] of handlers) {
    handlers.set(method, async (request, extra) => {
      try {
        return await handler(request, extra);
      } catch (err) {
        if (!/ZodError$/.test((err as Error)?.name ?? "")) throw err;
        const issue = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
        const where = issue?.path.length ? issue.path.map(String).join(".") : "params";
        throw new McpError(ErrorCode.InvalidParams, `${method}: ${where}: ${issue?.message ?? "invalid"}`);
      }
    });
  }
}

async function run(fn: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await fn();
  } catch (err) {
    // Every error code is a tool error the model can read and act on (a result with isError);
    // JSON-RPC errors are kept for malformed requests (above). Anything else stays in the log.
    const known = err instanceof ToolInputError || codeOf(err) !== null;
    const message = known ? (err as Error).message : "internal error while running the tool";
    if (!known)
      process.stderr.write(`call-coach mcp: ${redactSecrets(String((err as Error)?.stack ?? err))}\n`);
    return {
      isError: true,
      content: [{ type: "text", text: redactSecrets(message.replace(/\s*\n\s*/g, " ")) }],
    };
  }
}

function json(value: unknown): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
    structuredContent: value as Record<string, unknown>,
  };
}

function text(body: string, meta?: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: body }], ...(meta ? { _meta: meta } : {}) };
}
