"use client";

import { useActionState } from "react";

import { rescreenAction, uploadSanctionsListAction } from "@/app/(admin)/admin/sanctions/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { IDLE, type ActionState } from "@/lib/http/action-state";

const BUTTON =
  "rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60";

export function UploadSanctionsListForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(uploadSanctionsListAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <div className="space-y-1">
        <label htmlFor="file" className="block text-sm font-medium text-slate-800">
          Sanctions list (CSV)
        </label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby="file-hint"
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        />
        <p id="file-hint" className="text-sm text-slate-600">
          OpenSanctions <code>targets.simple.csv</code> layout, up to 20 MB. Everyone is screened again once it is loaded.
        </p>
      </div>
      <button type="submit" disabled={pending} className={BUTTON}>
        {pending ? "Loading and screening…" : "Upload and re-screen"}
      </button>
      <ActionMessage state={state} boxed />
    </form>
  );
}

export function RescreenForm() {
  const [state, action, pending] = useActionState<ActionState>(rescreenAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
      >
        {pending ? "Screening…" : "Re-screen everyone now"}
      </button>
      <ActionMessage state={state} boxed />
    </form>
  );
}
