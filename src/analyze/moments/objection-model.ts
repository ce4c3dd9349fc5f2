/**
 * The objection classifier's weights, trained by scripts/train-objection-model.ts and stored as
 * data in the product profile (`models/objection-model.json`); each file read once, on first use.
 */
import { readFileSync } from "node:fs";
import { defaultProductProfile } from "../../product/default.js";
import type { ObjectionModel } from "./objection-classifier.js";

const models = new Map<string, ObjectionModel>();

/** The model in `file` (a profile's `models.objection`). */
export function loadObjectionModel(file: string): ObjectionModel {
  let model = models.get(file);
  if (!model) {
    model = JSON.parse(readFileSync(file, "utf8")) as ObjectionModel;
    models.set(file, model);
  }
  return model;
}

/** The bundled profile's model (the trainer and its tests). */
export function objectionModel(): ObjectionModel {
  const file = defaultProductProfile().models.objection;
  if (!file) throw new Error("the product profile has no objection model");
  return loadObjectionModel(file);
}
