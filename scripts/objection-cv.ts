/**
 * Cross-validated figures for objection detection: rules alone, the classifier alone, and the
 * detector's decision (rules, or the classifier unless the sentence only describes present pain;
 * see objections.ts), by leave-one-call-out over the labeled calls.
 *
 * The cue rules were tuned on every one of these calls, so their CV figures are training-set
 * figures. For an estimate of what happens on a call nobody has seen, the script also replays
 * history: for each call it takes the rules as they were in git before the call was added
 * (`git show SHA:src/analyze/moments/objections.ts`) — rules that had never seen it — and
 * combines them with the classifier's leave-one-call-out probability. Calls that predate the
 * rules (../shared/eval) are left out of that part. Needs the repository's history; skipped
 * when it is not there (a shallow clone).
 *   node --import tsx scripts/objection-cv.ts [--sweep]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Counts,
  chooseThreshold,
  count,
  crossValidate,
  type Example,
  loadExamples,
  modelSays,
  precisionOf,
  recallOf,
} from "./train-objection-model.js";

// The commit whose rules were current just before each call was added (from `git log`).
const RULES_BEFORE: [RegExp, string][] = [
  [/^fixtures\/(?:marlow|pinecrest)$/, "a392b01"],
  [/^fixtures\/|^eval-holdout\/h0[12]$/, "3b7fbee"],
  [/^eval-dev\/d0\d$|^eval-holdout\/h0[34]$/, "bab8e7d"],
  [/^eval-holdout\/h05$/, "00dfa9c"],
  [/^eval-holdout\/h06$/, "1564508"],
  [/^eval-dev\/b0\d$/, "6d044f8"],
];

async function rulesAsTheyWere(examples: Example[]): Promise<(boolean | null)[] | null> {
  const root = join(import.meta.dirname, "..");
  const dir = mkdtempSync(join(tmpdir(), "objection-rules-"));
  try {
    const bySha = new Map<string, (text: string) => boolean>();
    for (const sha of new Set(RULES_BEFORE.map(([, sha]) => sha))) {
      let source: string;
      try {
        source = execFileSync("git", ["show", `${sha}:src/analyze/moments/objections.ts`], {
          cwd: root,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        });
      } catch {
        return null;
      }
      // Those versions import only types, so they load on their own.
      const file = join(dir, `rules-${sha}.ts`);
      writeFileSync(file, source);
      const mod = (await import(pathToFileURL(file).href)) as { isObjection(text: string): boolean };
      bySha.set(sha, mod.isObjection);
    }
    return examples.map((e) => {
      const sha = RULES_BEFORE.find(([re]) => re.test(e.call))?.[1];
      return sha ? bySha.get(sha)!(e.text) : null;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (c: Counts) =>
  `recall ${recallOf(c).toFixed(3)} precision ${precisionOf(c).toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const examples = await loadExamples();
  const cv = crossValidate(examples);
  const t = chooseThreshold(examples, cv);
  const calls = new Set(examples.map((e) => e.call)).size;
  const positives = examples.filter((e) => e.objection).length;
  console.log(
    `${calls} calls, ${examples.length} external sentences, ${positives} objections; threshold ${t}`,
  );
  const exhaustive = examples.filter((e) => e.call.startsWith("fixtures/"));
  const cvOf = new Map(examples.map((e, i) => [e, cv[i]!] as const));
  for (const [name, set] of [
    ["all calls", examples],
    ["exhaustively labeled calls", exhaustive],
  ] as const) {
    console.log(`leave-one-call-out, ${name}:`);
    console.log(`  rules     ${fmt(count(set, (e) => e.rules))}  (training-set figure)`);
    console.log(`  model     ${fmt(count(set, (e) => cvOf.get(e)! >= t))}`);
    console.log(`  combined  ${fmt(count(set, (e) => e.rules || modelSays(e, cvOf.get(e)!, t)))}`);
  }
  const before = await rulesAsTheyWere(examples);
  if (!before) console.log("rules as they were: git history not available, skipped");
  else {
    const idx = examples.map((_, i) => i).filter((i) => before[i] !== null);
    const subset = idx.map((i) => examples[i]!);
    const n = new Set(subset.map((e) => e.call)).size;
    console.log(`rules as they were before each call was added (${n} calls), with the model's CV:`);
    const says = (f: (i: number) => boolean) => count(subset, (_, k) => f(idx[k]!));
    const model = (i: number, x: number) => modelSays(examples[i]!, cv[i]!, x);
    console.log(`  rules     ${fmt(says((i) => before[i]!))}`);
    console.log(`  model     ${fmt(says((i) => cv[i]! >= t))}`);
    console.log(`  combined  ${fmt(says((i) => before[i]! || model(i, t)))}`);
    if (process.argv.includes("--sweep"))
      for (const h of [50, 40, 35, 30, 27, 25, 22, 20, 17, 15, 12, 10]) {
        const x = h / 100;
        console.log(
          `  t=${x.toFixed(2)} model ${fmt(count(examples, (_, i) => cv[i]! >= x))} | as-they-were combined ${fmt(says((i) => before[i]! || model(i, x)))}`,
        );
      }
  }
}
