/** A small, complete report used by renderer and coaching tests. */
import type { Report } from "../../src/model/report.js";

export function sampleReport(): Report {
  return {
    schema: "call-coach/report@1",
    call: {
      id: "call-1",
      title: "Acme <> Prefect | Discovery",
      started_at: "2026-09-14T15:00:00Z",
      duration_s: 426,
      participants: [
        { name: "Dana Rep", side: "internal", email: "dana@prefect.io", title: "AE" },
        { name: "Chris <b>Buyer</b>", side: "external", email: null, title: null },
      ],
    },
    metrics: {
      talk_ratio_internal: 0.58,
      longest_monologue_s: 61,
      longest_customer_story_s: 40,
      interactivity: 4.2,
      patience_s: 0.9,
      questions_internal: 6,
      questions_external: 3,
    },
    claims: [
      {
        id: "c1",
        speaker: "Dana Rep",
        start_s: 95,
        text: "Any child flow can be cancelled on its own and the parent keeps going.",
        topic: "subflows",
        verdict: "contradicted",
        confidence: 0.82,
        correction:
          'The docs say: "A nested flow run cannot be cancelled without cancelling its parent flow run."',
        evidence: [
          {
            title: "Flows",
            url: "https://docs.prefect.io/v3/concepts/flows",
            snippet: "A nested flow run cannot be cancelled without cancelling its parent flow run.",
            source: "local",
          },
        ],
      },
      {
        id: "c2",
        speaker: "Dana Rep",
        start_s: 30,
        text: "A flow is a decorated Python function.",
        topic: "flows",
        verdict: "supported",
        confidence: 0.9,
        correction: null,
        evidence: [{ title: "Flows", url: "javascript:alert(1)", snippet: "", source: "pack" }],
      },
    ],
    objections: [
      {
        id: "o1",
        speaker: "Chris <b>Buyer</b>",
        start_s: 120,
        text: "How long would a migration from Airflow take?",
        topic: "migration",
        suggested_response: "Acknowledge the effort and share the migration guide.",
        evidence: [],
      },
    ],
    competitors: [
      {
        name: "Airflow",
        mentions: [{ speaker: "Chris <b>Buyer</b>", start_s: 110, text: "We run Airflow today." }],
        positioning: ["Prefect documents a migration path from Airflow."],
        evidence: [],
      },
    ],
    coaching: {
      summary: "2 product claims checked.",
      strengths: ["Asked good questions."],
      improvements: ["Correct the cancellation claim."],
      next_action: "Send a correction.",
    },
    knowledge: { mode: "local", queries: 4, cache_hits: 1, fallbacks: 0, errors: 0 },
  };
}
