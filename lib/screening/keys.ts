/**
 * Blocking keys: an entry is scored only if it shares keys with the person, so screening
 * does not compare every entry. Each token yields several keys so that one misspelling
 * (in the middle, at the end, or at the start) still leaves at least one key in common.
 */

/** A rough phonetic skeleton: Mohammed, Muhammad and Mohamed all give "md". */
export function skeleton(token: string): string {
  const mapped = token
    .replace(/ph/g, "f")
    .replace(/[ckq]/g, "k")
    .replace(/z/g, "s")
    .replace(/x/g, "ks")
    .replace(/w/g, "v")
    .replace(/f/g, "v") // -ov / -off, Walkenhof / Valkenhov
    .replace(/[jy]/g, "i"); // Yusuf / Jusuf, Yelena / Jelena
  const head = mapped.charAt(0);
  const tail = mapped.slice(1).replace(/[aeiouh]/g, "");
  return (head + tail).replace(/(.)\1+/g, "$1");
}

export function tokenKeys(token: string): string[] {
  const keys = [`p:${token.slice(0, 3)}`, `s:${skeleton(token)}`];
  // Suffixes catch a wrong first letter; short suffixes would match nearly everything.
  if (token.length >= 5) keys.push(`x:${token.slice(-3)}`);
  return keys;
}
