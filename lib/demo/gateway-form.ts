import { z } from "zod";

import { ITEMS } from "@/lib/items/items";

/**
 * The /demo gateway's form: which person and which items. Shared by the browser form and
 * the server actions, so both refuse the same input with the same words.
 */
export const demoRequestSchema = z.object({
  userOcid: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,9}$/, { error: "Enter the person's OCID: a positive whole number, like 12345" }),
  grants: z.array(z.enum(ITEMS)).min(1, { error: "Pick at least one item" }),
});
export type DemoRequest = z.infer<typeof demoRequestSchema>;

/** Holds the consent request's `state` until the callback checks it; over https only ever Secure. */
export function demoStateCookie(https: boolean): string {
  return https ? "__Secure-demo_gateway_state" : "demo_gateway_state";
}

/** The demo people of SPEC §10, so a visitor need not know their OCIDs. */
export const DEMO_PEOPLE = [
  { ocid: "12345", name: "Alice", summary: "everything verified and shared" },
  { ocid: "12346", name: "Bob", summary: "passport pending, nothing shared yet" },
  { ocid: "12347", name: "Carol", summary: "everything verified, selfie denied" },
] as const;

export type DemoCallResult = {
  kind: "validate" | "data";
  request: { method: "POST"; url: string; body: string; headers: Record<string, string> };
  status: number;
  durationMs: number;
  body: unknown;
  /** X-OC-Signature of the response checked with the provider key from /metadata.json. */
  responseSignatureValid: boolean;
  /** The /kyc/data envelope's own signature; null when there is no envelope to check. */
  dataSignatureValid: boolean | null;
  provider: { ocid: number; metadataUrl: string; publicKey: string; metadataSignatureValid: boolean };
};

export type DemoActionResult = { ok: true; result: DemoCallResult } | { ok: false; message: string; fieldErrors?: Partial<Record<keyof DemoRequest, string>> };
