import "server-only";

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { ConfigError, getEnv } from "@/lib/env";
import { forget, remember } from "@/lib/state/remember";

/**
 * The one loader for key material (SPEC §1). Each key comes from its variable;
 * outside production a missing one is generated once into $DATA_DIR/keys
 * (mode 0600) and reused; in production a missing one stops start-up.
 * Nothing here is ever logged.
 */
export type Keys = {
  ocnPrivateKey: string;
  credential: { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; kid: string };
  dataKeys: { encryption: Buffer; blindIndex: Buffer; documentUrls: Buffer; phoneCodes: Buffer };
  authSecret: string;
};

type KeySpec = { variable: string; file: string; generate: () => string };

const SPECS = {
  ocn: {
    variable: "OCN_PRIVATE_KEY",
    file: "ocn-secp256k1.key",
    generate: () => {
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "secp256k1" });
      return Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url").toString("hex");
    },
  },
  credential: {
    variable: "CREDENTIAL_SIGNING_KEY",
    file: "credential-ed25519.pem",
    generate: () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  },
  data: { variable: "DATA_ENCRYPTION_KEY", file: "data-encryption.key", generate: () => randomBytes(32).toString("base64") },
  auth: { variable: "AUTH_SECRET", file: "auth-secret", generate: () => randomBytes(32).toString("base64url") },
} satisfies Record<string, KeySpec>;

/**
 * A fresh set of every key, as the variables that carry them: what `npm run keys` prints for
 * operators, and what a deployment of several instances gives each of them.
 */
export function generateKeySet(): { OCN_PRIVATE_KEY: string; CREDENTIAL_SIGNING_KEY: string; DATA_ENCRYPTION_KEY: string; AUTH_SECRET: string } {
  return {
    OCN_PRIVATE_KEY: SPECS.ocn.generate(),
    CREDENTIAL_SIGNING_KEY: SPECS.credential.generate(),
    DATA_ENCRYPTION_KEY: SPECS.data.generate(),
    AUTH_SECRET: SPECS.auth.generate(),
  };
}

function resolve(spec: KeySpec, configured: string | undefined): string {
  if (configured) return configured;
  const env = getEnv();
  if (env.production) throw new ConfigError(spec.variable, "is required in production");
  // Instances sharing a database must sign and encrypt with the same keys: one generated
  // into each instance's own DATA_DIR would make every other instance's data unreadable.
  if (env.databaseUrl) throw new ConfigError(spec.variable, "is required with DATABASE_URL, the same for every instance (npm run keys prints a set)");
  const dir = path.join(env.dataDir, "keys");
  const file = path.join(dir, spec.file);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      // "wx": if another process generated it first, keep theirs.
      writeFileSync(file, spec.generate(), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}

/** A PEM given inline, or a path to a file holding one. */
function readPem(value: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  try {
    return readFileSync(value, "utf8");
  } catch {
    throw new ConfigError("CREDENTIAL_SIGNING_KEY", "is neither a PEM nor a readable file holding one");
  }
}

/** RFC 7638 thumbprint of an Ed25519 public key, used as the JWS `kid`. */
export function ed25519Kid(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: "jwk" });
  return createHash("sha256").update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x })).digest("base64url");
}

function loadCredentialKey(value: string): Keys["credential"] {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readPem(value));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError("CREDENTIAL_SIGNING_KEY", "is not a valid PKCS#8 PEM private key");
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new ConfigError("CREDENTIAL_SIGNING_KEY", "must be an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
  return { privateKey, publicKey, publicKeyPem, kid: ed25519Kid(publicKey) };
}

/** Separate keys per purpose, so a leak or misuse of one cannot forge another. */
function deriveDataKeys(base64: string): Keys["dataKeys"] {
  const master = Buffer.from(base64, "base64");
  if (master.length !== 32) throw new ConfigError("DATA_ENCRYPTION_KEY", "must be 32 bytes, base64-encoded");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `attest/${info}`, 32));
  return {
    encryption: derive("aes-256-gcm"),
    blindIndex: derive("blind-index"),
    documentUrls: derive("document-urls"),
    phoneCodes: derive("phone-codes"),
  };
}

export function getKeys(): Keys {
  return remember("keys", loadKeys);
}

function loadKeys(): Keys {
  const env = getEnv();
  const ocnPrivateKey = resolve(SPECS.ocn, env.ocnPrivateKey).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(ocnPrivateKey)) throw new ConfigError("OCN_PRIVATE_KEY", "must be 64 hex characters");
  return {
    ocnPrivateKey,
    credential: loadCredentialKey(resolve(SPECS.credential, env.credentialSigningKey)),
    dataKeys: deriveDataKeys(resolve(SPECS.data, env.dataEncryptionKey)),
    authSecret: resolve(SPECS.auth, env.authSecret),
  };
}

export function resetKeysForTests(): void {
  forget("keys");
}
