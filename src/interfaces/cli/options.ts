/** Option values shared by several commands. */

/** "Ana Silva, Bo Chen" → ["Ana Silva", "Bo Chen"]; empty parts dropped. */
export function splitNames(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
}
