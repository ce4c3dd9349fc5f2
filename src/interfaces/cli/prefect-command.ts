/**
 * `call-coach prefect <tool>`: the Prefect MCP server's read-only views, for diagnosing the MCP
 * connection (PREFECT_MCP_URL or PREFECT_MCP_COMMAND, with PREFECT_API_URL / PREFECT_API_KEY).
 * Each subcommand is named after the tool (`get_` dropped) and also answers to the tool's name.
 */
import type { Command } from "commander";
import { loadConfig } from "../../config/env.js";
import { ServiceError, UsageError } from "../../errors.js";
import type { McpConnection } from "../../knowledge/mcp/connection.js";
import { McpDocsSource, sanitizeOutgoingQuery } from "../../knowledge/mcp/docs-source.js";
import { openMcpConnection } from "../../knowledge/mcp/mcp-knowledge.js";
import { type ListArgs, type PrefectToolName, PrefectTools } from "../../knowledge/mcp/prefect-tools.js";

interface CommonOptions {
  json?: boolean;
  limit?: string;
  filter?: string;
}

type Row = Record<string, unknown>;

interface ListView {
  command: string;
  tool: PrefectToolName;
  description: string;
  key: string;
  columns: string[];
}

const LIST_VIEWS: ListView[] = [
  {
    command: "deployments",
    tool: "get_deployments",
    description: "Deployments",
    key: "deployments",
    columns: ["name", "flow_name", "work_pool_name", "paused", "tags", "id"],
  },
  {
    command: "flows",
    tool: "get_flows",
    description: "Flows",
    key: "flows",
    columns: ["name", "tags", "created", "id"],
  },
  {
    command: "flow-runs",
    tool: "get_flow_runs",
    description: "Flow runs",
    key: "flow_runs",
    columns: ["name", "flow_name", "state_name", "start_time", "deployment_id", "id"],
  },
  {
    command: "task-runs",
    tool: "get_task_runs",
    description: "Task runs",
    key: "task_runs",
    columns: ["name", "state_name", "start_time", "flow_run_id", "id"],
  },
  {
    command: "work-pools",
    tool: "get_work_pools",
    description: "Work pools",
    key: "work_pools",
    columns: ["name", "type", "status", "is_paused", "concurrency_limit"],
  },
  {
    command: "automations",
    tool: "get_automations",
    description: "Automations",
    key: "automations",
    columns: ["name", "enabled", "trigger_type", "action_count", "id"],
  },
];

