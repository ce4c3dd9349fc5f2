/**
 * Question sentences. Transcription drops many question marks, so an interrogative opening
 * ("could you", "how do", "what's") also counts; a "?" always does.
 */

const INTERROGATIVE_OPENING =
  /^(?:so,?\s+|and\s+|but\s+|okay,?\s+|ok,?\s+)?(?:who|what|what's|whats|when|where|which|why|how|whose|is|are|was|were|do|does|did|can|could|would|will|should|shall|have|has|may|might|am|isn't|aren't|don't|doesn't|didn't|can't|couldn't|won't|wouldn't)\b/i;

// Openings that look interrogative but are statements: "How we do it is…", "What we found was…".
const STATEMENT_OPENING =
  /^(?:how|what|where|when|why|who)\s+(?:we|i|you|they|it|this|that)\s+\w+\s+(?:is|was|are)\b/i;

export function isQuestion(sentence: string): boolean {
  const s = sentence.trim();
  if (!s) return false;
  if (/\?["'”’)\]]*$/.test(s)) return true;
  if (/[.!]$/.test(s)) return false; // punctuated as a statement by the transcriber
  return INTERROGATIVE_OPENING.test(s) && !STATEMENT_OPENING.test(s);
}
