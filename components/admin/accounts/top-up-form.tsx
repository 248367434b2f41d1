"use client";

import { topUpAction } from "@/app/(admin)/admin/accounts/actions";
import { FormOutcome, useCheckedAction } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { topUpSchema } from "@/lib/credentials/account-schemas";

export function TopUpForm({ accountId }: { accountId: string }) {
  const { state, action, pending, errors, onSubmit } = useCheckedAction(topUpAction, (form) => topUpSchema.safeParse({ accountId, credits: form.get("credits"), note: form.get("note") ?? undefined }));
  return (
    <form action={action} noValidate onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start">
        <Field id="top-up-credits" label="Credits" error={errors.credits}>
          {(control) => <input {...control} name="credits" inputMode="numeric" required className={inputClass} />}
        </Field>
        <Field id="top-up-note" label="Note" optional="(optional, e.g. invoice number)" error={errors.note}>
          {(control) => <input {...control} name="note" maxLength={200} className={inputClass} />}
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Top up"}
          </Button>
        </div>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}
