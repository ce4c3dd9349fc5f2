/**
 * Runs every bench/*.bench.ts (each exports `run(): Promise<BenchResult[]>`) and writes
 * bench/RESULTS.md with the machine and the date. `npm run bench [-- name-filter]`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≤ 100 ms"; shown beside the value. */
  target?: string;
  /** Whether the value meets the target; computed by the bench itself. */
  pass?: boolean;
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const sections: string[] = [];
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchResult[]> };
  process.stderr.write(`bench: ${file}\n`);
  const results = await mod.run();
  const rows = results.map((r) => {
    if (r.pass === false) failed++;
    const status = r.pass === undefined ? "" : r.pass ? "✓" : "✗";
    return `| ${r.name} | ${formatValue(r.value)} ${r.unit} | ${r.target ?? ""} | ${status} | ${r.note ?? ""} |`;
  });
  sections.push(
    `## ${file.replace(/\.bench\.ts$/, "")}\n\n| measure | value | target | met | note |\n|---|---|---|---|---|\n${rows.join("\n")}\n`,
  );
  for (const r of results)
    process.stderr.write(`  ${r.name}: ${formatValue(r.value)} ${r.unit} ${r.target ?? ""}\n`);
}

const cpu = cpus()[0]?.model ?? "unknown CPU";
const header = `# Benchmark results

Written by \`npm run bench\`${filter ? ` (filter: ${filter})` : ""}. Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}. Date: ${new Date().toISOString()}.
`;
if (!filter) writeFileSync(join(here, "RESULTS.md"), `${header}\n${sections.join("\n")}`);
else process.stdout.write(`${header}\n${sections.join("\n")}`);
process.exitCode = failed ? 1 : 0;

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
}
