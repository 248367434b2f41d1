"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/http/action-state";

/** Revoke with a confirmation; used by the person (their own credential) and by staff, each with their own server action. */
export function RevokeCredentialForm({
  credentialId,
  action: revoke,
  warning,
}: {
  credentialId: string;
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  warning: string;
}) {
  const t = useTranslations("credentials");
  const [state, action, pending] = useActionState<ActionState, FormData>(revoke, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(t("confirmRevoke", { warning }))) event.preventDefault();
      }}
      className="inline-flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="credentialId" value={credentialId} />
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        {pending ? t("revoking") : <>{t("revoke")}<span className="sr-only">{t("revokeHidden", { id: credentialId })}</span></>}
      </Button>
      {!state.ok && state.message ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
