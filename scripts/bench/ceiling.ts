/**
 * The ceiling the benchmark compares Attest with: a bare node:http server
 * that does only the cryptography a signed OCN request needs — check the
 * request signature with the partner's key, sign the response, and for
 * /kyc/data also sign the body — with the same library as Attest. No
 * database, no framework. Usage: ceiling.ts <port> <partners>
 */
import { createServer } from "node:http";

import { canonicalJson } from "../../lib/ocn/canonical-json";
import { requestMessage, responseMessage } from "../../lib/ocn/messages";
import { sha256Hex, signMessage, verifyMessage } from "../../lib/ocn/secp256k1";
import { benchPartner } from "./fixtures";

const [port, partnerCount] = [Number(process.argv[2]), Number(process.argv[3])];
const providerKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
const keys = new Map(Array.from({ length: partnerCount }, (_, index) => benchPartner(index)).map((partner) => [String(partner.ocid), partner.publicKey]));

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
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
