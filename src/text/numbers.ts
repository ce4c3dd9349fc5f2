/**
 * Numbers in text: spoken numbers written as figures ("a hundred days" → "100 days"), the words
 * that state a figure, and rounding for reported values.
 */

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };
const TIME_UNIT = "(?:seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)";
const NUMBER_WORD = `(?:${[...Object.keys(SMALL), ...Object.keys(SCALE), "dozen"].join("|")})`;
// "two hundred and fifty", "twenty-five", "a thousand", "fifteen"
const SPOKEN_NUMBER = new RegExp(
  `\\b(?:(?:a|an)\\s+(?=(?:hundred|thousand|million|billion|dozen)\\b))?${NUMBER_WORD}(?:(?:\\s+|-)(?:and\\s+)?${NUMBER_WORD})*\\b`,
  "gi",
);

function spokenValue(phrase: string): number | null {
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== "and");
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w === "a" || w === "an") {
      current = 1;
      continue;
    }
    if (w === "dozen") {
      current = (current || 1) * 12;
      any = true;
    } else if (SMALL[w] !== undefined) {
      current += SMALL[w]!;
      any = true;
    } else if (SCALE[w] !== undefined) {
      const scale = SCALE[w]!;
      if (scale >= 1000) {
        total += (current || 1) * scale;
        current = 0;
      } else current = (current || 1) * scale;
      any = true;
    } else return null;
  }
  return any ? total + current : null;
}

/**
 * Spoken numbers written as figures ("a hundred days" → "100 days", "fifteen seconds" → "15
 * seconds", "an hour" → "1 hour"); "one" stays a word unless it counts a unit ("one hour"), since
 * "any one of", "the one" are not figures.
 */
export function normalizeNumbers(text: string): string {
  let out = text.replace(SPOKEN_NUMBER, (phrase, offset: number, whole: string) => {
    const lower = phrase.toLowerCase();
    if (lower === "one") {
      const next = whole.slice(offset + phrase.length);
      if (!new RegExp(`^[\\s-]+${TIME_UNIT}\\b`, "i").test(next)) return phrase;
    }
    const value = spokenValue(phrase);
    return value === null ? phrase : String(value);
  });
  // "a day", "an hour", "per minute": one unit.
  out = out.replace(new RegExp(`\\b(?:a|an|per|every|each)\\s+(${TIME_UNIT})\\b`, "gi"), (m, unit: string) =>
    /^(?:every|each|per)/i.test(m) ? `every 1 ${unit}` : `1 ${unit}`,
  );
  // Digits with thousands separators: "1,000" → "1000".
  return out.replace(/\b(\d{1,3}(?:,\d{3})+)\b/g, (m) => m.replace(/,/g, ""));
}

/**
 * Words that state or stand for a figure ("hundreds", "half", "percent", "k"): a docs query
 * drops them with the digits, since a customer's figures identify the customer, not the topic.
 */
export const NUMBER_WORDS: ReadonlySet<string> = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
  millions billion billions dozen dozens half quarter percent k`.split(/\s+/),
);

/** `n` rounded to `digits` decimal places (reports show ratios and seconds this way). */
export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
