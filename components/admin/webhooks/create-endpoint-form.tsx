"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";

import { createEndpointAction, type WebhookFormState } from "@/app/(admin)/admin/webhooks/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormOutcome, OneTimeSecret } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { ACCOUNT_EVENTS, PARTNER_EVENTS } from "@/lib/events/types";

type Owners = { partners: { ocid: number; name: string }[]; accounts: { id: string; name: string }[] };
/** The owner the form starts with (from an owner's page); an unknown one leaves the list's first. */
export type Owner = { kind: "partner"; ocid: number } | { kind: "account"; id: string };

/** A new endpoint for a partner (OCN-signed deliveries) or an API account (Standard Webhooks, with a secret shown once). */
export function CreateEndpointForm({ owners, initial }: { owners: Owners; initial?: Owner }) {
  const [state, action, pending] = useActionState<WebhookFormState, FormData>(createEndpointAction, IDLE);
  const [kind, setKind] = useState<"partner" | "account">(initial?.kind ?? "partner");
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
      <Field id="webhook-owner" label={kind === "partner" ? "Partner" : "API account"} error={errors.owner}>
        {(control) =>
          kind === "partner" ? (
            <select {...control} name="partnerOcid" className={select} defaultValue={initial?.kind === "partner" ? initial.ocid : undefined}>
              {owners.partners.map((partner) => (
                <option key={partner.ocid} value={partner.ocid}>
                  {partner.name} ({partner.ocid})
                </option>
              ))}
            </select>
          ) : (
            <select {...control} name="accountId" className={select} defaultValue={initial?.kind === "account" ? initial.id : undefined}>
              {owners.accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          )
        }
      </Field>
      <Field id="webhook-url" label="URL" error={errors.url}>
        {(control) => <input {...control} name="url" type="url" required placeholder="https://gateway.example/attest/webhooks" className={`${inputClass} max-w-xl`} />}
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.eventTypes ? "webhook-events-error" : undefined}>
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
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create endpoint"}
      </Button>
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
