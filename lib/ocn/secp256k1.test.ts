import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from "node:crypto";

import fc from "fast-check";
import * as ecc from "tiny-secp256k1";
import { describe, expect, it } from "vitest";

import {
  generatePrivateKey,
  isValidPrivateKey,
  parsePublicKey,
  publicKeyFromPrivate,
  sha256Hex,
  signMessage,
  verifyMessage,
} from "./secp256k1";

// SPEC §10: the demo gateway's key pair (demo only).
const DEMO_PRIVATE_KEY = "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092";
const DEMO_PUBLIC_KEY =
  "bce882bf0f576094f6104e093e882498d7400be1d726e08372c7ca1ded8329fba5ecb7efe304fa99aacbe520f31b9866d38347781dcce847f6c3d900cec473a7";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const hex64 = (value: bigint) => value.toString(16).padStart(64, "0");

/** SubjectPublicKeyInfo for an uncompressed secp256k1 point: id-ecPublicKey, secp256k1, BIT STRING. */
function spkiDer(publicKey128: string): Buffer {
  return Buffer.from(`3056301006072a8648ce3d020106052b8104000a03420004${publicKey128}`, "hex");
}

function nodeVerifies(message: string, signatureHex: string, publicKey128: string): boolean {
  return nodeVerify(
    "sha256",
    Buffer.from(message, "utf8"),
    { key: spkiDer(publicKey128), format: "der", type: "spki", dsaEncoding: "ieee-p1363" },
    Buffer.from(signatureHex.slice(0, 128), "hex"),
  );
}

function compressed(publicKey128: string): string {
  return Buffer.from(ecc.pointCompress(Buffer.from(`04${publicKey128}`, "hex"), true)).toString("hex");
}

/** The same signature with s replaced by n − s: equally valid ECDSA, but high-S. */
function toHighS(signatureHex: string): string {
  const s = BigInt(`0x${signatureHex.slice(64, 128)}`);
  return signatureHex.slice(0, 64) + hex64(N - s) + signatureHex.slice(128);
}

describe("sha256Hex", () => {
  it("hashes strings as UTF-8 and bytes as they are", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("é€")).toBe(sha256Hex(new TextEncoder().encode("é€")));
    expect(sha256Hex("é€")).not.toBe(sha256Hex(Buffer.from("é€", "latin1")));
  });
});

