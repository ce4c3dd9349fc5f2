import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../../config/env.js";
import { UsageError } from "../../errors.js";
import { providerFromConfig } from "./from-config.js";
import type { OpenAiProvider } from "./providers/openai.js";

const pick = (env: Record<string, string>) =>
  providerFromConfig(loadConfig({ CALL_COACH_HOME: "/tmp/x", ...env }));

test("no provider variables: no LLM", () => {
  assert.equal(pick({}), null);
  assert.equal(
    pick({ ANTHROPIC_BASE_URL: "http://127.0.0.1:1" }),
    null,
    "a gateway URL without a key is not enough",
  );
});

test("Claude with its key, OpenAI with a key or a base URL alone", () => {
  const claude = pick({ ANTHROPIC_API_KEY: "sk-ant-x" })!;
  assert.equal(claude.name, "anthropic");
  assert.equal(claude.model, "claude-sonnet-5-5");
  assert.equal(claude.official, true);
  const openai = pick({ OPENAI_API_KEY: "sk-x" }) as OpenAiProvider;
  assert.deepEqual(
    [openai.name, openai.model, openai.official, openai.outputMode],
    ["openai", "gpt-5.4-mini", true, "tools"],
  );
  const local = pick({
    OPENAI_BASE_URL: "http://127.0.0.1:8080/v1",
    CALL_COACH_LLM_MODEL: "qwen",
  }) as OpenAiProvider;
  assert.deepEqual(
    [local.name, local.model, local.official, local.outputMode],
    ["openai", "qwen", false, "json_schema"],
  );
});

test("both configured: Claude unless the model names another", () => {
  const both = { ANTHROPIC_API_KEY: "sk-ant-x", OPENAI_API_KEY: "sk-x" };
  assert.equal(pick(both)!.name, "anthropic");
  assert.equal(pick({ ...both, CALL_COACH_LLM_MODEL: "claude-haiku-4-5" })!.name, "anthropic");
  assert.equal(pick({ ...both, CALL_COACH_LLM_MODEL: "gpt-5.4" })!.name, "openai");
});

test("bad budget or timeout values are usage errors naming the variable", () => {
  assert.throws(
    () => loadConfig({ CALL_COACH_LLM_TOKEN_BUDGET: "lots" }),
    (e: unknown) => {
      return (
        e instanceof UsageError &&
        /CALL_COACH_LLM_TOKEN_BUDGET must be a positive whole number/.test(e.message)
      );
    },
  );
  assert.throws(() => loadConfig({ CALL_COACH_LLM_TIMEOUT_MS: "-5" }), UsageError);
  assert.equal(loadConfig({ CALL_COACH_LLM_TOKEN_BUDGET: "50000" }).llm.tokenBudget, 50000);
});
