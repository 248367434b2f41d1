"use client";

import { useActionState } from "react";

import { rescreenAction, uploadSanctionsListAction } from "@/app/(admin)/admin/sanctions/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field, fileInputClass } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/http/action-state";

export function UploadSanctionsListForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(uploadSanctionsListAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <Field
        id="file"
        label="Sanctions list (CSV)"
        hint={
          <>
            OpenSanctions <code>targets.simple.csv</code> layout, up to 20 MB. Everyone is screened again once it is loaded.
          </>
        }
      >
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            className={fileInputClass}
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Loading and screening…" : "Upload and re-screen"}
      </Button>
      <ActionMessage state={state} boxed />
    </form>
  );
}

export function RescreenForm() {
  const [state, action, pending] = useActionState<ActionState>(rescreenAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Screening…" : "Re-screen everyone now"}
      </Button>
      <ActionMessage state={state} boxed />
    </form>
  );
}