describe("keys", () => {
  it("derives the demo gateway's published public key (known answer)", () => {
    expect(publicKeyFromPrivate(DEMO_PRIVATE_KEY)).toBe(DEMO_PUBLIC_KEY);
    expect(publicKeyFromPrivate(DEMO_PRIVATE_KEY.toUpperCase())).toBe(DEMO_PUBLIC_KEY);
  });

  it("agrees with Node's own secp256k1 key derivation", () => {
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "secp256k1" });
      const jwk = privateKey.export({ format: "jwk" });
      const d = Buffer.from(jwk.d!, "base64url").toString("hex");
      const xy = Buffer.from(jwk.x!, "base64url").toString("hex") + Buffer.from(jwk.y!, "base64url").toString("hex");
      expect(publicKeyFromPrivate(d)).toBe(xy);
      expect(publicKey.export({ format: "der", type: "spki" }).toString("hex")).toBe(spkiDer(xy).toString("hex"));
    }
  });

  it("generates valid, distinct private keys", () => {
    const keys = new Set(Array.from({ length: 20 }, generatePrivateKey));
    expect(keys.size).toBe(20);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(isValidPrivateKey(key)).toBe(true);
    }
  });

  it.each<[string, unknown, boolean]>([
    ["the demo key", DEMO_PRIVATE_KEY, true],
    ["upper case", DEMO_PRIVATE_KEY.toUpperCase(), true],
    ["1", hex64(1n), true],
    ["n − 1", hex64(N - 1n), true],
    ["0", hex64(0n), false],
    ["n", hex64(N), false],
    ["n + 1", hex64(N + 1n), false],
    ["2^256 − 1", "f".repeat(64), false],
    ["63 hex", DEMO_PRIVATE_KEY.slice(1), false],
    ["65 hex", `${DEMO_PRIVATE_KEY}0`, false],
    ["non-hex", `${DEMO_PRIVATE_KEY.slice(1)}g`, false],
    ["0x prefix", `0x${DEMO_PRIVATE_KEY.slice(2)}`, false],
    ["empty", "", false],
    ["a number", 42, false],
  ])("isValidPrivateKey(%s) is %s", (_name, key, valid) => {
    expect(isValidPrivateKey(key as string)).toBe(valid);
  });

  it("refuses to sign or derive with an invalid private key", () => {
    expect(() => signMessage("x", hex64(0n))).toThrow();
    expect(() => signMessage("x", "zz")).toThrow();
    expect(() => publicKeyFromPrivate(hex64(N))).toThrow();
  });

  it("parses the three public key encodings to the same uncompressed point", () => {
    const expected = `04${DEMO_PUBLIC_KEY}`;
    for (const form of [DEMO_PUBLIC_KEY, `04${DEMO_PUBLIC_KEY}`, compressed(DEMO_PUBLIC_KEY), DEMO_PUBLIC_KEY.toUpperCase(), compressed(DEMO_PUBLIC_KEY).toUpperCase()]) {
      expect(Buffer.from(parsePublicKey(form)!).toString("hex")).toBe(expected);
    }
  });

  it("hands out copies, so a caller cannot corrupt the cache", () => {
    const first = parsePublicKey(DEMO_PUBLIC_KEY)!;
    first.fill(0);
    expect(Buffer.from(parsePublicKey(DEMO_PUBLIC_KEY)!).toString("hex")).toBe(`04${DEMO_PUBLIC_KEY}`);
  });

  it.each<[string, unknown]>([
    ["empty", ""],
    ["127 hex", DEMO_PUBLIC_KEY.slice(1)],
    ["130 hex with 05 prefix", `05${DEMO_PUBLIC_KEY}`],
    ["130 hex hybrid (06/07) prefix", `07${DEMO_PUBLIC_KEY}`],
    ["66 hex with 04 prefix", `04${DEMO_PUBLIC_KEY.slice(0, 64)}`],
    ["x‖y not on the curve", `${DEMO_PUBLIC_KEY.slice(0, 127)}${DEMO_PUBLIC_KEY.endsWith("7") ? "8" : "7"}`],
    ["x ≥ p (compressed)", `02${"f".repeat(64)}`],
    ["all zeros", "0".repeat(128)],
    ["non-hex", `${DEMO_PUBLIC_KEY.slice(0, 127)}x`],
    ["whitespace", ` ${DEMO_PUBLIC_KEY}`],
    ["a number", 7],
    ["null", null],
  ])("parsePublicKey rejects %s", (_name, key) => {
    expect(parsePublicKey(key as string)).toBeNull();
  });
});

