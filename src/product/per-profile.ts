import { memo } from "../memo.js";
import type { ProductProfile } from "./profile.js";

/**
 * `compute` run once per profile object and remembered: what the stages derive from a profile
 * (compiled vocabularies, lexicons, judge options) costs far more than a call's analysis, and a
 * profile is loaded once per process. Weakly held, so a profile dropped by a test goes with it.
 */
export function perProfile<T>(compute: (profile: ProductProfile) => T): (profile: ProductProfile) => T {
  return memo(compute);
}
