/**
 * The ceiling the benchmark compares Attest with: a bare node:http server
 * that does only the cryptography a signed OCN request needs — check the
 * request signature with the partner's key, sign the response, and for
 * /kyc/data also sign the body — with the same library as Attest. No
 * database, no framework.
 *
 * For the Credentials API it does only the Ed25519 work, with jose and
 * node:crypto as lib/credentials does: /api/v1/issue signs a VC-JWT of the
 * same shape and size as Attest's; /api/v1/verify parses the PEM it is sent
 * and verifies the token. /api/v1/tokens answers so the load generator can
 * drive both servers with the same client; API keys and bearer tokens are
 * not checked (that is not signature work).
 * Usage: ceiling.ts <port> <partners>
 */
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";

import { jwtVerify, SignJWT } from "jose";

import { canonicalJson } from "../../lib/security/canonical-json";
import { requestMessage, responseMessage } from "../../lib/ocn/messages";
import { sha256Hex, signMessage, verifyMessage } from "../../lib/ocn/secp256k1";
import { benchPartner } from "./fixtures";

const [port, partnerCount] = [Number(process.argv[2]), Number(process.argv[3])];
const providerKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
const credentialKey = generateKeyPairSync("ed25519");
const credentialPem = credentialKey.publicKey.export({ format: "pem", type: "spki" }).toString();
const credentialKid = createHash("sha256").update(credentialPem).digest("base64url"); // 43 characters, as lib/keys.ts's kid
const issuer = `did:web:localhost%3A${port}`;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function sendJson(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(payload));
}

/** The claims lib/credentials/issue.ts signs, with the same lengths. */
async function issue(request: { full_name: string; phone_number: string; tier: string }): Promise<unknown> {
  const credentialId = randomUUID();
  const listUrl = `http://localhost:${port}/api/v1/status-lists/${randomUUID()}`;
  const index = Math.floor(Math.random() * 131_072);
  const now = Math.floor(Date.now() / 1000);
  const vc = {
    "@context": ["https://www.w3.org/2018/credentials/v1"],
    type: ["VerifiableCredential", "KYCCredential"],
    issuanceDate: new Date(now * 1000).toISOString(),
    expirationDate: new Date((now + YEAR_SECONDS) * 1000).toISOString(),
    credentialSubject: { id: `did:kyc:user:${"0".repeat(64)}`, full_name: request.full_name, tier: request.tier, phone_number: request.phone_number },
    credentialStatus: { id: `${listUrl}#${index}`, type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: String(index), statusListCredential: listUrl },
  };
  const token = await new SignJWT({ vc })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: credentialKid })
    .setSubject("500000")
    .setIssuer(issuer)
    .setNotBefore(now)
    .setIssuedAt(now)
    .setExpirationTime(now + YEAR_SECONDS)
    .setJti(`urn:uuid:${credentialId}`)
    .sign(credentialKey.privateKey);
  return { status: "issued", token, public_key: credentialPem, credential_id: credentialId };
}

async function verify(request: { token: string; public_key_pem: string }): Promise<unknown> {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: request.public_key_pem, format: "pem" });
  } catch {
    return { valid: false, error: "Invalid public key" };
  }
  try {
    const { payload } = await jwtVerify(request.token, key, { algorithms: ["EdDSA"], issuer, requiredClaims: ["jti", "nbf", "exp"] });
    return { valid: true, payload };
  } catch {
    return { valid: false, error: "Signature verification failed" };
  }
}

async function credentialsApi(url: string, body: Buffer, response: ServerResponse) {
  try {
    if (url === "/api/v1/tokens") return sendJson(response, 200, { token: "ceiling", token_type: "Bearer", expires_in: 3600 });
    if (url === "/api/v1/issue") return sendJson(response, 200, await issue(JSON.parse(body.toString("utf8"))));
    if (url === "/api/v1/verify") return sendJson(response, 200, await verify(JSON.parse(body.toString("utf8"))));
    sendJson(response, 404, { error: { code: "NOT_FOUND", message: "no such route" } });
  } catch {
    sendJson(response, 400, { error: { code: "INVALID_REQUEST", message: "bad body" } });
  }
}

const keys = new Map(Array.from({ length: partnerCount }, (_, index) => benchPartner(index)).map((partner) => [String(partner.ocid), partner.publicKey]));

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    if (request.url?.startsWith("/api/v1/")) return void credentialsApi(request.url, body, response);
    const ocid = String(request.headers["x-oc-id"] ?? "");
    const message = requestMessage({
      ocid,
      timestamp: String(request.headers["x-oc-timestamp"] ?? ""),
      nonce: String(request.headers["x-oc-nonce"] ?? ""),
      method: request.method ?? "GET",
      pathAndQuery: request.url ?? "/",
      bodySha256: sha256Hex(body),
    });
    const publicKey = keys.get(ocid);
    const valid = publicKey !== undefined && verifyMessage(message, String(request.headers["x-oc-signature"] ?? ""), publicKey);
    const status = valid ? 200 : 401;
    let payload: Record<string, unknown> = valid ? { ok: true } : { error: { code: "INVALID_SIGNATURE", message: "bad signature" } };
    if (valid && request.url === "/kyc/data") {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = { user_ocid: 1, provider: 540, requester: Number(ocid), issued_at: now, expires_at: now + 3600, data: { name: "x" } };
      payload = { ...unsigned, signature: signMessage(canonicalJson(unsigned), providerKey) };
    }
    const text = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    response.writeHead(status, {
      "Content-Type": "application/json",
      "X-OC-ID": "540",
      "X-OC-Timestamp": timestamp,
      "X-OC-Signature": signMessage(responseMessage({ ocid: 540, timestamp, status, bodySha256: sha256Hex(text) }), providerKey),
    });
    response.end(text);
  });
}).listen(port, "127.0.0.1", () => console.log(`ceiling listening on ${port}`));