describe("signMessage", () => {
  it("emits 130 lowercase hex r‖s‖v with v = 1b/1c and low S", () => {
    for (let i = 0; i < 50; i++) {
      const signature = signMessage(`message ${i}`, DEMO_PRIVATE_KEY);
      expect(signature).toMatch(/^[0-9a-f]{128}1[bc]$/);
      expect(BigInt(`0x${signature.slice(64, 128)}`) <= N / 2n).toBe(true);
    }
  });

  it("sets v to 27 + the recovery id of the signing key", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const message = `recover ${i}`;
      const signature = signMessage(message, DEMO_PRIVATE_KEY);
      const v = parseInt(signature.slice(128), 16) - 27;
      seen.add(signature.slice(128));
      const recovered = ecc.recover(Buffer.from(sha256Hex(message), "hex"), Buffer.from(signature.slice(0, 128), "hex"), v as 0 | 1, false);
      expect(Buffer.from(recovered!).toString("hex")).toBe(`04${DEMO_PUBLIC_KEY}`);
    }
    expect(seen).toEqual(new Set(["1b", "1c"])); // 20 coin flips: both parities occur
  });

  it("is deterministic (RFC 6979) and signs the SHA-256 of the UTF-8 message, with no Ethereum prefix", () => {
    const message = "300\n1763800000\nn-1\nPOST\n/kyc/data\n" + sha256Hex("{}");
    const signature = signMessage(message, DEMO_PRIVATE_KEY);
    expect(signMessage(message, DEMO_PRIVATE_KEY)).toBe(signature);
    expect(signMessage(new TextEncoder().encode(message), DEMO_PRIVATE_KEY)).toBe(signature);
    expect(nodeVerifies(message, signature, DEMO_PUBLIC_KEY)).toBe(true);
    expect(nodeVerifies(`\x19Ethereum Signed Message:\n${message.length}${message}`, signature, DEMO_PUBLIC_KEY)).toBe(false);
  });
});

