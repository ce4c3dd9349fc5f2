/**
 * A synthetic 60-minute sales call (~9,000 words) in the plain-text transcript format, built from
 * realistic sentence templates, for benchmarks. Deterministic: the same call every run.
 */

const REP = ["Jordan Avery", "Sam Ortiz"];
const PROSPECT = ["Riley Chen", "Morgan Blake"];

const REP_LINES = [
  "Prefect retries failed tasks automatically when you set the retries parameter on the task decorator.",
  "Work pools let you choose where flow runs execute, and workers poll them for scheduled runs.",
  "A flow in Prefect is a decorated Python function, so you can run it locally like any other function.",
  "Deployments store where your flow code lives and how it should run, including the schedule.",
  "Secret blocks keep credentials encrypted, and their values are obfuscated in logs and the UI.",
  "Could you walk me through how your team handles failures today?",
  "What does your current scheduling setup look like across the data platform?",
  "Prefect Cloud adds automations, audit logs and role-based access control on top of the open-source server.",
  "Task caching can skip work when the inputs have not changed since the last run.",
  "Let me share my screen and show you the dashboard for a moment.",
  "I'll send over the migration guide and a recording after the call.",
  "You can run Prefect on Kubernetes with the Kubernetes worker and a work pool of that type.",
];

const PROSPECT_LINES = [
  "We run most of our pipelines on Airflow today and the scheduler has been a headache.",
  "I'm worried about how long a migration would take for a team of our size.",
  "How do you handle secrets, because our security team is strict about credentials?",
  "Our biggest concern is cost once we scale to thousands of runs a day.",
  "We looked at Dagster last year but never finished the evaluation.",
  "That makes sense, and it sounds close to what we need.",
  "Does it support running everything inside our own VPC without sending data out?",
  "We also need to know whether we would be locked into the hosted product.",
];

function clock(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return [h, m, sec].map((n) => String(n).padStart(2, "0")).join(":");
}

/** Returns the transcript text and the internal speaker names to pass with --internal. */
export function longCallTranscript(minutes = 60, wordsPerSecond = 2.5): { text: string; internal: string[] } {
  const lines: string[] = [];
  let t = 2;
  let turn = 0;
  const end = minutes * 60;
  while (t < end) {
    const repTurn = turn % 2 === 0;
    const pool = repTurn ? REP_LINES : PROSPECT_LINES;
    const names = repTurn ? REP : PROSPECT;
    const speaker = names[Math.floor(turn / 2) % names.length]!;
    const count = 1 + (turn % 3);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(pool[(turn * 7 + i * 3) % pool.length]!);
    const text = sentences.join(" ");
    lines.push(`[${clock(t)}] ${speaker}: ${text}`);
    t += text.split(/\s+/).length / wordsPerSecond + 0.8;
    turn++;
  }
  return { text: `${lines.join("\n")}\n`, internal: REP };
}
