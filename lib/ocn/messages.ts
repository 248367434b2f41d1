/*
 * The exact byte strings OCN signs (SPEC §2). Both the provider and its partners build
 * them from these functions, so a change here is a protocol change.
 */

export const OCN_HEADERS = {
  id: "X-OC-ID",
  timestamp: "X-OC-Timestamp",
  nonce: "X-OC-Nonce",
  signature: "X-OC-Signature",
} as const;

/** Lines joined by "\n", no trailing newline. */
function joinLines(fields: readonly string[]): string {
  // A line break inside a field would let one signed message be read as another
  // (e.g. a nonce swallowing the method line). HTTP header values and request targets
  // cannot carry one, so this only ever fires on a programming error.
  for (const field of fields) {
    if (field.includes("\n") || field.includes("\r")) {
      throw new TypeError("OCN signed fields cannot contain line breaks");
    }
  }
  return fields.join("\n");
}

export function requestMessage(p: {
  ocid: string;
  timestamp: string;
  nonce: string;
  method: string;
  pathAndQuery: string;
  bodySha256: string;
}): string {
  return joinLines([p.ocid, p.timestamp, p.nonce, p.method.toUpperCase(), p.pathAndQuery, p.bodySha256]);
}

export function responseMessage(p: {
  ocid: string | number;
  timestamp: string | number;
  status: number;
  bodySha256: string;
}): string {
  return joinLines([String(p.ocid), String(p.timestamp), String(p.status), p.bodySha256]);
}
