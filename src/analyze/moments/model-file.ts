/**
 * The fitted sentence classifiers' weights (objections, claims) are JSON files in the product
 * profile, written by their trainers. Each file is read once per process, on first use.
 */
import { readFileSync } from "node:fs";

const files = new Map<string, unknown>();

export function readModelFile<T>(file: string): T {
  if (!files.has(file)) files.set(file, JSON.parse(readFileSync(file, "utf8")));
  return files.get(file) as T;
}
