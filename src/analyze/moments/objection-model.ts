/**
 * The objection classifier's weights, trained by scripts/train-objection-model.ts and stored as
 * data in the pack (`pack/objection-model.json`); read once, on first use.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ObjectionModel } from "./objection-classifier.js";

const FILE = join(import.meta.dirname, "..", "..", "..", "pack", "objection-model.json");
let model: ObjectionModel | null = null;

export function objectionModel(): ObjectionModel {
  model ??= JSON.parse(readFileSync(FILE, "utf8")) as ObjectionModel;
  return model;
}