export function registerPrefectCommand(program: Command): Command {
  const prefect = program
    .command("prefect")
    .description("Query the Prefect MCP server's read-only tools (diagnostics)");

  const withCommon = (cmd: Command, list = true) => {
    cmd.option("--json", "print the tool's result as JSON");
    if (list) {
      cmd.option("--limit <n>", "maximum number of items");
      cmd.option("--filter <json>", 'Prefect filter object, e.g. \'{"name": {"like_": "etl-%"}}\'');
    }
    return cmd;
  };

  withCommon(
    prefect
      .command("identity")
      .alias("get_identity")
      .description("Which Prefect instance the server is connected to"),
    false,
  ).action((o: CommonOptions) =>
    withTools(async (tools) => {
      const r = await tools.identity();
      print(o, r, () => [
        ...Object.entries(r.identity ?? {})
          .filter(([, v]) => v === null || typeof v !== "object")
          .map(([k, v]) => `${k}: ${v ?? "-"}`),
        ...(r.error ? [`error: ${r.error}`] : []),
      ]);
    }),
  );

  withCommon(
    prefect
      .command("dashboard")
      .alias("get_dashboard")
      .description("Flow run statistics, work pools and concurrency limits"),
    false,
  ).action((o: CommonOptions) =>
    withTools(async (tools) => {
      const r = await tools.dashboard();
      print(o, r, () => {
        const f = r.flow_runs;
        return [
          f
            ? `Flow runs: ${f.total} total, ${f.completed} completed, ${f.running} running, ${f.pending} pending, ${f.failed} failed, ${f.cancelled} cancelled`
            : "Flow runs: -",
          `Active work pools: ${(r.active_work_pools ?? []).map((p) => `${p.name} (${p.type})`).join(", ") || "none"}`,
          `Concurrency limits: ${(r.concurrency_limits ?? []).length}`,
          ...(r.error ? [`error: ${r.error}`] : []),
        ];
      });
    }),
  );

  for (const view of LIST_VIEWS) {
    withCommon(prefect.command(view.command).alias(view.tool).description(view.description)).action(
      (o: CommonOptions) =>
        withTools(async (tools) => {
          const r = (await tools.call(view.tool, { ...listArgs(o) })) as Row & { error?: string | null };
          const rows = (r[view.key] as Row[] | undefined) ?? [];
          print(o, r, () => [...table(rows, view.columns), ...(r.error ? [`error: ${r.error}`] : [])]);
        }),
    );
  }

  withCommon(
    prefect.command("flow-run-logs").alias("get_flow_run_logs").description("Log lines of one flow run"),
    false,
  )
    .argument("<flow-run-id>", "UUID of the flow run")
    .option("--limit <n>", "maximum number of log lines")
    .action((id: string, o: CommonOptions) =>
      withTools(async (tools) => {
        const r = await tools.flowRunLogs(id, parseLimit(o.limit, 1000));
        print(o, r, () => [
          ...r.logs.map(
            (l) => `${l.timestamp ?? ""} ${String(l.level_name ?? l.level ?? "").padEnd(7)} ${l.message}`,
          ),
          ...(r.error ? [`error: ${r.error}`] : []),
        ]);
      }),
    );

  withCommon(
    prefect
      .command("events")
      .alias("read_events")
      .description("Recent events (the last hour unless --after)"),
    false,
  )
    .option("--limit <n>", "maximum number of events")
    .option("--type-prefix <prefix>", "event type prefix, e.g. prefect.flow-run")
    .option("--after <iso>", "events after this ISO 8601 time")
    .option("--before <iso>", "events before this ISO 8601 time")
    .action((o: CommonOptions & { typePrefix?: string; after?: string; before?: string }) =>
      withTools(async (tools) => {
        const limit = parseLimit(o.limit, 500);
        const r = await tools.events({
          ...(o.typePrefix ? { event_type_prefix: o.typePrefix } : {}),
          ...(o.after ? { occurred_after: o.after } : {}),
          ...(o.before ? { occurred_before: o.before } : {}),
          ...(limit ? { limit } : {}),
        });
        print(o, r, () => [
          ...table(r.events, ["occurred", "event_type", "resource_name", "state_name"]),
          ...(r.error ? [`error: ${r.error}`] : []),
        ]);
      }),
    );

  withCommon(prefect.command("resources").description("Resources the server lists"), false).action(
    (o: CommonOptions) =>
      withTools(async (tools) => {
        const resources = await tools.resources();
        print(o, resources, () =>
          resources.length ? resources.map((r) => `${r.uri}  ${r.name}`) : ["The server lists no resources."],
        );
      }),
  );

  withCommon(prefect.command("tools").description("Tools the server offers"), false).action(
    (o: CommonOptions) =>
      withConnection(async (connection) => {
        const tools = await connection.listTools();
        print(
          o,
          tools.map((t) => ({ name: t.name, description: t.description ?? null })),
          () => tools.map((t) => `${t.name.padEnd(24)} ${(t.description ?? "").split("\n")[0]}`),
        );
      }),
  );

  withCommon(prefect.command("search").description("Search the docs through the server's docs tool"), false)
    .argument("<query>", "topic terms (sanitized before they are sent)")
    .option("-k, --top <n>", "number of results", "5")
    .action((query: string, o: CommonOptions & { top: string }) =>
      withConnection(async (connection) => {
        const topK = parseLimit(o.top, 20) ?? 5;
        const source = new McpDocsSource(connection);
        const sent = sanitizeOutgoingQuery(query);
        if (!sent)
          throw new UsageError(`nothing left of "${query}" after removing names, figures and stop words`);
        const hits = await source.search(sent, { topK });
        const shown = hits.map(({ title, url, section, snippet, score, source: s }) => ({
          title,
          url,
          section,
          snippet,
          score,
          source: s,
        }));
        print(o, { query: sent, tool: await source.docsTool(), results: shown }, () => [
          `Sent "${sent}"`,
          ...(shown.length ? [] : ["No results."]),
          ...shown.flatMap((h, i) => [
            `${i + 1}. ${h.title}${h.section ? ` › ${h.section}` : ""}`,
            `   ${h.url}`,
            `   ${h.snippet}`,
          ]),
        ]);
      }),
    );

  return prefect;
}

async function withConnection(fn: (connection: McpConnection) => Promise<void>): Promise<void> {
  const connection = openMcpConnection(loadConfig().mcp);
  try {
    await fn(connection);
  } finally {
    await connection.close();
  }
}

function withTools(fn: (tools: PrefectTools) => Promise<void>): Promise<void> {
  return withConnection((connection) => fn(new PrefectTools(connection)));
}

function listArgs(o: CommonOptions): ListArgs {
  const args: ListArgs = {};
  const limit = parseLimit(o.limit, 200);
  if (limit) args.limit = limit;
  if (o.filter !== undefined) {
    let filter: unknown;
    try {
      filter = JSON.parse(o.filter);
    } catch {
      throw new UsageError(`--filter must be a JSON object, got "${o.filter}"`);
    }
    if (!filter || typeof filter !== "object" || Array.isArray(filter))
      throw new UsageError(`--filter must be a JSON object, got "${o.filter}"`);
    args.filter = filter as Record<string, unknown>;
  }
  return args;
}

function parseLimit(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--limit must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

/**
 * Prints a tool's answer. An answer that says it failed (`success: false` or an `error`: the
 * Prefect API is down, say) is a failure of the command: one line on stderr and exit 1, never
 * an empty table and the error on stdout with exit 0.
 */
function print(o: CommonOptions, value: unknown, lines: () => string[]): void {
  const answer = value as { success?: unknown; error?: unknown } | null;
  if (answer && typeof answer === "object" && (answer.success === false || answer.error))
    throw new ServiceError(
      "Prefect",
      typeof answer.error === "string" && answer.error
        ? oneLine(answer.error)
        : "the tool reported a failure",
    );
  process.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join("\n")}\n`);
}

/** Plain aligned columns; lists become comma-separated, objects are left out. */
export function table(rows: Row[], columns: string[]): string[] {
  if (!rows.length) return ["(none)"];
  const cell = (v: unknown) =>
    v === null || v === undefined
      ? "-"
      : Array.isArray(v)
        ? v.join(",") || "-"
        : typeof v === "object"
          ? "…"
          : String(v);
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...cells.map((r) => r[i]!.length))));
  const fmt = (r: string[]) =>
    r
      .map((v, i) => v.slice(0, 40).padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [fmt(columns), ...cells.map(fmt)];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").slice(0, 500);
}
