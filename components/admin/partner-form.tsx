"use client";

import { useActionState } from "react";

import { savePartnerAction, setPartnerStatusAction } from "@/app/(admin)/admin/partners/actions";
import { ITEM_INFO, ITEMS } from "@/lib/items/items";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { compactInputClass, Field } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/http/action-state";

export type PartnerFormValues = {
  ocid: number;
  name: string;
  metadataUrl: string;
  callbackOrigins: string[];
  allowedGrants: string[] | null;
  fullDocumentNumbers: boolean;
  retentionNote: string | null;
  itemPurposes: Record<string, string>;
  rateLimitPerMinute: number;
};

/** Register or edit a partner; the server fetches its metadata and checks the signature on save. */
export function PartnerForm({ mode, initial }: { mode: "register" | "update"; initial?: PartnerFormValues }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(savePartnerAction.bind(null, mode), IDLE);
  const allowed = new Set(initial?.allowedGrants ?? ITEMS);
  const field = compactInputClass;
  return (
    <Card>
      <form action={action} className="space-y-4" aria-label={mode === "register" ? "Register a partner" : "Edit partner"}>
        <div className="grid gap-4 sm:grid-cols-2">
          {mode === "update" ? <input type="hidden" name="ocid" value={initial?.ocid} /> : null}
          <Field id={`${mode}-partner-ocid`} label="OCID" className="grid gap-1">
            {(control) => (
              <input {...control} name={mode === "register" ? "ocid" : undefined} inputMode="numeric" pattern="[0-9]+" required defaultValue={initial?.ocid} disabled={mode === "update"} className={`${field} disabled:bg-slate-100`} />
            )}
          </Field>
          <Field id={`${mode}-partner-name`} label="Name" className="grid gap-1">
            {(control) => <input {...control} name="name" required maxLength={200} defaultValue={initial?.name} className={field} />}
          </Field>
          <Field id={`${mode}-partner-metadata`} label="Metadata URL" className="grid gap-1 sm:col-span-2">
            {(control) => <input {...control} name="metadataUrl" type="url" required defaultValue={initial?.metadataUrl} placeholder="https://partner.example/metadata.json" className={field} />}
          </Field>
          <Field id={`${mode}-partner-origins`} label="Callback origins" className="grid gap-1 sm:col-span-2">
            {(control) => <textarea {...control} name="callbackOrigins" rows={2} defaultValue={initial?.callbackOrigins.join("\n")} placeholder="https://partner.example (one per line)" className={field} />}
          </Field>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Allowed grants</legend>
          <div className="grid gap-1 sm:grid-cols-3">
            {ITEMS.map((item) => (
              <label key={item} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="allowedGrants" value={item} defaultChecked={allowed.has(item)} className="size-4" />
                {ITEM_INFO[item].label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="fullDocumentNumbers" defaultChecked={initial?.fullDocumentNumbers ?? false} className="size-4" />
          Full document numbers (otherwise masked except the last 4 characters)
        </label>
        <Field
          id={`${mode}-partner-rate-limit`}
          label="Rate limit (requests per minute)"
          hint="On the OCN routes, across all instances; over it the partner gets 429 RATE_LIMITED."
          className="grid gap-1 sm:max-w-xs"
        >
          {(control) => <input {...control} name="rateLimitPerMinute" type="number" inputMode="numeric" min={1} max={1_000_000} required defaultValue={initial?.rateLimitPerMinute ?? 600} className={field} />}
        </Field>
        <details className="space-y-2 text-sm" open={Object.keys(initial?.itemPurposes ?? {}).length > 0}>
          <summary className="cursor-pointer font-medium text-slate-700">Stated purposes (optional, shown to the person on the consent page)</summary>
          <div className="grid gap-2 pt-2 sm:grid-cols-2">
            {ITEMS.map((item) => (
              <label key={item} className="grid gap-1">
                <span className="text-slate-700">Why it asks for: {ITEM_INFO[item].label}</span>
                <input name={`purpose_${item}`} maxLength={300} defaultValue={initial?.itemPurposes[item] ?? ""} className={field} />
              </label>
            ))}
          </div>
        </details>
        <Field id={`${mode}-partner-retention`} label="Retention note" className="grid gap-1">
          {(control) => <textarea {...control} name="retentionNote" rows={2} maxLength={2000} defaultValue={initial?.retentionNote ?? ""} className={field} />}
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" size="sm" disabled={pending}>
            {pending ? "Checking metadata…" : mode === "register" ? "Register partner" : "Save changes"}
          </Button>
          <ActionMessage state={state} />
        </div>
      </form>
    </Card>
  );
}

/** Suspend or reactivate; says so when it did not work. */
export function PartnerStatusForm({ ocid, suspended }: { ocid: number; suspended: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setPartnerStatusAction, IDLE);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="ocid" value={ocid} />
      <input type="hidden" name="status" value={suspended ? "active" : "suspended"} />
      <Button type="submit" size="sm" variant={suspended ? "primary" : "danger"} disabled={pending}>
        {suspended ? "Reactivate" : "Suspend"}
      </Button>
      {state.ok ? null : <ActionMessage state={state} />}
    </form>
  );
}
