import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { canonicalJson, sortedTopLevelJson } from "./canonical-json";

/** A double from its IEEE 754 bit pattern, as RFC 8785 Appendix B lists them. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

const cp = (...codePoints: number[]) => String.fromCodePoint(...codePoints);

describe("canonicalJson (RFC 8785)", () => {
  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("Appendix B: number 0x%s serialises as %s", (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
  });

  it.each(["7fffffffffffffff", "7ff0000000000000", "fff0000000000000"])("Appendix B: 0x%s (NaN/Infinity) is an error", (bits) => {
    expect(() => canonicalJson(double(bits))).toThrow();
  });

  it("§3.2.2/§3.2.4: the worked example, down to its UTF-8 bytes", () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const output = canonicalJson(JSON.parse(input));
    expect(output).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
    // The RFC's §3.2.4 hex dump, verbatim.
    const rfcBytes = `
      7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e
      75 6d 62 65 72 73 22 3a 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30
      2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24
      5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;
    expect(Buffer.from(output, "utf8").toString("hex")).toBe(rfcBytes.replace(/\s+/g, ""));
  });

  it("§3.2.3: properties sort by UTF-16 code units, not code points or locale", () => {
    const input = Object.fromEntries([
      [cp(0x20ac), "Euro Sign"],
      ["\r", "Carriage Return"],
      [cp(0xfb33), "Hebrew Letter Dalet With Dagesh"],
      ["1", "One"],
      [cp(0x1f600), "Emoji: Grinning Face"],
      [cp(0x80), "Control"],
      [cp(0xf6), "Latin Small Letter O With Diaeresis"],
    ]);
    expect(canonicalJson(input)).toBe(
      `{"\\r":"Carriage Return","1":"One","${cp(0x80)}":"Control","${cp(0xf6)}":"Latin Small Letter O With Diaeresis",` +
        `"${cp(0x20ac)}":"Euro Sign","${cp(0x1f600)}":"Emoji: Grinning Face","${cp(0xfb33)}":"Hebrew Letter Dalet With Dagesh"}`,
    );
  });

  it("the reference implementation's weird.json sample", () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "1": "One",
      "\u0080": "Control\u007f",
      "\ud83d\ude02": "Smiley",
      "\u00f6": "Latin Small Letter O With Diaeresis",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "</script>": "Browser Challenge"
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      `{"1":"One","</script>":"Browser Challenge","${cp(0x80)}":"Control${cp(0x7f)}",` +
        `"${cp(0xf6)}":"Latin Small Letter O With Diaeresis","${cp(0x20ac)}":"Euro Sign",` +
        `"${cp(0x1f602)}":"Smiley","${cp(0xfb33)}":"Hebrew Letter Dalet With Dagesh"}`,
    );
  });

  it("the reference implementation's structures, french and unicode samples", () => {
    const structures = `{"1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}`;
    expect(canonicalJson(JSON.parse(structures))).toBe(`{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`);

    const french = { sin: "ingnore locale", "pêche": "but canonicalization MUST", "péché": "is wrong according to French", peach: "This sorting order" };
    expect(canonicalJson(french)).toBe(
      `{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}`,
    );

    // No Unicode normalisation: the decomposed sequence stays as it is.
    expect(canonicalJson({ "Unnormalized Unicode": cp(0x1e0d, 0x307) })).toBe(`{"Unnormalized Unicode":"${cp(0x1e0d, 0x307)}"}`);
  });

  it("numbers named in the brief: -0, 1e21, 333333333.33333329", () => {
    expect(canonicalJson([-0, 1e21, 1e20, 333333333.33333329, 4.5, 1e-7])).toBe("[0,1e+21,100000000000000000000,333333333.3333333,4.5,1e-7]");
  });

  it("follows JSON.stringify for undefined members and elements, and toJSON", () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1] })).toBe(`{"a":[null,1]}`);
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2)) })).toBe(`{"at":"2025-01-02T00:00:00.000Z"}`);
  });

  it.each<[string, unknown]>([
    ["top-level undefined", undefined],
    ["a function", () => 1],
    ["a symbol", Symbol("x")],
    ["a bigint", 1n],
    ["a nested function", { a: { b: () => 1 } }],
    ["a function in an array", [1, () => 1]],
    ["a nested symbol", { a: Symbol("x") }],
    ["a nested bigint", { a: [1n] }],
    ["NaN", { a: Number.NaN }],
    ["Infinity", [Number.POSITIVE_INFINITY]],
    ["a lone surrogate in a value", { a: "\ud800" }],
    ["a lone surrogate in a key", { "\udc00": 1 }],
  ])("throws on %s", (_name, value) => {
    expect(() => canonicalJson(value)).toThrow();
  });

  it("throws on cycles but accepts shared (non-cyclic) references", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe(`{"a":{"x":1},"b":[{"x":1}]}`);
  });

  it("property: independent of key order, and stable through a JSON round trip", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonical);
        expect(canonicalJson(reverseKeys(value))).toBe(canonical);
        expect(canonical).not.toMatch(/\n\s/); // no insignificant whitespace
      }),
      { numRuns: 300 },
    );
  });
});

describe("sortedTopLevelJson (the OCN docs' sample form)", () => {
  it("sorts top-level keys and, like JSON.stringify with a replacer array, filters nested keys", () => {
    const config = { publicKey: "ab", endpoint: "https://x", capabilities: ["kyc.data"], extra: { endpoint: 1, hidden: 2 } };
    expect(sortedTopLevelJson(config)).toBe(`{"capabilities":["kyc.data"],"endpoint":"https://x","extra":{"endpoint":1},"publicKey":"ab"}`);
    expect(sortedTopLevelJson(config)).toBe(JSON.stringify(config, Object.keys(config).sort()));
  });

  it("differs from JCS when nested objects carry other keys", () => {
    const config = { b: { z: 1, b: 2 }, a: 1 };
    expect(sortedTopLevelJson(config)).toBe(`{"a":1,"b":{"b":2}}`);
    expect(canonicalJson(config)).toBe(`{"a":1,"b":{"b":2,"z":1}}`);
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}
