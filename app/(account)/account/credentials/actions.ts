"use server";

import { revalidatePath } from "next/cache";

import { requireUser } from "@/lib/auth/session";
import { idSchema } from "@/lib/credentials/account-schemas";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { revokeOwnCredential } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";
import { AppError, logUnexpected } from "@/lib/http/errors";

export type CredentialActionState = { error?: string; message?: string };

const PATH = "/account/credentials";

function failure(error: unknown): CredentialActionState {
  if (error instanceof AppError) return { error: error.message };
  logUnexpected(error);
  return { error: "Something went wrong on our side. Please try again." };
}

export async function issueMyCredential(): Promise<CredentialActionState> {
  const user = await requireUser(PATH);
  try {
    const issued = await issueOwnCredential(await getDb(), user.id);
    revalidatePath(PATH);
    return { message: `Your ${issued.tier} credential is ready.` };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeMyCredential(_previous: CredentialActionState, form: FormData): Promise<CredentialActionState> {
  const user = await requireUser(PATH);
  const parsed = idSchema.safeParse({ id: form.get("credentialId") });
  if (!parsed.success) return { error: "That credential could not be found." };
  try {
    await revokeOwnCredential(await getDb(), user.id, parsed.data.id);
    revalidatePath(PATH);
    return { message: "The credential is revoked. Anyone who checks it now sees it as revoked." };
  } catch (error) {
    return failure(error);
  }
}
