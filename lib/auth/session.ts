import "server-only";

import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";

import { auth } from "@/lib/auth/config";
import { can, type Permission } from "@/lib/auth/roles";

export type SessionUser = Session["user"];

/** Read once per request: a layout, its page and their components all ask, and each ask is a database read. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return session?.user ?? null;
});

/** Signed-in person or a trip through sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * Staff holding `permission`, checked where the data is read or changed.
 * Everyone else learns nothing: the console does not exist for them.
 */
export async function requireStaff(permission: Permission, returnTo = "/admin"): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!can(user.role, permission)) notFound();
  return user;
}
