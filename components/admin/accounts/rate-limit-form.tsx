"use client";

import { useActionState, useState } from "react";

import { setRateLimitAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { checkedSubmit, FieldError, FormOutcome, inputClass, primaryButton } from "@/components/admin/accounts/form-bits";
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
      <div className="grid gap-3 sm:grid-cols-[12rem_auto] sm:items-start">
        <div className="space-y-1">
          <label htmlFor="rate-limit" className="block text-sm font-medium text-slate-800">
            Requests per minute
          </label>
          <input
            id="rate-limit"
            name="rateLimitPerMinute"
            inputMode="numeric"
            defaultValue={current}
            required
            className={inputClass}
            aria-invalid={errors.rateLimitPerMinute ? true : undefined}
            aria-describedby="rate-limit-error rate-limit-help"
          />
          <FieldError id="rate-limit-error" message={errors.rateLimitPerMinute} />
        </div>
        <div className="sm:pt-6">
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "Saving…" : "Save limit"}
          </button>
        </div>
      </div>
      <p id="rate-limit-help" className="text-xs text-slate-500">
        Over it, calls get 429 RATE_LIMITED with Retry-After. A change applies on every instance within 30 seconds.
      </p>
      <FormOutcome state={state} />
    </form>
  );
}
