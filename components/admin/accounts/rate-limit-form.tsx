"use client";

import { setRateLimitAction } from "@/app/(admin)/admin/accounts/actions";
import { FormOutcome, useCheckedAction } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { rateLimitSchema } from "@/lib/credentials/account-schemas";

/** The account's requests per minute on the Credentials API, across all instances. */
export function RateLimitForm({ accountId, current }: { accountId: string; current: number }) {
  const { state, action, pending, errors, onSubmit } = useCheckedAction(setRateLimitAction, (form) => rateLimitSchema.safeParse({ accountId, rateLimitPerMinute: form.get("rateLimitPerMinute") }));
  return (
    <form action={action} noValidate onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <Field
        id="rate-limit"
        label="Requests per minute"
        error={errors.rateLimitPerMinute}
        hint="Over it, calls get 429 RATE_LIMITED with Retry-After. A change applies on every instance within 30 seconds."
      >
        {(control) => (
          <div className="flex flex-wrap items-start gap-3">
            <input {...control} name="rateLimitPerMinute" inputMode="numeric" defaultValue={current} required className={`${inputClass} max-w-48`} />
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save limit"}
            </Button>
          </div>
        )}
      </Field>
      <FormOutcome state={state} />
    </form>
  );
}
