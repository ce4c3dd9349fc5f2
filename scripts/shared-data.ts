/**
 * Where the shared data lives: the Prefect docs snapshot and the public labeled calls. CI puts it
 * beside the clone (../shared); CALL_COACH_SHARED_DIR points elsewhere, e.g. for a clone in /tmp.
 */
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

export const SHARED_DIR = resolve(ROOT, process.env.CALL_COACH_SHARED_DIR || join("..", "shared"));
export const SHARED_DOCS = join(SHARED_DIR, "prefect-docs");
export const SHARED_EVAL_CALLS = join(SHARED_DIR, "eval", "calls");
