/**
 * The objection classifier's weights, trained by scripts/train-objection-model.ts and stored as
 * data in the product profile (`models/objection-model.json`); read once, on first use.
 */
import { readFileSync } from "node:fs";
import { defaultProductProfile } from "../../product/default.js";
import type { ObjectionModel } from "./objection-classifier.js";

let model: ObjectionModel | null = null;

export function objectionModel(): ObjectionModel {
  if (!model) {
    const file = defaultProductProfile().models.objection;
    if (!file) throw new Error("the product profile has no objection model");
    model = JSON.parse(readFileSync(file, "utf8")) as ObjectionModel;
  }
  return model;
}
