"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { deleteAccountAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage, TextField } from "@/components/kyc/fields";

export function DeleteAccountForm() {
  const t = useTranslations("deletion");
  const [state, action, pending] = useActionState<FormState, FormData>(deleteAccountAction, IDLE);
  return (
    <form action={action} noValidate className="space-y-4">
      <TextField name="confirm" label={t("confirmLabel")} autoComplete="off" className="max-w-xs" error={state.fieldErrors?.confirm} />
      <FormMessage message={state.message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-60"
      >
        {pending ? t("deleting") : t("delete")}
      </button>
    </form>
  );
}
