/**
 * The coach's input for the fixture call, produced by the real pipeline over a real SQLite
 * knowledge base synced from the fixture docs (no pack, so the evidence is only these pages).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LlmCoachInput } from "../../../src/coach/llm/types.js";
import { createKnowledgeGateway } from "../../../src/knowledge/gateway.js";
import { openKnowledgeBase } from "../../../src/knowledge/local/knowledge-base.js";
import { LocalKnowledgeSource } from "../../../src/knowledge/local/local-source.js";
import { syncFromDirectory } from "../../../src/knowledge/local/sync-dir.js";
import type { Call } from "../../../src/model/call.js";
import { parseTranscriptFile } from "../../../src/parse/index.js";
import { analyzeCall } from "../../../src/pipeline/analyze-call.js";
import { defaultProductProfile } from "../../../src/product/default.js";
import { FIXTURES } from "./recorded-llm-server.js";

export const FIXTURE_CALL = join(FIXTURES, "call.txt");
export const FIXTURE_DOCS = join(FIXTURES, "docs");
export const FIXTURE_INTERNAL = ["Dana Reyes", "Sam Ortiz"];

export async function fixtureInput(call?: Call): Promise<LlmCoachInput> {
  const home = mkdtempSync(join(tmpdir(), "cc-llm-input-"));
  const kb = openKnowledgeBase(home);
  try {
    await syncFromDirectory(kb, { dir: FIXTURE_DOCS, baseUrl: "https://docs.prefect.io" });
    const parsed = call ?? (await parseTranscriptFile(FIXTURE_CALL, { internal: FIXTURE_INTERNAL }));
    const knowledge = createKnowledgeGateway({ mode: "local", primary: new LocalKnowledgeSource(kb) });
    const { report, evidence } = await analyzeCall(parsed, { knowledge, profile: defaultProductProfile() });
    return { call: parsed, report, evidence };
  } finally {
    kb.close();
    rmSync(home, { recursive: true, force: true });
  }
}
