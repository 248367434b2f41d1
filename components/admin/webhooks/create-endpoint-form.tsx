"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";

import { createEndpointAction, type WebhookFormState } from "@/app/(admin)/admin/webhooks/actions";
import { IDLE } from "@/lib/http/action-state";
import { FieldError, FormOutcome, inputClass, OneTimeSecret, primaryButton } from "@/components/admin/accounts/form-bits";
import { ACCOUNT_EVENTS, PARTNER_EVENTS } from "@/lib/events/types";

type Owners = { partners: { ocid: number; name: string }[]; accounts: { id: string; name: string }[] };

/** A new endpoint for a partner (OCN-signed deliveries) or an API account (Standard Webhooks, with a secret shown once). */
export function CreateEndpointForm({ owners }: { owners: Owners }) {
  const [state, action, pending] = useActionState<WebhookFormState, FormData>(createEndpointAction, IDLE);
  const [kind, setKind] = useState<"partner" | "account">("partner");
  const events = kind === "partner" ? PARTNER_EVENTS : ACCOUNT_EVENTS;
  const errors = state.fieldErrors ?? {};
  const select = `${inputClass} max-w-md`;
  return (
    <form
      noValidate
      className="space-y-4"
      // Dispatched by hand, not through the form's action, so a refused form keeps what was typed.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">For</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["partner", "account"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="ownerKind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {value === "partner" ? "A partner (OCN)" : "An API account"}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="webhook-owner" className="block text-sm font-medium text-slate-800">
          {kind === "partner" ? "Partner" : "API account"}
        </label>
        {kind === "partner" ? (
          <select id="webhook-owner" name="partnerOcid" className={select} aria-describedby="webhook-owner-error" aria-invalid={errors.owner ? true : undefined}>
            {owners.partners.map((partner) => (
              <option key={partner.ocid} value={partner.ocid}>
                {partner.name} ({partner.ocid})
              </option>
            ))}
          </select>
        ) : (
          <select id="webhook-owner" name="accountId" className={select} aria-describedby="webhook-owner-error" aria-invalid={errors.owner ? true : undefined}>
            {owners.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        )}
        <FieldError id="webhook-owner-error" message={errors.owner} />
      </div>
      <div className="space-y-1">
        <label htmlFor="webhook-url" className="block text-sm font-medium text-slate-800">
          URL
        </label>
        <input id="webhook-url" name="url" type="url" required placeholder="https://gateway.example/attest/webhooks" className={`${inputClass} max-w-xl`} aria-invalid={errors.url ? true : undefined} aria-describedby="webhook-url-error" />
        <FieldError id="webhook-url-error" message={errors.url} />
      </div>
      <fieldset className="space-y-2" aria-describedby="webhook-events-error">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {events.map((type) => (
            <label key={type} className="flex items-center gap-2 font-mono">
              <input type="checkbox" name="eventTypes" value={type} defaultChecked />
              {type}
            </label>
          ))}
        </div>
        <FieldError id="webhook-events-error" message={errors.eventTypes} />
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Creating…" : "Create endpoint"}
      </button>
      <FormOutcome state={state} />
      <OneTimeSecret secret={state.secret} label="Signing secret" />
      {state.endpointId ? (
        <Link href={`/admin/webhooks/${state.endpointId}`} className="text-sm font-medium text-brand-700 hover:underline">
          Open the new endpoint
        </Link>
      ) : null}
    </form>
  );
}
