"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { requestSignInLink, type SignInState } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { IDLE } from "@/lib/http/action-state";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field id="email" label={t("emailLabel")} hint={t("emailHint")} error={state.message}>
        {(control) => <input {...control} name="email" type="email" autoComplete="email" required defaultValue={state.email} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("sending") : t("send")}
      </Button>
    </form>
  );
}
