/**
 * Which stored call a transcript is. Pure: the same bytes, file name and key give the same
 * identity in any thread, so a worker can work it out right after parsing.
 */
import { basename } from "node:path";
import type { Call } from "../model/call.js";

function stem(fileName: string | null): string | null {
  if (!fileName) return null;
  return (
    basename(fileName)
      .replace(/\.[^.]+$/, "")
      .replace(/\.gong$/, "") || null
  );
}

/** Plain-text formats carry no id: the file name (or the content hash) names the call. */
export function fillIdentity(call: Call, fileName: string | null, hash: string): void {
  if (!call.id) call.id = stem(fileName) ?? `call-${hash.slice(0, 8)}`;
  if (!call.title) call.title = call.id;
}

/**
 * The key a call is stored under. A caller's own key (API `call_id`) wins. Gong and Call Coach
 * JSON calls carry their own id: a re-export with a changed transcript is the same call, analyzed
 * again. Other formats are identified by their content.
 */
export function callKeyOf(call: Call, fileName: string | null, hash: string, given?: string | null): string {
  if (given?.trim()) return `key:${given.trim()}`;
  const format = call.source.format;
  if ((format === "gong" || format === "json") && call.id && call.id !== stem(fileName))
    return `${format}:${call.id}`;
  return `sha256:${hash}`;
}
