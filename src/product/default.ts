/**
 * Which product profile applies: the folder named by `--product DIR` or CALL_COACH_PRODUCT,
 * else the bundled default. This file is the one place in src/ that names the default product.
 */
import { join, resolve } from "node:path";
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

/**
 * Where a product's knowledge base and docs cache live under the Call Coach home: the home itself
 * for the default product (homes made before product profiles keep working), else
 * `<home>/products/<slug of the profile's name>`, so switching `--product` never mixes two
 * products' docs. Profiles of the same name (a copy of a profile, edited) share one.
 */
export function productHome(home: string, profile: ProductProfile): string {
  if (profile.name === defaultProductProfile().name) return home;
  return join(home, "products", productSlug(profile.name));
}

/** A profile name as a folder name: "Acme Cloud" → "acme-cloud". */
export function productSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    // Accents come apart from their letters under NFKD; drop them so "ü" becomes "u".
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "product";
}
