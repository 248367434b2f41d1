"use server";

import { randomBytes } from "node:crypto";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { publicAction } from "@/lib/auth/action";
import { callAttestAsDemoGateway } from "@/lib/demo/gateway-calls";
import { DEMO_GATEWAY } from "@/lib/demo/gateway";
import { demoRequestSchema, demoStateCookie, type DemoActionResult, type DemoRequest } from "@/lib/demo/gateway-form";
import { absoluteUrl, publicPath } from "@/lib/env";
import { fieldErrorsOf } from "@/lib/http/action-state";
import { logUnexpected } from "@/lib/http/errors";

/*
 * The demo gateway's actions. They act as partner 300, whose key is public: anyone may
 * run them, and they can only see what the demo partner itself may see.
 */
function parse(input: unknown): { ok: true; data: DemoRequest } | Extract<DemoActionResult, { ok: false }> {
  const parsed = demoRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, message: "Check the form.", fieldErrors: fieldErrorsOf(parsed.error) };
}

async function run(kind: "validate" | "data", input: unknown): Promise<DemoActionResult> {
  const parsed = parse(input);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, result: await callAttestAsDemoGateway(kind, parsed.data) };
  } catch (error) {
    logUnexpected(error);
    return { ok: false, message: "The gateway could not reach Attest over HTTP. Is PUBLIC_URL reachable from the server?" };
  }
}

export const checkStatusAction = publicAction("demo validate", (input: unknown) => run("validate", input));

export const fetchDataAction = publicAction("demo data", (input: unknown) => run("data", input));

/** Starts the consent flow: a fresh state remembered in an httpOnly cookie, then off to /kyc/grant/300. */
export const askConsentAction = publicAction("demo consent", async (input: unknown): Promise<DemoActionResult> => {
  const parsed = parse(input);
  if (!parsed.ok) return parsed;
  const state = randomBytes(16).toString("base64url");
  const https = absoluteUrl("/").startsWith("https:");
  (await cookies()).set(demoStateCookie(https), state, {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: publicPath("/demo"),
    maxAge: 15 * 60,
  });
  const params = new URLSearchParams({
    grants: parsed.data.grants.join(","),
    user_ocid: parsed.data.userOcid,
    callback_url: absoluteUrl("/demo/callback"),
    state,
  });
  redirect(`${publicPath(`/kyc/grant/${DEMO_GATEWAY.ocid}`)}?${params}`);
});
