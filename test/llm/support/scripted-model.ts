/**
 * Reads a Call Coach request the way a model would (the ITEMS lines, the task line, the moment
 * ids) and writes the answer a careful model gives, so recorded envelopes can carry answers that
 * fit whatever the pipeline asked. Tests bend the answers (wrong ids, no citations…) through the
 * `tweak` hook.
 */
import type { CapturedRequest } from "./recorded-llm-server.js";

export interface RequestItem {
  id: string;
  kind: "claim" | "objection" | "competitor";
  line: string;
  text: string;
  evidence: string[];
}

export interface ReadRequest {
  task: "window" | "summary";
  /** Items the task line asks for (all of ITEMS, or the subset of a repair). */
  asked: RequestItem[];
  withObservations: boolean;
  isRepair: boolean;
  lineIds: string[];
  momentIds: string[];
  /** All text the model received: system prompt and user blocks. */
  text: string;
  userText: string;
}

export function readRequest(req: CapturedRequest): ReadRequest {
  const body = req.body;
  let system = "";
  let user: string[] = [];
  if (req.path.endsWith("/messages")) {
    system = (body.system ?? []).map((b: { text: string }) => b.text).join("\n");
    user = body.messages.flatMap((m: { content: Array<{ text: string }> }) => m.content.map((c) => c.text));
  } else {
    system = body.messages.find((m: { role: string }) => m.role === "system")?.content ?? "";
    user = body.messages
      .filter((m: { role: string }) => m.role === "user")
      .map((m: { content: string }) => m.content);
  }
  const userText = user.join("\n\n");
  const items: RequestItem[] = [];
  for (const line of userText.split("\n")) {
    if (!line.startsWith('{"id":')) continue;
    const parsed = JSON.parse(line) as RequestItem;
    if (!items.some((i) => i.id === parsed.id)) items.push(parsed);
  }
  const only = /Answer only these items: ([^.]+)\./.exec(userText);
  const every = /Answer every item: ([^.]+)\./.exec(userText);
  const askedIds = (only?.[1] ?? every?.[1] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const lineIds = [...userText.matchAll(/^(u\d+) \[/gm)].map((m) => m[1]!);
  const momentIds = [...new Set([...userText.matchAll(/\b([co]\d+|u\d+)\b/g)].map((m) => m[1]!))];
  return {
    task: userText.includes("TASK: call summary") ? "summary" : "window",
    asked: items.filter((i) => askedIds.includes(i.id)),
    withObservations: userText.includes("Add observations"),
    isRepair: userText.includes("was rejected"),
    lineIds,
    momentIds,
    text: `${system}\n\n${userText}`,
    userText,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: answers are plain JSON built for the wire
export type Answer = any;

/** The answer of a careful model: contradicts only with a citation, says unverifiable when unsure. */
export function carefulAnswer(read: ReadRequest): Answer {
  if (read.task === "summary") {
    const claim = read.momentIds.find((id) => /^c\d+$/.test(id));
    const line = read.momentIds.find((id) => /^u\d+$/.test(id));
    return {
      summary: "A friendly discovery call; two product statements were wrong and need a written correction.",
      strengths: [{ text: "Opened with a clear agenda and introductions.", moment_id: line ?? null }],
      improvements: [{ text: "Check cancellation behaviour before promising it.", moment_id: claim ?? null }],
      next_action: {
        text: "Send the corrected answers with the docs links in the recap.",
        moment_id: claim ?? line,
      },
    };
  }
  const answer: Answer = { claims: [], objections: [], competitors: [], observations: [] };
  for (const item of read.asked) {
    const cite = item.evidence.slice(0, 1);
    if (item.kind === "claim") {
      if (/cancell?ed on its own/i.test(item.text))
        answer.claims.push({
          id: item.id,
          verdict: "contradicted",
          evidence_ids: cite,
          correction: "A nested flow run cannot be cancelled without cancelling its parent flow run.",
          confidence: 0.92,
        });
      else if (/captures the logs/i.test(item.text))
        answer.claims.push({
          id: item.id,
          verdict: "contradicted",
          evidence_ids: cite,
          correction:
            "Prefect does not capture library logs by default; list them in PREFECT_LOGGING_EXTRA_LOGGERS.",
          confidence: 0.9,
        });
      else if (/^I'm /i.test(item.text))
        answer.claims.push({
          id: item.id,
          verdict: "unverifiable",
          evidence_ids: [],
          correction: null,
          confidence: 0.4,
        });
      else
        answer.claims.push({
          id: item.id,
          verdict: "supported",
          evidence_ids: cite,
          correction: null,
          confidence: 0.95,
        });
    } else if (item.kind === "objection") {
      answer.objections.push({
        id: item.id,
        suggested_response:
          "That is a fair concern. Your code and data stay in your own infrastructure: workers run in your AWS account and only run metadata reaches the service.",
        evidence_ids: cite,
      });
    } else {
      answer.competitors.push({
        id: item.id,
        positioning: [
          {
            point: "A Prefect flow is plain Python, so it runs and is tested without a scheduler.",
            evidence_ids: cite,
          },
        ],
      });
    }
  }
  if (read.withObservations && read.lineIds[0])
    answer.observations.push({
      kind: "strength",
      utterance_id: read.lineIds[0],
      text: "Clear introductions.",
    });
  return answer;
}
