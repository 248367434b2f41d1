/** ICAO 9303 text rules shared by MRZ parsing, comparison and building. */

/** ICAO 9303 part 3 check digit: weights 7-3-1, digits as themselves, A=10…Z=35, "<" = 0. */
export function mrzCheckDigit(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += value * ([7, 3, 1][i % 3] ?? 0);
  }
  return String(sum % 10);
}

// Letters NFKD does not decompose, with ICAO's recommended transliteration.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "SS", Æ: "AE", Ø: "OE", Œ: "OE", Þ: "TH", Ð: "D", Đ: "D", Ł: "L", Ħ: "H", Ŀ: "L", Ĳ: "IJ",
};
// ICAO also recommends these digraphs, but many issuers simply drop the accent.
const GERMANIC_DIGRAPHS: Record<string, string> = { Ä: "AE", Ö: "OE", Ü: "UE", Å: "AA" };

function transliterate(name: string, digraphs: boolean): string {
  let out = "";
  for (const ch of name.toUpperCase()) {
    const special = SPECIAL_LETTERS[ch] ?? (digraphs ? GERMANIC_DIGRAPHS[ch] : undefined);
    out += special ?? ch.normalize("NFKD").replace(/\p{M}/gu, "");
  }
  return out;
}

/** A name as it appears in an MRZ: A–Z, with "<" between words; apostrophes dropped. */
export function toMrzName(name: string): string {
  return transliterate(name, true)
    .replace(/['’]/g, "")
    .replace(/[^A-Z]+/g, "<")
    .replace(/^<+|<+$/g, "");
}

/** Keys to compare a typed name with an MRZ name: letters only, with and without digraphs. */
export function mrzNameKeys(name: string): string[] {
  const keys = [true, false].map((d) => transliterate(name, d).replace(/[^A-Z]/g, ""));
  return [...new Set(keys)];
}
