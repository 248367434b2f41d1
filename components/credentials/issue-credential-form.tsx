"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { issueMyCredential } from "@/app/(account)/account/credentials/actions";
import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/http/action-state";

export function IssueCredentialForm({ tier }: { tier: string }) {
  const t = useTranslations("credentials");
  const [state, action, pending] = useActionState<ActionState>(issueMyCredential, IDLE);
  return (
    <form action={action} className="space-y-2">
      <Button type="submit" disabled={pending}>
        {pending ? t("issuing") : t("issue", { tier })}
      </Button>
      <p role="status" aria-live="polite" className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
        {state.message ?? ""}
      </p>
    </form>
  );
}
