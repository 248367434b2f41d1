import canonicalize from "canonicalize";

/**
 * RFC 8785 (JCS): keys sorted by UTF-16 code units at every depth, ECMAScript number
 * and string serialisation, no whitespace. Signatures over JSON (metadata config,
 * /kyc/data bodies, audit entries) hash this form so both sides agree byte for byte.
 *
 * Like JSON.stringify, an `undefined` object member is omitted and an `undefined` array
 * element becomes null, so the canonical form equals the canonical form of what a
 * receiver parses from JSON.stringify(value). Anything JSON cannot carry throws:
 * top-level undefined, functions, symbols, bigints, NaN, ±Infinity, lone surrogates,
 * cycles. (`canonicalize` alone would silently write `undefined` or drop a function.)
 */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, "$", new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("canonicalJson: value has no JSON form");
  return text;
}

/**
 * The form the OCN docs' samples sign: JSON.stringify(value, Object.keys(value).sort()).
 * Only top-level keys are sorted, and because a replacer array is an allow-list applied
 * at every depth, nested members whose names are not top-level keys are dropped.
 * Reproduced exactly, quirks included, so partners that followed the samples verify.
 */
export function sortedTopLevelJson(value: Record<string, unknown>): string {
  return JSON.stringify(value, Object.keys(value).sort());
}

function assertJsonValue(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "number": // NaN, Infinity and lone surrogates are rejected by `canonicalize`
      return;
    case "undefined":
      if (path === "$") throw new TypeError("canonicalJson: undefined has no JSON form");
      return;
    case "function":
    case "symbol":
    case "bigint":
      throw new TypeError(`canonicalJson: ${typeof value} at ${path} has no JSON form`);
  }
  if (value === null) return;
  const object = value as Record<string, unknown> & { toJSON?: unknown };
  if (typeof object.toJSON === "function") {
    assertJsonValue((object.toJSON as () => unknown)(), path, ancestors);
    return;
  }
  if (ancestors.has(object)) throw new TypeError(`canonicalJson: circular reference at ${path}`);
  ancestors.add(object);
  if (Array.isArray(object)) {
    object.forEach((item, index) => assertJsonValue(item, `${path}[${index}]`, ancestors));
  } else {
    for (const key of Object.keys(object)) assertJsonValue(object[key], `${path}.${key}`, ancestors);
  }
  ancestors.delete(object);
}
