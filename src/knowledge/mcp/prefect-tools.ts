/**
 * Typed wrappers for the Prefect MCP server's read-only tools (names, arguments and result
 * shapes as in prefect-mcp 0.0.1b13, `prefect_mcp_server/server.py` and `types.py`). Results are
 * checked loosely: the fields Call Coach shows are typed, everything else passes through, so a
 * newer server that adds fields keeps working.
 */
import type { CallToolResult, Resource } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { McpConnection } from "./connection.js";
import { mcpError } from "./connection.js";

/** Prefect's JSON filter objects, e.g. {"name": {"like_": "prod-%"}}. */
export type PrefectFilter = Record<string, unknown>;

const base = { success: z.boolean(), error: z.string().nullish() };
const listOf = <K extends string>(key: K) =>
  z
    .object({ ...base, count: z.number().optional(), [key]: z.array(z.record(z.string(), z.unknown())) } as {
      success: typeof base.success;
      error: typeof base.error;
      count: z.ZodOptional<z.ZodNumber>;
    } & Record<K, z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>)
    .loose();

const identity = z.object({ ...base, identity: z.record(z.string(), z.unknown()).nullish() }).loose();
const dashboard = z
  .object({
    ...base,
    flow_runs: z
      .object({
        total: z.number(),
        failed: z.number(),
        cancelled: z.number(),
        completed: z.number(),
        running: z.number(),
        pending: z.number(),
      })
      .loose()
      .nullish(),
    active_work_pools: z.array(z.record(z.string(), z.unknown())).nullish(),
    concurrency_limits: z.array(z.record(z.string(), z.unknown())).nullish(),
  })
  .loose();
const logs = z
  .object({
    ...base,
    flow_run_id: z.string().nullish(),
    logs: z.array(z.record(z.string(), z.unknown())),
    truncated: z.boolean().nullish(),
  })
  .loose();

export const RESULT_SCHEMAS = {
  get_identity: identity,
  get_dashboard: dashboard,
  get_deployments: listOf("deployments"),
  get_flows: listOf("flows"),
  get_flow_runs: listOf("flow_runs"),
  get_flow_run_logs: logs,
  get_task_runs: listOf("task_runs"),
  get_work_pools: listOf("work_pools"),
  read_events: listOf("events"),
  get_automations: listOf("automations"),
} as const;

export type PrefectToolName = keyof typeof RESULT_SCHEMAS;
export type PrefectToolResult<T extends PrefectToolName> = z.infer<(typeof RESULT_SCHEMAS)[T]>;

export interface ListArgs {
  filter?: PrefectFilter;
  limit?: number;
}

export interface EventArgs {
  event_type_prefix?: string;
  occurred_after?: string;
  occurred_before?: string;
  limit?: number;
}

/** The Prefect MCP server's read-only workspace views. */
export class PrefectTools {
  constructor(private readonly connection: McpConnection) {}

  identity() {
    return this.call("get_identity", {});
  }
  dashboard() {
    return this.call("get_dashboard", {});
  }
  deployments(args: ListArgs = {}) {
    return this.call("get_deployments", listArgs(args));
  }
  flows(args: ListArgs = {}) {
    return this.call("get_flows", listArgs(args));
  }
  flowRuns(args: ListArgs = {}) {
    return this.call("get_flow_runs", listArgs(args));
  }
  flowRunLogs(flowRunId: string, limit?: number) {
    return this.call("get_flow_run_logs", { flow_run_id: flowRunId, ...(limit ? { limit } : {}) });
  }
  taskRuns(args: ListArgs = {}) {
    return this.call("get_task_runs", listArgs(args));
  }
  workPools(args: ListArgs = {}) {
    return this.call("get_work_pools", listArgs(args));
  }
  events(args: EventArgs = {}) {
    return this.call("read_events", compact(args));
  }
  automations(args: ListArgs = {}) {
    return this.call("get_automations", listArgs(args));
  }
  resources(): Promise<Resource[]> {
    return this.connection.listResources();
  }

  async call<T extends PrefectToolName>(
    tool: T,
    args: Record<string, unknown>,
  ): Promise<PrefectToolResult<T>> {
    const result = await this.connection.callTool(tool, args);
    return parseToolResult(result, tool);
  }
}

export function parseToolResult<T extends PrefectToolName>(
  result: CallToolResult,
  tool: T,
): PrefectToolResult<T> {
  const text = result.content
    ?.filter((c): c is { type: "text"; text: string } => c.type === "text")
    .map((c) => c.text)
    .join("\n");
  if (result.isError) throw mcpError("tool_error", `${tool} failed: ${(text ?? "").slice(0, 300)}`);
  let value: unknown = result.structuredContent;
  if (value === undefined && text) {
    try {
      value = JSON.parse(text);
    } catch {
      throw mcpError("malformed_result", `${tool} returned text that is not JSON`);
    }
  }
  const parsed = RESULT_SCHEMAS[tool].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw mcpError(
      "malformed_result",
      `${tool} returned an unexpected shape (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"})`,
    );
  }
  return parsed.data as PrefectToolResult<T>;
}

function listArgs(args: ListArgs): Record<string, unknown> {
  return compact({ filter: args.filter, limit: args.limit });
}

function compact(args: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
