"use client";

import { useActionState, useState } from "react";

import { topUpAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { checkedSubmit, FieldError, FormOutcome, inputClass, primaryButton } from "@/components/admin/accounts/form-bits";
import { topUpSchema } from "@/lib/credentials/account-schemas";

export function TopUpForm({ accountId }: { accountId: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(topUpAction, IDLE);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...state.fieldErrors, ...local };
  return (
    <form
      action={action}
      noValidate
      onSubmit={checkedSubmit((form) => topUpSchema.safeParse({ accountId, credits: form.get("credits"), note: form.get("note") ?? undefined }), setLocal)}
      className="space-y-3"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
        <div className="space-y-1">
          <label htmlFor="top-up-credits" className="block text-sm font-medium text-slate-800">
            Credits
          </label>
          <input id="top-up-credits" name="credits" inputMode="numeric" required className={inputClass} aria-invalid={errors.credits ? true : undefined} aria-describedby="top-up-credits-error" />
          <FieldError id="top-up-credits-error" message={errors.credits} />
        </div>
        <div className="space-y-1">
          <label htmlFor="top-up-note" className="block text-sm font-medium text-slate-800">
            Note <span className="font-normal text-slate-500">(optional, e.g. invoice number)</span>
          </label>
          <input id="top-up-note" name="note" maxLength={200} className={inputClass} aria-describedby="top-up-note-error" />
          <FieldError id="top-up-note-error" message={errors.note} />
        </div>
        <div className="sm:pt-6">
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "Adding…" : "Top up"}
          </button>
        </div>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}
