import "server-only";

import NextAuth, { type NextAuthConfig } from "next-auth";
import type { EmailConfig } from "next-auth/providers";
import { headers } from "next/headers";

import { recordAudit } from "@/lib/audit/log";
import { createAuthAdapter, type AttestUser } from "@/lib/auth/adapter";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { clearSignInLinks, takeSignInLink } from "@/lib/auth/sign-in-limits";
import { getDb } from "@/lib/db/client";
import { absoluteUrl, getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { getKeys } from "@/lib/keys";
import { markEmailVerified } from "@/lib/items/store";
import { sendMail } from "@/lib/mail/transport";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; ocid: number; role: AttestUser["role"] };
  }
}

const LINK_LIFETIME_SECONDS = 15 * 60;
/** Where a refused link request goes; the sign-in form shows it as an error. */
export const TOO_MANY_LINKS_PATH = "/signin?error=too_many_links";

/** The client address the server set on this request; null outside one (tests calling functions directly). */
async function requestClient(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null;
  }
}

/** Email-link sign-in (SPEC §9): the link goes through Attest's own mail transport. */
const emailLink: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  from: "",
  maxAge: LINK_LIFETIME_SECONDS,
  options: {},
  async sendVerificationRequest({ identifier, url }) {
    await sendMail({
      to: identifier,
      subject: "Your Attest sign-in link",
      text: `Sign in to Attest by opening this link:\n\n${url}\n\nIt works once and expires in 15 minutes. If you did not ask for it, ignore this message.\n`,
      html: `<p>Sign in to Attest by opening this link:</p><p><a href="${url}">Sign in to Attest</a></p><p>It works once and expires in 15 minutes. If you did not ask for it, ignore this message.</p>`,
    });
  },
};

/** Auth.js takes its own URL from AUTH_URL; pin it to PUBLIC_URL, never a request's Host header. */
function pinAuthUrl(): void {
  process.env.AUTH_URL = absoluteUrl("/api/auth");
}

async function buildConfig(): Promise<NextAuthConfig> {
  pinAuthUrl();
  const db = await getDb();
  return {
    adapter: createAuthAdapter(db),
    providers: [emailLink],
    secret: getKeys().authSecret,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    trustHost: true,
    useSecureCookies: getEnv().publicUrl.protocol === "https:",
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    // Auth.js's own logging prints query parameters and addresses: keep only the kind of error.
    logger: {
      error: (error) => console.error(`[auth] ${(error as { type?: string }).type ?? "error"}`),
      warn: (code) => console.warn(`[auth] warning ${code}`),
      debug: () => {},
    },
    callbacks: {
      // Asked before a link is made: over a limit, no token and no mail, for known and unknown addresses alike.
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return true;
        return (await takeSignInLink(db, user.email ?? "", await requestClient())) ? true : TOO_MANY_LINKS_PATH;
      },
      session({ session, user }) {
        const attest = user as unknown as AttestUser;
        return { ...session, user: { id: attest.id, email: attest.email, ocid: attest.ocid, role: attest.role } };
      },
    },
    events: {
      // The link proved control of the address: that is how `email` becomes verified (SPEC §3).
      async signIn({ user }) {
        const attest = user as AttestUser;
        await clearSignInLinks(db, attest.email ?? "", await requestClient());
        await db.transaction(async (tx) => {
          await markEmailVerified(tx, attest.id, attest.email ?? "");
          await recordAudit(tx, {
            actor: { type: attest.role ? "staff" : "user", id: attest.id },
            action: attest.role ? "staff.sign_in" : "user.sign_in",
            subjectUserId: attest.id,
          });
        });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildConfig);
