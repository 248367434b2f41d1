"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { deleteAccountAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage, TextField } from "@/components/kyc/fields";
import { Button } from "@/components/ui/button";

export function DeleteAccountForm() {
  const t = useTranslations("deletion");
  const [state, action, pending] = useActionState<FormState, FormData>(deleteAccountAction, IDLE);
  return (
    <form action={action} noValidate className="space-y-4">
      <TextField name="confirm" label={t("confirmLabel")} autoComplete="off" className="max-w-xs" error={state.fieldErrors?.confirm} />
      <FormMessage message={state.message} />
      <Button type="submit" variant="destructive" disabled={pending}>
        {pending ? t("deleting") : t("delete")}
      </Button>
    </form>
  );
}
