"use client";

import { useActionState } from "react";

import { savePartnerAction, setPartnerStatusAction } from "@/app/(admin)/admin/partners/actions";
import { ITEM_INFO, ITEMS } from "@/lib/items/items";
import { ActionMessage } from "@/components/ui/action-message";
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
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form action={action} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4" aria-label={mode === "register" ? "Register a partner" : "Edit partner"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">OCID</span>
          {mode === "update" ? <input type="hidden" name="ocid" value={initial?.ocid} /> : null}
          <input name={mode === "register" ? "ocid" : undefined} inputMode="numeric" pattern="[0-9]+" required defaultValue={initial?.ocid} disabled={mode === "update"} className={`${field} disabled:bg-slate-100`} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Name</span>
          <input name="name" required maxLength={200} defaultValue={initial?.name} className={field} />
        </label>
        <label className="grid gap-1 text-sm sm:col-span-2">
          <span className="font-medium text-slate-700">Metadata URL</span>
          <input name="metadataUrl" type="url" required defaultValue={initial?.metadataUrl} placeholder="https://partner.example/metadata.json" className={field} />
        </label>
        <label className="grid gap-1 text-sm sm:col-span-2">
          <span className="font-medium text-slate-700">Callback origins</span>
          <textarea name="callbackOrigins" rows={2} defaultValue={initial?.callbackOrigins.join("\n")} placeholder="https://partner.example (one per line)" className={field} />
        </label>
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
      <label className="grid gap-1 text-sm sm:max-w-xs">
        <span className="font-medium text-slate-700">Rate limit (requests per minute)</span>
        <input name="rateLimitPerMinute" type="number" inputMode="numeric" min={1} max={1_000_000} required defaultValue={initial?.rateLimitPerMinute ?? 600} className={field} />
        <span className="text-xs text-slate-500">On the OCN routes, across all instances; over it the partner gets 429 RATE_LIMITED.</span>
      </label>
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
      <label className="grid gap-1 text-sm">
        <span className="font-medium text-slate-700">Retention note</span>
        <textarea name="retentionNote" rows={2} maxLength={2000} defaultValue={initial?.retentionNote ?? ""} className={field} />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Checking metadata…" : mode === "register" ? "Register partner" : "Save changes"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}

/** Suspend or reactivate; says so when it did not work. */
export function PartnerStatusForm({ ocid, suspended }: { ocid: number; suspended: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setPartnerStatusAction, IDLE);
  return (
    <form action={action} className="grid justify-items-end gap-1">
      <input type="hidden" name="ocid" value={ocid} />
      <input type="hidden" name="status" value={suspended ? "active" : "suspended"} />
      <button
        type="submit"
        disabled={pending}
        className={`${suspended ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-red-300 text-red-800 hover:bg-red-50"} rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50`}
      >
        {suspended ? "Reactivate" : "Suspend"}
      </button>
      {state.ok ? null : <ActionMessage state={state} />}
    </form>
  );
}