describe("verifyMessage", () => {
  const message = "hello OCN ✓";
  const signature = signMessage(message, DEMO_PRIVATE_KEY);

  it("round-trips for random keys and messages, and Node's crypto agrees", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (text, seed) => {
        const key = Buffer.from(seed).toString("hex");
        fc.pre(isValidPrivateKey(key));
        const publicKey = publicKeyFromPrivate(key);
        const sig = signMessage(text, key);
        expect(verifyMessage(text, sig, publicKey)).toBe(true);
        expect(nodeVerifies(text, sig, publicKey)).toBe(true);
        expect(verifyMessage(`${text}.`, sig, publicKey)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("accepts a signature made by Node's crypto (OpenSSL), high-S or not", () => {
    let highS = 0;
    for (let i = 0; i < 40; i++) {
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "secp256k1" });
      const jwk = privateKey.export({ format: "jwk" });
      const publicKey = Buffer.from(jwk.x!, "base64url").toString("hex") + Buffer.from(jwk.y!, "base64url").toString("hex");
      const text = `node ${i}`;
      const raw = nodeSign("sha256", Buffer.from(text), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("hex");
      if (BigInt(`0x${raw.slice(64)}`) > N / 2n) highS++;
      expect(verifyMessage(text, raw, publicKey)).toBe(true);
      expect(verifyMessage(text, `${raw}1b`, compressed(publicKey))).toBe(true);
      expect(verifyMessage(`${text}!`, raw, publicKey)).toBe(false);
    }
    expect(highS).toBeGreaterThan(0); // OpenSSL does not normalise S, so some were high-S
  });

  it("uses Node's key objects for the cross-check correctly (sanity)", () => {
    const key = createPrivateKey({ key: Buffer.from(`30740201010420${DEMO_PRIVATE_KEY}a00706052b8104000aa144034200${"04" + DEMO_PUBLIC_KEY}`, "hex"), format: "der", type: "sec1" });
    expect(createPublicKey(key).export({ format: "der", type: "spki" }).toString("hex")).toBe(spkiDer(DEMO_PUBLIC_KEY).toString("hex"));
  });

  it.each<[string, string, string]>([
    ["r‖s‖v, 128-hex key", signature, DEMO_PUBLIC_KEY],
    ["r‖s (128 hex)", signature.slice(0, 128), DEMO_PUBLIC_KEY],
    ["upper-case signature", signature.toUpperCase(), DEMO_PUBLIC_KEY],
    ["upper-case key", signature, DEMO_PUBLIC_KEY.toUpperCase()],
    ["130-hex key (04 prefix)", signature, `04${DEMO_PUBLIC_KEY}`],
    ["66-hex compressed key", signature, compressed(DEMO_PUBLIC_KEY)],
    ["high-S", toHighS(signature), DEMO_PUBLIC_KEY],
    ["high-S without v", toHighS(signature).slice(0, 128), compressed(DEMO_PUBLIC_KEY)],
    ["v as bare recovery id 00", `${signature.slice(0, 128)}00`, DEMO_PUBLIC_KEY],
    ["v as bare recovery id 01", `${signature.slice(0, 128)}01`, DEMO_PUBLIC_KEY],
  ])("accepts %s", (_name, sig, key) => {
    expect(verifyMessage(message, sig, key)).toBe(true);
  });

  const r = signature.slice(0, 64);
  const s = signature.slice(64, 128);
  const flip = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === "0" ? "1" : "0") + hex.slice(at + 1);
  const otherKey = publicKeyFromPrivate(hex64(12345n));

  it.each<[string, unknown, unknown, unknown]>([
    ["another message", "hello OCN", signature, DEMO_PUBLIC_KEY],
    ["another key", message, signature, otherKey],
    ["a flipped bit in r", message, flip(signature, 10), DEMO_PUBLIC_KEY],
    ["a flipped bit in s", message, flip(signature, 100), DEMO_PUBLIC_KEY],
    ["r = 0", message, `${"0".repeat(64)}${s}`, DEMO_PUBLIC_KEY],
    ["s = 0", message, `${r}${"0".repeat(64)}`, DEMO_PUBLIC_KEY],
    ["r = n", message, `${hex64(N)}${s}`, DEMO_PUBLIC_KEY],
    ["s = n", message, `${r}${hex64(N)}`, DEMO_PUBLIC_KEY],
    ["r, s = 2^256 − 1", message, "f".repeat(128), DEMO_PUBLIC_KEY],
    ["v = ff", message, `${r}${s}ff`, DEMO_PUBLIC_KEY],
    ["129 hex", message, `${signature.slice(0, 129)}`, DEMO_PUBLIC_KEY],
    ["132 hex", message, `${signature}00`, DEMO_PUBLIC_KEY],
    ["0x prefix", message, `0x${signature}`, DEMO_PUBLIC_KEY],
    ["non-hex", message, `${signature.slice(0, 129)}z`, DEMO_PUBLIC_KEY],
    ["DER encoding", message, `3044022${"0".repeat(130)}`, DEMO_PUBLIC_KEY],
    ["empty signature", message, "", DEMO_PUBLIC_KEY],
    ["key not on the curve", message, signature, "0".repeat(128)],
    ["key with 05 prefix", message, signature, `05${DEMO_PUBLIC_KEY}`],
    ["truncated key", message, signature, DEMO_PUBLIC_KEY.slice(0, 126)],
    ["undefined signature", message, undefined, DEMO_PUBLIC_KEY],
    ["null key", message, signature, null],
    ["numeric message", 42, signature, DEMO_PUBLIC_KEY],
    ["object signature", message, { toString: () => signature }, DEMO_PUBLIC_KEY],
  ])("rejects %s", (_name, msg, sig, key) => {
    expect(verifyMessage(msg as string, sig as string, key as string)).toBe(false);
  });

  it("property: arbitrary strings for signature and key return false and never throw", () => {
    const hexChar = fc.constantFrom(..."0123456789abcdefABCDEF");
    const hexOf = (length: number) => fc.string({ unit: hexChar, minLength: length, maxLength: length });
    const anySignature = fc.oneof(fc.string(), fc.string({ unit: "binary" }), hexOf(128), hexOf(130), fc.constant(signature));
    const anyKey = fc.oneof(fc.string(), fc.string({ unit: "binary" }), hexOf(128), hexOf(130), hexOf(66), fc.constant(`02${"f".repeat(64)}`));
    fc.assert(
      fc.property(fc.string(), anySignature, anyKey, (msg, sig, key) => {
        const valid = sig === signature && msg === message && key.toLowerCase() === DEMO_PUBLIC_KEY;
        expect(verifyMessage(msg, sig, key)).toBe(valid);
        parsePublicKey(key); // must not throw either
      }),
      { numRuns: 2000 },
    );
  });
});
