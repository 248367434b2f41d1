"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { requestSignInLink, type SignInState } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
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
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("sending") : t("sendAgain")}
      </Button>
      {state.message ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
