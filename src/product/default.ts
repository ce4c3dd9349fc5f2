/**
 * Which product profile applies: the folder named by `--product DIR` or CALL_COACH_PRODUCT,
 * else the bundled default. This file is the one place in src/ that names the default product.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProductProfile, type ProductProfile } from "./profile.js";

/** The bundled profile (products/prefect at the package root), found from this module's location. */
export const DEFAULT_PRODUCT_DIR = fileURLToPath(new URL("../../products/prefect/", import.meta.url));

const loaded = new Map<string, ProductProfile>();

/** The profile in `dir` (the default when null), read and validated once per process. */
export function productProfile(dir: string | null = null): ProductProfile {
  const key = resolve(dir ?? DEFAULT_PRODUCT_DIR);
  let profile = loaded.get(key);
  if (!profile) {
    profile = loadProductProfile(key);
    loaded.set(key, profile);
  }
  return profile;
}

/** The bundled default profile. */
export function defaultProductProfile(): ProductProfile {
  return productProfile(null);
}
