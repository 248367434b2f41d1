"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { issueMyCredential } from "@/app/(account)/account/credentials/actions";
import { IDLE, type ActionState } from "@/lib/http/action-state";

export function IssueCredentialForm({ tier }: { tier: string }) {
  const t = useTranslations("credentials");
  const [state, action, pending] = useActionState<ActionState>(issueMyCredential, IDLE);
  return (
    <form action={action} className="space-y-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("issuing") : t("issue", { tier })}
      </button>
      <p role="status" aria-live="polite" className={state.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
        {state.message ?? ""}
      </p>
    </form>
  );
}
