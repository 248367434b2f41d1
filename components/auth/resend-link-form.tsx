"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { requestSignInLink, type SignInState } from "@/app/actions/auth";
import { IDLE } from "@/lib/http/action-state";

/** The same sign-in again, for the same address and return path: a new link arrives. */
export function ResendLinkForm({ email, callbackUrl }: { email: string; callbackUrl: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, IDLE);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="again" value="1" />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
      >
        {pending ? t("sending") : t("sendAgain")}
      </button>
      {state.message ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
