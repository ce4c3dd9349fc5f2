/**
 * The objection classifier's weights, trained by scripts/train-objection-model.ts and stored as
 * data in the product profile (`models/objection-model.json`); each file read once, on first use.
 */
import { defaultProductProfile } from "../../product/default.js";
import { readModelFile } from "./model-file.js";
import type { ObjectionModel } from "./objection-classifier.js";

/** The model in `file` (a profile's `models.objection`). */
export const loadObjectionModel = (file: string): ObjectionModel => readModelFile<ObjectionModel>(file);

/** The bundled profile's model (the trainer and its tests). */
export function objectionModel(): ObjectionModel {
  const file = defaultProductProfile().models.objection;
  if (!file) throw new Error("the product profile has no objection model");
  return loadObjectionModel(file);
}
