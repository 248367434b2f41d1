"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";

import { continueHereAction } from "@/app/(account)/account/handoff-actions";
import { FormMessage, SubmitButton } from "@/components/kyc/fields";
import { IDLE, type ActionState } from "@/lib/http/action-state";

/** The other device's one step: using the link is a deliberate press, so a link preview that fetches the page spends nothing. */
export function ContinueHereForm({ token }: { token: string }) {
  const t = useTranslations("handoff");
  const [state, action, pending] = useActionState<ActionState, string>((_previous, value) => continueHereAction(value), IDLE);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => action(token));
      }}
      className="space-y-3"
    >
      <FormMessage message={state.message} />
      <SubmitButton pending={pending} pendingLabel={t("signingIn")}>
        {t("continueHere")}
      </SubmitButton>
    </form>
  );
}
