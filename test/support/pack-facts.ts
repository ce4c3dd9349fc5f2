/** The bundled pack as the pack tests read it: its Markdown files and every fact with its file. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { defaultPackDir, parsePackFile } from "../../src/knowledge/pack/pack-index.js";

export const packDir = defaultPackDir();

function packFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? packFiles(join(dir, e.name))
      : e.name.endsWith(".md") && e.name !== "README.md"
        ? [join(dir, e.name)]
        : [],
  );
}

export const files = packFiles(packDir);
export const facts = files.flatMap((f) => {
  const rel = relative(packDir, f);
  return parsePackFile(readFileSync(f, "utf8"), rel).map((fact) => ({ ...fact, file: rel }));
});
