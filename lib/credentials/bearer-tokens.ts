import "server-only";

import { hkdfSync } from "node:crypto";

import { errors, jwtVerify, SignJWT } from "jose";

import { absoluteUrl } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { notePrincipal } from "@/lib/http/request-context";
import { getKeys } from "@/lib/keys";
import { remember } from "@/lib/state/remember";

/**
 * Short-lived bearer tokens for the Credentials API (SPEC §6): HS256 JWTs that
 * Attest mints for an API account or for a signed-in person and checks itself.
 * The key is derived from AUTH_SECRET for this purpose only; algorithm,
 * issuer and audience are pinned, so `alg: none`, another algorithm, a token
 * for another audience or signed with another secret are all refused.
 */
export type Principal = { kind: "account"; accountId: string } | { kind: "user"; userId: string };

export const BEARER_TOKEN_TTL_SECONDS = 3600;
const AUDIENCE = "attest:credentials-api";
const ALGORITHM = "HS256";

function signingKey(): Uint8Array {
  const { authSecret } = getKeys();
  const cache = remember("bearer-token-key", () => ({}) as { secret?: string; key?: Uint8Array });
  if (cache.secret !== authSecret || !cache.key) {
    cache.key = new Uint8Array(hkdfSync("sha256", authSecret, Buffer.alloc(0), "attest/api-bearer-tokens", 32));
    cache.secret = authSecret;
  }
  return cache.key;
}

function issuer(): string {
  return absoluteUrl("/");
}

function subjectOf(principal: Principal): string {
  return principal.kind === "account" ? `account:${principal.accountId}` : `user:${principal.userId}`;
}

export async function mintBearerToken(principal: Principal, ttlSeconds = BEARER_TOKEN_TTL_SECONDS): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = Math.min(ttlSeconds, BEARER_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(subjectOf(principal))
    .setIssuer(issuer())
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .setJti(crypto.randomUUID())
    .sign(signingKey());
  return { token, expiresIn };
}

const SUBJECT = /^(account|user):([A-Za-z0-9-]{1,64})$/;

export async function verifyBearerToken(token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: [ALGORITHM],
      issuer: issuer(),
      audience: AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
      // The lifetime is ours to cap, whatever a token claims.
      maxTokenAge: `${BEARER_TOKEN_TTL_SECONDS}s`,
    });
    const match = SUBJECT.exec(payload.sub ?? "");
    if (!match) throw new AppError("UNAUTHORIZED", "Invalid bearer token");
    return match[1] === "account" ? { kind: "account", accountId: match[2]! } : { kind: "user", userId: match[2]! };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JWTExpired) throw new AppError("UNAUTHORIZED", "The bearer token has expired; request a new one");
    throw new AppError("UNAUTHORIZED", "Invalid bearer token");
  }
}

/** The principal named by an `Authorization: Bearer …` header, or 401. */
export async function principalFromRequest(request: Request): Promise<Principal> {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
  if (!match) throw new AppError("UNAUTHORIZED", "Send a bearer token: Authorization: Bearer <token>");
  const principal = await verifyBearerToken(match[1]!);
  // The request log names API accounts only; a person is never named there.
  if (principal.kind === "account") notePrincipal({ apiAccount: principal.accountId });
  return principal;
}
