/**
 * The layer rule of docs/architecture.md, checked over every import in src/: a module may import
 * its own layer and the layers below it, never one above. Imports are read with the TypeScript
 * compiler's own pre-processor (static, `export … from`, `import type` and dynamic `import()`).
 * A failure names the file, the import and the rule it breaks.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = join(ROOT, "src");

/** Lowest first. Keep in step with the table in docs/architecture.md. */
const LAYERS: ReadonlyArray<{ rank: number; names: string[] }> = [
  { rank: 0, names: ["model", "text", "errors", "memo", "security"] },
  { rank: 1, names: ["product", "config"] },
  { rank: 2, names: ["storage"] },
  { rank: 3, names: ["parse"] },
  { rank: 4, names: ["analyze"] },
  { rank: 5, names: ["ground", "knowledge"] },
  { rank: 6, names: ["judge"] },
  { rank: 7, names: ["coach"] },
  { rank: 8, names: ["report"] },
  { rank: 9, names: ["pipeline"] },
  { rank: 10, names: ["service", "sources", "evaluate"] },
  { rank: 11, names: ["interfaces"] },
];

/** Narrower rules on top of the ranks. */
const ONLY: Record<string, string[]> = {
  // The product profile is data and its loader: everything may read it, it reads only the basics.
  product: ["product", "model", "text", "errors", "memo"],
};
const NEVER: Record<string, { layers: string[]; why: string }> = {
  service: {
    layers: ["ground", "judge", "coach"],
    why: "the application reaches these stages through pipeline/",
  },
  sources: {
    layers: ["ground", "judge", "coach"],
    why: "the application reaches these stages through pipeline/",
  },
  evaluate: {
    layers: ["ground", "judge", "coach"],
    why: "the application reaches these stages through pipeline/",
  },
  interfaces: { layers: ["pipeline"], why: "interfaces analyze through the application layer (service/)" },
};

/**
 * PENDING: known violations being removed on other branches. Empty this list when they merge;
 * an entry that no longer matches any import fails the test, so it cannot outlive its fix.
 */
const PENDING: ReadonlyArray<{ from: string; to: string; why: string }> = [];

function layerOf(file: string): string {
  const rel = relative(SRC, file).split("/");
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, "") : rel[0]!;
}

function rankOf(layer: string): number | undefined {
  return LAYERS.find((l) => l.names.includes(layer))?.rank;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

interface Edge {
  file: string;
  spec: string;
  target: string;
}

function imports(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      if (!spec.startsWith(".")) continue;
      const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
      if (target.startsWith(`${SRC}/`)) out.push({ file, spec, target });
    }
  }
  return out;
}

function breaks(edge: Edge): string | null {
  const from = layerOf(edge.file);
  const to = layerOf(edge.target);
  if (from === to) return null;
  const fromRank = rankOf(from);
  const toRank = rankOf(to);
  if (fromRank === undefined || toRank === undefined) return null;
  const only = ONLY[from];
  if (only && !only.includes(to)) return `${from} may import only ${only.join(", ")}`;
  const never = NEVER[from];
  if (never?.layers.includes(to)) return `${from} may not import ${to}: ${never.why}`;
  if (toRank > fromRank)
    return `${from} (layer ${fromRank}) may not import ${to} (layer ${toRank}, above it)`;
  return null;
}

const rel = (p: string) => relative(ROOT, p);

test("every folder of src/ has a layer in the table", () => {
  const unknown = new Set(
    sourceFiles(SRC)
      .map(layerOf)
      .filter((l) => rankOf(l) === undefined),
  );
  assert.deepEqual([...unknown], [], "add these to LAYERS here and to docs/architecture.md");
});

test("no module imports a layer above its own (except the PENDING list)", () => {
  const violations: string[] = [];
  const used = new Set<number>();
  for (const edge of imports()) {
    const why = breaks(edge);
    if (!why) continue;
    const pending = PENDING.findIndex(
      (p) => rel(edge.file).startsWith(p.from) && rel(edge.target).startsWith(p.to),
    );
    if (pending >= 0) {
      used.add(pending);
      continue;
    }
    violations.push(`${rel(edge.file)} imports "${edge.spec}": ${why}`);
  }
  assert.deepEqual(violations, [], `layer violations:\n${violations.join("\n")}`);
  const stale = PENDING.filter((_, i) => !used.has(i)).map((p) => `${p.from} → ${p.to}`);
  assert.deepEqual(stale, [], "these PENDING entries are fixed: remove them from the list");
});

test("the rule catches an import from a lower layer into a higher one", () => {
  const edge = {
    file: join(SRC, "parse/gong.ts"),
    spec: "../judge/policy.js",
    target: join(SRC, "judge/policy.ts"),
  };
  assert.match(breaks(edge) ?? "", /parse \(layer 3\) may not import judge \(layer 6/);
  const product = {
    file: join(SRC, "product/load.ts"),
    spec: "../config/env.js",
    target: join(SRC, "config/env.ts"),
  };
  assert.match(breaks(product) ?? "", /product may import only/);
  const cli = {
    file: join(SRC, "interfaces/cli/x.ts"),
    spec: "../../pipeline/analyze-call.js",
    target: join(SRC, "pipeline/analyze-call.ts"),
  };
  assert.match(breaks(cli) ?? "", /through the application layer/);
});
