"use client";

import { useActionState, useState } from "react";

import { setRateLimitAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { checkedSubmit, FormOutcome } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { rateLimitSchema } from "@/lib/credentials/account-schemas";

/** The account's requests per minute on the Credentials API, across all instances. */
export function RateLimitForm({ accountId, current }: { accountId: string; current: number }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(setRateLimitAction, IDLE);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...state.fieldErrors, ...local };
  return (
    <form
      action={action}
      noValidate
      onSubmit={checkedSubmit((form) => rateLimitSchema.safeParse({ accountId, rateLimitPerMinute: form.get("rateLimitPerMinute") }), setLocal)}
      className="space-y-3"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,28rem)_auto] sm:items-start">
        <Field
          id="rate-limit"
          label="Requests per minute"
          error={errors.rateLimitPerMinute}
          hint="Over it, calls get 429 RATE_LIMITED with Retry-After. A change applies on every instance within 30 seconds."
        >
          {(control) => <input {...control} name="rateLimitPerMinute" inputMode="numeric" defaultValue={current} required className={`${inputClass} sm:w-48`} />}
        </Field>
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save limit"}
          </Button>
        </div>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}
