/**
 * Finds and ends the processes a stdio MCP server left behind. `uvx` starts the real server as
 * its own child, so ending the direct child is not always enough: the whole tree is collected
 * from /proc (Linux) before the transport closes, and whatever is still alive afterwards is killed.
 * On systems without /proc only the direct child is known.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Parent pid of a process, from /proc/<pid>/stat; null when it is gone or /proc is absent. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(rest[1]);
    return Number.isFinite(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** All descendants of `root` (children, grandchildren, …), not including root. */
export function descendantPids(root: number): number[] {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const next = children.get(stack.pop()!) ?? [];
    out.push(...next);
    stack.push(...next);
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0 but is already dead; /proc tells them apart.
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return true;
    }
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`, to every pid still alive. */
export async function terminate(pids: number[], graceMs = 1_000): Promise<void> {
  const alive = () => pids.filter(isAlive);
  for (const pid of alive()) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of alive()) signal(pid, "SIGKILL");
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
