"use client";

import { createAccountAction } from "@/app/(admin)/admin/accounts/actions";
import { FormOutcome, useCheckedAction } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { createAccountSchema } from "@/lib/credentials/account-schemas";

export function CreateAccountForm() {
  const { state, action, pending, errors, onSubmit } = useCheckedAction(createAccountAction, (form) => createAccountSchema.safeParse({ name: form.get("name"), partnerOcid: form.get("partnerOcid") }));
  return (
    <form action={action} noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
      <Field id="account-name" label="Organisation name" error={errors.name}>
        {(control) => <input {...control} name="name" required className={inputClass} />}
      </Field>
      <Field id="account-partner" label="Partner OCID" optional="(optional)" error={errors.partnerOcid}>
        {(control) => <input {...control} name="partnerOcid" inputMode="numeric" className={inputClass} />}
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </Button>
      </div>
      <div className="sm:col-span-3">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
