/**
 * Word-level tools for comparing a spoken claim with documentation sentences: a light stemmer,
 * field synonyms folded to one form, and stopwords. Deliberately simple and deterministic.
 */

const STOP = new Set(
  `a an the and or but if then so of to in on at by for with from into onto about as is are was were be been being it its
  it's this that these those there their they them you your you're we our us i me my he she his her can could would should
  will shall may might must do does did done just like any every each all some also very really only much many more most
  what which who whom whose when where why how than too own same other such one ones thing things way lot kind sort going
  get gets got let lets make makes made use uses used using have has had having say says said actually basically pretty
  okay ok yeah yes sure right well anyway`.split(/\s+/),
);

// Words that mean the same thing in this field, folded to the first form.
const SYNONYM_GROUPS = [
  ["child", "nested", "subflow", "subflows", "sub-flow", "sub-flows", "children"],
  ["cancel", "cancelled", "canceled", "cancellation", "cancelling", "canceling", "cancels"],
  ["error", "errors", "exception", "exceptions", "raise", "raises", "throw", "throws", "thrown"],
  ["credential", "credentials", "secret", "secrets", "token", "tokens", "password", "passwords"],
  ["k8s", "kubernetes"],
  ["library", "libraries", "package", "packages"],
  ["individually", "independently", "separately"],
  ["repository", "repo", "registry"],
  ["dependency", "dependencies", "requirements"],
  ["run", "runs", "running", "execute", "executes", "execution", "launch", "launches"],
  ["automatic", "automatically", "auto"],
  ["priority", "priorities"],
  ["image", "images"],
];
const CANONICAL = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const w of group) CANONICAL.set(w, group[0]!);

/** Terms so frequent in product docs that matching them says little. */
export const WEAK_TERMS = new Set([
  "prefect",
  "flow",
  "task",
  "run",
  "work",
  "cloud",
  "ui",
  "default",
  "time",
  "want",
]);

export function stem(word: string): string {
  const w = word.toLowerCase();
  const canonical = CANONICAL.get(w);
  if (canonical) return canonical;
  if (w.length <= 4) return w;
  return w
    .replace(/ies$/, "y")
    .replace(/(?<=[a-z]{3})(?:ing|ed|es|s|ly|ment|ion)$/, "")
    .replace(/e$/, "");
}

export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]/g) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOP.has(w) || w.length < 2) continue;
    out.push(stem(w));
  }
  return out;
}

export function termWeight(term: string): number {
  return WEAK_TERMS.has(term) ? 0.35 : 1;
}
