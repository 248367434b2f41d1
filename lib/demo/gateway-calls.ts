import "server-only";

import { DEMO_GATEWAY } from "@/lib/demo/gateway";
import type { DemoCallResult, DemoRequest } from "@/lib/demo/gateway-form";
import { absoluteUrl } from "@/lib/env";
import { ocnRequest, verifyDataSignature } from "@/lib/ocn/client";
import { metadataSchema, verifyMetadataSignature } from "@/lib/ocn/metadata";
import { providerOcid } from "@/lib/ocn/provider";

/**
 * The demo gateway (partner 300) calling Attest exactly as an outside gateway would:
 * over HTTP to PUBLIC_URL, with signed requests, trusting only the provider key it read
 * from /metadata.json and checked against the metadata's own signature.
 */
export async function discoverProvider(): Promise<DemoCallResult["provider"]> {
  const metadataUrl = absoluteUrl("/metadata.json");
  const response = await fetch(metadataUrl, { cache: "no-store", signal: AbortSignal.timeout(5_000) });
  const raw: unknown = await response.json();
  const metadata = metadataSchema.parse(raw);
  return {
    // A gateway knows the provider's OCID before it reads the metadata: it looked the metadata up by it.
    ocid: providerOcid(),
    metadataUrl,
    publicKey: metadata.config.publicKey,
    metadataSignatureValid: verifyMetadataSignature(metadata),
  };
}

/** Runs one signed call (validate or data) as partner 300 and checks every signature. */
export async function callAttestAsDemoGateway(kind: "validate" | "data", input: DemoRequest): Promise<DemoCallResult> {
  const provider = await discoverProvider();
  const path = kind === "validate" ? "/kyc/validate" : "/kyc/data";
  const body = { user_ocid: Number(input.userOcid), grants: input.grants };
  const baseUrl = absoluteUrl("/");
  let sentHeaders: Record<string, string> = {};
  // Keeps the headers exactly as signed and sent, to show them.
  const recordingFetch: typeof fetch = (url, init) => {
    sentHeaders = Object.fromEntries(new Headers(init?.headers).entries());
    return fetch(url, init);
  };
  const started = performance.now();
  const response = await ocnRequest({
    baseUrl,
    path,
    method: "POST",
    body,
    ocid: DEMO_GATEWAY.ocid,
    privateKeyHex: DEMO_GATEWAY.privateKey,
    providerPublicKey: provider.publicKey,
    providerOcid: provider.ocid,
    fetchImpl: recordingFetch,
  });
  const durationMs = Math.round(performance.now() - started);
  const envelope = kind === "data" && response.status === 200 && isEnvelope(response.json) ? response.json : null;
  return {
    kind,
    request: { method: "POST", url: `${baseUrl.replace(/\/$/, "")}${path}`, body: JSON.stringify(body), headers: sentHeaders },
    status: response.status,
    durationMs,
    body: response.json,
    responseSignatureValid: response.responseSignatureValid === true && provider.metadataSignatureValid,
    dataSignatureValid: envelope ? provider.metadataSignatureValid && verifyDataSignature(envelope, provider.publicKey) : null,
    provider,
  };
}

function isEnvelope(value: unknown): value is Record<string, unknown> & { signature: string } {
  return typeof value === "object" && value !== null && typeof (value as { signature?: unknown }).signature === "string";
}
