/**
 * Name normalisation for screening (SPEC §8): case, accents, punctuation and word order
 * must not decide whether a name matches, so all of them are removed before scoring.
 */

// Letters that NFKD leaves alone but that are written without them in Latin transliterations.
const FOLDS: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h" };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "g");

/** Lower-case, unaccented tokens, sorted. Letters of any script are kept. */
export function nameTokens(s: string): string[] {
  const cleaned = s
    .toLowerCase()
    .replace(FOLDABLE, (c) => FOLDS[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    // Apostrophes join ("O'Neil" is one word); every other non-letter separates.
    .replace(/['’`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return cleaned ? cleaned.split(" ").sort() : [];
}

/** "Muñoz, José" → "jose munoz". */
export function normalizeName(s: string): string {
  return nameTokens(s).join(" ");
}
