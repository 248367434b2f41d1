"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { requestSignInLink, type SignInState } from "@/app/actions/auth";
import { IDLE } from "@/lib/http/action-state";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {t("emailLabel")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={state.message ? true : undefined}
          aria-describedby={state.message ? "email-error" : "email-hint"}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600"
        />
        {state.message ? (
          <p id="email-error" role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : (
          <p id="email-hint" className="text-sm text-slate-600">
            {t("emailHint")}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("sending") : t("send")}
      </button>
    </form>
  );
}
