import path from "node:path";
import { z } from "zod";

import { forget, remember } from "@/lib/state/remember";

/**
 * Configuration, validated once (SPEC §1). Everything else reads `getEnv()`,
 * never `process.env`, so a bad value is found at start-up, not mid-request.
 */

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const flag = z.preprocess(emptyAsUndefined, z.enum(["0", "1"]).optional());

const rawSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  ATTEST_ENV: z.preprocess(emptyAsUndefined, z.enum(["production", "development", "test"]).optional()),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "must be a port number" }).int("must be a port number").min(1).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default("0.0.0.0")),
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .refine((value) => !new URL(value).search && !new URL(value).hash, "must not have a query or fragment")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./.data")),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  OCN_OCID: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "must be a positive integer" }).int("must be a positive integer").positive("must be a positive integer").optional()),
  OCN_PRIVATE_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters")
      .optional(),
  ),
  OCN_INDEX_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  CREDENTIAL_SIGNING_KEY: optionalString,
  CREDENTIAL_ISSUER: z.preprocess(emptyAsUndefined, z.string().startsWith("did:", "must be a DID").optional()),
  DATA_ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded")
      .optional(),
  ),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional()),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default("Attest <no-reply@attest.local>")),
  SEED_DEMO: flag,
  SANCTIONS_LIST: optionalString,
  TRUST_PROXY: flag,
  DEV_MAILBOX: flag,
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "must be at least 16 characters").optional()),
  DOCUMENT_URL_TTL_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: "must be a number of seconds" }).int().min(1).max(3600, "must be at most 3600").default(600),
  ),
  REVIEW_SLA_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: "must be a number of hours" }).positive("must be a positive number of hours").max(8760).default(24)),
});

export type Env = {
  production: boolean;
  port: number;
  host: string;
  publicUrl: URL;
  dataDir: string;
  databaseUrl: string | undefined;
  ocid: number | undefined;
  ocnPrivateKey: string | undefined;
  ocnIndexUrl: string | undefined;
  credentialSigningKey: string | undefined;
  credentialIssuer: string;
  dataEncryptionKey: string | undefined;
  authSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  seedDemo: boolean;
  sanctionsList: string | undefined;
  documentUrlTtlSeconds: number;
  /** How long a pending item may wait for review before the console shows it overdue. */
  reviewSlaHours: number;
  /** Read X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them. */
  trustProxy: boolean;
  /** Serve /dev/mailbox to clients that are not on loopback (never in production). */
  devMailboxForAll: boolean;
  /** The bearer token /metrics asks for; unset, /metrics answers loopback clients only. */
  metricsToken: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** Parse an environment; throws ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = rawSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
  }
  const raw = result.data;
  const production = raw.NODE_ENV === "production" && raw.ATTEST_ENV === "production";
  const publicUrl = new URL(raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`);
  const ocid = raw.OCN_OCID ?? (production ? undefined : 540);
  if (production && ocid === undefined) throw new ConfigError("OCN_OCID", "is required in production");

  return {
    production,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    ocid,
    ocnPrivateKey: raw.OCN_PRIVATE_KEY?.toLowerCase(),
    ocnIndexUrl: raw.OCN_INDEX_URL,
    credentialSigningKey: raw.CREDENTIAL_SIGNING_KEY,
    credentialIssuer: raw.CREDENTIAL_ISSUER ?? `did:web:${encodeURIComponent(publicUrl.host)}`,
    dataEncryptionKey: raw.DATA_ENCRYPTION_KEY,
    authSecret: raw.AUTH_SECRET,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    seedDemo: raw.SEED_DEMO === undefined ? !production : raw.SEED_DEMO === "1",
    sanctionsList: raw.SANCTIONS_LIST,
    documentUrlTtlSeconds: raw.DOCUMENT_URL_TTL_SECONDS,
    reviewSlaHours: raw.REVIEW_SLA_HOURS,
    trustProxy: raw.TRUST_PROXY === "1",
    devMailboxForAll: raw.DEV_MAILBOX === "1",
    metricsToken: raw.METRICS_TOKEN,
  };
}

export function getEnv(): Env {
  return remember("env", () => parseEnv(process.env));
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  forget("env");
}

/** The OCN endpoint paths sit under PUBLIC_URL's own path, if it has one. */
export function publicPath(pathname: string): string {
  const base = getEnv().publicUrl.pathname.replace(/\/$/, "");
  return `${base}${pathname}`;
}

export function absoluteUrl(pathname: string): string {
  return new URL(publicPath(pathname), getEnv().publicUrl).toString();
}
