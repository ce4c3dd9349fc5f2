/**
 * Claude through the Messages API (official `@anthropic-ai/sdk`). Structured output uses
 * `output_config.format` (JSON schema): current Claude models reject forced tool choice, so
 * JSON mode is the one way that works across them; a `tool_use` block is still accepted when a
 * compatible server answers with one. The static system prompt and the call's transcript carry
 * `cache_control` breakpoints, so repeated prefixes are billed as cache reads.
 */
import Anthropic from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { MessageCreateParamsNonStreaming, TextBlockParam } from "@anthropic-ai/sdk/resources/messages";
import {
  classifyProviderError,
  type LlmProvider,
  type StructuredRequest,
  type StructuredResult,
} from "./provider.js";

export const ANTHROPIC_DEFAULT_MODEL = "claude-sonnet-5-5";
const ANTHROPIC_API = "https://api.anthropic.com";

export interface AnthropicProviderOptions {
  apiKey: string;
  baseURL?: string | null;
  model?: string | null;
  timeoutMs?: number;
  maxRetries?: number;
}

export class AnthropicProvider implements LlmProvider {
  readonly name = "anthropic" as const;
  readonly model: string;
  readonly official: boolean;
  private readonly client: Anthropic;
  private readonly schemas = new Map<string, Record<string, unknown>>();

  constructor(options: AnthropicProviderOptions) {
    this.model = options.model ?? ANTHROPIC_DEFAULT_MODEL;
    const baseURL = options.baseURL ?? ANTHROPIC_API;
    this.official = new URL(baseURL).hostname === "api.anthropic.com";
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL,
      timeout: options.timeoutMs ?? 180_000,
      maxRetries: options.maxRetries ?? 2,
      // Transcript text must reach the provider only: no tracing spans that could carry content.
      openTelemetry: false,
    });
  }

  async complete<T>(request: StructuredRequest<T>, signal?: AbortSignal): Promise<StructuredResult> {
    const system: TextBlockParam[] = [
      { type: "text", text: request.system, cache_control: { type: "ephemeral" } },
    ];
    const content: TextBlockParam[] = request.blocks.map((b) =>
      b.cache
        ? { type: "text", text: b.text, cache_control: { type: "ephemeral" } }
        : { type: "text", text: b.text },
    );
    const params: MessageCreateParamsNonStreaming = {
      model: this.model,
      max_tokens: request.maxOutputTokens,
      system,
      messages: [{ role: "user", content }],
      output_config: {
        format: { type: "json_schema", schema: this.jsonSchema(request) },
        // Claude 5 models think adaptively by default; this task is reading given excerpts, so low
        // effort keeps thinking tokens (billed as output) small. Older models do not take it.
        ...(supportsEffort(this.model) ? { effort: "low" as const } : {}),
      },
    };
    let message: Anthropic.Message;
    try {
      message = await this.client.messages.create(params, signal ? { signal } : undefined);
    } catch (err) {
      throw classifyProviderError(this.name, err);
    }
    const usage = message.usage;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    const cachedRead = usage.cache_read_input_tokens ?? 0;
    return {
      text: answerText(message),
      usage: {
        // Anthropic's input_tokens excludes cache reads and writes; the report counts all input.
        input: usage.input_tokens + cacheWrite + cachedRead,
        output: usage.output_tokens,
        cachedRead,
        cacheWrite,
      },
      stopReason: message.stop_reason ?? null,
    };
  }

  private jsonSchema<T>(request: StructuredRequest<T>): Record<string, unknown> {
    let schema = this.schemas.get(request.format.name);
    if (!schema) {
      schema = zodOutputFormat(request.format.schema).schema;
      this.schemas.set(request.format.name, schema);
    }
    return schema;
  }
}

/** JSON from the last text block (thinking blocks come first), or the input of a tool_use block. */
function answerText(message: Anthropic.Message): string | null {
  let text: string | null = null;
  for (const block of message.content) {
    if (block.type === "text") text = block.text;
    else if (block.type === "tool_use") return JSON.stringify(block.input);
  }
  return text;
}

function supportsEffort(model: string): boolean {
  return /^claude-(opus|sonnet|haiku|fable|mythos)-5/.test(model);
}
