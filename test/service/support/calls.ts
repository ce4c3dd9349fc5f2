/**
 * Realistic sales calls written for these tests (fictional people and companies), in Call Coach
 * JSON (with emails and a start date, so reps are recognised across calls) and in the plain-text
 * format. Each call has the same shape: a supported claim about secrets, two wrong claims (log
 * batching and work-queue priority) the fixture docs contradict, an answered security objection,
 * a deferred lock-in question, an unanswered budget objection, and Airflow and Dagster mentions.
 */

export interface Person {
  name: string;
  email: string | null;
}

export interface FixtureCall {
  id: string;
  title: string;
  startedAt: string;
  rep: Person;
  customer: Person;
  /** Leave out the two wrong claims (a clean call). */
  clean?: boolean;
  /** A distinct sentence so otherwise identical calls hash differently. */
  marker?: string;
}

interface Line {
  who: "rep" | "customer";
  text: string;
}

export function script(call: FixtureCall): Line[] {
  const lines: Line[] = [
    { who: "rep", text: `Thanks for making the time today, and welcome to the call.` },
    {
      who: "customer",
      text: "We run our nightly pipelines on Airflow today, and the scheduler keeps falling over.",
    },
    { who: "customer", text: "Our security team is worried about storing credentials with you." },
    {
      who: "rep",
      text: "Secret blocks keep credentials encrypted at rest, and the values are obfuscated in logs and the UI.",
    },
    {
      who: "customer",
      text: "I'm also worried about rate limits, because we write a lot of log lines every night.",
    },
    call.clean
      ? {
          who: "rep",
          text: "Each log message counts toward the rate limit, so we would look at your volumes together.",
        }
      : {
          who: "rep",
          text: "Log lines are batched, so a whole batch only counts as one request against the rate limit.",
        },
    { who: "customer", text: "How would we keep the critical pipeline ahead of the backfills?" },
    call.clean
      ? { who: "rep", text: "You would put the critical pipeline on its own work queue with priority one." }
      : {
          who: "rep",
          text: "Work queues with a higher priority number win, so give the critical work queue priority ten and the backfill queue one.",
        },
    {
      who: "customer",
      text: "If we leave in a few years, can we take our run history with us, or is it stuck with you?",
    },
    { who: "rep", text: "Good question, and I'd rather get you a written answer than guess on the call." },
    {
      who: "customer",
      text: "Honestly, the budget is tight this year and the last vendor was too expensive for us.",
    },
    { who: "rep", text: "Let me share my screen and show you the dashboard for a moment." },
    { who: "customer", text: "We also looked at Dagster last year but never finished the evaluation." },
    { who: "rep", text: "I'll send the migration guide and a recording after the call." },
  ];
  if (call.marker) lines.push({ who: "customer", text: `Thanks, talk soon about ${call.marker}.` });
  return lines;
}

/** Call Coach JSON: participants with emails and sides, utterances with times. */
export function callJson(call: FixtureCall): string {
  let t = 3;
  const utterances = script(call).map((line) => {
    const duration = Math.max(3, Math.round(line.text.split(/\s+/).length / 2.5));
    const u = { speakerId: line.who, start_s: t, end_s: t + duration, text: line.text };
    t += duration + 1;
    return u;
  });
  return JSON.stringify(
    {
      id: call.id,
      title: call.title,
      started_at: call.startedAt,
      duration_s: t,
      participants: [
        {
          id: "rep",
          name: call.rep.name,
          email: call.rep.email,
          title: "Account Executive",
          side: "internal",
        },
        {
          id: "customer",
          name: call.customer.name,
          email: call.customer.email,
          title: null,
          side: "external",
        },
      ],
      utterances,
    },
    null,
    2,
  );
}

/** Plain text `[hh:mm:ss] Name: text`; sides come from --internal. */
export function callText(call: FixtureCall): string {
  let t = 2;
  return `${script(call)
    .map((line) => {
      const name = line.who === "rep" ? call.rep.name : call.customer.name;
      const out = `[${clock(t)}] ${name}: ${line.text}`;
      t += Math.max(3, Math.round(line.text.split(/\s+/).length / 2.5)) + 1;
      return out;
    })
    .join("\n")}\n`;
}

function clock(s: number): string {
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}

export const DANA: Person = { name: "Dana Reyes", email: "dana.reyes@example-vendor.test" };
export const SAM: Person = { name: "Sam Ortiz", email: "sam.ortiz@example-vendor.test" };
export const RILEY: Person = { name: "Riley Chen", email: "riley@northwind-freight.test" };
export const MORGAN: Person = { name: "Morgan Blake", email: null };
