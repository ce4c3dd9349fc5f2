/**
 * A bounded pool of worker threads. The HTTP server, the MCP server and batch runs hand their
 * CPU-heavy work (parsing and analysing a transcript) to it so the main thread keeps answering:
 * a fixed number of workers, a bounded queue (full ⇒ refused as busy, never an unbounded
 * backlog), a time limit per task, and cancellation. A task that runs too long or is cancelled
 * has its worker terminated (JavaScript cannot be interrupted any other way) and replaced.
 */
import { type ResourceLimits, type TransferListItem, Worker } from "node:worker_threads";
import { type SerializedError, ServiceError } from "../errors.js";

export interface WorkerPoolOptions {
  /** The worker's module (see analysis-worker.ts for the message protocol). */
  script: URL;
  workerData: unknown;
  size: number;
  maxQueue: number;
  timeoutMs: number;
  /** V8 heap limits of each worker (see analysis-executor.ts for why analysis sets one). */
  resourceLimits?: ResourceLimits;
  /** Turns an error a worker posted back into the error the caller sees. */
  reviveError?: (error: SerializedError) => Error;
}

interface Task {
  message: unknown;
  /** Moved, not copied, to the worker (a MessagePort the task talks back over). */
  transfer: TransferListItem[];
  resolve(value: unknown): void;
  reject(err: Error): void;
  signal: AbortSignal | undefined;
  onAbort?: () => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** Resolves when the worker has loaded and opened what it needs (first message "ready"). */
  ready: Promise<void>;
}

type Reply = { ready: true } | { ok: true; result: unknown } | { ok: false; error: SerializedError };

export class PoolBusyError extends ServiceError {
  constructor(queued: number) {
    super("analysis", `the server is busy (${queued} analyses waiting); try again shortly`, { code: "busy" });
  }
}

export class TaskTimeoutError extends ServiceError {
  constructor(ms: number) {
    super("analysis", `stopped after ${Math.round(ms / 1000)} s (CALL_COACH_ANALYSIS_TIMEOUT_MS)`, {
      code: "timeout",
    });
  }
}

export class TaskCancelledError extends ServiceError {
  constructor() {
    super("analysis", "cancelled (the client went away or the server is stopping)", { code: "cancelled" });
  }
}

export class WorkerPool {
  private readonly options: WorkerPoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    if (options.size < 1) throw new RangeError("a worker pool needs at least one worker");
    this.options = options;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** Resolves once every worker has started (a server warms up before it says it is listening). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  get stats(): { size: number; busy: number; queued: number } {
    return {
      size: this.slots.length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
    };
  }

  run<T>(message: unknown, signal?: AbortSignal, transfer: TransferListItem[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new TaskCancelledError());
    if (signal?.aborted) return Promise.reject(new TaskCancelledError());
    if (!this.slots.length)
      return Promise.reject(new ServiceError("analysis", "no analysis worker could start (see the log)"));
    const idle = this.slots.some((s) => !s.task);
    if (!idle && this.queue.length >= this.options.maxQueue)
      return Promise.reject(new PoolBusyError(this.queue.length));
    return new Promise<T>((resolve, reject) => {
      const task: Task = { message, transfer, resolve: resolve as (v: unknown) => void, reject, signal };
      if (signal) {
        task.onAbort = () => this.cancel(task, new TaskCancelledError());
        signal.addEventListener("abort", task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Refuses new tasks, cancels queued and running ones, and terminates every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const task of this.queue.splice(0)) this.settle(task, new TaskCancelledError());
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.task) this.settle(slot.task, new TaskCancelledError());
        slot.task = null;
        // An idle worker closes its runtime (and any MCP server it started) before it exits;
        // a busy one cannot read the message, so it is terminated after a short grace.
        slot.worker.postMessage({ kind: "close" });
        const exited = new Promise<void>((done) => slot.worker.once("exit", () => done()));
        const grace = setTimeout(() => void slot.worker.terminate(), 2_000);
        await exited;
        clearTimeout(grace);
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    let markReady: () => void = () => {};
    let failReady: (err: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    // An unawaited ready promise must not crash the process when a worker fails to start.
    ready.catch(() => {});
    const slot: Slot = { worker, task: null, ready };
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        markReady();
        return;
      }
      const task = slot.task;
      slot.task = null;
      if (task) {
        if (reply.ok) this.settle(task, null, reply.result);
        else this.settle(task, this.revive(reply.error));
      }
      this.dispatch();
    });
    worker.on("error", (err) => {
      failReady(err);
      const task = slot.task;
      slot.task = null;
      if (task) this.settle(task, new ServiceError("analysis", `worker failed: ${err.message}`));
    });
    let started = false;
    // The second handler matters: a worker terminated before it was ready (a task cancelled twice
    // in a row) rejects `ready`, and an unhandled rejection here would end the server.
    void ready.then(
      () => {
        started = true;
      },
      () => {},
    );
    worker.on("exit", () => {
      failReady(new Error("worker exited before it was ready"));
      if (slot.task) this.settle(slot.task, new ServiceError("analysis", "worker stopped unexpectedly"));
      slot.task = null;
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      // A worker that never started would fail again: respawning it would only loop.
      if (started) this.slots[i] = this.spawn();
      else this.slots.splice(i, 1);
      if (!this.slots.length)
        for (const task of this.queue.splice(0))
          this.settle(task, new ServiceError("analysis", "no analysis worker could start (see the log)"));
      this.dispatch();
    });
    return slot;
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      task.timer = setTimeout(
        () => this.cancel(task, new TaskTimeoutError(this.options.timeoutMs)),
        this.options.timeoutMs,
      );
      slot.worker.postMessage({ kind: "task", task: task.message }, task.transfer);
    }
  }

  /** A queued task is dropped; a running one takes its worker down with it (a new one replaces it). */
  private cancel(task: Task, err: Error): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(task, err);
      return;
    }
    const i = this.slots.findIndex((s) => s.task === task);
    const slot = this.slots[i];
    if (!slot) return;
    slot.task = null;
    this.settle(task, err);
    // Replaced now, not when the old worker's exit arrives: until then it could be handed the next task.
    this.slots[i] = this.spawn();
    void slot.worker.terminate();
    this.dispatch();
  }

  private settle(task: Task, err: Error | null, value?: unknown): void {
    if (task.timer) clearTimeout(task.timer);
    if (task.onAbort) task.signal?.removeEventListener("abort", task.onAbort);
    if (err) task.reject(err);
    else task.resolve(value);
  }

  private revive(error: SerializedError): Error {
    if (this.options.reviveError) return this.options.reviveError(error);
    const err = new Error(error.message);
    err.name = error.name;
    return err;
  }
}
