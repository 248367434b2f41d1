"use client";

import { useActionState, useState } from "react";

import { createAccountAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { checkedSubmit, FieldError, FormOutcome, inputClass, primaryButton } from "@/components/admin/accounts/form-bits";
import { createAccountSchema } from "@/lib/credentials/account-schemas";

export function CreateAccountForm() {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(createAccountAction, IDLE);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...state.fieldErrors, ...local };
  return (
    <form
      action={action}
      noValidate
      onSubmit={checkedSubmit((form) => createAccountSchema.safeParse({ name: form.get("name"), partnerOcid: form.get("partnerOcid") }), setLocal)}
      className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"
    >
      <div className="space-y-1">
        <label htmlFor="account-name" className="block text-sm font-medium text-slate-800">
          Organisation name
        </label>
        <input id="account-name" name="name" required className={inputClass} aria-invalid={errors.name ? true : undefined} aria-describedby="account-name-error" />
        <FieldError id="account-name-error" message={errors.name} />
      </div>
      <div className="space-y-1">
        <label htmlFor="account-partner" className="block text-sm font-medium text-slate-800">
          Partner OCID <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input
          id="account-partner"
          name="partnerOcid"
          inputMode="numeric"
          className={inputClass}
          aria-invalid={errors.partnerOcid ? true : undefined}
          aria-describedby="account-partner-error"
        />
        <FieldError id="account-partner-error" message={errors.partnerOcid} />
      </div>
      <div className="sm:pt-6">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Creating…" : "Create account"}
        </button>
      </div>
      <div className="sm:col-span-3">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
