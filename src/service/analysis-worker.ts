/**
 * One analysis worker thread (see analysis-executor.ts). It opens its own runtime (knowledge
 * base connection, MCP client, LLM coach) once, then answers tasks one at a time:
 * `{kind: "task", task: {kind: "parse" | "analyze", …}}` → `{ok, result | error}`.
 * `{kind: "close"}` closes the runtime (ending any MCP server process it started) and exits.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Call } from "../model/call.js";
import { openRuntime, type Runtime } from "../pipeline/runtime.js";
import { analyzeTask, type ParseTask, parseTask, type WorkerData } from "./analysis-executor.js";
import { serializeError } from "./worker-pool.js";

type Task = { kind: "parse"; task: ParseTask } | { kind: "analyze"; call: Call };
type Message = { kind: "task"; task: Task } | { kind: "close" };

const data = workerData as WorkerData;
const port = parentPort!;
// Opened once; a parse task does not wait for it, an analysis does.
const runtime: Promise<Runtime> = openRuntime(data.config);

async function handle(task: Task): Promise<unknown> {
  if (task.kind === "parse") return parseTask(task.task);
  return analyzeTask(await runtime, task.call, data.competitors ?? undefined);
}

port.on("message", async (message: Message) => {
  if (message.kind === "close") {
    await (await runtime.catch(() => null))?.close().catch(() => {});
    process.exit(0);
  }
  try {
    port.postMessage({ ok: true, result: await handle(message.task) });
  } catch (err) {
    port.postMessage({ ok: false, error: serializeError(err) });
  }
});

await runtime;
port.postMessage({ ready: true });
