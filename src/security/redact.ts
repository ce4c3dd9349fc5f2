/**
 * Removes secrets from text that may reach logs, errors, reports or stored data.
 * Known secret values from the environment are replaced wherever they appear, and common key
 * shapes (Prefect pnu_/pnb_ keys, OpenAI sk-, Anthropic sk-ant-, bearer tokens) are masked.
 */

const SECRET_ENV_NAMES = [
  "PREFECT_API_KEY",
  "ANTHROPIC_API_KEY",
  "OPENAI_API_KEY",
  "CALL_COACH_API_KEY",
  "GONG_ACCESS_KEY",
  "GONG_ACCESS_KEY_SECRET",
  "GONG_BEARER_TOKEN",
];

const KEY_SHAPES: RegExp[] = [
  /\bpn[ub]_[A-Za-z0-9]{8,}\b/g,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(Basic\s+)[A-Za-z0-9+/=]{8,}/gi,
  /((?:x-api-key|x-prefect-api-key|api[_-]?key)["'\s:=]+)[^\s"',}]{6,}/gi,
];

export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  for (const name of SECRET_ENV_NAMES) {
    const value = env[name]?.trim();
    if (value && value.length >= 4) out = out.split(value).join("[REDACTED]");
  }
  for (const shape of KEY_SHAPES) {
    out = out.replace(shape, (match, prefix?: unknown) =>
      typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}[REDACTED]` : "[REDACTED]",
    );
  }
  return out;
}
