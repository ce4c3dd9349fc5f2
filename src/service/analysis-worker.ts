/**
 * One analysis worker thread (see analysis-executor.ts). It opens its own runtime (knowledge
 * base connection, MCP client, LLM coach) once, then answers tasks one at a time:
 * `{kind: "task", task: {task, port}}` → `{ok, result | error}`; in between, it posts the parsed
 * call's identity on `port` and waits for the main thread's yes or no.
 * `{kind: "close"}` closes the runtime (ending any MCP server process it started) and exits.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { serializeError } from "../errors.js";
import { openRuntime, type Runtime } from "../pipeline/runtime.js";
import { transferables } from "../storage/call-record.js";
import { type IngestOutput, type ParsedIdentity, parseAndAnalyze } from "./analysis.js";
import type { WorkerData, WorkerTask } from "./analysis-executor.js";

type Message = { kind: "task"; task: WorkerTask } | { kind: "close" };

const data = workerData as WorkerData;
const port = parentPort!;
// Opened once; parsing does not wait for it, the analysis does.
const runtime: Promise<Runtime> = openRuntime(data.config);
// Not awaited until an analysis needs it; a failure to open is reported by the `await` below.
runtime.catch(() => {});

function ask(channel: MessagePort, identity: ParsedIdentity): Promise<boolean> {
  return new Promise((resolve) => {
    channel.once("message", (go: boolean) => resolve(go));
    channel.postMessage(identity);
  });
}

async function handle({ task, port: channel }: WorkerTask): Promise<IngestOutput | null> {
  try {
    return await parseAndAnalyze(
      runtime,
      task,
      (identity) => ask(channel, identity),
      data.competitors ?? undefined,
    );
  } finally {
    channel.close();
  }
}

port.on("message", async (message: Message) => {
  if (message.kind === "close") {
    await (await runtime.catch(() => null))?.close().catch(() => {});
    process.exit(0);
  }
  try {
    const result = await handle(message.task);
    // The stored call's large parts move to the main thread instead of being copied.
    port.postMessage({ ok: true, result }, result ? transferables(result.call) : []);
  } catch (err) {
    port.postMessage({ ok: false, error: serializeError(err) });
  }
});

await runtime;
port.postMessage({ ready: true });
