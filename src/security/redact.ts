/**
 * Removes secrets from text that may reach logs, errors, reports or stored data.
 * Known secret values from the environment are replaced wherever they appear: the variables
 * named below and any variable named like a key, token, secret or password (an integration's
 * API key among them), and common key shapes (pnu_/pnb_ service keys, OpenAI sk-, Anthropic
 * sk-ant-, bearer tokens) are masked.
 */

const SECRET_ENV_NAMES = [
  "ANTHROPIC_API_KEY",
  "OPENAI_API_KEY",
  "CALL_COACH_API_KEY",
  "GONG_ACCESS_KEY",
  "GONG_ACCESS_KEY_SECRET",
  "GONG_BEARER_TOKEN",
];

/** Any other variable named like a secret ("…_API_KEY", "…_TOKEN"); its value is masked when long enough to be one. */
const SECRET_ENV_NAME = /(?:API_KEY|ACCESS_KEY|_SECRET|_TOKEN|_PASSWORD)$/;
const MIN_NAMED_SECRET = 8;

const KEY_SHAPES: RegExp[] = [
  /\bpn[ub]_[A-Za-z0-9]{8,}\b/g,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(Basic\s+)[A-Za-z0-9+/=]{8,}/gi,
  /((?:x-(?:[a-z0-9]+-)*api-key|api[_-]?key)["'\s:=]+)[^\s"',}]{6,}/gi,
];

export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  for (const name of SECRET_ENV_NAMES) {
    const value = env[name]?.trim();
    if (value && value.length >= 4) out = out.split(value).join("[REDACTED]");
  }
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (value && value.length >= MIN_NAMED_SECRET && SECRET_ENV_NAME.test(name))
      out = out.split(value).join("[REDACTED]");
  }
  for (const shape of KEY_SHAPES) {
    out = out.replace(shape, (match, prefix?: unknown) =>
      typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}[REDACTED]` : "[REDACTED]",
    );
  }
  return out;
}
