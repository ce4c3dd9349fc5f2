/**
 * OpenAI-compatible chat completions (official `openai` SDK). With OpenAI's own API the answer
 * comes as a forced function call (strict tool use); with a custom `OPENAI_BASE_URL` (llama.cpp,
 * vLLM, Ollama…) it comes through `response_format: json_schema`, which those servers enforce
 * with a grammar even when their tool-call support is partial. Either way a JSON answer found in
 * the message content is accepted too. OpenAI caches common prompt prefixes by itself; the static
 * system prompt goes first so it is the shared prefix, and `cached_tokens` is read from usage.
 */
import OpenAI from "openai";
import { zodFunction, zodResponseFormat } from "openai/helpers/zod";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import {
  classifyProviderError,
  type LlmProvider,
  type StructuredRequest,
  type StructuredResult,
} from "./provider.js";

export const OPENAI_DEFAULT_MODEL = "gpt-5.4-mini";
const OPENAI_API = "https://api.openai.com/v1";

export type OpenAiOutputMode = "tools" | "json_schema";

export interface OpenAiProviderOptions {
  /** Local servers usually need none; the SDK still wants a string. */
  apiKey?: string | null;
  baseURL?: string | null;
  model?: string | null;
  /** Default: tools for OpenAI's API, json_schema for other servers. */
  outputMode?: OpenAiOutputMode;
  timeoutMs?: number;
  maxRetries?: number;
}

export class OpenAiProvider implements LlmProvider {
  readonly name = "openai" as const;
  readonly model: string;
  readonly official: boolean;
  readonly outputMode: OpenAiOutputMode;
  private readonly client: OpenAI;

  constructor(options: OpenAiProviderOptions) {
    this.model = options.model ?? OPENAI_DEFAULT_MODEL;
    const baseURL = options.baseURL ?? OPENAI_API;
    this.official = new URL(baseURL).hostname === "api.openai.com";
    this.outputMode = options.outputMode ?? (this.official ? "tools" : "json_schema");
    this.client = new OpenAI({
      apiKey: options.apiKey ?? "not-needed-for-local-servers",
      baseURL,
      timeout: options.timeoutMs ?? 180_000,
      maxRetries: options.maxRetries ?? 2,
    });
  }

  async complete<T>(request: StructuredRequest<T>, signal?: AbortSignal): Promise<StructuredResult> {
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: request.system },
      ...request.blocks.map((b) => ({ role: "user" as const, content: b.text })),
    ];
    const { name, description, schema } = request.format;
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages,
      ...(this.outputMode === "tools"
        ? {
            tools: [zodFunction({ name, description, parameters: schema })],
            tool_choice: { type: "function" as const, function: { name } },
          }
        : { response_format: zodResponseFormat(schema, name, { description }) }),
      // OpenAI's reasoning models take only max_completion_tokens; local servers know max_tokens.
      ...(this.official
        ? { max_completion_tokens: request.maxOutputTokens }
        : { max_tokens: request.maxOutputTokens }),
      ...(this.official && request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
      ...(this.official && isReasoningModel(this.model) ? { reasoning_effort: "low" as const } : {}),
    };
    let completion: ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(params, signal ? { signal } : undefined);
    } catch (err) {
      throw classifyProviderError(this.name, err);
    }
    const choice = completion.choices[0];
    const usage = completion.usage;
    return {
      text: choice ? answerText(choice.message, name) : null,
      usage: {
        input: usage?.prompt_tokens ?? 0,
        output: usage?.completion_tokens ?? 0,
        cachedRead: usage?.prompt_tokens_details?.cached_tokens ?? 0,
        cacheWrite: 0,
      },
      stopReason: choice?.finish_reason ?? null,
    };
  }
}

function answerText(message: ChatCompletion.Choice["message"], toolName: string): string | null {
  const call = message.tool_calls?.find((c) => c.type === "function" && c.function.name === toolName);
  if (call && call.type === "function") return call.function.arguments;
  const first = message.tool_calls?.[0];
  if (first && first.type === "function") return first.function.arguments;
  return message.content ?? null;
}

function isReasoningModel(model: string): boolean {
  return /^(gpt-5|o\d)/.test(model);
}
