import { canonicalJson } from "@/lib/security/canonical-json";
import { verifyMessage } from "@/lib/ocn/secp256k1";

/**
 * Checks a downloaded receipt the way anyone can: the signature over the JCS
 * form of every field except `signature`, against the provider's publicKey
 * from its /metadata.json.
 */
export function verifyReceipt(receipt: Record<string, unknown>, providerPublicKey: string): boolean {
  const { signature, ...body } = receipt;
  return typeof signature === "string" && verifyMessage(canonicalJson(body), signature, providerPublicKey);
}
