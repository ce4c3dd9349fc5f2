/**
 * What `serve` and `mcp serve` share: a service whose analyses run in the worker pool, and an
 * orderly stop. On SIGTERM/SIGINT the listener stops accepting, running analyses are cancelled
 * (their workers terminated; nothing of theirs was stored, as storing happens in one transaction
 * after the analysis), MCP servers the workers started are ended, and the store is closed.
 */
import { availableParallelism } from "node:os";
import type { Config } from "../../config/env.js";
import { loadWorkerSettings } from "../../config/env.js";
import { descendantPids, terminate } from "../../knowledge/mcp/process-tree.js";
import { poolExecutor } from "../../service/analysis-executor.js";
import { CallCoachService, type ServiceOptions } from "../../service/call-service.js";

/** How long a stop may take before the process exits anyway. */
const STOP_DEADLINE_MS = 8_000;

export async function openServingService(
  config: Config,
  options: Omit<ServiceOptions, "executor"> = {},
): Promise<CallCoachService> {
  const settings = loadWorkerSettings(process.env, availableParallelism());
  let ready: Promise<void> = Promise.resolve();
  const service = await CallCoachService.open(config, {
    ...options,
    executor: () => {
      const pool = poolExecutor({ config, competitors: options.competitors ?? null }, settings);
      ready = pool.ready();
      return pool;
    },
  });
  try {
    // Workers open their knowledge base before the server says it is listening.
    await ready;
  } catch (err) {
    await service.close();
    throw err;
  }
  return service;
}

export async function stopServing(
  server: { close(): Promise<void> } | null,
  service: CallCoachService,
): Promise<void> {
  process.stderr.write("call-coach: stopping\n");
  const deadline = setTimeout(() => {
    process.stderr.write("call-coach: could not stop in time; exiting\n");
    process.exit(1);
  }, STOP_DEADLINE_MS);
  deadline.unref();
  await server?.close();
  await service.close();
  // Anything still running under us (an MCP server a terminated worker started) goes too.
  await terminate(descendantPids(process.pid), 1_000);
  clearTimeout(deadline);
}
