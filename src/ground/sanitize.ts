/**
 * Builds documentation queries that carry topic terms only. Everything that could identify the
 * customer or the people on the call is removed: names (participants' full and partial names),
 * emails, phone numbers, URLs, company and project names, and figures (digits and number words).
 * Capitalized words are kept only when they are known product or technology terms, because a
 * capitalized unknown word in a sales call is most often a customer, project or person name.
 */
import { DEFAULT_COMPETITORS } from "../analyze/competitors.js";
import { DEFAULT_PRODUCT_VOCABULARY } from "../analyze/vocabulary.js";
import type { Call } from "../model/call.js";
import { NUMBER_WORDS } from "../text/numbers.js";
import { QUERY_STOPWORDS as STOPWORDS } from "../text/stopwords.js";

export interface SanitizeContext {
  /** Lower-case tokens that must never appear: names, company and project words. */
  blocked: Set<string>;
  /** Lower-case words allowed even when capitalized (product and technology vocabulary). */
  allowedProper: Set<string>;
}

const TECH_WORDS = `
  aws gcp azure s3 ec2 ecs eks gke aks fargate lambda iam vpc kubernetes docker helm terraform git github gitlab bitbucket
  python pydantic fastapi sql postgres postgresql sqlite redis snowflake bigquery databricks dbt spark dask ray
  ui api sdk cli rest http https json yaml toml markdown saml sso oidc scim rbac okta ldap ssh tls ssl oauth
  url urls uri ip utc dst get post put patch delete head ttl acl acls pg_trgm asgi wsgi
  prefect cloud server worker workers work pool pools queue queues flow flows task tasks deployment deployments
  block blocks secret secrets variable variables artifact artifacts automation automations event events webhook
  webhooks schedule schedules cron rrule interval state states pending running completed failed crashed cancelled
  cancelling paused suspended scheduled late retrying retries retry retry-after cache caching result results
  log logs logging image images container containers dockerfile registry cloud run instances container-instances
  rate limit limits concurrency timeout timeouts subflow subflows nested child parent runtime context
  workspace workspaces account accounts team pro enterprise hobby starter plan plans tier tiers pricing
  audit sla slas incident incidents metric metrics dashboard observability lineage asset assets
  mcp llm ai gpu cpu memory storage bucket buckets infra infrastructure serverless hybrid managed execution
  prefect.yaml pyproject.toml requirements.txt
`;

// Competitor names are public product names, not customer data: "moving off Airflow" should find
// the Airflow migration guide.
const PRODUCT_WORDS = new Set(
  [
    ...DEFAULT_PRODUCT_VOCABULARY.terms,
    ...DEFAULT_PRODUCT_VOCABULARY.productNames,
    ...DEFAULT_COMPETITORS.flatMap((c) => [c.name, ...c.aliases]),
  ]
    .flatMap((t) => t.toLowerCase().split(/\s+/))
    .concat(TECH_WORDS.split(/\s+/).filter(Boolean)),
);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const PHONE = /(?:\+?\d[\d\s().-]{6,}\d)/g;
const FIGURE = /[$€£¥]?\d[\d,.:/%]*(?:\s?(?:k|m|bn|x|ms|s|gb|mb|tb|%))?\b/gi;

export function buildSanitizeContext(call: Call, extraSensitive: string[] = []): SanitizeContext {
  const blocked = new Set<string>();
  const addWords = (text: string | null | undefined) => {
    for (const w of (text ?? "").toLowerCase().split(/[^\p{L}\p{N}']+/u)) {
      if (w.length >= 2 && !STOPWORDS.has(w) && !PRODUCT_WORDS.has(w)) blocked.add(w.replace(/'s$/, ""));
    }
  };
  for (const p of call.participants) {
    addWords(p.name);
    if (p.email) {
      const [local, domain] = p.email.toLowerCase().split("@");
      addWords(local?.replace(/[._-]+/g, " "));
      addWords(domain?.split(".").slice(0, -1).join(" "));
    }
  }
  // Call titles name the customer ("Halvorsen Freight <> Prefect | Discovery").
  addWords(call.title);
  for (const s of extraSensitive) addWords(s);
  return { blocked, allowedProper: PRODUCT_WORDS };
}

/** Topic terms of a sentence, safe to send to a documentation service. */
export function sanitizeQuery(text: string, ctx: SanitizeContext): string {
  const stripped = text.replace(EMAIL, " ").replace(URL, " ").replace(PHONE, " ").replace(FIGURE, " ");
  const out: string[] = [];
  const seen = new Set<string>();
  const tokens = stripped.match(/[\p{L}][\p{L}\p{N}._'’-]*/gu) ?? [];
  tokens.forEach((raw, i) => {
    const token = raw.replace(/[’]/g, "'").replace(/['.-]+$/, "");
    const lower = token.toLowerCase();
    const base = lower.replace(/'s$/, "");
    if (!base || base.length < 2 || STOPWORDS.has(lower) || STOPWORDS.has(base) || NUMBER_WORDS.has(base))
      return;
    if (ctx.blocked.has(base) || [...base.split(/[-.]/)].some((part) => ctx.blocked.has(part))) return;
    const capitalized = /^\p{Lu}/u.test(token);
    // "Project X", "Team X": the word after such a noun is a name even when lower-case elsewhere.
    const previous = tokens[i - 1]?.toLowerCase();
    if (previous === "project" && capitalized) return;
    if (capitalized && !ctx.allowedProper.has(base)) return;
    if (/\d/.test(base) && !ctx.allowedProper.has(base)) return;
    if (seen.has(base)) return;
    seen.add(base);
    out.push(base);
  });
  return out.join(" ");
}
