/**
 * A spoken sentence cut into clauses at the joins that start a new statement: semicolons, colons,
 * dashes, ", so", ", and", ", but", ", which", ", because", "rather than", "instead of".
 * Each clause keeps the connector that introduced it ("so" marks a consequence).
 */
const CLAUSE_BREAK =
  /\s*([;:—–]|,\s*(?:so|and|but|which|whose|because|since|while|then)\b|\b(?:so that|so you|rather than|instead of)\b)\s*/i;

export interface Clause {
  text: string;
  /** The join before the clause, lower case ("" for the first). */
  connector: string;
}

export function splitClauses(text: string): Clause[] {
  const pieces = text.split(CLAUSE_BREAK);
  const out: Clause[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const clause = pieces[i]!.trim();
    if (clause) out.push({ text: clause, connector: (pieces[i - 1] ?? "").trim().toLowerCase() });
  }
  return out;
}
